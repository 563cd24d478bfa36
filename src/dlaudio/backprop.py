"""Chapter 02-1: forward and backward passes in the course's notation.

Examples are rows and a batch is a matrix of rows, so every formula below holds
for one example (a batch of one) and for a batch alike. With layers
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

Each line is one function here. The layers (``dlaudio.layers``) call them,
and the network, the trainer, the step-by-step ``trace`` and the gradient
check all run those same layers.

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
from .activations import sigmoid_slope

__all__ = [
    "with_bias",
    "units",
    "output_slope",
    "output_error",
    "delta",
    "deriv",
    "relay_error",
    "weight_decay",
    "update_weights",
    "ByLayer",
    "Trace",
    "trace",
    "mean_abs",
    "row_norms",
    "relay_bounds",
]


def with_bias(a):
    """:math:`[a, 1]`: the activations ``a`` (a batch of rows) with a constant 1 appended to each row.

    The bias of a unit is then the weight from this constant input, one
    more row of :math:`W`, and :math:`h = [a, 1] \\cdot W` needs no formula
    of its own.

    Parameters
    ----------
    a : numpy.ndarray
        The activations, one row per example.

    Returns
    -------
    numpy.ndarray
        A new array in ``a``'s dtype, with one more column, of 1s.

    Examples
    --------
    >>> with_bias(np.array([[0.2, 0.4]]))
    array([[0.2, 0.4, 1. ]])
    """
    a1 = np.empty((a.shape[0], a.shape[1] + 1), dtype=a.dtype)
    a1[:, :-1] = a
    a1[:, -1] = 1.0
    return a1


def units(a, bias):
    """The activations of a layer's units: ``a`` without the constant 1 that ``with_bias`` appended.

    Parameters
    ----------
    a : numpy.ndarray
        The activations, one row per example.
    bias : bool
        Whether ``a`` ends in the column of 1s.

    Returns
    -------
    numpy.ndarray
        A view of ``a`` without its last column, or ``a`` as it is when
        ``bias`` is false.
    """
    return a[:, :-1] if bias else a


def output_error(y, a_out):
    """Compute :math:`\\mathrm{error}_L = y - a_L`: how far the prediction is below the target.

    Parameters
    ----------
    y : numpy.ndarray
        The targets, one row per example.
    a_out : numpy.ndarray
        The network's output :math:`a_L`, shaped like ``y``.

    Returns
    -------
    numpy.ndarray
        :math:`\\mathrm{error}_L`, shaped like ``y``.
    """
    return y - a_out


def output_slope(a_out, output="sigmoid"):
    """The slope factor of the output layer's delta, :math:`\\delta_L = \\mathrm{error}_L \\odot` this.

    - ``"sigmoid"`` output, loss :math:`E = \\frac12 \\sum (y - a)^2`:
      ``sigmoid_slope(a_out)``, :math:`\\sigma'(h_L) = a_L (1 - a_L)`.
    - ``"softmax"`` output, cross-entropy loss :math:`E = -\\sum y \\log a`:
      ``1``. For one example, :math:`\\log a_k = h_k - \\log \\sum_j e^{h_j}`,
      so :math:`-\\partial E / \\partial h_k = y_k - a_k \\sum_j y_j = y_k - a_k`
      when the targets sum to 1 (one-hot rows). That is :math:`\\mathrm{error}_L`
      itself: the softmax's slope and the derivative of the log cancel,
      and no slope factor is applied, so :math:`\\delta_L = y - a_L`.

    Every other layer is a sigmoid layer, whose slope is ``sigmoid_slope``.

    Parameters
    ----------
    a_out : numpy.ndarray
        The output layer's activations :math:`a_L`.
    output : {"sigmoid", "softmax"}
        The kind of output layer.

    Returns
    -------
    numpy.ndarray or float
        The slope, shaped like ``a_out``, or ``1.0`` for a softmax output.

    Examples
    --------
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

    Parameters
    ----------
    error : numpy.ndarray
        The error of the layer's units, one row per example.
    slope : numpy.ndarray or float
        :math:`\\sigma'`, shaped like ``error``, or one number.

    Returns
    -------
    numpy.ndarray
        :math:`\\delta`, shaped like ``error``.

    Examples
    --------
    >>> delta(np.array([[0.32]]), 0.22)
    array([[0.0704]])
    """
    return error * slope


def deriv(a_prev, delta_next, out=None):
    """:math:`\\mathrm{Deriv} = a^T \\cdot \\delta`: the update for the weights between two layers.

    Entry ``[i, j]`` is input activation ``i`` times delta ``j``; for a batch
    the matrix product also sums the per-example updates. ``out``, if given,
    is a C-contiguous array of the right shape and dtype that receives the
    result (the trainer reuses one per layer instead of allocating anew).

    Parameters
    ----------
    a_prev : numpy.ndarray
        The activations of the layer below, one row per example.
    delta_next : numpy.ndarray
        The deltas of the layer above, one row per example.
    out : numpy.ndarray, optional
        Where to write the result.

    Returns
    -------
    numpy.ndarray
        :math:`\\mathrm{Deriv}`, shape ``(n_in, n_out)`` (``out`` if given).

    Examples
    --------
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

    Parameters
    ----------
    delta_next : numpy.ndarray
        The deltas of the layer above, one row per example.
    W : numpy.ndarray
        The weights between the two layers.
    bias : bool
        Whether the last row of ``W`` is a bias row.

    Returns
    -------
    numpy.ndarray
        The error of the layer below, one row per example.
    """
    return np.dot(delta_next, (W[:-1] if bias else W).T)


def weight_decay(derivs, weights, l2, bias=False) -> None:
    """L2 weight decay in place: :math:`\\mathrm{Deriv}_l \\leftarrow \\mathrm{Deriv}_l - \\lambda W_l` for every layer.

    Adding :math:`\\frac{\\lambda}{2} \\sum w^2` (``loss.l2_penalty``) to
    :math:`E` adds its negative gradient, :math:`-\\lambda W_l`, to
    :math:`\\mathrm{Deriv}_l = -\\partial E / \\partial W_l`; the update
    :math:`W + \\eta \\, \\mathrm{Deriv}` then shrinks every weight by the factor
    :math:`1 - \\eta \\lambda` before adding :math:`\\eta \\, a^T \\cdot \\delta`.
    ``l2`` is :math:`\\lambda \\ge 0`. With ``bias=True`` the bias rows
    (the last row of each :math:`W_l`) are not decayed.

    Parameters
    ----------
    derivs : dict or list of numpy.ndarray
        :math:`\\mathrm{Deriv}_l` by layer index, changed in place.
    weights : list of numpy.ndarray
        :math:`W_l`, in layer order.
    l2 : float
        The weight decay :math:`\\lambda \\ge 0`.
    bias : bool
        Whether the last row of each :math:`W_l` is a bias row.

    Examples
    --------
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

    Parameters
    ----------
    weights : list of numpy.ndarray
        :math:`W_l`, in layer order, changed in place.
    derivs : dict or list of numpy.ndarray
        :math:`\\mathrm{Deriv}_l` by layer index.
    eta : float
        The learning rate :math:`\\eta`.
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

    Parameters
    ----------
    values : dict
        The entries, by layer index.
    count : int
        The length of the list the keys index into.

    Examples
    --------
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

    Parameters
    ----------
    W : list of numpy.ndarray
        The weight matrices :math:`W_0 \\dots W_{L-1}`.
    h : ByLayer
        The weighted sums :math:`h_1 \\dots h_L`.
    a : list of numpy.ndarray
        The activations :math:`a_0 \\dots a_L`.
    y : numpy.ndarray
        The targets.
    error : ByLayer
        The errors :math:`\\mathrm{error}_0 \\dots \\mathrm{error}_L`.
    delta : ByLayer
        The deltas :math:`\\delta_1 \\dots \\delta_L`.
    deriv : ByLayer
        The updates :math:`\\mathrm{Deriv}_0 \\dots \\mathrm{Deriv}_{L-1}`.
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

    ``net`` is an ``MLP``, or any ``Sequential`` whose layers with weights
    are each followed by an activation; ``x`` and ``y`` are checked by
    ``net.check_xy``. Its weights and its stored state are not changed:
    this is the same computation, through the same layers, that ``train``
    performs before each update, with the network's ``output`` and ``bias``
    (a softmax output shows ``delta[-1] == error[-1]``; with biases every
    ``a[l]`` but the output ends in a column of ones and every ``W[l]`` has
    a bias row). With ``l2`` :math:`= \\lambda > 0`, ``deriv`` includes the
    weight-decay term :math:`-\\lambda W` (``weight_decay``), as in training.

    Parameters
    ----------
    net : MLP or Sequential
        The network; it is not changed.
    x : array_like
        The inputs, one example or a batch of rows.
    y : array_like
        The targets, one row per example.
    l2 : float
        The weight decay :math:`\\lambda \\ge 0` included in ``deriv``.

    Returns
    -------
    Trace
        Every intermediate of the two passes, by layer.

    Examples
    --------
    >>> from dlaudio import MLP
    >>> net = MLP.from_weights([[[0.1, 0.25], [0.15, 0.3]], [[0.5], [0.5]]])
    >>> t = trace(net, [1.0, 2.0], [1.0])
    >>> print(np.round(t.a[1], 4), np.round(t.error[2], 4))
    [[0.5987 0.7006]] [[0.3431]]
    """
    x, y = net.check_xy(x, y)
    l2 = non_negative_real(l2, "l2")
    net = net.copy()  # the trace's own weights and Derivs
    # Forward: a layer with weights starts layer l + 1 of the course: its
    # input, as it multiplies it, is a_l, and its output h_{l+1}.
    net.forward_finite(x)  # refuses an overflowing forward pass before the walk below repeats it
    h, a, caches = {}, [], []
    out = x
    with net.mode(training=True):  # as in a training step: dropout on
        for layer in net.layers:
            out, cache = layer.forward(out)
            caches.append(cache)
            if hasattr(layer, "W"):
                a.append(layer.multiplied(cache) if hasattr(layer, "multiplied") else cache)
                h[len(a)] = out
    a.append(out)
    # Backward: an activation turns error_l into delta_l, and the layer with
    # weights below it turns delta_l into Deriv_{l-1} and error_{l-1}.
    L = len(net.weighted)
    errors, deltas = {L: output_error(y, out)}, {}
    g, l = errors[L], L
    for layer, cache in zip(reversed(net.layers), reversed(caches)):
        if hasattr(layer, "W"):
            deltas[l] = g
            l -= 1
            g = errors[l] = layer.backward(g, cache)
        else:
            g = layer.backward(g, cache)
    if l2:
        net.weight_decay(l2)
    return Trace(
        W=[layer.W for layer in net.weighted],
        h=ByLayer(h, count=L + 1),
        a=a,
        y=y,
        error=ByLayer(errors, count=L + 1),
        delta=ByLayer(deltas, count=L + 1),
        deriv=ByLayer({l: layer.deriv for l, layer in enumerate(net.weighted)}, count=L),
    )


# -- sizes per layer: the numbers the gallery draws from a trace -----------------


def mean_abs(values: dict) -> dict:
    """``{l: mean |values[l]|}``: the average size of an entry, per layer.

    Parameters
    ----------
    values : dict
        Arrays by layer index, such as ``Trace.error``.

    Returns
    -------
    dict
        The mean absolute entry of each array, as a float, by layer index.

    Examples
    --------
    >>> from dlaudio import trace
    >>> from dlaudio.data import worked_example
    >>> t = trace(*worked_example())
    >>> {l: round(v, 5) for l, v in mean_abs(t.error).items()}
    {2: 0.34307, 1: 0.03866, 0: 0.00339}
    """
    return {l: float(np.mean(np.abs(v))) for l, v in values.items()}


def row_norms(values: dict) -> dict:
    """``{l: mean over examples of ||values[l]||}``, the Euclidean length of each example's row.

    Parameters
    ----------
    values : dict
        Batches of rows by layer index, such as ``Trace.delta``.

    Returns
    -------
    dict
        The mean row length of each batch, as a float, by layer index.
    """
    return {l: float(np.mean(np.linalg.norm(v, axis=1))) for l, v in values.items()}


def relay_bounds(t) -> dict:
    """The most that one backward step lets :math:`\\|\\delta_l\\|` be, given :math:`\\delta_{l+1}`.

    From :math:`\\delta_l = (\\delta_{l+1} \\cdot W_l^T) \\odot \\sigma'(a_l)`
    and :math:`0 < \\sigma' \\le \\frac14`,

    .. math:: \\|\\delta_l\\| \\le \\tfrac14 \\, \\|W_l\\|_2 \\, \\|\\delta_{l+1}\\| ,

    where :math:`\\|W_l\\|_2` is the largest singular value of :math:`W_l`.
    ``row_norms(t.delta)[l]`` never exceeds it.

    Parameters
    ----------
    t : Trace
        A trace of the network (``trace``).

    Returns
    -------
    dict
        The mean over examples of the right-hand side, by hidden layer
        :math:`l = 1 \\dots L-1`.
    """

    bounds = {}
    for l in range(len(t.W) - 1, 0, -1):
        spectral = np.linalg.norm(t.W[l], 2)
        bounds[l] = float(np.mean(0.25 * spectral * np.linalg.norm(t.delta[l + 1], axis=1)))
    return bounds
