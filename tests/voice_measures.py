"""Measurements of a synthetic voice for the tests: formants by LPC, F0 by autocorrelation.

Written here independently of ``dlaudio.synth``, so the tests check the
synthesiser against the textbook analyses, not against itself.
"""

import numpy as np


def lpc_formants(y, sr, order=None, seconds=0.06, max_bandwidth=500.0):
    """Formant frequencies (Hz, ascending) from the roots of an LPC polynomial.

    The autocorrelation method on a Hamming-windowed, pre-emphasised stretch
    of ``seconds`` from the middle of ``y``; roots with a bandwidth under
    ``max_bandwidth`` and a frequency above 90 Hz count as formants.
    """
    order = order or 2 + sr // 1000
    n = int(seconds * sr)
    mid = y.size // 2
    x = y[mid - n // 2 : mid - n // 2 + n]
    x = np.append(x[0], x[1:] - 0.97 * x[:-1]) * np.hamming(n)
    r = np.correlate(x, x, mode="full")[n - 1 : n + order]
    toeplitz = r[np.abs(np.subtract.outer(np.arange(order), np.arange(order)))]
    a = np.linalg.solve(toeplitz, r[1 : order + 1])
    roots = np.roots(np.concatenate(([1.0], -a)))
    roots = roots[np.imag(roots) > 0]
    freqs = np.angle(roots) * sr / (2 * np.pi)
    bandwidths = -np.log(np.abs(roots)) * sr / np.pi
    keep = (freqs > 90) & (bandwidths < max_bandwidth)
    return np.sort(freqs[keep])


def autocorrelation_f0(y, sr, fmin=60.0, fmax=500.0):
    """The pitch in Hz: the lag of the highest autocorrelation peak between 1/fmax and 1/fmin."""
    x = y - y.mean()
    r = np.fft.irfft(np.abs(np.fft.rfft(x, 2 * x.size)) ** 2)[: x.size]
    low, high = int(sr / fmax), int(sr / fmin)
    lag = low + int(np.argmax(r[low:high]))
    # parabolic interpolation around the peak
    a, b, c = r[lag - 1], r[lag], r[lag + 1]
    lag = lag + 0.5 * (a - c) / (a - 2 * b + c)
    return sr / lag
