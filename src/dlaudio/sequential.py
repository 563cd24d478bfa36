"""A network as a sequence of layers: forward through them in order, backward in reverse.

``Sequential`` knows nothing of any particular layer. It runs each layer's
``forward`` and keeps the caches; it runs each ``backward`` in reverse, so
the error of the output becomes a delta, a Deriv and a relayed error layer
by layer; and it keeps the weights of every layer, and their Derivs, side by
side in one array each (``W_all``, ``D_all``), so that an optimiser, a
divergence check or a weight-decay step is one operation for the whole
network instead of one per layer. The course's ``MLP`` is such a sequence.
"""

from __future__ import annotations

import contextlib
import copy

import numpy as np

from . import backprop, training
from ._checks import float_dtype, float_matrix
from .loss import l2_penalty, loss
from .optim import SGD

__all__ = ["Sequential"]


class Sequential:
    """Layers run in order: ``Sequential([Dense(W0), Sigmoid(), Dense(W1), Sigmoid()])``.

    Parameters
    ----------
    layers : sequence of layers
        Objects with ``forward(a) -> (output, cache)`` and
        ``backward(g, cache, relay) -> g_below`` (``dlaudio.layers``); a
        layer with weights has a matrix ``W`` and a ``deriv`` like it.
    dtype : numpy.float64 or numpy.float32
        The precision of the weights, which are copied into ``W_all`` in it.

    Attributes
    ----------
    layers : list
        The layers, in order.
    weighted : list
        The layers that have weights, in order: ``weighted[l].W`` is
        :math:`W_l`.
    W_all, D_all : numpy.ndarray
        Every :math:`W_l`, and every :math:`\\mathrm{Deriv}_l`, one after the
        other; each layer's ``W`` and ``deriv`` are views of them.
    activations : list of numpy.ndarray or None
        :math:`a_0 \\dots a_L` of the last ``forward``: the input of each
        layer with weights (with its constant 1, if it has a bias), then the
        output.
    derivs : dict or None
        ``derivs[l]`` is :math:`\\mathrm{Deriv}_l` from the last ``backward``.

    Examples
    --------
    >>> from dlaudio.layers import Dense, Sigmoid
    >>> net = Sequential([Dense(np.full((2, 1), 0.5)), Sigmoid()])
    >>> net.forward([[0.6, 0.7]]).round(4)
    array([[0.657]])
    """

    def __init__(self, layers, dtype=np.float64):
        self.dtype = float_dtype(dtype)
        self.layers = list(layers)
        self.weighted = [layer for layer in self.layers if hasattr(layer, "W")]
        if not self.weighted:
            raise ValueError("a network needs at least one layer with weights")
        self._bind_weights()
        self.forget()

    def _bind_weights(self) -> None:
        """Copy every layer's ``W`` into ``W_all`` and make ``W`` and ``deriv`` views of the two blocks."""
        sizes = [layer.W.size for layer in self.weighted]
        self.W_all = np.empty(sum(sizes), dtype=self.dtype)
        self.D_all = np.zeros(sum(sizes), dtype=self.dtype)
        start = 0
        for layer, size in zip(self.weighted, sizes):
            shape = layer.W.shape
            self.W_all[start : start + size] = np.ravel(layer.W)
            layer.W = self.W_all[start : start + size].reshape(shape)
            layer.deriv = self.D_all[start : start + size].reshape(shape)
            start += size

    def copy(self, dtype=None) -> Sequential:
        """A new network of the same layers with a copy of these weights.

        Parameters
        ----------
        dtype : numpy.float64 or numpy.float32, optional
            The precision of the copy; by default this network's.

        Returns
        -------
        Sequential
            The copy; training it leaves this network unchanged.
        """
        return Sequential([copy.copy(layer) for layer in self.layers], self.dtype if dtype is None else dtype)

    @contextlib.contextmanager
    def mode(self, training):
        """Within ``with net.mode(training=True):`` layers that act only in training (``Dropout``) are on.

        ``train`` runs its updates in training mode and measures losses and
        accuracies in prediction mode; ``forward`` and ``predict`` always
        predict. Every layer's previous mode is restored on leaving.

        Parameters
        ----------
        training : bool
            True to switch the training-only layers on, False to switch them
            off.

        Yields
        ------
        Sequential
            This network, in the mode asked for.
        """
        switches = [layer for layer in self.layers if hasattr(layer, "training")]
        before = [layer.training for layer in switches]
        for layer in switches:
            layer.training = bool(training)
        try:
            yield self
        finally:
            for layer, was in zip(switches, before):
                layer.training = was

    def forget(self) -> None:
        """Drop the activations and Derivs kept from the last ``forward`` and ``backward``."""
        self.activations = None
        self.derivs = None
        self._caches = None

    @property
    def n_in(self) -> int:
        """The number of inputs per example, that of the first layer with weights."""
        return self.weighted[0].n_in

    @property
    def n_out(self) -> int:
        """The number of outputs per example, that of the last layer with weights."""
        return self.weighted[-1].n_out

    @property
    def classifies(self) -> bool:
        """Whether the output layer brings its own loss (a softmax with the cross-entropy)."""
        return hasattr(self.layers[-1], "loss")

    def __repr__(self) -> str:
        return f"Sequential({self.layers!r})"

    # -- the passes, unchecked: for the trainer, the trace and the gradient check ----

    def forward_batch(self, a):
        """Run the batch ``a`` through every layer, unchecked.

        Parameters
        ----------
        a : numpy.ndarray
            The inputs, one row per example, already in ``dtype``.

        Returns
        -------
        output : numpy.ndarray
            The output of the last layer.
        caches : list
            Each layer's cache, in order, for ``backward_batch``.
        """
        caches = []
        for layer in self.layers:
            a, cache = layer.forward(a)
            caches.append(cache)
        return a, caches

    def backward_batch(self, error, caches, relay_to_input=False):
        """Backpropagate :math:`\\mathrm{error}_L` through every layer, writing each Deriv into ``D_all``.

        Parameters
        ----------
        error : numpy.ndarray
            :math:`\\mathrm{error}_L = y - a_L`, one row per example.
        caches : list
            The caches of the ``forward_batch`` that gave the output.
        relay_to_input : bool
            Whether to compute the error relayed to the input (training
            never needs it).

        Returns
        -------
        numpy.ndarray or None
            The error relayed to the input, or ``None`` when
            ``relay_to_input`` is false.
        """
        for i in range(len(self.layers) - 1, -1, -1):
            error = self.layers[i].backward(error, caches[i], relay=i > 0 or relay_to_input)
        return error

    def forward_finite(self, x):
        """``forward_batch`` of a checked batch, refusing outputs that are not finite.

        Finite weights and inputs can still overflow a weighted sum; the
        outputs are then NaN, and a prediction from them would be
        meaningless (``argmax`` of NaNs is 0), so this raises instead.

        Parameters
        ----------
        x : numpy.ndarray
            A batch checked by ``check_x``.

        Returns
        -------
        output : numpy.ndarray
            The output of the last layer.
        caches : list
            Each layer's cache, in order.

        Raises
        ------
        ValueError
            If an output is NaN or infinite.
        """
        with np.errstate(over="ignore", invalid="ignore"):  # reported just below, with its cause
            out, caches = self.forward_batch(x)
        if not np.isfinite(out).all():
            raise ValueError(
                "the network's outputs are not finite (NaN or inf): its weighted sums overflow; "
                "scale the inputs to about [-1, 1], or use smaller weights"
            )
        return out, caches

    def batch_loss(self, y, output, caches) -> float:
        """Compute :math:`E` of a forward pass: the output layer's own loss, else :math:`\\frac12 \\sum (y - a)^2`.

        Parameters
        ----------
        y : numpy.ndarray
            The targets, one row per example.
        output : numpy.ndarray
            The output of the forward pass.
        caches : list
            The caches of the forward pass.

        Returns
        -------
        float
            :math:`E`, summed over the batch.
        """
        return self.layers[-1].loss(y, caches[-1]) if self.classifies else loss(y, output)

    def weight_decay(self, l2) -> None:
        """Apply :math:`\\mathrm{Deriv}_l \\leftarrow \\mathrm{Deriv}_l - \\lambda W_l` to every layer, biases spared.

        Parameters
        ----------
        l2 : float
            The weight decay :math:`\\lambda \\ge 0`.
        """
        for layer in self.weighted:
            backprop.weight_decay([layer.deriv], [layer.W], l2, layer.bias)

    def l2_penalty(self, l2) -> float:
        """Compute :math:`\\frac{\\lambda}{2} \\sum w^2` over every layer's weights, biases spared.

        Parameters
        ----------
        l2 : float
            The weight decay :math:`\\lambda \\ge 0`.

        Returns
        -------
        float
            The penalty added to :math:`E`.
        """
        return sum(l2_penalty([layer.W], l2, layer.bias) for layer in self.weighted)

    # -- checked calls ---------------------------------------------------------------

    def check_x(self, x, copy=True) -> np.ndarray:
        """``x`` as this network computes with it: a batch of rows ``(n_examples, n_0)`` in ``dtype``.

        One example ``(n_0,)`` becomes a batch of one; integers and other float
        precisions are converted. Raises ``ValueError`` for a wrong shape,
        ragged rows, an empty array, NaN or inf, and ``TypeError`` for complex
        numbers or text, naming the shape expected. The result is a fresh copy
        unless ``copy=False``, which returns an array already in ``dtype``
        as it is (for callers that only read it).

        Parameters
        ----------
        x : array_like
            One example or a batch of rows.
        copy : bool
            Whether the result is always a fresh copy.

        Returns
        -------
        numpy.ndarray
            The batch, shape ``(n_examples, n_0)``, in ``dtype``.

        Examples
        --------
        >>> from dlaudio import MLP
        >>> MLP(2, [3], 1, rng=0).check_x([1, 2])
        array([[1., 2.]])
        """
        return float_matrix(x, "x", columns=self.n_in, dtype=self.dtype, copy=copy)

    def check_xy(self, x, y, copy=True):
        """``(x, y)`` checked as by ``check_x``, with targets ``y`` of shape ``(n_examples, n_L)``.

        Every function that takes a data set (``train``, ``trace``, the
        gradient check) runs its inputs through this first, so a bad call
        raises before anything is computed or changed. For a softmax output
        every row of ``y`` must be a probability distribution: entries
        :math:`\\ge 0` that sum to 1, such as the one-hot rows of
        ``dlaudio.one_hot`` (the output delta :math:`y - a` needs rows that
        sum to 1).

        Parameters
        ----------
        x : array_like
            The inputs, one example or a batch of rows.
        y : array_like
            The targets, one row per example.
        copy : bool
            Whether the results are always fresh copies.

        Returns
        -------
        x : numpy.ndarray
            The inputs, shape ``(n_examples, n_0)``, in ``dtype``.
        y : numpy.ndarray
            The targets, shape ``(n_examples, n_L)``, in ``dtype``.
        """
        x = self.check_x(x, copy=copy)
        y = float_matrix(y, "y", columns=self.n_out, dtype=self.dtype, copy=copy)
        if y.shape[0] != x.shape[0]:
            raise ValueError(f"x and y must hold the same number of samples, got {x.shape[0]} and {y.shape[0]}")
        if self.classifies:
            sums = y.sum(axis=1, dtype=np.float64)
            bad = np.flatnonzero((y < 0).any(axis=1) | (np.abs(sums - 1) > 1e-3))
            if bad.size:
                raise ValueError(
                    f"y of a softmax network must be one-hot rows (or rows of probabilities: >= 0, summing to 1), "
                    f"e.g. dlaudio.one_hot(labels, {y.shape[1]}); rows {bad[:10].tolist()} are not, "
                    f"the first is {y[bad[0]].tolist()}"
                )
        return x, y

    def forward(self, x):
        """The output for one example ``(n_in,)`` or a batch ``(n_examples, n_in)``, in the same form.

        The activations are kept in ``activations`` for ``backward``.

        Parameters
        ----------
        x : array_like
            One example ``(n_in,)`` or a batch ``(n_examples, n_in)``.

        Returns
        -------
        numpy.ndarray
            The output, one row per example, or one row for one example.
        """
        out, caches = self.forward_finite(self.check_x(x))
        self._caches = caches
        # A layer's a_l is what it multiplied by W: its cache, or for a convolution its window rows (``multiplied``).
        self.activations = [
            layer.multiplied(cache) if hasattr(layer, "multiplied") else cache
            for cache, layer in zip(caches, self.layers)
            if hasattr(layer, "W")
        ]
        self.activations.append(out)
        self.derivs = None
        return out[0] if np.ndim(x) == 1 else out

    def backward(self, error):
        """Backpropagate the output error :math:`\\mathrm{error}_L = y - a_L` of the last ``forward``.

        Stores and returns ``derivs``, where ``derivs[l]`` is
        :math:`\\mathrm{Deriv}_l = a_l^T \\cdot \\delta_{l+1}`. For a softmax output the
        same ``y - a`` is the output delta (no slope factor), the negative
        gradient of the cross-entropy.

        Parameters
        ----------
        error : array_like
            :math:`\\mathrm{error}_L = y - a_L`, shaped like the last output.

        Returns
        -------
        dict
            ``derivs``: :math:`\\mathrm{Deriv}_l` by layer index ``l``.
        """
        if self._caches is None:
            raise ValueError("call forward(x) before backward(error)")
        expected = self.activations[-1].shape
        error = float_matrix(error, "error", columns=expected[1], dtype=self.dtype)
        if error.shape != expected:
            raise ValueError(f"error must have shape {expected} like the last output, got {error.shape}")
        self.backward_batch(error, self._caches)
        self.derivs = {l: layer.deriv.copy() for l, layer in enumerate(self.weighted)}
        return self.derivs

    def gradient_descent(self, eta) -> None:
        """Update :math:`W_l \\leftarrow W_l + \\eta \\, \\mathrm{Deriv}_l` with the last ``backward``'s ``derivs``.

        Parameters
        ----------
        eta : float
            The learning rate :math:`\\eta > 0`.
        """
        optimizer = SGD(eta)
        if self.derivs is None:
            raise ValueError("call backward(error) before gradient_descent(eta)")
        optimizer.step([layer.W for layer in self.weighted], [self.derivs[l] for l in range(len(self.weighted))])
        self.derivs = None

    def predict(self, x):
        """The class of each example: the index of its largest output (``argmax``).

        With a single output, a yes/no classifier, the class is 1 where the
        output is at least 0.5 and 0 elsewhere. The stored ``activations``
        are not changed.

        Parameters
        ----------
        x : array_like
            One example ``(n_0,)`` or a batch ``(n_examples, n_0)``.

        Returns
        -------
        numpy.ndarray or int
            The class indices, shape ``(n_examples,)``, or one ``int`` for one
            example.
        """
        out, _ = self.forward_finite(self.check_x(x, copy=False))
        classes = training.classes_of(out)
        return int(classes[0]) if np.ndim(x) == 1 else classes

    def train(
        self,
        x,
        y,
        *,
        epochs,
        eta=None,
        batch_size=1,
        shuffle=False,
        rng=None,
        exact_loss=False,
        validation=None,
        l2=0.0,
        early_stopping=None,
        optimizer=None,
        reduction="sum",
    ):
        """Gradient descent over a data set: ``net.train(x, y, ...)`` is ``dlaudio.train(net, x, y, ...)``.

        Same keyword-only arguments and the same returned ``History``; see
        ``dlaudio.training.train``, which describes them in full.

        Parameters
        ----------
        x, y : array_like
            Inputs ``(n_examples, n_0)`` and targets ``(n_examples, n_L)``.
        epochs : int
            Passes over the data set.
        eta : float, optional
            The learning rate :math:`\\eta > 0` of plain gradient descent.
        batch_size : int
            Examples per update.
        shuffle : bool
            Whether to visit the examples in a new random order each epoch.
        rng : None, int or numpy.random.Generator
            The source of the shuffles.
        exact_loss : bool
            Whether to report the loss of the whole data set at the end of
            each epoch instead of the running loss.
        validation : (x_val, y_val), optional
            Held-out data, measured after every epoch.
        l2 : float
            Weight decay :math:`\\lambda \\ge 0`.
        early_stopping : int, optional
            Patience, in epochs without a better validation loss.
        optimizer : optional
            ``SGD``, ``Momentum`` or ``Adam``, instead of ``eta``.
        reduction : {"sum", "mean"}
            Whether the Derivs add up the batch's examples or average them.

        Returns
        -------
        History
            The losses (and accuracies) per epoch.
        """

        return training.train(
            self,
            x,
            y,
            epochs=epochs,
            eta=eta,
            batch_size=batch_size,
            shuffle=shuffle,
            rng=rng,
            exact_loss=exact_loss,
            validation=validation,
            l2=l2,
            early_stopping=early_stopping,
            optimizer=optimizer,
            reduction=reduction,
        )
