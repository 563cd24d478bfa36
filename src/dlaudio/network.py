"""Chapter 02: the multilayer perceptron.

Layer sizes :math:`n_0, n_1, \\dots, n_L` (input, hidden layers, output); the
weights :math:`W_l` between layer :math:`l` and layer :math:`l + 1` form an
:math:`n_l \\times n_{l+1}` matrix, drawn from the standard normal distribution
(numpy's ``randn``); every layer applies the sigmoid; there are no biases, as
in the course. Two options make a classifier: a softmax output layer trained
on the cross-entropy (``output="softmax"``), and biases (``bias=True``), a
constant input of 1 appended to every layer below the output, so that
:math:`W_l` has :math:`n_l + 1` rows.
"""

from __future__ import annotations

import numbers

import numpy as np

from . import backprop
from . import training
from ._checks import (
    all_finite, as_generator, choice, float_dtype, float_matrix, positive_int, positive_real, real_array,
)

__all__ = ["MLP"]

OUTPUTS = ("sigmoid", "softmax")


class MLP:
    """A multilayer perceptron: ``MLP(num_inputs, hidden_layers, num_outputs, rng=None, dtype=numpy.float64, output="sigmoid", bias=False)``.

    Sigmoid layers and no biases by default, as in the course; a softmax
    output and biases on request, for a classifier.

    Parameters
    ----------
    num_inputs : int
        Size :math:`n_0` of the input layer.
    hidden_layers : sequence of int
        Sizes of the hidden layers, in order (may be empty).
    num_outputs : int
        Size :math:`n_L` of the output layer.
    rng : None, int or numpy.random.Generator
        Source of the initial weights: a seed makes them reproducible.
    dtype : numpy.float64 or numpy.float32
        The precision of the weights and of everything computed from them:
        activations, deltas, Derivs and updates. Inputs and targets of
        another numeric type are converted to it once, when they come in.
        float64 (the default) gives the digits the pages print; float32
        halves the memory and, for layers of a few hundred units, trains
        1.5 to 2 times as fast (``make benchmark`` measures it).
    output : {"sigmoid", "softmax"}
        The output layer. ``"sigmoid"`` (the course's): every output in
        (0, 1), trained on :math:`E = \\frac12 \\sum (y - a)^2`.
        ``"softmax"``: each output row is a probability distribution over
        the ``num_outputs`` classes (at least 2), trained on the
        cross-entropy :math:`E = -\\sum y \\log a`; the targets ``y`` are
        one-hot rows (``dlaudio.one_hot``). The output delta is then
        :math:`\\mathrm{error}_L = y - a_L` itself (``backprop.output_slope``).
    bias : bool
        ``True`` appends a constant input 1 to the input and to every hidden
        layer (``backprop.with_bias``): ``weights[l]`` gains a last row, the
        biases of layer :math:`l + 1`, drawn like the other weights.
        ``False`` (the default) is the course's network, number for number.

    Attributes
    ----------
    weights : list of numpy.ndarray
        :math:`W_0 \\dots W_{L-1}`; ``weights[l]`` has shape
        :math:`(n_l, n_{l+1})`, or :math:`(n_l + 1, n_{l+1})` with biases
        (the bias row last). Read them, change entries in place, or assign a
        new list (checked for shape and finiteness, converted to ``dtype``).
    dtype : numpy.dtype
        float64 or float32, as chosen when the network was made.
    output : str
        ``"sigmoid"`` or ``"softmax"``.
    bias : bool
        Whether every layer below the output carries the constant 1.
    activations : list of numpy.ndarray or None
        :math:`a_0 \\dots a_L` of the last ``forward``, as batches of rows.
    derivs : dict or None
        ``derivs[l]`` is :math:`\\mathrm{Deriv}_l` from the last ``backward``.

    Examples
    --------
    >>> net = MLP(2, [3], 1, rng=0)
    >>> [W.shape for W in net.weights]
    [(2, 3), (3, 1)]
    >>> net.forward([0.3, 0.1]).shape
    (1,)

    A classifier of 3 classes, with biases:

    >>> clf = MLP(2, [3], 3, rng=0, output="softmax", bias=True)
    >>> [W.shape for W in clf.weights]
    [(3, 3), (4, 3)]
    >>> print(clf.forward([0.3, 0.1]).round(3), clf.predict([0.3, 0.1]))
    [0.05  0.742 0.207] 1
    """

    def __init__(self, num_inputs, hidden_layers, num_outputs, rng=None, dtype=np.float64, output="sigmoid",
                 bias=False):
        if isinstance(hidden_layers, numbers.Integral) or not hasattr(hidden_layers, "__iter__"):
            raise TypeError(
                "hidden_layers must be a sequence of layer sizes such as [5] or [], "
                f"got {type(hidden_layers).__name__}"
            )
        sizes = [positive_int(num_inputs, "num_inputs")]
        sizes += [positive_int(n, f"hidden_layers[{i}]") for i, n in enumerate(hidden_layers)]
        sizes.append(positive_int(num_outputs, "num_outputs"))
        rng = as_generator(rng)
        self.dtype = float_dtype(dtype)
        self._set_kind(output, bias)
        self._check_outputs(sizes[-1])
        # Generator.standard_normal is the Generator's name for randn. The
        # draws are the same in either precision: float32 rounds float64's.
        # A bias row is one more row of W, drawn like the others.
        self._weights = [
            rng.standard_normal((n + int(self.bias), m)).astype(self.dtype) for n, m in zip(sizes[:-1], sizes[1:])
        ]
        self._forget()

    @classmethod
    def from_weights(cls, weights, dtype=np.float64, output="sigmoid", bias=False) -> "MLP":
        """A network with the given weight matrices (copied, in ``dtype``), e.g. a worked example's.

        With ``bias=True`` the last row of each matrix is its bias row.

        >>> net = MLP.from_weights([[[0.1, 0.25], [0.15, 0.3]], [[0.5], [0.5]]])
        >>> net.layer_sizes
        [2, 2, 1]
        """
        net = cls.__new__(cls)
        net.dtype = float_dtype(dtype)
        net._set_kind(output, bias)
        net._weights = net._checked_weights(weights)
        net._forget()
        return net

    def copy(self, dtype=None) -> "MLP":
        """A new network with a copy of these weights, the same ``output`` and ``bias``, in ``dtype`` (default: this one's)."""
        return type(self).from_weights(
            self._weights, self.dtype if dtype is None else dtype, output=self.output, bias=self.bias
        )

    # -- state --------------------------------------------------------------

    def _set_kind(self, output, bias) -> None:
        self.output = choice(output, "output", OUTPUTS)
        if not isinstance(bias, bool):
            raise TypeError(f"bias must be True or False, got {type(bias).__name__}")
        self.bias = bias

    def _check_outputs(self, num_outputs) -> None:
        if self.output == "softmax" and num_outputs < 2:
            raise ValueError(
                "a softmax output needs num_outputs >= 2, one per class (a single softmax output is always 1)"
            )

    def _forget(self) -> None:
        self.activations = None
        self.derivs = None

    def _checked_weights(self, weights) -> list:
        if isinstance(weights, np.ndarray) or not hasattr(weights, "__iter__"):
            raise TypeError("weights must be a list of 2-D arrays [W_0, ..., W_{L-1}]")
        checked = []
        rows = "(n_l + 1, n_l+1): the bias row last" if self.bias else "(n_l, n_l+1)"
        for l, W in enumerate(weights):
            W = real_array(W, f"weights[{l}]", dtype=self.dtype)
            if W.ndim != 2 or 0 in W.shape or W.shape[0] <= self.bias:
                raise ValueError(f"weights[{l}] must be a non-empty 2-D matrix {rows}, got shape {W.shape}")
            all_finite(W, f"weights[{l}]")
            if checked and checked[-1].shape[1] + self.bias != W.shape[0]:
                bias_row = " (one per unit, plus the bias row)" if self.bias else ""
                raise ValueError(
                    f"weights[{l}] must have {checked[-1].shape[1] + self.bias} rows{bias_row} to follow "
                    f"weights[{l - 1}] of shape {checked[-1].shape}, got shape {W.shape}"
                )
            checked.append(W)
        if not checked:
            raise ValueError("weights must hold at least one matrix")
        self._check_outputs(checked[-1].shape[1])
        return checked

    @property
    def weights(self) -> list:
        return self._weights

    @weights.setter
    def weights(self, weights) -> None:
        self._weights = self._checked_weights(weights)
        self._forget()

    @property
    def layer_sizes(self) -> list:
        """:math:`[n_0, n_1, \\dots, n_L]`."""
        return [self._weights[0].shape[0] - self.bias] + [W.shape[1] for W in self._weights]

    def __repr__(self) -> str:
        n = self.layer_sizes
        options = "".join(
            [f", output={self.output!r}" if self.output != "sigmoid" else "", ", bias=True" if self.bias else ""]
        )
        return f"MLP({n[0]}, {n[1:-1]}, {n[-1]}{options})"

    # -- input checks -------------------------------------------------------

    def check_x(self, x, copy=True) -> np.ndarray:
        """``x`` as this network computes with it: a batch of rows ``(n_samples, n_0)`` in ``dtype``.

        One sample ``(n_0,)`` becomes a batch of one; integers and other float
        precisions are converted. Raises ``ValueError`` for a wrong shape,
        ragged rows, an empty array, NaN or inf, and ``TypeError`` for complex
        numbers or text, naming the shape expected. The result is a fresh copy
        unless ``copy=False``, which returns an array already in ``dtype``
        as it is (for callers that only read it).

        >>> MLP(2, [3], 1, rng=0).check_x([1, 2])
        array([[1., 2.]])
        """
        return float_matrix(x, "x", columns=self.layer_sizes[0], dtype=self.dtype, copy=copy)

    def check_xy(self, x, y, copy=True):
        """``(x, y)`` checked as by ``check_x``, with targets ``y`` of shape ``(n_samples, n_L)``.

        Every function that takes a data set (``train``, ``trace``, the
        gradient check) runs its inputs through this first, so a bad call
        raises before anything is computed or changed. For a softmax output
        every row of ``y`` must be a probability distribution: entries
        :math:`\\ge 0` that sum to 1, such as the one-hot rows of
        ``dlaudio.one_hot`` (the output delta :math:`y - a` needs rows that
        sum to 1).
        """
        x = self.check_x(x, copy=copy)
        y = float_matrix(y, "y", columns=self.layer_sizes[-1], dtype=self.dtype, copy=copy)
        if y.shape[0] != x.shape[0]:
            raise ValueError(
                f"x and y must hold the same number of samples, got {x.shape[0]} and {y.shape[0]}"
            )
        if self.output == "softmax":
            sums = y.sum(axis=1, dtype=np.float64)
            bad = np.flatnonzero((y < 0).any(axis=1) | (np.abs(sums - 1) > 1e-3))
            if bad.size:
                raise ValueError(
                    f"y of a softmax network must be one-hot rows (or rows of probabilities: >= 0, summing to 1), "
                    f"e.g. dlaudio.one_hot(labels, {y.shape[1]}); rows {bad[:10].tolist()} are not, "
                    f"the first is {y[bad[0]].tolist()}"
                )
        return x, y

    # -- the course's three steps --------------------------------------------

    def forward(self, x):
        """Forward pass: :math:`a_{l+1} = \\sigma(a_l \\cdot W_l)` for every layer (softmax at a softmax output).

        ``x`` is one sample, shape ``(n_0,)``, or a batch, ``(n_samples, n_0)``;
        the output has the same form. The activations are kept in
        ``activations`` for ``backward``. A softmax output layer applies
        ``softmax`` instead of the sigmoid; with biases, :math:`a_l` is
        :math:`[a_l, 1]` (see ``backprop.forward_pass``).
        """
        x_checked = self.check_x(x)
        _, a = backprop.forward_pass(self._weights, x_checked, self.output, self.bias)
        self.activations = a
        self.derivs = None
        return a[-1][0] if np.ndim(x) == 1 else a[-1]

    def backward(self, error):
        """Backpropagate the output error :math:`\\mathrm{error}_L = y - a_L` of the last ``forward``.

        Stores and returns ``derivs``, where ``derivs[l]`` is
        :math:`\\mathrm{Deriv}_l = a_l^T \\cdot \\delta_{l+1}`. For a softmax output the
        same ``y - a`` is the output delta (no slope factor), the negative
        gradient of the cross-entropy.
        """
        if self.activations is None:
            raise ValueError("call forward(x) before backward(error)")
        expected = self.activations[-1].shape
        error = float_matrix(error, "error", columns=expected[1], dtype=self.dtype)
        if error.shape != expected:
            raise ValueError(f"error must have shape {expected} like the last output, got {error.shape}")
        # Only the updates are kept; the error relayed to the inputs is not needed.
        _, _, self.derivs = backprop.backward(
            self._weights, self.activations, error, relay_to_input=False, output=self.output, bias=self.bias
        )
        return self.derivs

    def gradient_descent(self, eta) -> None:
        """:math:`W_l \\leftarrow W_l + \\eta \\, \\mathrm{Deriv}_l` with the ``derivs`` of the last ``backward``."""
        eta = positive_real(eta, "eta (learning rate)")
        if self.derivs is None:
            raise ValueError("call backward(error) before gradient_descent(eta)")
        backprop.update_weights(self._weights, self.derivs, eta)
        self.derivs = None

    def predict(self, x):
        """The class of each sample: the index of its largest output (``argmax``).

        With a single output, a yes/no classifier, the class is 1 where the
        output is at least 0.5 and 0 elsewhere. ``x`` as in ``forward``;
        returns integer class indices, shape ``(n_samples,)``, or one ``int``
        for one sample ``(n_0,)``. The stored ``activations`` are not
        changed.

        >>> MLP.from_weights([[[1.0, -1.0]]], output="softmax").predict([[2.0], [-3.0]])
        array([0, 1])
        """
        _, a = backprop.forward_pass(self._weights, self.check_x(x, copy=False), self.output, self.bias)
        classes = training.classes_of(a[-1])
        return int(classes[0]) if np.ndim(x) == 1 else classes

    def train(self, x, y, *, epochs, eta, batch_size=1, shuffle=False, rng=None, exact_loss=False,
              validation=None, l2=0.0, early_stopping=None):
        """Gradient descent over a data set: ``net.train(x, y, ...)`` is ``dlaudio.train(net, x, y, ...)``.

        Same keyword-only arguments and the same returned ``History``; see
        ``dlaudio.training.train``.
        """
        return training.train(
            self, x, y, epochs=epochs, eta=eta, batch_size=batch_size, shuffle=shuffle, rng=rng, exact_loss=exact_loss,
            validation=validation, l2=l2, early_stopping=early_stopping,
        )
