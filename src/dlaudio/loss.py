"""The loss that training minimises, its mean per example, and the mean squared error.

Backpropagation as the course writes it, ``error = y - a`` and
``W += eta * Deriv``, is gradient descent on

.. math:: E = \\tfrac12 \\sum_{\\text{examples}} \\sum_{\\text{outputs}} (y - a)^2 ,

because ``Deriv = -dE/dW``. The ½ is there so that the 2 from differentiating
the square cancels.

A classifier with a softmax output minimises the cross-entropy instead,
:math:`E = -\\sum y \\log a`, for which the same update rule holds (see
``backprop.output_slope``). Weight decay adds :math:`\\frac{\\lambda}{2} \\sum w^2`
to either (``l2_penalty``).
"""

from __future__ import annotations

import sys
import types

import numpy as np

__all__ = ["loss", "mean_loss", "mean_squared_error", "cross_entropy", "l2_penalty", "output_loss"]


def loss(y, a) -> float:
    """:math:`E = \\frac12 \\sum (y - a)^2`, summed over every example and output.

    This is the quantity whose negative gradient backpropagation computes.

    Parameters
    ----------
    y : array_like
        The targets.
    a : array_like
        The network's outputs, shaped like ``y``.

    Returns
    -------
    float
        :math:`E`.

    Examples
    --------
    >>> round(loss([[1.0]], [[0.68]]), 6)
    0.0512
    """
    diff = np.asarray(y, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    return float(0.5 * np.sum(diff * diff))


def mean_loss(y, a) -> float:
    """:math:`E` divided by the number of examples: the loss per example that training reports.

    Parameters
    ----------
    y : array_like
        The targets, a batch of rows ``(n_examples, n_outputs)`` or one row.
    a : array_like
        The network's outputs, shaped like ``y``.

    Returns
    -------
    float
        :math:`E / n_{examples}`.
    """
    y = np.asarray(y, dtype=np.float64)
    return loss(y, a) / (y.shape[0] if y.ndim > 1 else 1)


def mean_squared_error(y, a) -> float:
    """Mean of :math:`(y - a)^2` over every example and output.

    For one output this is twice ``mean_loss``.

    Parameters
    ----------
    y : array_like
        The targets.
    a : array_like
        The network's outputs, shaped like ``y``.

    Returns
    -------
    float
        The mean squared error.

    Examples
    --------
    >>> mean_squared_error([[1.0], [0.0]], [[0.5], [0.5]])
    0.25
    """
    diff = np.asarray(y, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    return float(np.mean(diff * diff))


def cross_entropy(y, h) -> float:
    """:math:`E = -\\sum y \\log a` with :math:`a = \\mathrm{softmax}(h)`, summed over every example.

    The loss is computed from the output layer's weighted sums, not from its
    activations: :math:`\\log a_k = h_k - \\log \\sum_j e^{h_j}`, and the log-sum-exp is
    taken with the row's largest ``h`` subtracted first, so nothing
    overflows and no :math:`\\log 0` is ever taken. ``softmax`` rounds a
    probability of :math:`e^{-1000}` to 0, whose log is :math:`-\\infty`;
    from ``h`` it is simply -1000. So the result is finite for every finite
    ``h``. Divide by the number of examples for the mean per example that
    training reports.

    Parameters
    ----------
    y : array_like
        The targets, one-hot rows (or rows of probabilities).
    h : array_like
        The output layer's weighted sums :math:`h_L`, shaped like ``y``.

    Returns
    -------
    float
        :math:`E`, finite for every finite ``h``.

    Examples
    --------
    >>> round(cross_entropy([[0.0, 1.0]], [[0.0, 0.0]]), 6)  # log 2: a coin toss
    0.693147
    >>> cross_entropy([[1.0, 0.0]], [[-1000.0, 1000.0]])  # confidently wrong: large, not inf
    2000.0
    """
    y = np.asarray(y)
    h = np.asarray(h)
    m = np.max(h, axis=-1, keepdims=True)
    log_sum_exp = m + np.log(np.sum(np.exp(h - m), axis=-1, keepdims=True))
    return float(np.sum(y * (log_sum_exp - h), dtype=np.float64))  # -sum y log a


def output_loss(y, h_out, a_out, output="sigmoid") -> float:
    """:math:`E` of a network's output layer, the loss that goes with its kind of output.

    ``loss(y, a_out)`` for sigmoid outputs, ``cross_entropy(y, h_out)`` for
    softmax: the loss whose :math:`-\\partial E / \\partial h_L` is
    :math:`\\delta_L` (see ``backprop.output_slope``).

    Parameters
    ----------
    y : array_like
        The targets.
    h_out : array_like
        The output layer's weighted sums :math:`h_L`.
    a_out : array_like
        The output layer's activations :math:`a_L`.
    output : {"sigmoid", "softmax"}
        The kind of output layer.

    Returns
    -------
    float
        :math:`E`.
    """
    return cross_entropy(y, h_out) if output == "softmax" else loss(y, a_out)


def l2_penalty(weights, l2, bias=False) -> float:
    """:math:`\\frac{\\lambda}{2} \\sum_l \\sum w^2`, the weight-decay term added to :math:`E`.

    ``l2`` is :math:`\\lambda`. With ``bias=True`` the last row of every
    :math:`W_l`, the weights of the constant input 1, is left out: a bias
    shifts a unit's threshold and does not make the network more wiggly,
    so it is not pulled towards 0. Its negative gradient is the
    :math:`-\\lambda W` that ``backprop.weight_decay`` adds to :math:`\\mathrm{Deriv}`.

    Parameters
    ----------
    weights : sequence of array_like
        The weight matrices :math:`W_l`.
    l2 : float
        The weight decay :math:`\\lambda`.
    bias : bool
        Whether the last row of each matrix is a bias row, left out.

    Returns
    -------
    float
        The penalty.

    Examples
    --------
    >>> l2_penalty([np.array([[1.0], [2.0]])], 0.1)
    0.25
    >>> l2_penalty([np.array([[1.0], [2.0]])], 0.1, bias=True)
    0.05
    """
    total = 0.0
    for W in weights:
        W = np.asarray(W, dtype=np.float64)
        if bias:
            W = W[:-1]
        total += float(np.vdot(W, W))
    return 0.5 * l2 * total


class _CallableModule(types.ModuleType):
    """This module, callable as its function ``loss``.

    ``from dlaudio import loss`` has given the function since chapter 02,
    and ``import dlaudio.loss`` must give the module: a module that calls
    its own ``loss`` when called is both.
    """

    def __call__(self, y, a) -> float:
        return loss(y, a)


sys.modules[__name__].__class__ = _CallableModule
