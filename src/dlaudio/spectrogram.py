"""Frames, windows and the short-time Fourier transform, laid out as librosa lays them out.

The STFT cuts the signal into overlapping frames of ``n_fft`` samples, one
every ``hop_length`` samples, multiplies each by a window and takes its real
FFT. Column ``t`` of the result is the spectrum of frame ``t``, so the
layout is ``(1 + n_fft // 2, n_frames)``: frequency down, time across, as
in ``librosa.stft``.

With ``center=True`` (the default, as in librosa) the signal is first padded
by ``n_fft // 2`` samples on each side, so frame ``t`` is centred on sample
``t * hop_length`` and there are ``1 + len(y) // hop_length`` frames (for an
even ``n_fft``): not ``len(y) / hop_length``.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._checks import choice, fft_length, finite_real, positive_int, signal

__all__ = ["PAD_MODES", "WINDOWS", "frame", "hann", "istft", "power_spectrogram", "stft"]

#: The ``pad_mode`` values ``stft`` accepts (``numpy.pad`` modes). librosa's
#: default since 0.9 is ``"constant"`` (zeros); before, ``"reflect"``.
PAD_MODES = ("constant", "reflect", "symmetric", "edge")
#: The window names ``stft`` accepts; any array of length ``win_length`` works too.
WINDOWS = ("hann", "rectangular", "boxcar")

# Frames transformed per call to numpy.fft: about 0.5 MB of windowed samples,
# small enough to stay in cache between the multiplication and the FFT.
_BLOCK_SAMPLES = 2**16


def frame(y, frame_length, hop_length):
    """Overlapping frames of ``y`` as columns: shape ``(frame_length, n_frames)``.

    Column ``t`` is ``y[t * hop_length : t * hop_length + frame_length]``,
    and ``n_frames = 1 + (len(y) - frame_length) // hop_length``: the layout
    of ``librosa.util.frame``. Nothing is padded; see ``stft`` for ``center``.

    The result is a read-only view into ``y`` (no samples are copied, frames
    share memory where they overlap): copy it before writing into it.

    Parameters
    ----------
    y : array_like
        A 1-D signal, at least ``frame_length`` samples long.
    frame_length : int
        Samples per frame.
    hop_length : int
        Samples between the starts of successive frames.

    Returns
    -------
    numpy.ndarray
        The frames as columns, shape ``(frame_length, n_frames)``.

    Examples
    --------
    >>> frame(np.arange(7.0), frame_length=3, hop_length=2)
    array([[0., 2., 4.],
           [1., 3., 5.],
           [2., 4., 6.]])
    """
    y = signal(y)
    frame_length = positive_int(frame_length, "frame_length")
    hop_length = positive_int(hop_length, "hop_length")
    if y.size < frame_length:
        raise ValueError(f"frame_length={frame_length} is longer than the signal y ({y.size} samples)")
    return sliding_window_view(y, frame_length)[::hop_length].T


def hann(n, periodic=True):
    """The Hann window :math:`w[m] = \\tfrac12 - \\tfrac12 \\cos(2\\pi m / M)`, ``m = 0 .. n-1``.

    Parameters
    ----------
    n : int
        Number of points.
    periodic : bool
        ``True`` (the default, what ``librosa.stft`` uses): :math:`M = n`,
        one period of the cosine, the same as
        ``scipy.signal.get_window('hann', n, fftbins=True)``; the window
        repeats seamlessly, which is what a DFT frame assumes.
        ``False``: :math:`M = n - 1`, symmetric with a zero at both ends,
        the same as ``numpy.hanning(n)``.

    Returns
    -------
    numpy.ndarray
        The ``n`` values of the window, float64.

    Examples
    --------
    >>> hann(4)
    array([0. , 0.5, 1. , 0.5])
    >>> hann(4, periodic=False)
    array([0.  , 0.75, 0.75, 0.  ])
    """
    n = positive_int(n, "n")
    if not isinstance(periodic, (bool, np.bool_)):
        raise TypeError(f"periodic must be True or False, got {type(periodic).__name__}")
    if n == 1:
        return np.ones(1)
    # scipy's formula, 0.5 + 0.5 cos(x) for x from -pi, so the values match
    # librosa's window to the last bit.
    if periodic:
        return 0.5 + 0.5 * np.cos(np.linspace(-np.pi, np.pi, n + 1)[:-1])
    return 0.5 + 0.5 * np.cos(np.linspace(-np.pi, np.pi, n))


def _fft_window(window, win_length, n_fft):
    """The analysis window, centred and zero-padded to ``n_fft`` samples."""
    if isinstance(window, str):
        choice(window, "window", WINDOWS)
        w = hann(win_length) if window == "hann" else np.ones(win_length)
    else:
        try:
            w = np.asarray(window, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError("window must be a window name or an array of real numbers") from None
        if w.shape != (win_length,):
            raise ValueError(f"window must be a 1-D array of win_length={win_length} samples, got shape {w.shape}")
        if not np.all(np.isfinite(w)):
            raise ValueError("window must contain only finite values (no NaN or inf)")
    left = (n_fft - win_length) // 2
    return np.pad(w, (left, n_fft - win_length - left))


def stft(y, *, n_fft=2048, hop_length=512, win_length=None, window="hann", center=True, pad_mode="constant"):
    """The short-time Fourier transform, ``librosa.stft``'s numbers and layout.

    Parameters
    ----------
    y : array_like
        A 1-D mono signal, finite, not empty (float32 is computed in float64).
    n_fft : int
        Samples per frame, and the FFT length. With ``center=True`` it may
        exceed the length of ``y`` (the frames are then mostly padding), up
        to ``max(2**16, 2 * len(y))``; a larger one is refused.
    hop_length : int
        Samples between the starts of successive frames.
    win_length : int, optional
        Length of the window, ``<= n_fft``; it is centred in the frame and
        zero-padded to ``n_fft``. Default ``n_fft``.
    window : {"hann", "rectangular", "boxcar"} or array_like
        ``"hann"`` is the periodic Hann window (``hann(win_length)``), as in
        librosa. ``"rectangular"`` (= ``"boxcar"``) multiplies by ones, i.e.
        no window, and leaks. Or an array of ``win_length`` values, for example
        ``hann(n_fft, periodic=False)`` for numpy's symmetric ``np.hanning``.
    center : bool
        ``True``: pad ``n_fft // 2`` samples on each side first, so frame
        ``t`` is centred on sample ``t * hop_length``; there are
        ``1 + len(y) // hop_length`` frames (even ``n_fft``). ``False``:
        frame ``t`` starts at sample ``t * hop_length``, there are
        ``1 + (len(y) - n_fft) // hop_length`` frames, and ``y`` must hold
        at least ``n_fft`` samples.
    pad_mode : {"constant", "reflect", "symmetric", "edge"}
        How ``center`` pads: ``"constant"`` with zeros (librosa's default
        since 0.9), ``"reflect"`` with the mirrored signal (librosa < 0.9).
        The whole signal is padded with ``numpy.pad``. (librosa 0.11 pads
        the end frames from a piece of the signal; with ``"reflect"`` and
        ``hop_length >= n_fft / 2`` that piece can be too short to mirror
        and its last frame then differs from this definition.)

    Returns
    -------
    numpy.ndarray
        Complex128, shape ``(1 + n_fft // 2, n_frames)``: row ``k`` is the
        frequency ``k * sr / n_fft`` Hz, column ``t`` the frame.

    Examples
    --------
    One second at 22 050 Hz gives ``1 + 22050 // 512 = 44`` frames. Frame 2
    is centred on sample 1024 and lies wholly inside a constant signal, so its
    0 Hz bin is the sum of the Hann window, ``n_fft / 2``:

    >>> D = stft(np.ones(22050), n_fft=2048, hop_length=512)
    >>> D.shape, D.dtype
    ((1025, 44), dtype('complex128'))
    >>> D[0, 2].real
    1024.0
    """
    return _spectra(y, n_fft, hop_length, win_length, window, center, pad_mode, None)


def _spectra(y, n_fft, hop_length, win_length, window, center, pad_mode, power):
    """Checked STFT, or ``|STFT| ** power`` when ``power`` is given, one block of frames at a time.

    Each block is windowed, transformed and (for a power) reduced while it
    is still in the cache; the full complex matrix is never built for a power
    spectrogram.
    """
    y = signal(y)
    n_fft = positive_int(n_fft, "n_fft")
    hop_length = positive_int(hop_length, "hop_length")
    win_length = n_fft if win_length is None else positive_int(win_length, "win_length")
    if win_length > n_fft:
        raise ValueError(f"win_length={win_length} must be <= n_fft={n_fft}")
    if not isinstance(center, (bool, np.bool_)):
        raise TypeError(f"center must be True or False, got {type(center).__name__}")
    choice(pad_mode, "pad_mode", PAD_MODES)
    if center:
        fft_length(n_fft, y.size)
    elif y.size < n_fft:
        raise ValueError(
            f"n_fft={n_fft} is longer than the signal y ({y.size} samples) with center=False; "
            "use center=True or a smaller n_fft"
        )
    window = _fft_window(window, win_length, n_fft)
    if center:
        y = np.pad(y, n_fft // 2, mode=pad_mode)
    frames = sliding_window_view(y, n_fft)[::hop_length]  # (n_frames, n_fft), a view
    n_bins = 1 + n_fft // 2
    block = max(1, _BLOCK_SAMPLES // n_fft)
    if power is None:
        out = np.empty((frames.shape[0], n_bins), dtype=np.complex128)
    else:
        out = np.empty((frames.shape[0], n_bins))
        spectra = np.empty((min(block, frames.shape[0]), n_bins), dtype=np.complex128)
    # A finite but huge signal can overflow; that is reported below as the
    # signal's fault, not as numpy's RuntimeWarnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, frames.shape[0], block):
            rows = slice(start, start + block)
            windowed = frames[rows] * window
            if power is None:
                values = np.fft.rfft(windowed, axis=-1, out=out[rows]).view(np.float64)
            else:
                values = np.abs(np.fft.rfft(windowed, axis=-1, out=spectra[: windowed.shape[0]]), out=out[rows])
                if power != 1.0:
                    values **= power  # as librosa: np.abs(D) ** power
            # max is NaN or inf if any value is; powers are >= 0, so only a STFT needs min too.
            if not np.isfinite(values.max()) or (power is None and not np.isfinite(values.min())):
                what = "STFT" if power is None else f"|STFT| ** {power:g}"
                raise ValueError(
                    f"y is too loud for float64: its {what} overflows (largest |y| "
                    f"{np.max(np.abs(y)):.3g}); scale it down, e.g. y / np.max(np.abs(y))"
                )
    return out.T


def power_spectrogram(
    y, *, n_fft=2048, hop_length=512, win_length=None, window="hann", center=True, pad_mode="constant", power=2.0
):
    """``abs(stft(y, ...)) ** power``: the power (``power=2``) or magnitude (``power=1``) spectrogram.

    This is the spectrogram ``librosa.feature.melspectrogram`` starts from.

    Parameters
    ----------
    y : array_like
        A 1-D mono signal, as in ``stft``.
    n_fft, hop_length, win_length, window, center, pad_mode : as in stft
        The framing and the window.
    power : float
        The exponent, > 0: 2 for power, 1 for magnitude.

    Returns
    -------
    numpy.ndarray
        float64, shape ``(1 + n_fft // 2, n_frames)``.

    Examples
    --------
    >>> S = power_spectrogram(np.ones(22050))
    >>> S.shape, S[0, 2]
    ((1025, 44), 1048576.0)
    >>> power_spectrogram(np.ones(22050), power=1.0)[0, 2]
    1024.0
    """
    power = finite_real(power, "power")
    if power <= 0:
        raise ValueError(f"power must be > 0, got {power}")
    return _spectra(y, n_fft, hop_length, win_length, window, center, pad_mode, power)


def istft(D, *, hop_length=None, win_length=None, n_fft=None, window="hann", center=True, length=None):
    """The inverse STFT: frames back to a signal by overlap-add, ``librosa.istft``'s numbers.

    Each column is turned back into a frame by the inverse real FFT,
    multiplied by the window once more, and added in at its place; the sum
    is then divided by the sum of the squared windows that overlap there
    (Griffin and Lim 1984). Where that sum is 0 the samples are left as they
    are. With the analysis parameters of ``stft``, ``istft(stft(y))`` is
    ``y`` again up to rounding, wherever the windows overlap enough to cover
    it (``hop_length <= win_length / 2`` for the Hann window).

    Parameters
    ----------
    D : array_like
        Complex, shape ``(1 + n_fft // 2, n_frames)``, as ``stft`` returns it.
    hop_length : int, optional
        Samples between frames; default ``win_length // 4`` (librosa's).
    win_length : int, optional
        Length of the window; default ``n_fft``.
    n_fft : int, optional
        The FFT length; default ``2 * (D.shape[0] - 1)``.
    window : {"hann", "rectangular", "boxcar"} or array_like
        The analysis window ``stft`` used.
    center : bool
        Whether ``stft`` padded the signal by ``n_fft // 2`` on each side:
        that much is cut off again.
    length : int, optional
        Cut or zero-pad the result to exactly this many samples, the length
        of the original signal; default: what the frames cover.

    Returns
    -------
    numpy.ndarray
        1-D float64 samples.

    Examples
    --------
    A round trip: the signal back to rounding.

    >>> y = np.random.default_rng(0).standard_normal(1000)
    >>> back = istft(stft(y, n_fft=256, hop_length=64), hop_length=64, length=y.size)
    >>> bool(np.max(np.abs(back - y)) < 1e-12)
    True
    """
    D = np.asarray(D)
    if D.ndim != 2 or D.shape[0] < 2 or D.shape[1] < 1:
        raise ValueError(f"D must be a 2-D STFT of shape (1 + n_fft // 2, n_frames), got shape {D.shape}")
    if not np.iscomplexobj(D) and not np.issubdtype(D.dtype, np.number):
        raise TypeError(f"D must hold complex numbers, got {D.dtype}")
    if not np.all(np.isfinite(D)):
        raise ValueError("D must contain only finite values (no NaN or inf)")
    n_fft = 2 * (D.shape[0] - 1) if n_fft is None else positive_int(n_fft, "n_fft")
    if D.shape[0] != 1 + n_fft // 2:
        raise ValueError(f"D has {D.shape[0]} rows; n_fft={n_fft} needs 1 + n_fft // 2 = {1 + n_fft // 2}")
    win_length = n_fft if win_length is None else positive_int(win_length, "win_length")
    if win_length > n_fft:
        raise ValueError(f"win_length={win_length} must be <= n_fft={n_fft}")
    hop_length = max(win_length // 4, 1) if hop_length is None else positive_int(hop_length, "hop_length")
    w = _fft_window(window, win_length, n_fft)
    pad = n_fft // 2 if center else 0
    n_frames = D.shape[1]
    if length is not None:
        length = positive_int(length, "length")
        n_frames = min(n_frames, -(-(length + 2 * pad) // hop_length))
    frames = w[:, None] * np.fft.irfft(D[:, :n_frames], n=n_fft, axis=0)
    total = n_fft + hop_length * (n_frames - 1)
    y = np.zeros(total)
    norm = np.zeros(total)
    # One slice-add per frame, in order, as librosa's overlap-add makes them.
    for t in range(n_frames):
        y[t * hop_length : t * hop_length + n_fft] += frames[:, t]
        norm[t * hop_length : t * hop_length + n_fft] += w**2
    covered = norm > np.finfo(np.float64).tiny
    y[covered] /= norm[covered]
    y = y[pad:]
    if length is None:
        return y[: max(total - 2 * pad, 0)]
    return np.pad(y[:length], (0, max(length - y.size, 0)))
