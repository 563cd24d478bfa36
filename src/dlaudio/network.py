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

from ._checks import all_finite, as_generator, choice, float_dtype, positive_int, real_array
from .init import INITS, initial_weights
from .layers import Dense, ReLU, Sigmoid, SoftmaxCrossEntropy, Tanh
from .sequential import Sequential

__all__ = ["MLP"]

OUTPUTS = ("sigmoid", "softmax")
#: The hidden layers' activation, by name.
ACTIVATIONS = {"sigmoid": Sigmoid, "relu": ReLU, "tanh": Tanh}
#: The most weights a network may have: far beyond any network of the course,
#: and a clear error instead of an allocation that fails after a long wait.
MAX_WEIGHTS = 2**31


class MLP(Sequential):
    """A multilayer perceptron, the course's network of dense and sigmoid layers.

    Sigmoid layers and no biases by default, as in the course; a softmax
    output and biases on request, for a classifier. It is a ``Sequential``
    of ``Dense`` layers, each followed by a ``Sigmoid`` (a
    ``SoftmaxCrossEntropy`` at a softmax output), and has its methods:
    ``forward``, ``backward``, ``gradient_descent``, ``predict``, ``train``.

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
    init : {"normal", "xavier", "he"}
        How the initial weights are drawn (``dlaudio.init``): the course's
        standard normal (the default), or scaled by the layers' sizes so
        that a layer of many inputs does not start saturated.
    activation : {"sigmoid", "relu", "tanh"}
        The hidden layers' activation (the output's is ``output``'s).

    Attributes
    ----------
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

    def __init__(
        self,
        num_inputs,
        hidden_layers,
        num_outputs,
        rng=None,
        dtype=np.float64,
        output="sigmoid",
        bias=False,
        init="normal",
        activation="sigmoid",
    ):
        if isinstance(hidden_layers, numbers.Integral) or not hasattr(hidden_layers, "__iter__"):
            raise TypeError(
                f"hidden_layers must be a sequence of layer sizes such as [5] or [], got {type(hidden_layers).__name__}"
            )
        sizes = [positive_int(num_inputs, "num_inputs")]
        sizes += [positive_int(n, f"hidden_layers[{i}]") for i, n in enumerate(hidden_layers)]
        sizes.append(positive_int(num_outputs, "num_outputs"))
        rng = as_generator(rng)
        dtype = float_dtype(dtype)
        self._set_kind(output, bias, activation)
        choice(init, "init", INITS)
        self._check_outputs(sizes[-1])
        count = sum((n + int(bias)) * m for n, m in zip(sizes[:-1], sizes[1:]))
        if count > MAX_WEIGHTS:
            raise ValueError(
                f"layer sizes {sizes} need {count:,} weights, more than the {MAX_WEIGHTS:,} this course's "
                "networks allow (16 GiB in float64): choose smaller layers"
            )
        # The draws are the same in either precision: float32 rounds float64's.
        weights = [initial_weights(n, m, rng, init, bias).astype(dtype) for n, m in zip(sizes[:-1], sizes[1:])]
        super().__init__(self._layers_for(weights), dtype)

    def _layers_for(self, weights) -> list:
        """Dense and activation layers, in turn, for the weight matrices: the course's network."""
        layers = []
        for l, W in enumerate(weights):
            last = l == len(weights) - 1
            if not last:
                layers += [Dense(W, self.bias), ACTIVATIONS[self.activation]()]
            else:
                layers += [Dense(W, self.bias), SoftmaxCrossEntropy() if self.output == "softmax" else Sigmoid()]
        return layers

    @classmethod
    def from_weights(cls, weights, dtype=np.float64, output="sigmoid", bias=False, activation="sigmoid") -> MLP:
        """A network with the given weight matrices (copied, in ``dtype``), e.g. a worked example's.

        Parameters
        ----------
        weights : sequence of array_like
            :math:`W_0 \\dots W_{L-1}`, each of shape :math:`(n_l, n_{l+1})`;
            with ``bias=True`` the last row of each matrix is its bias row.
        dtype : numpy.float64 or numpy.float32
            The precision of the network.
        output : {"sigmoid", "softmax"}
            The output layer, as in ``MLP``.
        bias : bool
            Whether every layer below the output carries the constant 1.
        activation : {"sigmoid", "relu", "tanh"}
            The hidden layers' activation.

        Returns
        -------
        MLP
            The network.

        Examples
        --------
        >>> net = MLP.from_weights([[[0.1, 0.25], [0.15, 0.3]], [[0.5], [0.5]]])
        >>> net.layer_sizes
        [2, 2, 1]
        """
        net = cls.__new__(cls)
        net.dtype = float_dtype(dtype)
        net._set_kind(output, bias, activation)
        Sequential.__init__(net, net._layers_for(net._checked_weights(weights)), net.dtype)
        return net

    def copy(self, dtype=None) -> MLP:
        """A new network with a copy of these weights, the same ``output`` and ``bias``.

        Parameters
        ----------
        dtype : numpy.float64 or numpy.float32, optional
            The precision of the copy; by default this network's.

        Returns
        -------
        MLP
            The copy; training it leaves this network unchanged.
        """
        return type(self).from_weights(
            self.weights,
            self.dtype if dtype is None else dtype,
            output=self.output,
            bias=self.bias,
            activation=self.activation,
        )

    # -- state --------------------------------------------------------------

    def _set_kind(self, output, bias, activation) -> None:
        self.output = choice(output, "output", OUTPUTS)
        self.activation = choice(activation, "activation", tuple(ACTIVATIONS))
        if not isinstance(bias, bool):
            raise TypeError(f"bias must be True or False, got {type(bias).__name__}")
        self.bias = bias

    def _check_outputs(self, num_outputs) -> None:
        if self.output == "softmax" and num_outputs < 2:
            raise ValueError(
                "a softmax output needs num_outputs >= 2, one per class (a single softmax output is always 1)"
            )

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
        """The weight matrices :math:`W_0 \\dots W_{L-1}`, one per layer with weights.

        ``weights[l]`` has shape :math:`(n_l, n_{l+1})`, or
        :math:`(n_l + 1, n_{l+1})` with biases (the bias row last). Read them,
        change entries in place, or assign a new list (checked for shape and
        finiteness, converted to ``dtype``).
        """
        return [layer.W for layer in self.weighted]

    @weights.setter
    def weights(self, weights) -> None:
        Sequential.__init__(self, self._layers_for(self._checked_weights(weights)), self.dtype)

    @property
    def layer_sizes(self) -> list:
        """:math:`[n_0, n_1, \\dots, n_L]`."""
        return [self.n_in] + [layer.n_out for layer in self.weighted]

    def __repr__(self) -> str:
        n = self.layer_sizes
        options = "".join(
            [
                f", output={self.output!r}" if self.output != "sigmoid" else "",
                ", bias=True" if self.bias else "",
                f", activation={self.activation!r}" if self.activation != "sigmoid" else "",
            ]
        )
        return f"MLP({n[0]}, {n[1:-1]}, {n[-1]}{options})"
