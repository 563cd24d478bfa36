"""Chapter 02-1: forward and backward passes in the course's notation.

Samples are rows and a batch is a matrix of rows, so every formula below holds
for one sample (a batch of one) and for a batch alike. With layers
:math:`l = 0, \\dots, L` (layer 0 is the input) and weights :math:`W_l` mapping
layer :math:`l` to layer :math:`l + 1`:

==============================  ==============================================
forward                         :math:`h_{l+1} = a_l \\cdot W_l`, :math:`a_{l+1} = \\sigma(h_{l+1})`
output error                    :math:`error_L = y - a_L`
delta                           :math:`\\delta_l = error_l \\odot \\sigma'(a_l)`
weight update                   :math:`Deriv_{l-1} = a_{l-1}^T \\cdot \\delta_l`
error relay                     :math:`error_{l-1} = \\delta_l \\cdot W_{l-1}^T`
gradient descent                :math:`W_l \\leftarrow W_l + \\eta \\, Deriv_l`
==============================  ==============================================

Each line is one function here. The network, the trainer, the step-by-step
``trace`` and the gradient check all call these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import sigmoid, sigmoid_slope

__all__ = [
    "forward_pass",
    "output_error",
    "delta",
    "deriv",
    "relay_error",
    "backward",
    "update_weights",
    "ByLayer",
    "Trace",
    "trace",
]


def forward_pass(weights, a0):
    """Run the input batch ``a0`` through every layer.

    Returns ``(h, a)``: ``h`` maps each layer :math:`l = 1 \\dots L` to its
    weighted sums :math:`h_l = a_{l-1} \\cdot W_{l-1}`, and ``a`` is the list
    of activations :math:`a_0 \\dots a_L`, with ``a[0]`` the input itself.
    """
    h = {}
    a = [a0]
    for l, W in enumerate(weights, start=1):
        h[l] = np.dot(a[-1], W)
        a.append(sigmoid(h[l]))
    return h, a


def output_error(y, a_out):
    """:math:`error_L = y - a_L`: how far the prediction is below the target."""
    return y - a_out


def delta(error, slope):
    """:math:`\\delta = error \\odot \\sigma'`: the error filtered by the layer's slope.

    ``slope`` is :math:`\\sigma'(a)`, normally ``sigmoid_slope(a)``; the
    product is element-wise (the Hadamard product), so a scalar slope such as
    the course's assumed 0.22 also works.

    >>> delta(np.array([[0.32]]), 0.22)
    array([[0.0704]])
    """
    return error * slope


def deriv(a_prev, delta_next, out=None):
    """:math:`Deriv = a^T \\cdot \\delta`: the update for the weights between two layers.

    Entry ``[i, j]`` is input activation ``i`` times delta ``j``; for a batch
    the matrix product also sums the per-sample updates. ``out``, if given,
    is a C-contiguous array of the right shape and dtype that receives the
    result (the trainer reuses one per layer instead of allocating anew).

    >>> deriv(np.array([[1.0, 2.0]]), np.array([[0.00875, 0.00875]]))
    array([[0.00875, 0.00875],
           [0.0175 , 0.0175 ]])
    """
    return np.dot(a_prev.T, delta_next, out=out)


def relay_error(delta_next, W):
    """:math:`error = \\delta \\cdot W^T`: the delta sent back through the weights."""
    return np.dot(delta_next, W.T)


def backward(weights, a, error_out, relay_to_input=True, derivs_out=None):
    """Backpropagate ``error_out`` = :math:`error_L` through the layers.

    ``a`` is the list of activations from ``forward_pass``. Returns three
    dicts keyed by the layer index the course writes on each symbol:
    ``error[l]`` and ``delta[l]`` for :math:`l = L \\dots 1` (plus
    ``error[0]``, the error relayed to the inputs), and ``deriv[l]`` for
    :math:`l = L-1 \\dots 0`. Training needs no ``error[0]`` and skips it
    with ``relay_to_input=False``, and passes ``derivs_out``, one array per
    weight matrix, to receive the ``deriv[l]`` instead of new arrays.
    """
    errors, deltas, derivs = {}, {}, {}
    errors[len(weights)] = error_out
    for l in range(len(weights), 0, -1):
        deltas[l] = delta(errors[l], sigmoid_slope(a[l]))
        derivs[l - 1] = deriv(a[l - 1], deltas[l], None if derivs_out is None else derivs_out[l - 1])
        if l > 1 or relay_to_input:
            errors[l - 1] = relay_error(deltas[l], weights[l - 1])
    return errors, deltas, derivs


def update_weights(weights, derivs, eta) -> None:
    """Gradient descent in place: :math:`W_l \\leftarrow W_l + \\eta \\, Deriv_l`.

    The plus sign is right: :math:`Deriv_l = -\\partial E / \\partial W_l`.
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


def trace(net, x, y) -> Trace:
    """One forward and one backward pass of ``net`` on ``(x, y)``, keeping everything.

    ``net`` is an ``MLP``; ``x`` and ``y`` are checked by ``net.check_xy``.
    Its weights and its stored state are not changed: this is the same
    computation that ``train`` performs before each update.

    >>> from dlaudio import MLP
    >>> net = MLP.from_weights([[[0.1, 0.25], [0.15, 0.3]], [[0.5], [0.5]]])
    >>> t = trace(net, [1.0, 2.0], [1.0])
    >>> print(np.round(t.a[1], 4), np.round(t.error[2], 4))
    [[0.5987 0.7006]] [[0.3431]]
    """
    x, y = net.check_xy(x, y)
    weights = [W.copy() for W in net.weights]
    h, a = forward_pass(weights, x)
    errors, deltas, derivs = backward(weights, a, output_error(y, a[-1]))
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
