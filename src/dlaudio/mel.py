"""The mel scale, the triangular mel filterbank and the mel spectrogram, as librosa builds them.

The mel scale spaces frequencies as the ear spaces pitch. Two formulas are in
use and they give different numbers:

- Slaney (librosa's default, from the Auditory Toolbox): linear below
  1 kHz, :math:`m = f / (200/3)`, so 1 kHz is 15 mel; logarithmic above, a
  step of :math:`\\ln 6.4 / 27` in :math:`\\ln f` per mel.
- HTK (``htk=True``): :math:`m = 2595 \\log_{10}(1 + f / 700)`.

A mel filterbank is ``n_mels`` triangles, evenly spaced in mel, each rising
from one mel frequency to the next and falling to the one after. With
``norm="slaney"`` each triangle is scaled by :math:`2 / (f_{i+2} - f_i)` so
it has the same area: wide high-frequency filters do not collect more energy
just for being wide. The mel spectrogram is then one more matrix product,
``np.dot(mel_filterbank(...), power_spectrogram(y))``.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._checks import finite_array, finite_real, positive_int, sample_rate
from .fourier import fft_frequencies
from .spectrogram import power_spectrogram

__all__ = [
    "EmptyMelFilterWarning",
    "hz_to_mel",
    "mel_filterbank",
    "mel_frequencies",
    "mel_to_hz",
    "melspectrogram",
]

# Slaney's scale: linear up to 1 kHz, logarithmic above.
_F_SP = 200.0 / 3
_MIN_LOG_HZ = 1000.0
_MIN_LOG_MEL = _MIN_LOG_HZ / _F_SP
_LOGSTEP = np.log(6.4) / 27.0

NORMS = ("slaney", None)


class EmptyMelFilterWarning(UserWarning):
    """Some mel filters fall between two FFT bins and are all zeros.

    Too many mels for the frequency resolution ``sr / n_fft``: raise
    ``n_fft`` or lower ``n_mels``. Those mel bands will be silent (librosa
    gives the same warning, as a plain ``UserWarning``).
    """


def _frequencies(values, name):
    """``values`` as a 1-D float64 array (>= 0), and a function restoring their shape."""
    array = finite_array(values, name)
    if np.any(array < 0):
        raise ValueError(f"{name} must be >= 0")
    return array.ravel().copy(), lambda out: out.reshape(array.shape)[()]


def _htk(htk):
    if not isinstance(htk, (bool, np.bool_)):
        raise TypeError(f"htk must be True or False, got {type(htk).__name__}")
    return bool(htk)


def hz_to_mel(frequencies, htk=False):
    """Frequencies in Hz to mels: Slaney's scale (librosa's default) or HTK's.

    Parameters
    ----------
    frequencies : float or array_like
        Frequencies in Hz, >= 0.
    htk : bool
        ``False``: Slaney's mel scale; ``True``: HTK's.

    Returns
    -------
    float or numpy.ndarray
        The mels, a number for a number, else shaped like ``frequencies``.

    Examples
    --------
    >>> hz_to_mel([0.0, 500.0, 1000.0, 4000.0])
    array([ 0.        ,  7.5       , 15.        , 35.16376031])
    >>> hz_to_mel(1000.0, htk=True)
    999.9855371396244
    """
    f, shaped = _frequencies(frequencies, "frequencies")
    if _htk(htk):
        return shaped(2595.0 * np.log10(1.0 + f / 700.0))
    mels = f / _F_SP
    log_t = f >= _MIN_LOG_HZ
    mels[log_t] = _MIN_LOG_MEL + np.log(f[log_t] / _MIN_LOG_HZ) / _LOGSTEP
    return shaped(mels)


def mel_to_hz(mels, htk=False):
    """Mels to frequencies in Hz, the inverse of ``hz_to_mel``.

    Parameters
    ----------
    mels : float or array_like
        Mel values, >= 0.
    htk : bool
        ``False``: Slaney's mel scale; ``True``: HTK's.

    Returns
    -------
    float or numpy.ndarray
        The frequencies in Hz, a number for a number, else shaped like
        ``mels``.

    Examples
    --------
    >>> mel_to_hz([0.0, 7.5, 15.0, 30.0])
    array([   0.        ,  500.        , 1000.        , 2804.64413074])
    """
    m, shaped = _frequencies(mels, "mels")
    if _htk(htk):
        return shaped(700.0 * (10.0 ** (m / 2595.0) - 1.0))
    freqs = _F_SP * m
    log_t = m >= _MIN_LOG_MEL
    freqs[log_t] = _MIN_LOG_HZ * np.exp(_LOGSTEP * (m[log_t] - _MIN_LOG_MEL))
    return shaped(freqs)


def _band(fmin, fmax, nyquist=None):
    fmin = finite_real(fmin, "fmin")
    fmax = finite_real(fmax, "fmax")
    if fmin < 0:
        raise ValueError(f"fmin must be >= 0 Hz, got {fmin}")
    if nyquist is not None and fmax > nyquist:
        raise ValueError(f"fmax={fmax} Hz is above the Nyquist frequency sr / 2 = {nyquist} Hz")
    if fmin >= fmax:
        raise ValueError(f"fmin must be below fmax, got fmin={fmin} Hz, fmax={fmax} Hz")
    return fmin, fmax


def mel_frequencies(n_mels=128, fmin=0.0, fmax=11025.0, htk=False):
    """``n_mels`` frequencies in Hz, evenly spaced on the mel scale from ``fmin`` to ``fmax``.

    Parameters
    ----------
    n_mels : int
        How many frequencies.
    fmin, fmax : float
        The first and the last, in Hz, ``0 <= fmin < fmax``.
    htk : bool
        ``False``: Slaney's mel scale; ``True``: HTK's.

    Returns
    -------
    numpy.ndarray
        The ``n_mels`` frequencies in Hz.

    Examples
    --------
    >>> mel_frequencies(5, fmin=0.0, fmax=8000.0)
    array([   0.        ,  754.09400787, 1688.90846266, 3675.76763429,
           8000.        ])
    """
    n_mels = positive_int(n_mels, "n_mels")
    fmin, fmax = _band(fmin, fmax)
    htk = _htk(htk)
    mels = np.linspace(hz_to_mel(fmin, htk=htk), hz_to_mel(fmax, htk=htk), n_mels)
    return np.atleast_1d(mel_to_hz(mels, htk=htk))


def mel_filterbank(sr, n_fft, n_mels=128, fmin=0.0, fmax=None, htk=False, norm="slaney"):
    """The ``(n_mels, 1 + n_fft // 2)`` matrix of triangular mel filters.

    Row ``i`` is the triangle through the mel frequencies
    :math:`f_i, f_{i+1}, f_{i+2}` (``mel_frequencies(n_mels + 2, fmin, fmax)``),
    sampled at the FFT bin frequencies ``fft_frequencies(sr, n_fft)``: 0 at
    :math:`f_i`, 1 at :math:`f_{i+1}`, 0 at :math:`f_{i+2}`. Equal to
    ``librosa.filters.mel(sr=sr, n_fft=n_fft, ..., dtype=np.float64)``
    (librosa's default dtype is float32).

    Parameters
    ----------
    sr : int
        Sample rate in Hz.
    n_fft : int
        FFT length of the spectrogram the filters apply to.
    n_mels : int
        Number of filters, at most ``1 + n_fft // 2`` (the number of bins).
    fmin, fmax : float
        Lowest and highest frequency in Hz, ``0 <= fmin < fmax <= sr / 2``;
        ``fmax=None`` is ``sr / 2``.
    htk : bool
        ``False``: Slaney's mel scale (librosa's default); ``True``: HTK's.
    norm : {"slaney", None}
        ``"slaney"`` scales each triangle by :math:`2 / (f_{i+2} - f_i)`
        (equal area); ``None`` leaves every peak at 1.

    Returns
    -------
    numpy.ndarray
        The filters as rows, shape ``(n_mels, 1 + n_fft // 2)``, float64.

    Warns
    -----
    EmptyMelFilterWarning
        When a filter falls between two FFT bins and is all zeros.

    Examples
    --------
    >>> M = mel_filterbank(22050, 2048)
    >>> M.shape
    (128, 1025)

    Two filters over the five bins (0, 1000, ..., 4000 Hz) of ``n_fft=8``
    at 8 kHz; their corners are ``mel_frequencies(4, fmax=4000.0)``, 0, 781,
    1787 and 4000 Hz (``+ 0.0`` turns the ``-0.0`` of rounding into ``0.0``):

    >>> np.round(mel_filterbank(8000, 8, n_mels=2, norm=None), 3) + 0.0
    array([[0.   , 0.783, 0.   , 0.   , 0.   ],
           [0.   , 0.217, 0.904, 0.452, 0.   ]])
    """
    sr = sample_rate(sr)
    n_fft = positive_int(n_fft, "n_fft")
    n_mels = positive_int(n_mels, "n_mels")
    n_bins = 1 + n_fft // 2
    if n_mels > n_bins:
        raise ValueError(f"n_mels={n_mels} is more filters than the {n_bins} frequency bins of n_fft={n_fft}")
    fmin, fmax = _band(fmin, sr / 2 if fmax is None else fmax, nyquist=sr / 2)
    htk = _htk(htk)
    if norm not in NORMS:
        raise ValueError(f"norm must be 'slaney' or None, got {norm!r}")
    fftfreqs = fft_frequencies(sr, n_fft)
    mel_f = mel_frequencies(n_mels + 2, fmin=fmin, fmax=fmax, htk=htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    # librosa's loop over filters, all rows at once: the same operations.
    lower = -ramps[:-2] / fdiff[:-1, np.newaxis]
    upper = ramps[2:] / fdiff[1:, np.newaxis]
    weights = np.maximum(0, np.minimum(lower, upper))
    if norm == "slaney":
        weights *= (2.0 / (mel_f[2:] - mel_f[:-2]))[:, np.newaxis]
    if not np.all((mel_f[:-2] == 0) | (weights.max(axis=1) > 0)):
        empty = np.flatnonzero((mel_f[:-2] != 0) & (weights.max(axis=1) == 0))
        warnings.warn(
            f"{empty.size} of the n_mels={n_mels} mel filters are empty (rows {empty.tolist()[:5]}"
            f"{'...' if empty.size > 5 else ''}): they fall between the FFT bins, "
            f"{sr / n_fft:g} Hz apart. Raise n_fft or lower n_mels.",
            EmptyMelFilterWarning,
            stacklevel=2,
        )
    return weights


def _spectrogram_input(y, S, n_fft, hop_length, stft_args):
    """The power spectrogram: computed from ``y``, or ``S`` checked against ``n_fft``."""
    if (y is None) == (S is None):
        raise ValueError("give exactly one of y (a signal) or S (a power spectrogram)")
    n_fft = positive_int(n_fft, "n_fft")
    if y is not None:
        return power_spectrogram(y, n_fft=n_fft, hop_length=hop_length, **stft_args)
    S = finite_array(S, "S")
    if S.ndim != 2:
        raise ValueError(f"S must be a 2-D (frequency, time) spectrogram, got shape {S.shape}")
    if S.shape[0] != 1 + n_fft // 2:
        raise ValueError(
            f"S has {S.shape[0]} frequency rows but n_fft={n_fft} gives {1 + n_fft // 2}; pass the n_fft that made S"
        )
    if np.any(S < 0):
        raise ValueError("S must be a power or magnitude spectrogram, >= 0")
    return S


def melspectrogram(
    *,
    y=None,
    sr=22050,
    S=None,
    n_fft=2048,
    hop_length=512,
    win_length=None,
    window="hann",
    center=True,
    pad_mode="constant",
    power=2.0,
    n_mels=128,
    fmin=0.0,
    fmax=None,
    htk=False,
    norm="slaney",
):
    """The mel spectrogram ``np.dot(mel_filterbank(...), S)``, shape ``(n_mels, n_frames)``.

    ``librosa.feature.melspectrogram`` with the same arguments and defaults.
    ``S`` is ``power_spectrogram(y, n_fft=..., hop_length=..., ...,
    power=power)``, or pass your own ``S`` (then ``y`` must be ``None`` and
    ``S`` must have ``1 + n_fft // 2`` rows: unlike librosa, a mismatched
    ``n_fft`` is an error, not silently replaced).

    Parameters
    ----------
    y : array_like, optional
        A 1-D mono signal; or leave it out and give ``S``.
    sr : int
        Sample rate in Hz.
    S : array_like, optional
        A power (or magnitude) spectrogram with ``1 + n_fft // 2`` rows,
        instead of ``y``.
    n_fft, hop_length, win_length, window, center, pad_mode : as in stft
        The STFT of ``y``.
    power : float
        The exponent of the spectrogram of ``y``, as in ``power_spectrogram``.
    n_mels, fmin, fmax, htk, norm : as in mel_filterbank
        The mel filters.

    Returns
    -------
    numpy.ndarray
        The mel spectrogram, shape ``(n_mels, n_frames)``.

    Examples
    --------
    >>> from dlaudio import tone
    >>> M = melspectrogram(y=tone(440.0, 1.0, 22050), sr=22050)
    >>> M.shape
    (128, 44)

    A 440 Hz tone lands in band 16, whose triangle peaks at
    ``mel_frequencies(n_mels + 2)[16 + 1]``, 438.5 Hz:

    >>> k = int(np.argmax(M[:, 20]))
    >>> k, mel_frequencies(130, fmax=11025.0)[k + 1].round(1)
    (16, 438.5)
    """
    stft_args = dict(win_length=win_length, window=window, center=center, pad_mode=pad_mode, power=power)
    S = _spectrogram_input(y, S, n_fft, hop_length, stft_args)
    weights = mel_filterbank(sr, n_fft, n_mels=n_mels, fmin=fmin, fmax=fmax, htk=htk, norm=norm)
    with np.errstate(over="ignore"):  # reported below, naming the input
        M = np.dot(weights, S)
    if not np.isfinite(M.max()):
        raise ValueError(
            f"{'y' if y is not None else 'S'} is too loud for float64: its mel spectrogram overflows; scale it down"
        )
    return M
