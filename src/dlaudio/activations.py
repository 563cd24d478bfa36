"""The activations and their slopes (sigmoid, ReLU, tanh), and the softmax, for whole arrays.

The slope is written from the activation, not from the weighted sum:
if :math:`a = \\sigma(h)` then :math:`\\sigma'(h) = a(1 - a)`. The function is
named ``sigmoid_slope`` and takes ``a`` so it cannot be fed the wrong one;
so do ``relu_slope`` and ``tanh_slope``, the slopes of chapter 06's
activations.
The softmax turns a row of weighted sums into a row of probabilities; it is
the output layer of a classifier and has no slope function here: with the
cross-entropy loss its slope factor cancels (see ``backprop.output_slope``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["sigmoid", "sigmoid_slope", "softmax", "relu", "relu_slope", "tanh", "tanh_slope"]


def sigmoid(h, out=None):
    """Element-wise :math:`\\sigma(h) = 1 / (1 + e^{-h})` for an array ``h``.

    The formula is used as written: it has no cancellation, so it is accurate
    to the last digit or two for every ``h``. For ``h`` below about -709,
    :math:`e^{-h}` is too large for a float and becomes ``inf``, and
    :math:`1 / (1 + \\infty) = 0` is exactly the right limit, so that overflow
    is expected and kept silent: no element raises or warns. The result is a
    new array, float32 for float32 ``h`` and float64 for float64 or integer
    ``h``; ``h`` is not changed, unless it is given as ``out``, a float
    array of ``h``'s shape that receives the result (a recurrent layer
    writes each step's gates in place).

    Parameters
    ----------
    h : array_like
        The weighted sums.
    out : numpy.ndarray, optional
        A float array of ``h``'s shape that receives the result and is
        returned (``h`` itself to compute in place); a new array if not given.

    Returns
    -------
    numpy.ndarray
        :math:`\\sigma(h)`, shaped like ``h``, every entry in [0, 1].

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    out = np.multiply(h, -1.0, out=out)  # -h in a new float array (or out), computed on in place below
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

    Parameters
    ----------
    a : array_like
        The activations :math:`a = \\sigma(h)`.

    Returns
    -------
    numpy.ndarray
        :math:`a (1 - a)`, shaped like ``a``.

    Examples
    --------
    >>> sigmoid_slope(sigmoid(np.array([0.0])))
    array([0.25])
    """
    slope = np.subtract(1.0, a)  # a new float array, computed on in place
    slope *= a
    return slope


def softmax(h):
    """Row-wise softmax, :math:`a_k = e^{h_k} / \\sum_j e^{h_j}`: each row of ``h`` becomes probabilities.

    Every entry is in [0, 1] and every row sums to 1 (within rounding), for
    a batch of rows ``(n_examples, n_outputs)`` or a single row. The row's
    largest ``h`` is subtracted before the exponential: the quotient is the
    same (:math:`e^{-m}` cancels), but no exponent is then above 0, so
    nothing overflows, and the largest term is :math:`e^0 = 1`, so the sum is
    never 0. Terms far below the largest underflow to exactly 0, silently.
    The result is a new array (float32 for float32 ``h``); ``h`` is not
    changed.

    Parameters
    ----------
    h : array_like
        The weighted sums, a batch of rows or one row.

    Returns
    -------
    numpy.ndarray
        The probabilities, shaped like ``h``.

    Examples
    --------
    >>> softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])).round(4)
    array([[0.09  , 0.2447, 0.6652],
           [1.    , 0.    , 0.    ]])
    """
    a = np.subtract(h, np.max(h, axis=-1, keepdims=True))  # h - max(h), a new array, <= 0
    with np.errstate(under="ignore"):
        np.exp(a, out=a)
    a /= np.sum(a, axis=-1, keepdims=True)
    return a


def relu(h):
    """The rectified linear unit, :math:`a = \\max(h, 0)`, element-wise.

    Its slope is 1 wherever the unit is on, so an error relayed through a
    stack of ReLU layers is not shrunk by a factor of at most 1/4 per
    layer, as through sigmoids. The result is a new array in ``h``'s dtype.

    Parameters
    ----------
    h : array_like
        The weighted sums.

    Returns
    -------
    numpy.ndarray
        :math:`\\max(h, 0)`, shaped like ``h``.

    Examples
    --------
    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return np.maximum(h, 0.0, dtype=np.result_type(h, np.float32))


def relu_slope(a):
    """Slope of the ReLU given its activation ``a``: 1 where :math:`a > 0`, else 0.

    At :math:`h = 0` the ReLU has no derivative; 0 is taken there, as every
    framework does (the unit is off).

    Parameters
    ----------
    a : numpy.ndarray
        The activations :math:`a = \\max(h, 0)`.

    Returns
    -------
    numpy.ndarray
        1 or 0 for each entry, in ``a``'s dtype.

    Examples
    --------
    >>> relu_slope(np.array([0.0, 2.5]))
    array([0., 1.])
    """
    return (a > 0).astype(a.dtype)


def tanh(h, out=None):
    """The hyperbolic tangent, :math:`a = \\tanh(h) = 2 \\sigma(2h) - 1`, in (-1, 1), element-wise.

    A sigmoid stretched to be centred on 0; ``numpy.tanh`` computes it,
    into ``out`` if given.

    Parameters
    ----------
    h : array_like
        The weighted sums.
    out : numpy.ndarray, optional
        An array of ``h``'s shape that receives the result and is returned,
        as ``numpy.tanh``'s ``out``; a new array if not given.

    Returns
    -------
    numpy.ndarray
        :math:`\\tanh(h)`, shaped like ``h``.

    Examples
    --------
    >>> tanh(np.array([0.0]))
    array([0.])
    """
    return np.tanh(h, out=out)


def tanh_slope(a):
    """Slope of the tanh given its activation ``a``: :math:`1 - a^2`, largest (1) at :math:`h = 0`.

    Parameters
    ----------
    a : array_like
        The activations :math:`a = \\tanh(h)`.

    Returns
    -------
    numpy.ndarray
        :math:`1 - a^2`, shaped like ``a``.

    Examples
    --------
    >>> tanh_slope(np.array([0.0, 0.5]))
    array([1.  , 0.75])
    """
    slope = np.multiply(a, a)
    np.subtract(1.0, slope, out=slope)
    return slope
