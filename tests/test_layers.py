"""Layers, the sequence that runs them, and the optimiser: the shape later chapters build on."""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import types
from pathlib import Path

import numpy as np
import pytest

import dlaudio
from dlaudio import MLP, SGD, Dense, Sequential, Sigmoid, SoftmaxCrossEntropy, gradient_check, one_hot, trace
from dlaudio.backprop import with_bias
from dlaudio.optim import NonFiniteStep
from dlaudio.training import _fit

SRC = Path(dlaudio.__file__).parent


def test_dense_forward_and_backward_are_the_course_formulas():
    rng = np.random.default_rng(0)
    W, a, delta = rng.standard_normal((4, 3)), rng.uniform(size=(5, 3)), rng.standard_normal((5, 3))
    layer = Dense(W, bias=True)
    h, cache = layer.forward(a)
    assert np.array_equal(cache, with_bias(a)) and np.allclose(h, with_bias(a) @ W)
    relayed = layer.backward(delta, cache)
    assert np.allclose(layer.deriv, with_bias(a).T @ delta)  # Deriv = a^T . delta
    assert np.allclose(relayed, delta @ W[:-1].T)  # the bias row relays nothing
    assert layer.backward(delta, cache, relay=False) is None
    assert (layer.n_in, layer.n_out) == (3, 3)


def test_sigmoid_and_softmax_outputs_give_the_course_deltas():
    h = np.array([[0.3, -1.2], [2.0, 0.1]])
    error = np.array([[0.5, -0.25], [0.1, 0.2]])
    a, cache = Sigmoid().forward(h)
    assert np.allclose(Sigmoid().backward(error, cache), error * a * (1 - a))
    out = SoftmaxCrossEntropy()
    p, cache = out.forward(h)
    assert np.allclose(p.sum(axis=1), 1) and np.array_equal(out.backward(error, cache), error)
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert out.loss(y, cache) == pytest.approx(-np.sum(y * np.log(p)))


def test_mlp_is_a_sequence_of_dense_and_activation_layers():
    net = MLP(3, [4, 5], 2, rng=0, output="softmax", bias=True)
    assert isinstance(net, Sequential)
    kinds = [type(layer).__name__ for layer in net.layers]
    assert kinds == ["Dense", "Sigmoid", "Dense", "Sigmoid", "Dense", "SoftmaxCrossEntropy"]
    # Each layer's W is a view of the one array the optimiser updates.
    for layer, W in zip(net.weighted, net.weights):
        assert layer.W is W and np.shares_memory(W, net.W_all) and np.shares_memory(layer.deriv, net.D_all)
    assert net.W_all.size == sum(W.size for W in net.weights)


def test_gradient_check_works_on_any_sequence_of_layers():
    rng = np.random.default_rng(1)
    net = Sequential(
        [
            Dense(rng.standard_normal((4, 6)), bias=True),
            Sigmoid(),
            Dense(rng.standard_normal((6, 3))),
            Sigmoid(),
            Dense(rng.standard_normal((4, 3)), bias=True),
            SoftmaxCrossEntropy(),
        ]
    )
    x = rng.uniform(-1, 1, size=(7, 3))
    y = one_hot(rng.integers(0, 3, size=7), 3)
    assert gradient_check(net, x, y, l2=0.05) < 1e-6
    t = trace(net, x, y)
    assert [W.shape for W in t.W] == [(4, 6), (6, 3), (4, 3)]
    assert np.array_equal(t.delta[-1], t.error[-1])
    assert t.error[0].shape == (7, 3)


def test_a_wrong_backward_in_a_layer_fails_the_gradient_check(monkeypatch):
    monkeypatch.setattr(
        Dense,
        "backward",
        lambda self, delta, a, relay=True: (
            np.dot(a.T, delta, out=self.deriv),
            np.dot(delta, self.W.T) if relay else None,
        )[1],
    )
    net = Sequential(
        [
            Dense(np.random.default_rng(2).standard_normal((2, 3))),
            Sigmoid(),
            Dense(np.random.default_rng(3).standard_normal((3, 1))),
            Sigmoid(),
        ]
    )
    # Deriv right, relayed error right: passes; now break the relay by a factor.
    assert gradient_check(net, [[0.2, 0.7]], [[0.3]]) < 1e-6
    monkeypatch.setattr(
        Dense,
        "backward",
        lambda self, delta, a, relay=True: (
            np.dot(a.T, delta, out=self.deriv),
            2 * np.dot(delta, self.W.T) if relay else None,
        )[1],
    )
    assert gradient_check(net, [[0.2, 0.7]], [[0.3]]) > 0.1


def test_copy_and_trace_leave_the_network_alone():
    net = Sequential([Dense(np.array([[0.1, 0.25], [0.15, 0.3]])), Sigmoid(), Dense(np.full((2, 1), 0.5)), Sigmoid()])
    before = net.W_all.copy()
    other = net.copy(dtype=np.float32)
    other.W_all[:] = 0
    trace(net, [1.0, 2.0], [1.0], l2=0.1)
    assert np.array_equal(net.W_all, before) and other.dtype == np.float32
    assert net.layers[0].W is not other.layers[0].W


def test_predict_between_forward_and_backward_changes_nothing():
    net = MLP(2, [3], 2, rng=0, output="softmax", bias=True)
    x, y = np.array([[0.1, 0.9], [0.5, 0.4]]), np.eye(2)
    out = net.forward(x)
    first = {l: D.copy() for l, D in net.backward(y - out).items()}
    net.forward(x)
    net.predict(np.array([[5.0, -3.0]]))
    again = net.backward(y - out)
    assert all(np.array_equal(first[l], again[l]) for l in first)


def test_sgd_adds_eta_deriv_and_refuses_a_step_to_infinity():
    W, D = np.array([1.0, -2.0]), np.array([0.5, 4.0])
    SGD(0.25).step([W], [D])
    assert np.array_equal(W, [1.125, -1.0])
    big = np.array([1e308, 1.0])
    # By name: the doctest run may load dlaudio.optim a second time, with a class of its own.
    with pytest.raises(ValueError, match="NaN or infinite") as raised:
        SGD(10.0).step([big], [np.array([1e308, 0.0])])
    assert type(raised.value).__name__ == NonFiniteStep.__name__
    assert np.array_equal(big, [1e308, 1.0])  # not taken
    with pytest.raises(ValueError, match=r"eta \(learning rate\) must be > 0"):
        SGD(0.0)


def test_training_is_the_course_loop_over_the_layers():
    # net.train, step by step by hand with the same layers and optimiser.
    x = np.random.default_rng(4).uniform(size=(10, 2))
    y = x.sum(axis=1, keepdims=True) / 2
    trained, by_hand = MLP(2, [5], 1, rng=1), MLP(2, [5], 1, rng=1)
    trained.train(x, y, epochs=3, eta=0.5, batch_size=4)
    sgd = SGD(0.5)
    for _ in range(3):
        for start in range(0, 10, 4):
            out, caches = by_hand.forward_batch(x[start : start + 4])
            by_hand.backward_batch(y[start : start + 4] - out, caches)
            sgd.step([by_hand.W_all], [by_hand.D_all])
    assert np.array_equal(trained.W_all, by_hand.W_all)


def test_the_training_loop_fits_on_one_screen():
    assert len(inspect.getsource(_fit).splitlines()) <= 60


def _code_lines(path: Path) -> int:
    """Lines of a module outside its docstrings."""
    source = path.read_text(encoding="utf-8")
    documented = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node) is not None:
            documented.update(range(node.body[0].lineno, node.body[0].end_lineno + 1))
    return len(source.splitlines()) - len(documented)


def test_no_module_of_the_library_is_longer_than_300_lines_of_code():
    # The size of a module is its code: the numpydoc sections every public
    # function carries (tests/test_style.py) say nothing about a module doing
    # too much. (Before those sections, 450 lines in all; the longest module,
    # training.py, had 430, about 255 of them code.)
    long = {p.name: n for p in SRC.glob("*.py") if (n := _code_lines(p)) > 300}
    assert not long


def test_loss_is_a_module_that_can_be_called_and_the_version_is_the_package_s():
    import dlaudio.loss as loss_module

    assert isinstance(loss_module, types.ModuleType) and loss_module is dlaudio.loss
    assert dlaudio.loss([[1.0]], [[0.68]]) == loss_module.loss([[1.0]], [[0.68]])
    assert dlaudio.__version__ == importlib.metadata.version("dlaudio")
