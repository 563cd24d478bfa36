"""Layers: each step of a network as a small object with a forward and a backward pass.

Samples are rows, so a batch is a matrix of rows, and every layer computes
one line of the course's table on the whole batch at once:

=======================  ============================================  ==========================================================
layer                    forward                                       backward
=======================  ============================================  ==========================================================
``Dense``                :math:`h = a \\cdot W`                         :math:`\\mathrm{Deriv} = a^T \\cdot \\delta`, relays :math:`\\delta \\cdot W^T`
``Sigmoid``              :math:`a = \\sigma(h)`                          :math:`\\delta = \\mathrm{error} \\odot a (1 - a)`
``SoftmaxCrossEntropy``  :math:`a = \\mathrm{softmax}(h)`                :math:`\\delta = \\mathrm{error}` (the output of a classifier)
=======================  ============================================  ==========================================================

``forward(a)`` returns the layer's output and a *cache*, what its
``backward`` will need (the input of a dense layer, the output of an
activation); ``backward(g, cache)`` returns what goes to the layer below.
The cache is handed back by the caller, so a pass that only predicts
leaves the last training pass untouched. A layer with weights holds them in
one matrix ``W`` (a bias is its last row, the weight of a constant input 1)
and writes :math:`\\mathrm{Deriv}` into ``deriv``; it never updates ``W``
itself: that is the optimiser's job (``dlaudio.optim``). A network is a
sequence of layers (``dlaudio.sequential``).
"""

from __future__ import annotations

import numpy as np

from . import backprop
from .activations import sigmoid, sigmoid_slope, softmax
from .loss import cross_entropy

__all__ = ["Dense", "Sigmoid", "SoftmaxCrossEntropy"]


class Dense:
    """Every unit of the layer below connected to every unit of this one: :math:`h = a \\cdot W`.

    Parameters
    ----------
    W : numpy.ndarray
        The weights, shape :math:`(n_{in}, n_{out})`, or
        :math:`(n_{in} + 1, n_{out})` with ``bias``: the bias row last. The
        layer keeps this array (no copy); a network rebinds it to its own
        storage (``Sequential``).
    bias : bool
        Whether the input carries a constant 1 after its units
        (``backprop.with_bias``).

    Attributes
    ----------
    deriv : numpy.ndarray
        :math:`\\mathrm{Deriv} = a^T \\cdot \\delta` of the last ``backward``,
        shaped like ``W``.

    Examples
    --------
    >>> layer = Dense(np.array([[0.5], [0.5]]))
    >>> h, a = layer.forward(np.array([[0.6, 0.7]]))
    >>> h
    array([[0.65]])
    >>> layer.backward(np.array([[0.1]]), a)
    array([[0.05, 0.05]])
    >>> layer.deriv
    array([[0.06],
           [0.07]])
    """

    def __init__(self, W, bias=False):
        self.W = W
        self.bias = bias
        self.deriv = np.zeros_like(W)

    @property
    def n_in(self) -> int:
        """Units of the layer below (the constant 1 not counted)."""
        return self.W.shape[0] - self.bias

    @property
    def n_out(self) -> int:
        """Units of this layer."""
        return self.W.shape[1]

    def forward(self, a):
        """:math:`h = a \\cdot W` (:math:`[a, 1] \\cdot W` with a bias); returns ``(h, a)``, ``a`` as multiplied."""
        if self.bias:
            a = backprop.with_bias(a)
        return np.dot(a, self.W), a

    def backward(self, delta, a, relay=True):
        """Write :math:`\\mathrm{Deriv} = a^T \\cdot \\delta` into ``deriv``; return the relayed error :math:`\\delta \\cdot W^T`.

        ``a`` is the cache of ``forward``. The first layer of a network has
        no layer below to relay to: ``relay=False`` saves that product and
        returns ``None``.
        """
        backprop.deriv(a, delta, out=self.deriv)
        return backprop.relay_error(delta, self.W, self.bias) if relay else None

    def __repr__(self) -> str:
        return f"Dense({self.n_in} -> {self.n_out}{', bias' if self.bias else ''})"


class Sigmoid:
    """The course's activation, :math:`a = \\sigma(h)`, whose backward filters the error by the slope.

    >>> a, cache = Sigmoid().forward(np.array([[0.0]]))
    >>> a, Sigmoid().backward(np.array([[0.4]]), cache)
    (array([[0.5]]), array([[0.1]]))
    """

    def forward(self, h):
        """:math:`a = \\sigma(h)`; returns ``(a, a)``: the slope is written from the activation."""
        a = sigmoid(h)
        return a, a

    def backward(self, error, a, relay=True):
        """:math:`\\delta = \\mathrm{error} \\odot \\sigma'`, with :math:`\\sigma' = a (1 - a)` from the cache ``a``."""
        return backprop.delta(error, sigmoid_slope(a))

    def __repr__(self) -> str:
        return "Sigmoid()"


class SoftmaxCrossEntropy:
    """The output of a classifier: the softmax, paired with the cross-entropy loss it is trained on.

    Paired, the two give :math:`\\delta_L = \\mathrm{error}_L = y - a_L`: the
    softmax's slope and the derivative of the log cancel
    (``backprop.output_slope``), so ``backward`` stays one line. Its cache
    is ``(h, a)``: the loss is computed from :math:`h`, where it never
    takes :math:`\\log 0` (``loss.cross_entropy``).

    >>> out = SoftmaxCrossEntropy()
    >>> a, cache = out.forward(np.array([[0.0, 0.0]]))
    >>> a, round(out.loss(np.array([[1.0, 0.0]]), cache), 6)
    (array([[0.5, 0.5]]), 0.693147)
    """

    def forward(self, h):
        """:math:`a = \\mathrm{softmax}(h)` row by row; returns ``(a, (h, a))``."""
        a = softmax(h)
        return a, (h, a)

    def backward(self, error, cache, relay=True):
        """:math:`\\delta_L = \\mathrm{error}_L \\odot 1`: no slope factor at this output."""
        return backprop.delta(error, backprop.output_slope(cache[1], "softmax"))

    def loss(self, y, cache) -> float:
        """:math:`E = -\\sum y \\log a`, from the weighted sums in the cache."""
        return cross_entropy(y, cache[0])

    def __repr__(self) -> str:
        return "SoftmaxCrossEntropy()"
