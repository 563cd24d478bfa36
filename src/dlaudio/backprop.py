"""Chapter 02-1: forward and backward passes in the course's notation.

Samples are rows and a batch is a matrix of rows, so every formula below holds
for one sample (a batch of one) and for a batch alike. With layers
:math:`l = 0, \\dots, L` (layer 0 is the input) and weights :math:`W_l` mapping
layer :math:`l` to layer :math:`l + 1`:

==============================  ==============================================
forward                         :math:`h_{l+1} = a_l \\cdot W_l`, :math:`a_{l+1} = \\sigma(h_{l+1})`
output error                    :math:`\\mathrm{error}_L = y - a_L`
delta                           :math:`\\delta_l = \\mathrm{error}_l \\odot \\sigma'(a_l)`
weight update                   :math:`\\mathrm{Deriv}_{l-1} = a_{l-1}^T \\cdot \\delta_l`
error relay                     :math:`\\mathrm{error}_{l-1} = \\delta_l \\cdot W_{l-1}^T`
gradient descent                :math:`W_l \\leftarrow W_l + \\eta \\, \\mathrm{Deriv}_l`
==============================  ==============================================

Each line is one function here. The network, the trainer, the step-by-step
``trace`` and the gradient check all call these same functions.

Two options change a few symbols and none of the formulas:

- ``output="softmax"``: the output layer is :math:`a_L = \\mathrm{softmax}(h_L)`
  and the loss the cross-entropy; then :math:`\\delta_L = \\mathrm{error}_L`, with no
  slope factor (``output_slope``).
- ``bias=True``: every layer but the output carries a constant 1 after its
  units, :math:`a_l = [\\dots, 1]` (``with_bias``), so :math:`W_l` has one row
  more, the biases, and :math:`h_{l+1} = a_l \\cdot W_l` and
  :math:`\\mathrm{Deriv}_l = a_l^T \\cdot \\delta_{l+1}` hold as written. Nothing feeds
  the constant, so it has no slope and relays no error (``units``,
  ``relay_error``).

Weight decay, one more term in :math:`\\mathrm{Deriv}`, is ``weight_decay``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import non_negative_real
from .activations import sigmoid, sigmoid_slope, softmax

__all__ = [
    "with_bias",
    "units",
    "forward_pass",
    "output_slope",
    "output_error",
    "delta",
    "deriv",
    "relay_error",
    "backward",
    "weight_decay",
    "update_weights",
    "ByLayer",
    "Trace",
    "trace",
]


def with_bias(a):
    """:math:`[a, 1]`: the activations ``a`` (a batch of rows) with a constant 1 appended to each row.

    The bias of a unit is then the weight from this constant input, one
    more row of :math:`W`, and :math:`h = [a, 1] \\cdot W` needs no formula
    of its own. Returns a new array in ``a``'s dtype.

    >>> with_bias(np.array([[0.2, 0.4]]))
    array([[0.2, 0.4, 1. ]])
    """
    a1 = np.empty((a.shape[0], a.shape[1] + 1), dtype=a.dtype)
    a1[:, :-1] = a
    a1[:, -1] = 1.0
    return a1


def units(a, bias):
    """The activations of a layer's units: ``a`` without the constant 1 that ``with_bias`` appended (a view).

    ``a`` as it is when ``bias`` is false.
    """
    return a[:, :-1] if bias else a


def forward_pass(weights, a0, output="sigmoid", bias=False):
    """Run the input batch ``a0`` through every layer.

    Returns ``(h, a)``: ``h`` maps each layer :math:`l = 1 \\dots L` to its
    weighted sums :math:`h_l = a_{l-1} \\cdot W_{l-1}`, and ``a`` is the list
    of activations :math:`a_0 \\dots a_L`, with ``a[0]`` the input itself.
    Every layer applies the sigmoid, except the output layer when ``output``
    is ``"softmax"``. With ``bias=True`` every :math:`a_l` but the output
    ends in a column of ones (``with_bias``), ``a[0]`` included.
    """
    L = len(weights)
    h = {}
    a = [with_bias(a0) if bias else a0]
    for l, W in enumerate(weights, start=1):
        h[l] = np.dot(a[-1], W)
        if l == L:
            a.append(softmax(h[l]) if output == "softmax" else sigmoid(h[l]))
        else:
            a.append(with_bias(sigmoid(h[l])) if bias else sigmoid(h[l]))
    return h, a


def output_error(y, a_out):
    """:math:`\\mathrm{error}_L = y - a_L`: how far the prediction is below the target."""
    return y - a_out


def output_slope(a_out, output="sigmoid"):
    """The slope factor of the output layer's delta, :math:`\\delta_L = \\mathrm{error}_L \\odot` this.

    - ``"sigmoid"`` output, loss :math:`E = \\frac12 \\sum (y - a)^2`:
      ``sigmoid_slope(a_out)``, :math:`\\sigma'(h_L) = a_L (1 - a_L)`.
    - ``"softmax"`` output, cross-entropy loss :math:`E = -\\sum y \\log a`:
      ``1``. For one sample, :math:`\\log a_k = h_k - \\log \\sum_j e^{h_j}`,
      so :math:`-\\partial E / \\partial h_k = y_k - a_k \\sum_j y_j = y_k - a_k`
      when the targets sum to 1 (one-hot rows). That is :math:`\\mathrm{error}_L`
      itself: the softmax's slope and the derivative of the log cancel,
      and no slope factor is applied, so :math:`\\delta_L = y - a_L`.

    Every other layer is a sigmoid layer, whose slope is ``sigmoid_slope``.

    >>> output_slope(np.array([[0.5]]))
    array([[0.25]])
    >>> output_slope(np.array([[0.7, 0.2, 0.1]]), "softmax")
    1.0
    """
    return 1.0 if output == "softmax" else sigmoid_slope(a_out)


def delta(error, slope):
    """:math:`\\delta = \\mathrm{error} \\odot \\sigma'`: the error filtered by the layer's slope.

    ``slope`` is :math:`\\sigma'(a)`, normally ``sigmoid_slope(a)``; the
    product is element-wise (the Hadamard product), so a scalar slope such as
    the course's assumed 0.22 also works.

    >>> delta(np.array([[0.32]]), 0.22)
    array([[0.0704]])
    """
    return error * slope


def deriv(a_prev, delta_next, out=None):
    """:math:`\\mathrm{Deriv} = a^T \\cdot \\delta`: the update for the weights between two layers.

    Entry ``[i, j]`` is input activation ``i`` times delta ``j``; for a batch
    the matrix product also sums the per-sample updates. ``out``, if given,
    is a C-contiguous array of the right shape and dtype that receives the
    result (the trainer reuses one per layer instead of allocating anew).

    >>> deriv(np.array([[1.0, 2.0]]), np.array([[0.00875, 0.00875]]))
    array([[0.00875, 0.00875],
           [0.0175 , 0.0175 ]])
    """
    return np.dot(a_prev.T, delta_next, out=out)


def relay_error(delta_next, W, bias=False):
    """:math:`\\mathrm{error} = \\delta \\cdot W^T`: the delta sent back through the weights.

    With ``bias=True`` the last row of ``W``, the weights of the constant
    input 1, is left out: nothing feeds the constant, so no error goes back
    to it, and the relayed error has one column per unit of the layer below.
    """
    return np.dot(delta_next, (W[:-1] if bias else W).T)


def backward(weights, a, error_out, relay_to_input=True, derivs_out=None, output="sigmoid", bias=False):
    """Backpropagate ``error_out`` = :math:`\\mathrm{error}_L` through the layers.

    ``a`` is the list of activations from ``forward_pass``. Returns three
    dicts keyed by the layer index the course writes on each symbol:
    ``error[l]`` and ``delta[l]`` for :math:`l = L \\dots 1` (plus
    ``error[0]``, the error relayed to the inputs), and ``deriv[l]`` for
    :math:`l = L-1 \\dots 0`. Training needs no ``error[0]`` and skips it
    with ``relay_to_input=False``, and passes ``derivs_out``, one array per
    weight matrix, to receive the ``deriv[l]`` instead of new arrays.
    ``output`` and ``bias`` are the network's (see ``output_slope``,
    ``units`` and ``relay_error``): the formulas are the same for all.
    """
    L = len(weights)
    errors, deltas, derivs = {L: error_out}, {}, {}
    for l in range(L, 0, -1):
        slope = output_slope(a[l], output) if l == L else sigmoid_slope(units(a[l], bias))
        deltas[l] = delta(errors[l], slope)
        derivs[l - 1] = deriv(a[l - 1], deltas[l], None if derivs_out is None else derivs_out[l - 1])
        if l > 1 or relay_to_input:
            errors[l - 1] = relay_error(deltas[l], weights[l - 1], bias)
    return errors, deltas, derivs


def weight_decay(derivs, weights, l2, bias=False) -> None:
    """L2 weight decay, in place: :math:`\\mathrm{Deriv}_l \\leftarrow \\mathrm{Deriv}_l - \\lambda W_l` for every layer.

    Adding :math:`\\frac{\\lambda}{2} \\sum w^2` (``loss.l2_penalty``) to
    :math:`E` adds its negative gradient, :math:`-\\lambda W_l`, to
    :math:`\\mathrm{Deriv}_l = -\\partial E / \\partial W_l`; the update
    :math:`W + \\eta \\, \\mathrm{Deriv}` then shrinks every weight by the factor
    :math:`1 - \\eta \\lambda` before adding :math:`\\eta \\, a^T \\cdot \\delta`.
    ``l2`` is :math:`\\lambda \\ge 0`. With ``bias=True`` the bias rows
    (the last row of each :math:`W_l`) are not decayed.

    >>> D = {0: np.zeros((2, 1))}
    >>> weight_decay(D, [np.array([[1.0], [2.0]])], 0.1, bias=True)
    >>> D[0]
    array([[-0.1],
           [ 0. ]])
    """
    for l, W in enumerate(weights):
        rows = slice(0, W.shape[0] - 1) if bias else slice(None)
        derivs[l][rows] -= l2 * W[rows]


def update_weights(weights, derivs, eta) -> None:
    """Gradient descent in place: :math:`W_l \\leftarrow W_l + \\eta \\, \\mathrm{Deriv}_l`.

    The plus sign is right: :math:`\\mathrm{Deriv}_l = -\\partial E / \\partial W_l`.
    """
    for l, W in enumerate(weights):
        W += eta * derivs[l]


class ByLayer(dict):
    """A dict keyed by layer index that also takes a negative index, as a list does.

    ``count`` is the length of the list the keys index into: ``L + 1`` for
    quantities of the layers :math:`0 \\dots L` (``h``, ``error``,
    ``delta``), ``L`` for those of the weight matrices :math:`0 \\dots L-1`
    (``deriv``). So ``-1`` is the last layer (or the last weight matrix),
    as in ``a[-1]`` and ``W[-1]``.

    >>> d = ByLayer({2: "output", 1: "hidden"}, count=3)
    >>> d[-1], d[-2], d[2]
    ('output', 'hidden', 'output')
    """

    def __init__(self, values, *, count):
        super().__init__(values)
        self.count = count

    def __getitem__(self, l):
        if isinstance(l, int) and l < 0:
            l += self.count
        return super().__getitem__(l)


@dataclass(frozen=True)
class Trace:
    """Every intermediate of one forward and backward pass, named as in the course.

    Attributes are indexed by layer, as the symbols are: ``a[0]`` is the
    input, ``h[1]`` the weighted sums of layer 1, ``error[2]`` and
    ``delta[2]`` the output layer's error and delta in a 2-2-1 network, and
    ``deriv[0]`` the update of :math:`W_0`. All arrays are batches of rows.
    A negative index counts from the end in every field, as in a list:
    ``a[-1]``, ``h[-1]``, ``error[-1]`` and ``delta[-1]`` belong to the
    output layer, and ``W[-1]`` and ``deriv[-1]`` to the last weight matrix.
    """

    W: list
    h: ByLayer
    a: list
    y: np.ndarray
    error: ByLayer
    delta: ByLayer
    deriv: ByLayer


def trace(net, x, y, l2=0.0) -> Trace:
    """One forward and one backward pass of ``net`` on ``(x, y)``, keeping everything.

    ``net`` is an ``MLP``; ``x`` and ``y`` are checked by ``net.check_xy``.
    Its weights and its stored state are not changed: this is the same
    computation that ``train`` performs before each update, with the
    network's ``output`` and ``bias`` (a softmax output shows
    ``delta[-1] == error[-1]``; with biases every ``a[l]`` but the output
    ends in a column of ones and every ``W[l]`` has a bias row). With
    ``l2`` :math:`= \\lambda > 0`, ``deriv`` includes the weight-decay term
    :math:`-\\lambda W` (``weight_decay``), as in training.

    >>> from dlaudio import MLP
    >>> net = MLP.from_weights([[[0.1, 0.25], [0.15, 0.3]], [[0.5], [0.5]]])
    >>> t = trace(net, [1.0, 2.0], [1.0])
    >>> print(np.round(t.a[1], 4), np.round(t.error[2], 4))
    [[0.5987 0.7006]] [[0.3431]]
    """
    x, y = net.check_xy(x, y)
    l2 = non_negative_real(l2, "l2")
    weights = [W.copy() for W in net.weights]
    h, a = forward_pass(weights, x, net.output, net.bias)
    errors, deltas, derivs = backward(weights, a, output_error(y, a[-1]), output=net.output, bias=net.bias)
    if l2:
        weight_decay(derivs, weights, l2, net.bias)
    L = len(weights)
    return Trace(
        W=weights,
        h=ByLayer(h, count=L + 1),
        a=a,
        y=y,
        error=ByLayer(errors, count=L + 1),
        delta=ByLayer(deltas, count=L + 1),
        deriv=ByLayer(derivs, count=L),
    )
