"""Chapter 01: one artificial neuron, written with the ``math`` module.

A neuron takes inputs :math:`x_i`, multiplies each by its weight :math:`w_i`,
adds them up into the weighted sum :math:`h = \\sum_i w_i x_i`, and squeezes
:math:`h` into the interval (0, 1) with the sigmoid
:math:`y = 1 / (1 + e^{-h})`.

>>> round(neuron_output([0.5, 0.3, 0.2], [0.4, 0.7, 0.2]), 4)
0.6106
"""

from __future__ import annotations

import math
import numbers

from ._checks import real_sequence

__all__ = ["weighted_sum", "sigmoid", "neuron_output"]


def weighted_sum(inputs, weights) -> float:
    """Return :math:`h = \\sum_i w_i x_i`.

    Parameters
    ----------
    inputs, weights : sequence of float
        Two non-empty sequences of finite numbers of the same length.

    Returns
    -------
    float
        The weighted sum :math:`h`.

    Raises
    ------
    ValueError
        If a sequence is empty, the lengths differ, or a value is NaN or
        infinite.
    TypeError
        If a value is not a real number.

    Examples
    --------
    >>> weighted_sum([0.5, 0.3, 0.2], [0.4, 0.7, 0.2])
    0.45
    """
    x = real_sequence(inputs, "inputs")
    w = real_sequence(weights, "weights")
    if len(x) != len(w):
        raise ValueError(f"inputs and weights must have the same length, got {len(x)} inputs and {len(w)} weights")
    # fsum rounds once at the end, so 0.2 + 0.21 + 0.04 prints as 0.45.
    return math.fsum(xi * wi for xi, wi in zip(x, w))


def sigmoid(h) -> float:
    """Return :math:`\\sigma(h) = 1 / (1 + e^{-h})`, a number in [0, 1].

    The textbook formula overflows: ``math.exp(-h)`` raises ``OverflowError``
    for ``h`` below about -709. For negative ``h`` this function uses the
    equal form :math:`e^{h} / (1 + e^{h})`, whose exponential can only
    underflow to 0, so every finite ``h`` (and ``±inf``) gives an answer.

    Parameters
    ----------
    h : float
        The weighted sum.

    Returns
    -------
    float
        :math:`\\sigma(h)`.

    Raises
    ------
    ValueError
        If ``h`` is NaN.
    TypeError
        If ``h`` is not a real number.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> round(sigmoid(0.45), 4)
    0.6106
    >>> sigmoid(-1000.0), sigmoid(1000.0)
    (0.0, 1.0)
    """
    if isinstance(h, bool) or not isinstance(h, numbers.Real):
        raise TypeError(f"h must be a real number, got {type(h).__name__}")
    h = float(h)
    if math.isnan(h):
        raise ValueError("h must be a number, got NaN")
    if h >= 0:
        return 1.0 / (1.0 + math.exp(-h))
    e = math.exp(h)
    return e / (1.0 + e)


def neuron_output(inputs, weights) -> float:
    """Return the neuron's output :math:`y = \\sigma(\\sum_i w_i x_i)`.

    Parameters
    ----------
    inputs, weights : sequence of float
        Two non-empty sequences of finite numbers of the same length, as in
        ``weighted_sum``.

    Returns
    -------
    float
        The output :math:`y`, in [0, 1].

    Examples
    --------
    >>> y = neuron_output([0.5, 0.3, 0.2], [0.4, 0.7, 0.2])
    >>> print(f"{y:.6f}")
    0.610639
    """
    return sigmoid(weighted_sum(inputs, weights))
