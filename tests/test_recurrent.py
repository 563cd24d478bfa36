"""Chapter 08's recurrent layers: BPTT against finite differences, length 1 as a dense layer, learning time order."""

from __future__ import annotations

import numpy as np
import pytest

from dlaudio import MLP, Adam, Dense, Sequential, SoftmaxCrossEntropy, Tanh, gradient_check, one_hot, trace
from dlaudio.activations import sigmoid, tanh
from dlaudio.data import order_dataset
from dlaudio.gradcheck import numerical_gradient
from dlaudio.init import recurrent_weights
from dlaudio.lstm import LSTM
from dlaudio.recurrent import OUTPUTS, sequence_rows
from dlaudio.rnn import RNN

LAYERS = (RNN, LSTM)


def classifier(layer, classes=3, rng=0):
    """``layer``, then a dense layer with a bias and a softmax output."""
    rng = np.random.default_rng(rng)
    W = rng.uniform(-0.5, 0.5, size=(layer.n_out + 1, classes))
    return Sequential([layer, Dense(W, bias=True), SoftmaxCrossEntropy()])


def batch(T, F, n=4, classes=3, rng=1):
    rng = np.random.default_rng(rng)
    return rng.normal(size=(n, T * F)), np.eye(classes)[rng.integers(0, classes, n)]


def max_relative_difference(net, x, y):
    """Largest |Deriv + dE/dW| over all weights, relative to each matrix's largest gradient."""
    t = trace(net, x, y)
    worst = 0.0
    for l, G in enumerate(numerical_gradient(net, x, y, eps=1e-4)):
        D = t.deriv[l]
        worst = max(worst, float(np.max(np.abs(D + G)) / max(np.max(np.abs(G)), 1e-300)))
    return worst


# -- backpropagation through time against finite differences -------------------------


@pytest.mark.parametrize("cls", LAYERS)
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("output", OUTPUTS)
def test_bptt_matches_finite_differences(cls, bias, output):
    T, F, H = 5, 3, 3
    net = classifier(cls((T, F), H, bias=bias, output=output, rng=2))
    x, y = batch(T, F)
    assert max_relative_difference(net, x, y) < 1e-8
    assert gradient_check(net, x, y) < 1e-8


@pytest.mark.parametrize("cls", LAYERS)
def test_the_error_relayed_to_the_input_matches_finite_differences(cls):
    # Two recurrent layers: the lower one's Deriv is right only if the upper one relays
    # the right error to its input, every step of it (output="sequence" below).
    T, F = 4, 2
    lower = cls((T, F), 3, output="sequence", rng=3)
    upper = cls((T, 3), 2, rng=4)
    net = classifier(upper, rng=5)
    net = Sequential([lower, *net.layers])
    x, y = batch(T, F, rng=6)
    assert max_relative_difference(net, x, y) < 1e-8


def test_the_gradient_check_sees_a_wrong_bptt():
    # The check is not vacuous: an LSTM whose backward forgets the cell's path back in time fails it.
    class Forgetful(LSTM):
        def _step_back(self, t, dh, dc, ready, delta, keep):
            super()._step_back(t, dh, dc, ready, delta, keep)
            return np.zeros_like(dc)

    T, F = 4, 2
    x, y = batch(T, F)
    assert gradient_check(classifier(Forgetful((T, F), 3, rng=0)), x, y) > 1e-3
    assert gradient_check(classifier(LSTM((T, F), 3, rng=0)), x, y) < 1e-8


# -- a sequence of one step is a dense layer -------------------------------------------


@pytest.mark.parametrize("bias", [True, False])
def test_an_rnn_of_one_step_is_a_dense_layer_with_tanh_on_a1_and_zeros(bias):
    F, H = 3, 2
    rnn = RNN((1, F), H, bias=bias, rng=0)
    dense = Sequential([Dense(rnn.W.copy(), bias=bias), Tanh()])
    a = np.random.default_rng(1).normal(size=(5, F))
    a0 = np.hstack([a, np.zeros((5, H))])  # [a_1, h_0 = 0]
    h, steps = rnn.forward(a)
    np.testing.assert_allclose(h, dense.forward(a0), rtol=0, atol=1e-15)
    error = np.random.default_rng(2).normal(size=h.shape)
    relayed = rnn.backward(error, steps)
    out, caches = dense.forward_batch(a0)
    dense_relayed = dense.backward_batch(error, caches, relay_to_input=True)
    np.testing.assert_allclose(rnn.deriv, dense.weighted[0].deriv, rtol=0, atol=1e-15)
    np.testing.assert_allclose(relayed, dense_relayed[:, :F], rtol=0, atol=1e-15)


def test_an_lstm_of_one_step_is_its_gates_from_one_dense_product():
    F, H = 2, 3
    lstm = LSTM((1, F), H, rng=0)
    a = np.random.default_rng(1).normal(size=(4, F))
    z, _ = Dense(lstm.W, bias=True).forward(np.hstack([a, np.zeros((4, H))]))
    i, f, g, o = (z[:, k * H : (k + 1) * H] for k in range(4))
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    c = sig(i) * np.tanh(g)  # c_0 = 0: the forget gate has nothing to keep
    h, _ = lstm.forward(a)
    np.testing.assert_allclose(h, sig(o) * np.tanh(c), rtol=0, atol=1e-15)


# -- the forward pass, step by step ---------------------------------------------------------


def test_the_lstm_forward_pass_is_the_equations_one_sample_one_step_at_a_time():
    T, F, H = 6, 3, 4
    lstm = LSTM((T, F), H, rng=0, output="sequence")
    x = np.random.default_rng(1).normal(size=(3, T * F))
    run = lstm.unroll(x)
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    for n in range(3):
        h, c = np.zeros(H), np.zeros(H)
        for t in range(T):
            z = np.concatenate([x[n, t * F : (t + 1) * F], h, [1.0]]) @ lstm.W
            i, f, g, o = sig(z[:H]), sig(z[H : 2 * H]), np.tanh(z[2 * H : 3 * H]), sig(z[3 * H :])
            c = f * c + i * g
            h = o * np.tanh(c)
            np.testing.assert_allclose(run.h[n, t], h, atol=1e-14)
            np.testing.assert_allclose(run.c[n, t], c, atol=1e-14)
            np.testing.assert_allclose(run.gates["f"][n, t], f, atol=1e-14)
    np.testing.assert_allclose(run.out, run.h.reshape(3, T * H))


@pytest.mark.parametrize("cls", LAYERS)
def test_the_outputs_last_mean_and_sequence(cls):
    T, F, H = 4, 2, 3
    x = np.random.default_rng(0).normal(size=(5, T * F))
    h = cls((T, F), H, rng=1, output="sequence").unroll(x).h
    np.testing.assert_allclose(cls((T, F), H, rng=1).forward(x)[0], h[:, -1])
    np.testing.assert_allclose(cls((T, F), H, rng=1, output="mean").forward(x)[0], h.mean(axis=1), atol=1e-15)
    assert cls((T, F), H, output="sequence").n_out == T * H
    assert cls((T, F), H).n_in == T * F


def test_sequence_rows_and_the_layer_agree_on_the_frame_order():
    frames = np.random.default_rng(0).normal(size=(3, 4, 2))
    rnn = RNN((4, 2), 2, rng=0)
    np.testing.assert_array_equal(rnn.unroll(sequence_rows(frames)).x, frames)
    np.testing.assert_array_equal(rnn.unroll(frames).h, rnn.unroll(sequence_rows(frames)).h)
    assert np.shares_memory(sequence_rows(frames), frames)


# -- BPTT kept step by step, for the page's figures ---------------------------------


@pytest.mark.parametrize("cls", LAYERS)
def test_through_time_is_backward_with_every_step_kept(cls):
    T, F, H = 5, 2, 3
    layer = cls((T, F), H, rng=0)
    x = np.random.default_rng(1).normal(size=(4, T * F))
    error = np.random.default_rng(2).normal(size=(4, H))
    W, deriv = layer.W.copy(), layer.deriv.copy()
    bptt = layer.through_time(x, error)
    np.testing.assert_array_equal(layer.W, W)
    np.testing.assert_array_equal(layer.deriv, deriv)  # through_time leaves the layer as it was
    out, steps = layer.forward(x)
    relayed = layer.backward(error, steps)
    np.testing.assert_allclose(bptt.deriv, layer.deriv, atol=1e-15)
    np.testing.assert_allclose(bptt.error_in, relayed, atol=1e-15)
    np.testing.assert_array_equal(bptt.dh[:, -1], error)  # the error enters at the last step
    assert bptt.sizes().shape == (T,)
    # error(h_{t-1}) = delta_t . W_h^T, step by step
    Wh = layer.W[F : F + H]
    np.testing.assert_allclose(bptt.dh[:, :-1], bptt.delta[:, 1:] @ Wh.T, atol=1e-15)


def test_the_rnn_error_vanishes_in_time_and_the_lstm_cell_keeps_more_of_it():
    T, F, H = 30, 2, 8
    x = np.random.default_rng(0).normal(size=(16, T * F))
    error = np.random.default_rng(1).normal(size=(16, H))
    rnn = RNN((T, F), H, rng=2, recurrent_init="xavier").through_time(x, error).sizes()[::-1]
    lstm = LSTM((T, F), H, rng=2).through_time(x, error)
    assert np.all(np.diff(rnn[:10]) < 0)  # the RNN's error shrinks at every step back
    assert rnn[-1] < 1e-3 * rnn[0]
    cell = lstm.sizes("c")[::-1]
    assert cell[10] / cell[0] > rnn[10] / rnn[0]
    with pytest.raises(ValueError, match="no cell state"):
        RNN((T, F), H).through_time(x, error).sizes("c")


def test_the_gates_of_one_clip_over_time():
    T, F, H = 7, 3, 2
    run = LSTM((T, F), H, rng=0).unroll(np.random.default_rng(1).normal(size=T * F))
    assert set(run.gates) == {"i", "f", "g", "o"}
    for name, values in run.gates.items():
        assert values.shape == (1, T, H)
        low, high = (-1, 1) if name == "g" else (0, 1)
        assert np.all((values > low) & (values < high))
    c_prev = np.concatenate([np.zeros((1, 1, H)), run.c[:, :-1]], axis=1)
    np.testing.assert_allclose(run.c, run.gates["f"] * c_prev + run.gates["i"] * run.gates["g"], atol=1e-15)


# -- initial weights --------------------------------------------------------------------------


def test_initial_weights_xavier_input_orthogonal_recurrent_forget_bias_one():
    F, H = 40, 16
    W = LSTM((5, F), H, rng=0).W
    assert W.shape == (F + H + 1, 4 * H)
    limit = np.sqrt(6 / (F + H))
    assert np.abs(W[:F]).max() <= limit and np.abs(W[:F]).max() > 0.9 * limit
    for k in range(4):
        Wh = W[F : F + H, k * H : (k + 1) * H]
        np.testing.assert_allclose(Wh @ Wh.T, np.eye(H), atol=1e-12)
    np.testing.assert_array_equal(W[-1], np.repeat([0.0, 1.0, 0.0, 0.0], H))
    assert not RNN((5, F), H, rng=0).W[-1].any()
    np.testing.assert_array_equal(LSTM((5, F), H, rng=3).W, LSTM((5, F), H, rng=3).W)
    assert recurrent_weights(F, H, 4, rng=0, bias=False).shape == (F + H, 4 * H)
    assert LSTM((5, F), H, forget_bias=2.0, rng=0).W[-1, H].item() == 2.0


# -- in a network ------------------------------------------------------------------------------


def test_a_network_keeps_the_weights_and_trains_in_float32():
    T, F, H = 6, 3, 4
    lstm = LSTM((T, F), H, rng=0)
    net = classifier(lstm, classes=2)
    net32 = net.copy(dtype=np.float32)
    assert np.shares_memory(net.weighted[0].W, net.W_all)  # the layer computes with the network's weights
    net.W_all[:] = 0.0
    assert np.all(net.forward(np.ones(T * F)) == 0.5)
    x, labels = order_dataset(64, T, F, rng=0)
    history = net32.train(x, one_hot(labels, 2), epochs=3, batch_size=16, optimizer=Adam(0.01))
    assert net32.weighted[0].W.dtype == np.float32 and np.isfinite(history.loss).all()
    assert net32.predict(x).shape == (64,) and isinstance(net32.predict(x[0]), int)


def test_weight_decay_spares_the_bias_row():
    net = classifier(LSTM((3, 2), 2, rng=0))
    x, y = batch(3, 2, classes=3)
    with_decay, without = trace(net, x, y, l2=0.5), trace(net, x, y)
    W = net.weighted[0].W
    np.testing.assert_allclose(with_decay.deriv[0][:-1], without.deriv[0][:-1] - 0.5 * W[:-1])
    np.testing.assert_array_equal(with_decay.deriv[0][-1], without.deriv[0][-1])


def test_an_lstm_learns_time_order_where_the_frame_mean_is_at_chance():
    T, F, H = 8, 4, 8
    x, labels = order_dataset(300, T, F, rng=0)
    x_test, labels_test = order_dataset(300, T, F, rng=1)
    kwargs = dict(epochs=30, batch_size=16, shuffle=True, rng=0, reduction="mean")
    net = classifier(LSTM((T, F), H, rng=0), classes=2)
    net.train(x, one_hot(labels, 2), optimizer=Adam(0.01), **kwargs)
    assert np.mean(net.predict(x_test) == labels_test) >= 0.95
    mlp = MLP(F, [8], 2, rng=0, output="softmax", bias=True, init="xavier")
    mean = lambda rows: rows.reshape(-1, T, F).mean(axis=1)  # noqa: E731
    mlp.train(mean(x), one_hot(labels, 2), optimizer=Adam(0.01), **kwargs)
    assert abs(np.mean(mlp.predict(mean(x_test)) == labels_test) - 0.5) < 0.1


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", LAYERS)
@pytest.mark.parametrize(
    "args, kwargs, error, words",
    [
        ((5, 3), {}, TypeError, "in_shape must be a pair"),
        (("ab", 3), {}, TypeError, "in_shape must be a pair"),
        (((0, 3), 3), {}, ValueError, "T, the steps"),
        (((5, -1), 3), {}, ValueError, "F, the features"),
        (((5, 2.5), 3), {}, TypeError, "F, the features"),
        (((5, 3), 0), {}, ValueError, "hidden"),
        (((5, 3), 2.0), {}, TypeError, "hidden"),
        (((5, 3), 2), {"output": "first"}, ValueError, "'last', 'mean', 'sequence'"),
        (((5, 3), 2), {"bias": 1}, TypeError, "bias must be True or False"),
        (((5, 3), 2), {"W": np.zeros((5, 2))}, ValueError, "W must have shape"),
        (((5, 3), 2), {"W": [["a"]]}, TypeError, "W must"),
        (((5, 3), 2), {"recurrent_init": "he"}, ValueError, "recurrent_init"),
    ],
)
def test_bad_arguments_name_what_was_expected(cls, args, kwargs, error, words):
    with pytest.raises(error, match=words):
        cls(*args, **kwargs)


@pytest.mark.parametrize("cls", LAYERS)
def test_bad_input_raises_and_changes_nothing(cls):
    layer = cls((4, 3), 2, rng=0)
    net = classifier(layer, classes=2)
    W = net.W_all.copy()
    with pytest.raises(ValueError, match=r"\(n_samples, 12\)"):
        net.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"rows of T \* F = 4 \* 3 = 12"):
        layer.forward(np.ones((2, 4, 3)))
    with pytest.raises(ValueError, match=r"error of the output must have shape \(2, 2\)"):
        layer.through_time(np.ones((2, 12)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="finite"):
        layer.unroll(np.full(12, np.nan))
    with pytest.raises(ValueError, match=r"\(n_samples, T, F\)"):
        sequence_rows(np.ones(5))
    with pytest.raises(ValueError, match="steps >= 2"):
        order_dataset(4, steps=1)
    with pytest.raises(ValueError, match=r"forget_bias must be a finite number"):
        LSTM((4, 3), 2, forget_bias=float("inf"))
    with pytest.raises(TypeError, match="no forget gate"):
        RNN((4, 3), 2, forget_bias=1.0)
    np.testing.assert_array_equal(net.W_all, W)


def test_the_repr_names_the_sizes():
    assert repr(LSTM((50, 40), 64)) == "LSTM(T=50, F=40 -> H=64, bias)"
    assert repr(RNN((3, 1), 1, bias=False, output="mean")) == "RNN(T=3, F=1 -> H=1, output='mean')"


def test_sigmoid_and_tanh_write_into_out_as_the_lstm_asks():
    h = np.array([[-1000.0, 0.0, 2.0]])
    out = np.empty_like(h)
    assert sigmoid(h, out=out) is out
    np.testing.assert_array_equal(out, sigmoid(h))
    assert tanh(h, out=h) is h
    np.testing.assert_array_equal(h, np.tanh([[-1000.0, 0.0, 2.0]]))
