"""MFCCs: the DCT of the log-mel spectrogram, ``librosa.feature.mfcc``'s numbers.

The pipeline, each step one function of this library:

1. ``S = power_spectrogram(y)``: the power :math:`|STFT|^2`, shape
   ``(1 + n_fft // 2, t)``;
2. ``M = np.dot(mel_filterbank(sr, n_fft), S)``: the mel spectrogram, shape
   ``(n_mels, t)``;
3. ``M_db = power_to_db(M, top_db=80.0)``: the log, which turns source times
   filter into a sum;
4. ``mfcc = np.dot(dct_matrix(n_mels)[:n_mfcc], M_db)``: the first
   ``n_mfcc`` DCT coefficients of every frame, shape ``(n_mfcc, t)``.

Time runs along the columns, as in librosa: a model that wants one row per
frame needs ``mfcc(...).T``, shape ``(t, n_mfcc)``.
"""

from __future__ import annotations

import numpy as np

from ._checks import finite_array, non_negative_real, positive_int, positive_real
from .dct import dct_matrix
from .decibels import power_to_db
from .mel import melspectrogram

__all__ = ["mfcc", "mfcc_to_mel"]


def mfcc(
    *,
    y=None,
    sr=22050,
    S=None,
    n_mfcc=20,
    dct_norm="ortho",
    lifter=0.0,
    top_db=80.0,
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
    mel_norm="slaney",
    **unknown,
):
    """Mel-frequency cepstral coefficients, shape ``(n_mfcc, n_frames)``.

    Equal to ``librosa.feature.mfcc`` given the same arguments, defaults
    included (``dct_norm`` is librosa's ``norm``, and ``top_db`` the one its
    ``power_to_db`` step uses); the course's call ``mfcc(y=y, sr=sr,
    n_fft=2048, hop_length=512, n_mfcc=13)`` works as written.

    Parameters
    ----------
    y : array_like, optional
        The signal; or give ``S``.
    sr : int
        Its sample rate.
    S : array_like, optional
        A log-power mel spectrogram ``(n_mels, t)`` in dB, instead of ``y``
        (as in librosa; then the mel and STFT arguments are not used).
    n_mfcc : int
        How many coefficients to keep, at most ``n_mels``.
    dct_norm : {"ortho", None}
        The DCT's normalisation (``dct_matrix``), librosa's ``norm``
        argument of ``mfcc``. ``None`` is scipy's unnormalised DCT-II.
    lifter : float
        Cepstral liftering, >= 0: coefficient ``k`` (from 1) is scaled by
        ``1 + lifter / 2 * sin(pi * k / lifter)``. 0 (the default) leaves
        them alone.
    top_db : float or None
        ``power_to_db``'s clipping of the mel spectrogram (librosa: 80);
        ``None`` clips nothing.
    n_fft, hop_length, win_length, window, center, pad_mode, power : as in power_spectrogram
        The STFT's, as in ``stft`` and ``power_spectrogram``.
    n_mels, fmin, fmax, htk : as in mel_filterbank
        The filterbank's, as in ``mel_filterbank``.
    mel_norm : {"slaney", None}
        The filterbank's ``norm`` (librosa's ``mel_norm`` of ``mfcc``).
    **unknown
        Any other keyword argument, refused with a ``TypeError`` that says
        what went wrong (see Notes for ``norm``).

    Returns
    -------
    numpy.ndarray
        The coefficients, shape ``(n_mfcc, n_frames)``, float64.

    Notes
    -----
    There is no ``norm`` argument: in ``librosa.feature.mfcc`` it means the
    DCT's, in ``melspectrogram`` the filterbank's; say which, with
    ``dct_norm`` or ``mel_norm``.

    Examples
    --------
    >>> from dlaudio import chirp
    >>> y = chirp(100.0, 8000.0, 1.0, 22050)
    >>> C = mfcc(y=y, sr=22050, n_fft=2048, hop_length=512, n_mfcc=13)
    >>> C.shape
    (13, 44)
    >>> C.T.shape  # one row per frame, for a network
    (44, 13)
    """
    if unknown:
        if "norm" in unknown:
            raise TypeError(
                "mfcc has no norm= argument: it is ambiguous (librosa's mfcc uses it for the DCT, "
                "melspectrogram for the filterbank); use dct_norm= or mel_norm="
            )
        raise TypeError(f"mfcc got unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    n_mfcc = positive_int(n_mfcc, "n_mfcc")
    lifter = non_negative_real(lifter, "lifter")
    if dct_norm not in ("ortho", None):
        raise ValueError(f"dct_norm must be 'ortho' or None, got {dct_norm!r}")
    if S is None:
        n_mels = positive_int(n_mels, "n_mels")
        if n_mfcc > n_mels:
            raise ValueError(f"n_mfcc={n_mfcc} must be <= n_mels={n_mels}")
        S = power_to_db(
            melspectrogram(
                y=y,
                sr=sr,
                n_fft=n_fft,
                hop_length=hop_length,
                win_length=win_length,
                window=window,
                center=center,
                pad_mode=pad_mode,
                power=power,
                n_mels=n_mels,
                fmin=fmin,
                fmax=fmax,
                htk=htk,
                norm=mel_norm,
            ),
            top_db=top_db,
        )
    else:
        if y is not None:
            raise ValueError("give exactly one of y (a signal) or S (a log-power mel spectrogram)")
        S = finite_array(S, "S")
        if S.ndim != 2:
            raise ValueError(f"S must be a 2-D (n_mels, t) log-mel spectrogram, got shape {S.shape}")
        if n_mfcc > S.shape[0]:
            raise ValueError(f"n_mfcc={n_mfcc} must be <= the {S.shape[0]} mel bands of S")
    M = np.dot(dct_matrix(S.shape[0], norm=dct_norm)[:n_mfcc], S)
    if lifter > 0:
        M *= _lifter_weights(lifter, n_mfcc)[:, np.newaxis]
    return M


def _lifter_weights(lifter, n_mfcc):
    """Liftering's weight for each coefficient (HTK's sinusoidal lifter, as librosa)."""
    return 1 + (lifter / 2) * np.sin(np.pi * np.arange(1, 1 + n_mfcc) / lifter)


def mfcc_to_mel(mfcc, *, n_mels=128, dct_norm="ortho", ref=1.0, lifter=0.0):
    """The mel power spectrogram that ``n_mfcc`` coefficients describe: their envelope, shape ``(n_mels, t)``.

    Equal to ``librosa.feature.inverse.mfcc_to_mel(mfcc, n_mels=n_mels,
    norm=dct_norm, ref=ref, lifter=lifter)``: the liftering is undone, the
    coefficients are padded with zeros to ``n_mels`` and transformed back
    (with ``"ortho"``, ``np.dot(dct_matrix(n_mels)[:n_mfcc].T, mfcc)``),
    and the dB values become powers, ``ref * 10 ** (M_dB / 10)``. The
    dropped coefficients and the ``top_db`` clipping cannot come back.

    Parameters
    ----------
    mfcc : array_like
        Coefficients ``(n_mfcc, t)``, or ``(..., n_mfcc, t)``, real and
        finite, as ``mfcc`` returns them.
    n_mels : int
        Mel bands to rebuild, at least ``n_mfcc``.
    dct_norm : {"ortho", None}
        The DCT normalisation the coefficients were made with.
    ref : float
        The power that was 0 dB, > 0.
    lifter : float
        The liftering the coefficients were made with, >= 0 (0: none).

    Returns
    -------
    numpy.ndarray
        Mel powers, shape ``(..., n_mels, t)``, float64, all > 0.

    Raises
    ------
    ValueError
        If ``mfcc`` has fewer than 2 dimensions, more coefficients than
        ``n_mels``, NaN or inf, if ``dct_norm`` is not one of the two, or
        ``ref`` or ``lifter`` is out of range (or a lifter weight is 0).
    TypeError
        If ``n_mels`` is not an integer or ``mfcc`` is not real.

    Examples
    --------
    All 40 coefficients give the log-mel spectrogram back exactly; the first
    13 give its envelope:

    >>> M_db = np.linspace(-40.0, 0.0, 40)[:, np.newaxis] + np.zeros((1, 3))
    >>> C = mfcc(S=M_db, n_mfcc=40)
    >>> bool(np.allclose(10 * np.log10(mfcc_to_mel(C, n_mels=40)), M_db))
    True
    >>> mfcc_to_mel(C[:13], n_mels=40).shape
    (40, 3)
    """
    C = finite_array(mfcc, "mfcc")
    if C.ndim < 2:
        raise ValueError(f"mfcc must be (n_mfcc, t) or (..., n_mfcc, t), got shape {C.shape}")
    n_mels = positive_int(n_mels, "n_mels")
    n_mfcc = C.shape[-2]
    if n_mfcc > n_mels:
        raise ValueError(f"mfcc has {n_mfcc} coefficients, more than n_mels={n_mels}")
    if dct_norm not in ("ortho", None):
        raise ValueError(f"dct_norm must be 'ortho' or None, got {dct_norm!r}")
    ref = positive_real(ref, "ref")
    lifter = non_negative_real(lifter, "lifter")
    if lifter > 0:
        weights = _lifter_weights(lifter, n_mfcc)
        if np.any(np.abs(weights) < 1e-12):
            raise ValueError(f"lifter={lifter} gives a weight of 0 to some coefficient: it cannot be undone")
        C = C / weights[:, np.newaxis]
    D = dct_matrix(n_mels)[:n_mfcc]
    if dct_norm is None:
        # scipy's unnormalised DCT-II is diag(2 / s_k) D_ortho: undo the factors first.
        scale = np.full(n_mfcc, np.sqrt(2.0 / n_mels) / 2)
        scale[0] = np.sqrt(1.0 / n_mels) / 2
        C = C * scale[:, np.newaxis]
    M_db = np.matmul(D.T, C)
    return ref * np.power(10.0, 0.1 * M_db)
