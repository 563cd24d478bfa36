"""Test signals made from formulas: a tone, a chirp, white noise, a pulse train.

Each returns float64 samples ``y[n]`` taken at the times ``t[n] = n / sr``,
for ``round(duration * sr)`` samples. Frequencies above the Nyquist frequency
``sr / 2`` are allowed on purpose: sampled, they come back at a lower
(aliased) frequency, which is what the chapter on sampling shows.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_generator, finite_real, positive_real, sample_rate

__all__ = ["chirp", "pulse_train", "tone", "white_noise"]


def _times(duration, sr):
    """``(t, sr)``: the sample times ``n / sr`` of a signal lasting ``duration`` seconds."""
    duration = positive_real(duration, "duration")
    sr = sample_rate(sr)
    n = round(duration * sr)
    if n < 1:
        raise ValueError(f"duration * sr must give at least one sample, got {duration} s at {sr} Hz")
    return np.arange(n) / sr, sr


def _frequency(value, name):
    value = finite_real(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0 Hz, got {value}")
    return value


def tone(freq, duration, sr, *, amplitude=1.0, phase=0.0):
    """A pure tone :math:`y[n] = A \\sin(2 \\pi f\\, n / sr + \\varphi)`.

    Parameters
    ----------
    freq : float
        Frequency :math:`f` in Hz, >= 0 (above ``sr / 2`` it aliases).
    duration : float
        Length in seconds, > 0.
    sr : int
        Sample rate in Hz.
    amplitude : float
        :math:`A`, the peak value.
    phase : float
        :math:`\\varphi` in radians at ``t = 0``.

    Returns
    -------
    numpy.ndarray
        The signal, ``round(duration * sr)`` samples, float64.

    Examples
    --------
    >>> tone(1000, 0.001, 8000)
    array([ 0.00000000e+00,  7.07106781e-01,  1.00000000e+00,  7.07106781e-01,
            1.22464680e-16, -7.07106781e-01, -1.00000000e+00, -7.07106781e-01])
    """
    t, _ = _times(duration, sr)
    freq = _frequency(freq, "freq")
    amplitude = finite_real(amplitude, "amplitude")
    phase = finite_real(phase, "phase")
    return amplitude * np.sin(2.0 * np.pi * freq * t + phase)


def chirp(f0, f1, duration, sr, *, method="linear", amplitude=1.0):
    """A sweep from ``f0`` to ``f1`` Hz over ``duration`` seconds, starting at phase 0.

    The instantaneous frequency goes from :math:`f_0` at :math:`t = 0` to
    :math:`f_1` at :math:`t = T` (``T = duration``):

    - ``"linear"``: :math:`f(t) = f_0 + (f_1 - f_0)\\, t / T`, so
      :math:`y = A \\sin 2\\pi (f_0 t + (f_1 - f_0)\\, t^2 / 2T)`;
    - ``"log"`` (exponential): :math:`f(t) = f_0 (f_1 / f_0)^{t / T}`, the
      same number of octaves per second (``f0`` and ``f1`` must be > 0).

    Parameters
    ----------
    f0 : float
        The frequency at the start, in Hz, >= 0.
    f1 : float
        The frequency at the end, in Hz, >= 0.
    duration : float
        Length :math:`T` in seconds, > 0.
    sr : int
        Sample rate in Hz.
    method : {"linear", "log"}
        How the frequency moves from ``f0`` to ``f1``.
    amplitude : float
        :math:`A`, the peak value.

    Returns
    -------
    numpy.ndarray
        The signal, ``round(duration * sr)`` samples, float64.

    Examples
    --------
    >>> y = chirp(100, 1000, 1.0, 8000)
    >>> y.shape, y[0]
    ((8000,), 0.0)
    """
    t, _ = _times(duration, sr)
    T = positive_real(duration, "duration")
    f0 = _frequency(f0, "f0")
    f1 = _frequency(f1, "f1")
    amplitude = finite_real(amplitude, "amplitude")
    if method == "linear":
        cycles = f0 * t + (f1 - f0) * t**2 / (2.0 * T)
    elif method == "log":
        if f0 == 0 or f1 == 0:
            raise ValueError(f"a log chirp needs f0 > 0 and f1 > 0, got f0={f0}, f1={f1}")
        if f0 == f1:
            cycles = f0 * t
        else:
            ratio = f1 / f0
            cycles = f0 * T / np.log(ratio) * np.expm1(t / T * np.log(ratio))
    else:
        raise ValueError(f"method must be 'linear' or 'log', got {method!r}")
    return amplitude * np.sin(2.0 * np.pi * cycles)


def white_noise(duration, sr, *, amplitude=1.0, rng=None):
    """White noise: independent samples drawn uniformly from ``[-amplitude, amplitude)``.

    Uniform rather than Gaussian noise never exceeds ``amplitude``, so it can
    be written to a PCM WAV file without clipping. Its spectrum is flat: every
    frequency gets the same power on average.

    Parameters
    ----------
    duration : float
        Length in seconds, > 0.
    sr : int
        Sample rate in Hz.
    amplitude : float
        The largest value a sample can have.
    rng : None, int or numpy.random.Generator
        The source of randomness; the same seed gives the same noise.

    Returns
    -------
    numpy.ndarray
        The noise, ``round(duration * sr)`` samples, float64.

    Examples
    --------
    >>> white_noise(0.0005, 8000, rng=0)
    array([ 0.27392337, -0.46042657, -0.91805295, -0.96694473])
    """
    t, _ = _times(duration, sr)
    amplitude = finite_real(amplitude, "amplitude")
    generator = as_generator(rng)
    return amplitude * generator.uniform(-1.0, 1.0, size=t.size)


def pulse_train(f0, duration, sr, *, amplitude=1.0):
    """Clicks at ``f0`` per second: one sample of ``amplitude`` every ``sr / f0`` samples, zeros between.

    The :math:`k`-th click sits at sample ``round(k * sr / f0)``, starting at
    ``k = 0``. It is the simplest model of the glottal source of a voiced
    sound: a periodic excitation whose spectrum has a line at every multiple
    of ``f0`` (all of the same height).

    Parameters
    ----------
    f0 : float
        Clicks per second, in Hz, > 0.
    duration : float
        Length in seconds, > 0.
    sr : int
        Sample rate in Hz.
    amplitude : float
        The value of each click.

    Returns
    -------
    numpy.ndarray
        The signal, ``round(duration * sr)`` samples, float64.

    Examples
    --------
    >>> pulse_train(2000, 0.001, 8000)
    array([1., 0., 0., 0., 1., 0., 0., 0.])
    """
    t, sr = _times(duration, sr)
    f0 = positive_real(f0, "f0")
    amplitude = finite_real(amplitude, "amplitude")
    y = np.zeros(t.size)
    positions = np.round(np.arange(0.0, t.size * f0 / sr) * (sr / f0)).astype(np.int64)
    y[positions[positions < t.size]] = amplitude
    return y
