"""Layers: each step of a network as a small object with a forward and a backward pass.

Examples are rows, so a batch is a matrix of rows, and every layer computes
one line of the course's table on the whole batch at once:

.. list-table::
   :header-rows: 1

   * - layer
     - forward
     - backward
   * - ``Dense``
     - :math:`h = a \\cdot W`
     - :math:`\\mathrm{Deriv} = a^T \\cdot \\delta`, relays :math:`\\delta \\cdot W^T`
   * - ``Sigmoid``
     - :math:`a = \\sigma(h)`
     - :math:`\\delta = \\mathrm{error} \\odot a (1 - a)`
   * - ``ReLU``
     - :math:`a = \\max(h, 0)`
     - :math:`\\delta = \\mathrm{error} \\odot [a > 0]`
   * - ``Tanh``
     - :math:`a = \\tanh(h)`
     - :math:`\\delta = \\mathrm{error} \\odot (1 - a^2)`
   * - ``Dropout``
     - :math:`a \\odot m` (a random mask in training)
     - :math:`\\mathrm{error} \\odot m`
   * - ``SoftmaxCrossEntropy``
     - :math:`a = \\mathrm{softmax}(h)`
     - :math:`\\delta = \\mathrm{error}` (the output of a classifier)

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
from ._checks import as_generator, finite_real
from .activations import relu, relu_slope, sigmoid, sigmoid_slope, softmax, tanh, tanh_slope
from .loss import cross_entropy

__all__ = ["Dense", "Sigmoid", "ReLU", "Tanh", "Dropout", "SoftmaxCrossEntropy"]


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
        """Compute :math:`h = a \\cdot W` (:math:`[a, 1] \\cdot W` with a bias).

        Parameters
        ----------
        a : numpy.ndarray
            The activations of the layer below, one row per example.

        Returns
        -------
        h : numpy.ndarray
            The weighted sums, one row per example.
        a : numpy.ndarray
            The cache for ``backward``: ``a`` as multiplied, with its column
            of 1s when the layer has a bias.
        """
        if self.bias:
            a = backprop.with_bias(a)
        return np.dot(a, self.W), a

    def backward(self, delta, a, relay=True):
        """Write :math:`\\mathrm{Deriv} = a^T \\cdot \\delta` into ``deriv`` and relay the error.

        The first layer of a network has no layer below to relay to:
        ``relay=False`` saves that product and returns ``None``.

        Parameters
        ----------
        delta : numpy.ndarray
            :math:`\\delta` of this layer's units, one row per example.
        a : numpy.ndarray
            The cache of ``forward``: the input as multiplied.
        relay : bool
            Whether to compute the error of the layer below.

        Returns
        -------
        numpy.ndarray or None
            The relayed error :math:`\\delta \\cdot W^T` (the bias row left
            out), or ``None`` when ``relay`` is False.
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
        """Compute :math:`a = \\sigma(h)`.

        Parameters
        ----------
        h : numpy.ndarray
            The weighted sums, one row per example.

        Returns
        -------
        a : numpy.ndarray
            The activations.
        cache : numpy.ndarray
            ``a`` again: the slope is written from the activation.
        """
        a = sigmoid(h)
        return a, a

    def backward(self, error, a, relay=True):
        """Compute :math:`\\delta = \\mathrm{error} \\odot \\sigma'`, with :math:`\\sigma' = a (1 - a)`.

        Parameters
        ----------
        error : numpy.ndarray
            The error of this layer's units, one row per example.
        a : numpy.ndarray
            The cache of ``forward``: the activations.
        relay : bool
            Not used; every layer's ``backward`` takes it.

        Returns
        -------
        numpy.ndarray
            :math:`\\delta`, shaped like ``error``.
        """
        return backprop.delta(error, sigmoid_slope(a))

    def __repr__(self) -> str:
        return "Sigmoid()"


class ReLU:
    """The rectified linear unit, :math:`a = \\max(h, 0)`: chapter 06's activation for deep stacks.

    >>> a, cache = ReLU().forward(np.array([[-1.0, 2.0]]))
    >>> a, ReLU().backward(np.array([[0.4, 0.4]]), cache)
    (array([[0., 2.]]), array([[0. , 0.4]]))
    """

    def forward(self, h):
        """Compute :math:`a = \\max(h, 0)`.

        Parameters
        ----------
        h : numpy.ndarray
            The weighted sums, one row per example.

        Returns
        -------
        a : numpy.ndarray
            The activations.
        cache : numpy.ndarray
            ``a`` again, for ``backward``.
        """
        a = relu(h)
        return a, a

    def backward(self, error, a, relay=True):
        """Compute :math:`\\delta = \\mathrm{error} \\odot [a > 0]`: the error passes where the unit is on.

        Parameters
        ----------
        error : numpy.ndarray
            The error of this layer's units, one row per example.
        a : numpy.ndarray
            The cache of ``forward``: the activations.
        relay : bool
            Not used; every layer's ``backward`` takes it.

        Returns
        -------
        numpy.ndarray
            :math:`\\delta`, shaped like ``error``.
        """
        return backprop.delta(error, relu_slope(a))

    def __repr__(self) -> str:
        return "ReLU()"


class Tanh:
    """The hyperbolic tangent, :math:`a = \\tanh(h)`: a sigmoid centred on 0, with slope :math:`1 - a^2`."""

    def forward(self, h):
        """Compute :math:`a = \\tanh(h)`.

        Parameters
        ----------
        h : numpy.ndarray
            The weighted sums, one row per example.

        Returns
        -------
        a : numpy.ndarray
            The activations.
        cache : numpy.ndarray
            ``a`` again, for ``backward``.
        """
        a = tanh(h)
        return a, a

    def backward(self, error, a, relay=True):
        """Compute :math:`\\delta = \\mathrm{error} \\odot (1 - a^2)`.

        Parameters
        ----------
        error : numpy.ndarray
            The error of this layer's units, one row per example.
        a : numpy.ndarray
            The cache of ``forward``: the activations.
        relay : bool
            Not used; every layer's ``backward`` takes it.

        Returns
        -------
        numpy.ndarray
            :math:`\\delta`, shaped like ``error``.
        """
        return backprop.delta(error, tanh_slope(a))

    def __repr__(self) -> str:
        return "Tanh()"


class Dropout:
    """Inverted dropout: in training, each unit is kept with probability :math:`1 - p` and scaled by :math:`1/(1 - p)`.

    A unit cannot count on any other being there, so the network cannot
    lean on a few co-adapted units. The kept units are scaled up in
    training, so that at prediction, when every unit is on and nothing is
    scaled, each weighted sum has the same mean as in training. The mask
    :math:`m` (0, or :math:`1/(1 - p)`) multiplies the activations forward
    and the error backward: a dropped unit gets no error and its weights
    no Deriv for that example.

    Parameters
    ----------
    p : float
        The fraction of units dropped, :math:`0 \\le p < 1` (the original
        course uses 0.3).
    rng : None, int or numpy.random.Generator
        Source of the masks: a seed makes training reproducible.
    mask : array_like, optional
        A fixed mask of kept (True) and dropped (False) units, shaped like
        the batch, used in every training pass instead of random ones: for a
        gradient check, whose finite differences need the same network each
        time.

    Attributes
    ----------
    training : bool
        Whether units are dropped; the network switches it on during
        training (``Sequential.mode``) and off for prediction.

    Examples
    --------
    >>> layer = Dropout(0.5, mask=[[True, False]])
    >>> layer.training = True
    >>> a, cache = layer.forward(np.array([[0.2, 0.6]]))
    >>> a, layer.backward(np.array([[1.0, 1.0]]), cache)
    (array([[0.4, 0. ]]), array([[2., 0.]]))
    """

    def __init__(self, p, rng=None, mask=None):
        self.p = finite_real(p, "p (the dropout rate)")
        if not 0 <= self.p < 1:
            raise ValueError(f"p (the dropout rate) must be in [0, 1), got {self.p}")
        self.rng = as_generator(rng)
        self.mask = None if mask is None else np.asarray(mask, dtype=bool)
        self.training = False

    def forward(self, a):
        """Compute :math:`a \\odot m` in training, :math:`a` itself otherwise.

        Parameters
        ----------
        a : numpy.ndarray
            The activations of the layer below, one row per example.

        Returns
        -------
        output : numpy.ndarray
            The activations with the dropped units set to 0 and the kept
            ones scaled.
        m : numpy.ndarray or None
            The mask, for ``backward``; ``None`` when nothing is dropped.
        """
        if not self.training or self.p == 0:
            return a, None
        keep = self.rng.random(a.shape) >= self.p if self.mask is None else self.mask
        if keep.shape != a.shape:
            raise ValueError(f"the fixed dropout mask has shape {keep.shape}, the batch {a.shape}")
        m = keep.astype(a.dtype)
        m /= 1 - self.p
        return a * m, m

    def backward(self, error, m, relay=True):
        """Compute :math:`\\mathrm{error} \\odot m`: the error goes back only through the units that were kept.

        Parameters
        ----------
        error : numpy.ndarray
            The error of this layer's outputs, one row per example.
        m : numpy.ndarray or None
            The cache of ``forward``: the mask, or ``None``.
        relay : bool
            Not used; every layer's ``backward`` takes it.

        Returns
        -------
        numpy.ndarray
            The error of the layer below.
        """
        return error if m is None else error * m

    def __repr__(self) -> str:
        return f"Dropout({self.p})"


class SoftmaxCrossEntropy:
    """The output of a classifier: the softmax, paired with the cross-entropy loss it is trained on.

    Paired, the two give :math:`\\delta_L = \\mathrm{error}_L = y - a_L`: the
    softmax's slope and the derivative of the log cancel
    (``backprop.output_slope``), so ``backward`` stays one line. Its cache
    is ``(h, a)``: the loss is computed from :math:`h`, where it never
    takes :math:`\\log 0` (``loss.cross_entropy``).

    Examples
    --------
    >>> out = SoftmaxCrossEntropy()
    >>> a, cache = out.forward(np.array([[0.0, 0.0]]))
    >>> a, round(out.loss(np.array([[1.0, 0.0]]), cache), 6)
    (array([[0.5, 0.5]]), 0.693147)
    """

    def forward(self, h):
        """Compute :math:`a = \\mathrm{softmax}(h)` row by row.

        Parameters
        ----------
        h : numpy.ndarray
            The weighted sums of the output layer, one row per example.

        Returns
        -------
        a : numpy.ndarray
            The class probabilities, each row summing to 1.
        cache : tuple of numpy.ndarray
            ``(h, a)``, for ``backward`` and ``loss``.
        """
        a = softmax(h)
        return a, (h, a)

    def backward(self, error, cache, relay=True):
        """Compute :math:`\\delta_L = \\mathrm{error}_L \\odot 1`: no slope factor at this output.

        Parameters
        ----------
        error : numpy.ndarray
            :math:`\\mathrm{error}_L = y - a_L`, one row per example.
        cache : tuple of numpy.ndarray
            The cache of ``forward``, ``(h, a)``.
        relay : bool
            Not used; every layer's ``backward`` takes it.

        Returns
        -------
        numpy.ndarray
            :math:`\\delta_L`, equal to ``error``.
        """
        return backprop.delta(error, backprop.output_slope(cache[1], "softmax"))

    def loss(self, y, cache) -> float:
        """Compute :math:`E = -\\sum y \\log a` from the weighted sums in the cache.

        Parameters
        ----------
        y : numpy.ndarray
            The one-hot targets, one row per example.
        cache : tuple of numpy.ndarray
            The cache of ``forward``, ``(h, a)``.

        Returns
        -------
        float
            The cross-entropy, summed over the batch.
        """

        return cross_entropy(y, cache[0])

    def __repr__(self) -> str:
        return "SoftmaxCrossEntropy()"
