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

    The formula is used as written: it has no cancellation, so it is accurate
    to the last digit or two for every ``h``. For ``h`` below about -709,
    :math:`e^{-h}` is too large for a float and becomes ``inf``, and
    :math:`1 / (1 + \\infty) = 0` is exactly the right limit, so that overflow
    is expected and kept silent: no element raises or warns. The result is a
    new array, float32 for float32 ``h`` and float64 for float64 or integer
    ``h``; ``h`` is not changed.

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    out = np.multiply(h, -1.0)  # -h in a new float array, computed on in place below
    if not isinstance(out, np.ndarray):  # a 0-d h gives a numpy scalar
        out = np.array(out)
    with np.errstate(over="ignore", under="ignore"):
        np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def sigmoid_slope(a):
    """Slope of the sigmoid, :math:`\\sigma'(h) = a(1 - a)`, given the activation ``a``.

    The slope is largest, 1/4, where :math:`a = 0.5` (that is, at
    :math:`h = 0`). The result keeps float32 ``a`` in float32.

    Examples
    --------
    >>> sigmoid_slope(sigmoid(np.array([0.0])))
    array([0.25])
    """
    slope = np.subtract(1.0, a)  # a new float array, computed on in place
    slope *= a
    return slope
