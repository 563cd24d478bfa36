"""The sigmoid and its slope for whole arrays, as the network uses them.

The slope is written from the activation, not from the weighted sum:
if :math:`a = \\sigma(h)` then :math:`\\sigma'(h) = a(1 - a)`. The function is
named ``sigmoid_slope`` and takes ``a`` so it cannot be fed the wrong one.
"""

from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "sigmoid_slope"]


def sigmoid(h):
    """Element-wise :math:`\\sigma(h) = 1 / (1 + e^{-h})` for an array ``h``.

    Computed from :math:`e^{-|h|}`, which lies in (0, 1], so no element
    overflows or raises a floating-point warning, whatever its size:
    :math:`\\sigma(|h|) = 1/(1 + e^{-|h|})` and
    :math:`\\sigma(-|h|) = e^{-|h|}\\,\\sigma(|h|)`.

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    h = np.asarray(h, dtype=np.float64)
    e = np.exp(-np.abs(h))
    r = 1.0 / (1.0 + e)
    return np.where(h >= 0, r, e * r)


def sigmoid_slope(a):
    """Slope of the sigmoid, :math:`\\sigma'(h) = a(1 - a)`, given the activation ``a``.

    The slope is largest, 1/4, where :math:`a = 0.5` (that is, at
    :math:`h = 0`).

    Examples
    --------
    >>> sigmoid_slope(sigmoid(np.array([0.0])))
    array([0.25])
    """
    a = np.asarray(a, dtype=np.float64)
    return a * (1.0 - a)
