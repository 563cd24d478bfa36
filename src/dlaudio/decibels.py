"""Decibels: power and amplitude on a log scale, with librosa's floor and clipping.

A power :math:`S` relative to a reference :math:`S_{ref}` is
:math:`10 \\log_{10}(S / S_{ref})` dB; an amplitude :math:`A` (whose power
is :math:`A^2`) is :math:`20 \\log_{10}(A / A_{ref})` dB. Two guards, as in
librosa: values below ``amin`` count as ``amin`` (the log of 0 is
:math:`-\\infty`), and with ``top_db`` nothing lies more than ``top_db``
below the **largest value of the whole array**. So one frame's dB values
depend on the loudest frame of the clip it is part of: cut a clip in two and
the quiet half may come out differently.
"""

from __future__ import annotations

import numpy as np

from ._checks import finite_array, finite_real, positive_real

__all__ = ["amplitude_to_db", "power_to_db"]


def _reference(ref, magnitude):
    """The reference value: ``ref(magnitude)`` for a callable, else the number ``ref`` (> 0)."""
    if callable(ref):
        value = ref(magnitude)
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise TypeError("ref(S) must return one real number") from None
        if not np.isfinite(value) or value < 0:
            raise ValueError(f"ref(S) must return a finite number >= 0, got {value}")
        return value
    return positive_real(ref, "ref")


def _top_db(top_db):
    if top_db is None:
        return None
    top_db = finite_real(top_db, "top_db")
    if top_db < 0:
        raise ValueError(f"top_db must be >= 0 or None, got {top_db}")
    return top_db


def power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0):
    """``10 * log10(max(amin, S) / max(amin, ref))``, clipped to ``top_db`` below the maximum.

    Parameters
    ----------
    S : array_like
        Powers (for example ``power_spectrogram(y)``): real, >= 0, finite,
        any shape. Pass ``np.abs(D) ** 2`` for a complex STFT ``D``.
    ref : float or callable
        The power that becomes 0 dB, > 0; or a function of ``S`` returning
        it, such as ``np.max`` (then the loudest value is 0 dB).
    amin : float
        The floor, > 0: ``1e-10`` is -100 dB.
    top_db : float or None
        Raise everything below ``max - top_db`` to it, where the max is over
        the whole array. ``None`` clips nothing.

    Returns
    -------
    numpy.ndarray
        float64 dB values of the same shape: ``librosa.power_to_db``'s.

    Examples
    --------
    >>> power_to_db([1.0, 10.0, 100.0])
    array([ 0., 10., 20.])
    >>> power_to_db([1.0, 1e-12, 0.0], top_db=None)
    array([   0., -100., -100.])
    >>> power_to_db([1.0, 1e-12], top_db=30.0)
    array([  0., -30.])
    >>> power_to_db([1.0, 10.0], ref=np.max)
    array([-10.,   0.])
    """
    S = finite_array(S, "S")
    if np.any(S < 0):
        raise ValueError("S must hold powers, >= 0; got negative values (a waveform? use amplitude_to_db)")
    amin = positive_real(amin, "amin")
    top_db = _top_db(top_db)
    return _db(S, _reference(ref, S), amin, top_db)


def _db(power, ref_power, amin, top_db):
    """librosa's ``power_to_db`` on checked arguments, operation for operation."""
    # In place, but the same operations in the same order as librosa's
    # 10.0 * np.log10(np.maximum(amin, S)) - 10.0 * np.log10(max(amin, ref)).
    log_spec = np.maximum(amin, power, out=np.empty_like(power))
    np.log10(log_spec, out=log_spec)
    log_spec *= 10.0
    log_spec -= 10.0 * np.log10(np.maximum(amin, ref_power))
    if top_db is not None:
        np.maximum(log_spec, log_spec.max() - top_db, out=log_spec)
    return log_spec[()]  # a number for a number, the array itself otherwise


def amplitude_to_db(S, ref=1.0, amin=1e-5, top_db=80.0):
    """``20 * log10(max(amin, |S|) / max(amin, ref))``, clipped to ``top_db`` below the maximum.

    The amplitude version of ``power_to_db``: it squares ``|S|``, ``ref``
    and ``amin`` and calls ``power_to_db``, as librosa does, so
    ``amplitude_to_db(abs(D)) == power_to_db(abs(D)**2)`` when ``amin`` and
    ``ref`` are squared too. ``S`` is real (its sign is ignored, so a
    waveform works); for a complex STFT ``D`` pass ``np.abs(D)``.

    Parameters
    ----------
    S : array_like
        Amplitudes: real and finite, any shape.
    ref : float or callable
        The amplitude that becomes 0 dB, > 0; or a function of ``|S|``
        returning it, such as ``np.max``.
    amin : float
        The floor, > 0: ``1e-5`` is -100 dB.
    top_db : float or None
        Raise everything below ``max - top_db`` to it. ``None`` clips
        nothing.

    Returns
    -------
    numpy.ndarray
        float64 dB values of the same shape: ``librosa.amplitude_to_db``'s.

    Examples
    --------
    >>> amplitude_to_db([1.0, 0.1, -0.01])
    array([  0., -20., -40.])
    >>> amplitude_to_db([2.0, 1.0], ref=np.max)
    array([ 0.        , -6.02059991])
    """
    magnitude = np.abs(finite_array(S, "S"))
    amin = positive_real(amin, "amin")
    top_db = _top_db(top_db)
    ref_value = _reference(ref, magnitude)
    return _db(np.square(magnitude), ref_value**2, amin**2, top_db)
