"""Deltas: the slope over time of each feature, ``librosa.feature.delta``'s numbers.

A delta is a local derivative. Around each frame, a polynomial of degree
``order`` is fitted by least squares to the ``width`` frames centred on it
(a Savitzky-Golay filter), and its ``order``-th derivative is the delta. For
``order=1`` that is the slope of the regression line,
:math:`\\Delta c[t] = \\sum_{n=-h}^{h} n \\, c[t + n] / \\sum_{n=-h}^{h} n^2`
with :math:`h = (w - 1) / 2`. The first and the last :math:`h` frames have
no full window around them: as in scipy's ``mode="interp"``, they get the
derivative of the polynomial fitted to the first (or last) ``width`` frames,
which for a polynomial of degree ``order`` is the same number at every
frame of that window.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import finite_array, integer

__all__ = ["delta"]


def _weights(width, order):
    """The ``width`` weights whose dot product with a window is the ``order``-th derivative at its centre."""
    offsets = np.arange(width, dtype=np.float64) - width // 2
    # Least squares fit of a polynomial of degree `order`: the coefficient of
    # offset**order, times order!, is the derivative. Row `order` of the
    # pseudo-inverse of the Vandermonde matrix gives that coefficient.
    vandermonde = offsets[:, np.newaxis] ** np.arange(order + 1)
    return math.factorial(order) * np.linalg.pinv(vandermonde)[order]


def delta(features, width=9, order=1, axis=-1):
    """The delta (``order=1``) or delta-delta (``order=2``) of ``features`` along ``axis``, time.

    Equal to ``librosa.feature.delta(features, width=width, order=order,
    axis=axis)`` (a Savitzky-Golay derivative with ``mode="interp"``), in
    numpy alone.

    Parameters
    ----------
    features : array_like
        Real, finite features, such as MFCCs ``(n_mfcc, t)``, with at least
        ``width`` frames along ``axis``.
    width : int
        Frames in each fit, odd and >= 3 (librosa's default 9: 90 ms at a
        10 ms hop).
    order : int
        Which derivative, >= 1 and below ``width``: 1 the delta, 2 the
        delta-delta (acceleration).
    axis : int
        The time axis (librosa's layout: the last).

    Returns
    -------
    numpy.ndarray
        The deltas, float64, shaped like ``features``.

    Raises
    ------
    ValueError
        If ``width`` is even, below 3 or more than the frames along
        ``axis``, if ``order`` is not in ``1 .. width - 1``, if ``axis`` is
        not an axis of ``features``, or if ``features`` holds NaN or inf.
    TypeError
        If ``width``, ``order`` or ``axis`` is not an integer, or
        ``features`` is not real.

    Examples
    --------
    A straight line rising by 2 per frame has slope 2 everywhere, the edges
    included, and no curvature:

    >>> line = 2.0 * np.arange(6)
    >>> delta(line, width=3)
    array([2., 2., 2., 2., 2., 2.])
    >>> np.round(delta(line, width=3, order=2), 12) + 0.0
    array([0., 0., 0., 0., 0., 0.])
    """
    width = integer(width, "width")
    order = integer(order, "order")
    axis = integer(axis, "axis")
    if width < 3 or width % 2 != 1:
        raise ValueError(f"width must be an odd integer >= 3, got {width}")
    if not 1 <= order < width:
        raise ValueError(f"order must be an integer from 1 to width - 1 = {width - 1}, got {order}")
    x = finite_array(features, "features")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis={axis} is not an axis of features, which has {x.ndim} dimension(s)")
    n = x.shape[axis]
    if width > n:
        raise ValueError(
            f"width={width} is more than the {n} frames along axis {axis}: "
            "the edge fit needs width frames (librosa refuses this too); lower width"
        )
    x = np.moveaxis(x, axis, -1)
    windows = np.lib.stride_tricks.sliding_window_view(x, width, axis=-1)
    inner = np.dot(windows, _weights(width, order))  # frames h .. n - 1 - h
    h = width // 2
    # The edges: the fitted polynomial's order-th derivative is one number
    # over its whole window, the one of the first (last) full window.
    out = np.concatenate(
        [np.repeat(inner[..., :1], h, axis=-1), inner, np.repeat(inner[..., -1:], h, axis=-1)],
        axis=-1,
    )
    return np.moveaxis(out, -1, axis)
