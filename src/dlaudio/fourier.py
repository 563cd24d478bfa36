"""The discrete Fourier transform as one more matrix product.

:math:`X[k] = \\sum_n x[n]\\, e^{-2\\pi i k n / N}`: the sum over ``n`` is a
dot product of the signal with column ``k`` of the DFT matrix
:math:`F[n, k]`, so the whole spectrum is ``np.dot(x, F)``, the same
``np.dot`` as a layer of chapter 02. (The matrix is symmetric, so column
``k`` is also row ``k``.)
For a real signal the bins above ``N // 2`` mirror the ones below, so
``dft`` keeps ``1 + N // 2`` of them, as ``numpy.fft.rfft`` does.
"""

from __future__ import annotations

import numpy as np

from ._checks import positive_int, sample_rate

__all__ = ["dft", "dft_matrix", "fft_frequencies"]


def dft_matrix(n):
    """The ``(n, n)`` DFT matrix :math:`F[n, k] = e^{-2\\pi i\\, n k / N}`.

    It is symmetric, so rows and columns may be read either way. The exponent
    is taken modulo ``N`` (``n k mod N``) before scaling, which keeps every
    entry accurate to float64 rounding however large ``n k`` grows.

    Parameters
    ----------
    n : int
        The length :math:`N` of the signals it transforms.

    Returns
    -------
    numpy.ndarray
        The complex matrix, shape ``(n, n)``.

    Examples
    --------
    >>> np.round(dft_matrix(4).real, 12)
    array([[ 1.,  1.,  1.,  1.],
           [ 1.,  0., -1., -0.],
           [ 1., -1.,  1., -1.],
           [ 1., -0., -1.,  0.]])
    """
    n = positive_int(n, "n")
    index = np.arange(n)
    return np.exp(-2j * np.pi * (np.outer(index, index) % n) / n)


def dft(x):
    """The spectrum of a real signal from the definition: ``np.dot(x, F[:, :1 + N//2])``.

    Parameters
    ----------
    x : array_like
        One signal of length ``N`` (shape ``(N,)``) or a batch of signals as
        rows (shape ``(m, N)``), finite.

    Returns
    -------
    numpy.ndarray
        Complex, the bins ``k = 0 .. N // 2`` (shape ``(1 + N // 2,)`` or
        ``(m, 1 + N // 2)``): equal to ``numpy.fft.rfft(x)`` to rounding.
        Bin ``k`` is the frequency ``k * sr / N`` Hz (see ``fft_frequencies``).
        The matrix costs :math:`O(N^2)`: this is for seeing the transform,
        ``numpy.fft`` computes the same numbers in :math:`O(N \\log N)`.

    Examples
    --------
    >>> X = dft([1.0, 2.0, 3.0, 4.0])
    >>> np.round(X, 12) + 0.0  # rounding leaves -0.0 behind; + 0.0 makes it 0.0
    array([10.+0.j, -2.+2.j, -2.+0.j])
    >>> bool(np.allclose(X, np.fft.rfft([1.0, 2.0, 3.0, 4.0])))
    True
    """
    if np.iscomplexobj(x):
        raise TypeError("x must be a real signal, got a complex array")
    try:
        x = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError("x must be an array of real numbers") from None
    if x.ndim not in (1, 2) or x.shape[-1] == 0 or x.size == 0:
        raise ValueError(f"x must have shape (N,) or (m, N) with N >= 1, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x must contain only finite values (no NaN or inf)")
    n = x.shape[-1]
    return np.dot(x, dft_matrix(n)[:, : n // 2 + 1])


def fft_frequencies(sr, n_fft):
    """The frequency in Hz of each bin of a real FFT: bin ``k`` is ``k * sr / n_fft``.

    ``1 + n_fft // 2`` values from 0 to the Nyquist frequency ``sr / 2``
    (reached when ``n_fft`` is even); computed as ``numpy.fft.rfftfreq``
    computes them, so they equal ``librosa.fft_frequencies`` exactly.

    Parameters
    ----------
    sr : int
        Sample rate in Hz.
    n_fft : int
        The length of the FFT, in samples.

    Returns
    -------
    numpy.ndarray
        The ``1 + n_fft // 2`` frequencies, in Hz.

    Examples
    --------
    >>> fft_frequencies(8000, 8)
    array([   0., 1000., 2000., 3000., 4000.])
    """
    sr = sample_rate(sr)
    n_fft = positive_int(n_fft, "n_fft")
    return np.fft.rfftfreq(n_fft, d=1.0 / sr)
