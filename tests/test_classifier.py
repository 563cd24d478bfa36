"""The classifier: softmax and cross-entropy, biases, predict, validation, L2, early stopping, and the vowels."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from hypothesis_sizes import scaled

import dlaudio
from dlaudio import (
    MLP,
    Standardizer,
    encode_labels,
    gradient_check,
    one_hot,
    softmax,
    split_by_speaker,
    trace,
)
from dlaudio.backprop import weight_decay, with_bias
from dlaudio.loss import cross_entropy, l2_penalty
from dlaudio.training import History


def blobs(n=60, classes=3, features=4, seed=0, spread=0.4):
    """Gaussian clusters, one per class: inputs, one-hot targets, labels."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-1, 1, size=(classes, features))
    labels = rng.integers(0, classes, size=n)
    x = centres[labels] + spread * rng.standard_normal((n, features))
    return x, one_hot(labels, classes), labels


# -- softmax and cross-entropy -------------------------------------------------------

finite_rows = arrays(
    np.float64, st.tuples(st.integers(1, 5), st.integers(2, 6)), elements=st.floats(-1000, 1000, allow_nan=False)
)


@given(finite_rows)
def test_softmax_rows_are_probabilities_and_never_overflow(h):
    a = softmax(h)  # warnings are errors in this suite: an overflow would fail here
    assert np.all(np.isfinite(a)) and np.all((a >= 0) & (a <= 1))
    assert a.sum(axis=1) == pytest.approx(np.ones(len(h)), abs=1e-12)
    rows = np.arange(len(h))
    assert np.array_equal(a[rows, np.argmax(h, axis=1)], a.max(axis=1))  # the largest h gets the largest a


def test_softmax_at_plus_and_minus_1000():
    a = softmax(np.array([[1000.0, -1000.0, 0.0], [1000.0, 1000.0, 1000.0], [-1000.0, -1000.0, -999.0]]))
    assert np.array_equal(a[0], [1.0, 0.0, 0.0])
    assert a[1] == pytest.approx([1 / 3] * 3)
    e = np.exp(1.0)
    assert a[2] == pytest.approx([1 / (2 + e), 1 / (2 + e), e / (2 + e)])


def test_softmax_ignores_a_constant_added_to_a_row_and_keeps_float32():
    h = np.array([[0.5, -1.0, 2.0]], dtype=np.float32)
    assert softmax(h).dtype == np.float32
    assert softmax(h + 300) == pytest.approx(softmax(h), abs=1e-6)


@given(finite_rows, st.integers(0, 2**32 - 1))
def test_cross_entropy_is_never_inf_and_matches_the_definition(h, seed):
    y = one_hot(np.random.default_rng(seed).integers(0, h.shape[1], size=len(h)), h.shape[1])
    E = cross_entropy(y, h)
    assert np.isfinite(E) and E >= 0
    # The definition, with log a = h - log sum e^h written out in exact terms of h.
    m = h.max(axis=1, keepdims=True)
    expected = np.sum(y * (m + np.log(np.exp(h - m).sum(axis=1, keepdims=True)) - h))
    assert E == pytest.approx(expected, rel=1e-12, abs=1e-9)


def test_cross_entropy_of_moderate_sums_is_minus_sum_y_log_softmax():
    h = np.random.default_rng(0).normal(size=(6, 4))
    y = one_hot(np.array([0, 1, 2, 3, 0, 1]), 4)
    assert cross_entropy(y, h) == pytest.approx(-np.sum(y * np.log(softmax(h))), rel=1e-12)
    assert cross_entropy(y, [[1000.0, -1000.0, 0.0, 0.0]] * 6) <= 2000.0 * 6


def test_l2_penalty_leaves_out_the_bias_rows():
    W = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0], [6.0], [7.0]])]
    assert l2_penalty(W, 0.5) == pytest.approx(0.25 * (1 + 4 + 9 + 16 + 25 + 36 + 49))
    assert l2_penalty(W, 0.5, bias=True) == pytest.approx(0.25 * (1 + 4 + 25 + 36))


# -- gradients against finite differences ---------------------------------------------


@settings(max_examples=scaled(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    widths=st.lists(st.integers(1, 10), min_size=2, max_size=4),
    outputs=st.integers(2, 6),
    batch=st.integers(1, 6),
    output=st.sampled_from(["sigmoid", "softmax"]),
    bias=st.booleans(),
    l2=st.sampled_from([0.0, 0.01, 0.3, 2.0]),
    soft_targets=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_deriv_is_minus_the_gradient_of_the_full_loss(widths, outputs, batch, output, bias, l2, soft_targets, seed):
    # widths = [n_0, hidden (0 to 3 layers)]; the loss includes the L2 term.
    rng = np.random.default_rng(seed)
    net = MLP(widths[0], widths[1:], outputs, rng=rng, output=output, bias=bias)
    x = rng.uniform(-1, 1, size=(batch, widths[0]))
    if soft_targets:
        y = rng.dirichlet(np.ones(outputs), size=batch)
    else:
        y = one_hot(rng.integers(0, outputs, size=batch), outputs)
    assert gradient_check(net, x, y, l2=l2) < 1e-6


def test_gradient_check_of_a_float32_softmax_network_is_done_in_float64():
    x, y, _ = blobs(8, seed=1)
    net = MLP(4, [5], 3, rng=0, dtype=np.float32, output="softmax", bias=True)
    assert gradient_check(net, x, y, l2=0.1) < 1e-6


def test_gradient_check_catches_a_sigmoid_slope_at_the_softmax_output(monkeypatch):
    import dlaudio.backprop as bp

    monkeypatch.setattr(bp, "output_slope", lambda a, output="sigmoid": bp.sigmoid_slope(a))
    x, y, _ = blobs(5, seed=2)
    assert gradient_check(MLP(4, [3], 3, rng=0, output="softmax"), x, y) > 0.1


def test_gradient_check_catches_decayed_biases(monkeypatch):
    import dlaudio.backprop as bp

    real = bp.weight_decay
    monkeypatch.setattr(bp, "weight_decay", lambda derivs, weights, l2, bias=False: real(derivs, weights, l2, False))
    x, y, _ = blobs(5, seed=3)
    net = MLP(4, [3], 3, rng=0, output="softmax", bias=True)
    assert gradient_check(net, x, y, l2=0.5) > 0.01


def test_gradient_check_catches_a_relayed_bias_error(monkeypatch):
    # Relaying through the bias row would give an error column for the constant 1;
    # sending the bias row's error to the last unit instead is a wrong gradient.
    import dlaudio.backprop as bp

    monkeypatch.setattr(
        bp,
        "relay_error",
        lambda delta_next, W, bias=False: np.dot(delta_next, W[1:].T) if bias else np.dot(delta_next, W.T),
    )
    x, y, _ = blobs(5, seed=4)
    assert gradient_check(MLP(4, [3], 3, rng=0, output="softmax", bias=True), x, y) > 0.01


# -- the softmax delta and the bias in the trace ------------------------------------------


def test_the_softmax_output_delta_is_the_error_y_minus_a():
    x, y, _ = blobs(4, seed=5)
    t = trace(MLP(4, [3], 3, rng=0, output="softmax"), x, y)
    assert np.array_equal(t.delta[-1], t.error[-1])
    assert np.array_equal(t.error[-1], y - t.a[-1])
    assert np.array_equal(t.a[-1], softmax(t.h[-1]))
    assert t.deriv[-1] == pytest.approx(t.a[-2].T @ (y - t.a[-1]))


def test_bias_is_a_constant_1_appended_to_every_layer_below_the_output():
    x, y, _ = blobs(4, seed=6)
    net = MLP(4, [5, 3], 3, rng=0, output="softmax", bias=True)
    t = trace(net, x, y)
    assert [W.shape for W in net.weights] == [(5, 5), (6, 3), (4, 3)]
    assert net.layer_sizes == [4, 5, 3, 3]
    for l in (0, 1, 2):
        assert np.array_equal(t.a[l][:, -1], np.ones(4))
        assert t.h[l + 1] == pytest.approx(t.a[l] @ net.weights[l])  # h = [a, 1] . W
    assert np.array_equal(t.a[0], with_bias(x))
    assert t.a[-1].shape == (4, 3)  # the output has no constant
    # The relayed error has one column per unit: the bias row relays nothing.
    assert t.error[2].shape == (4, 3) and t.error[1].shape == (4, 5) and t.error[0].shape == (4, 4)
    assert t.error[1] == pytest.approx(t.delta[2] @ net.weights[1][:-1].T)
    assert t.deriv[0] == pytest.approx(with_bias(x).T @ t.delta[1])


def test_zero_biases_give_the_network_without_biases():
    x, _, _ = blobs(6, seed=7)
    plain = MLP(4, [5], 3, rng=0)
    W = [np.vstack([W, np.zeros((1, W.shape[1]))]) for W in plain.weights]
    assert MLP.from_weights(W, bias=True).forward(x) == pytest.approx(plain.forward(x), rel=1e-15)


def test_without_bias_the_default_network_draws_exactly_as_before():
    rng = np.random.default_rng(4)
    assert all(np.array_equal(W, rng.standard_normal(W.shape)) for W in MLP(3, [4, 2], 2, rng=4).weights)
    assert MLP(3, [4], 2, rng=4).bias is False and MLP(3, [4], 2, rng=4).output == "sigmoid"


def test_repr_names_the_options():
    assert repr(MLP(3, [4], 2, rng=0)) == "MLP(3, [4], 2)"
    assert repr(MLP(3, [4], 2, rng=0, output="softmax", bias=True)) == "MLP(3, [4], 2, output='softmax', bias=True)"


def test_copy_keeps_the_options_and_owns_its_weights():
    net = MLP(3, [4], 2, rng=0, output="softmax", bias=True)
    other = net.copy(dtype=np.float32)
    assert (other.output, other.bias, other.dtype) == ("softmax", True, np.float32)
    other.weights[0][0, 0] += 1
    assert net.weights[0][0, 0] != other.weights[0][0, 0]


# -- predict --------------------------------------------------------------------------


def test_predict_is_the_argmax_of_the_output():
    x, _, _ = blobs(10, seed=8)
    net = MLP(4, [6], 3, rng=1, output="softmax", bias=True)
    assert np.array_equal(net.predict(x), np.argmax(net.forward(x), axis=1))
    assert net.predict(x[3]) == int(np.argmax(net.forward(x[3])))
    assert isinstance(net.predict(x[3]), int)


def test_predict_with_one_output_is_a_yes_no_answer():
    net = MLP.from_weights([[[10.0]]])
    assert net.predict([[1.0], [-1.0], [0.0]]).tolist() == [1, 0, 1]


def test_predict_keeps_the_stored_activations():
    net = MLP(2, [3], 2, rng=0, output="softmax")
    net.forward([0.1, 0.2])
    kept = [a.copy() for a in net.activations]
    net.predict([[5.0, 5.0]])
    assert all(np.array_equal(a, b) for a, b in zip(kept, net.activations))


def test_training_a_softmax_classifier_separates_the_blobs():
    x, y, labels = blobs(90, seed=9, spread=0.2)
    net = MLP(4, [8], 3, rng=0, output="softmax", bias=True)
    history = net.train(x, y, epochs=60, eta=0.1, batch_size=8, shuffle=True, rng=0)
    assert history.accuracy[-1] == 1.0 and np.mean(net.predict(x) == labels) == 1.0
    assert history.loss[-1] < history.loss[0] / 5


# -- what train reports ----------------------------------------------------------------


def test_reported_losses_and_accuracies_are_computed_independently():
    x, y, labels = blobs(40, seed=10)
    xv, yv, labels_v = blobs(20, seed=11)
    net = MLP(4, [6], 3, rng=2, output="softmax", bias=True)
    history = net.train(x, y, epochs=3, eta=0.1, batch_size=8, exact_loss=True, validation=(xv, yv))

    def mean_ce(x, y):
        return -np.mean(np.sum(y * np.log(net.forward(x)), axis=1))  # well within softmax's range here

    assert history.loss[-1] == pytest.approx(mean_ce(x, y), rel=1e-12)
    assert history.val_loss[-1] == pytest.approx(mean_ce(xv, yv), rel=1e-12)
    assert history.accuracy[-1] == np.mean(net.predict(x) == labels)
    assert history.val_accuracy[-1] == np.mean(net.predict(xv) == labels_v)


def test_running_cross_entropy_is_summed_before_each_update():
    x, y, labels = blobs(20, seed=12)
    net = MLP(4, [5], 3, rng=3, output="softmax", bias=True)
    by_hand = net.copy()
    history = net.train(x, y, epochs=1, eta=0.2, batch_size=8)
    E, right = 0.0, 0
    for start in range(0, 20, 8):
        xb, yb = x[start : start + 8], y[start : start + 8]
        out = by_hand.forward(xb)
        E += -np.sum(yb * np.log(out))
        right += np.sum(np.argmax(out, axis=1) == labels[start : start + 8])
        by_hand.backward(yb - out)
        by_hand.gradient_descent(0.2)
    assert history.loss[0] == pytest.approx(E / 20, rel=1e-12)
    assert history.accuracy[0] == right / 20
    assert all(np.array_equal(a, b) for a, b in zip(net.weights, by_hand.weights))


def test_history_behaves_like_the_array_of_losses():
    history = MLP(2, [3], 1, rng=0).train([[0.1, 0.2], [0.2, 0.1]], [[0.3], [0.3]], epochs=4, eta=0.5)
    losses = history.loss
    assert isinstance(history, History) and isinstance(losses, np.ndarray)
    assert len(history) == 4 and history.shape == (4,) and history[-1] == losses[-1]
    assert np.array_equal(history[1:], losses[1:]) and list(history) == list(losses)
    assert np.array_equal(np.asarray(history), losses) and history.min() == losses.min()
    assert np.array_equal(history * 2, losses * 2) and np.array_equal(history < 1, losses < 1)
    assert np.array_equal(np.log10(history), np.log10(losses))
    assert history == pytest.approx(losses)
    assert history.accuracy is None and history.val_loss is None and history.best_epoch is None


def test_a_sigmoid_network_reports_the_validation_loss_without_accuracy():
    x, y = dlaudio.sum_dataset(40, rng=0)
    history = MLP(2, [3], 1, rng=0).train(x[:30], y[:30], epochs=3, eta=0.5, validation=(x[30:], y[30:]))
    assert history.val_loss.shape == (3,) and history.val_accuracy is None and history.accuracy is None
    assert history.best_epoch == int(np.argmin(history.val_loss)) + 1


def test_the_same_seed_gives_the_same_training():
    x, y, _ = blobs(30, seed=13)
    runs = [MLP(4, [5], 3, rng=1, output="softmax", bias=True) for _ in range(2)]
    histories = [net.train(x, y, epochs=3, eta=0.1, batch_size=4, shuffle=True, rng=7, l2=0.01) for net in runs]
    assert np.array_equal(histories[0], histories[1])
    assert all(np.array_equal(a, b) for a, b in zip(runs[0].weights, runs[1].weights))


# -- L2 weight decay --------------------------------------------------------------------


def test_weight_decay_subtracts_lambda_w_and_spares_the_bias_row():
    W = [np.array([[1.0, -2.0], [3.0, 4.0]])]
    D = [np.zeros((2, 2))]
    weight_decay(D, W, 0.5, bias=True)
    assert np.array_equal(D[0], [[-0.5, 1.0], [0.0, 0.0]])
    weight_decay(D, W, 0.5)
    assert np.array_equal(D[0], [[-1.0, 2.0], [-1.5, -2.0]])


def test_a_training_step_with_l2_is_the_traced_deriv_with_decay():
    x, y, _ = blobs(10, seed=14)
    net = MLP(4, [5], 3, rng=4, output="softmax", bias=True)
    t = trace(net, x, y, l2=0.3)
    expected = [W + 0.1 * t.deriv[l] for l, W in enumerate(net.weights)]
    net.train(x, y, epochs=1, eta=0.1, batch_size=10, l2=0.3)
    assert all(a == pytest.approx(b, rel=1e-13) for a, b in zip(net.weights, expected))


def test_l2_shrinks_the_weights_but_not_the_biases():
    x, y, _ = blobs(40, seed=15)
    plain = MLP(4, [16], 3, rng=5, output="softmax", bias=True)
    decayed = plain.copy()
    plain.train(x, y, epochs=100, eta=0.1, batch_size=8)
    decayed.train(x, y, epochs=100, eta=0.1, batch_size=8, l2=0.05)
    norm = [sum(float(np.sum(W[:-1] ** 2)) for W in net.weights) for net in (plain, decayed)]
    assert norm[1] < 0.5 * norm[0]
    # A layer whose data gradient is zero keeps its bias row and loses the rest to decay.
    net = MLP.from_weights([[[2.0, -2.0], [1.0, 1.0]]], output="softmax", bias=True)
    net.train(np.zeros((4, 1)), np.full((4, 2), 0.5), epochs=10, eta=0.1, l2=1.0, batch_size=4)
    W = net.weights[0]
    assert W[0] == pytest.approx([2.0 * 0.9**10, -2.0 * 0.9**10]) and np.array_equal(W[1], [1.0, 1.0])


# -- early stopping ---------------------------------------------------------------------


def overfitting_case():
    """Few noisy training samples, a wide network: the validation loss falls, then rises."""
    x, y, _ = blobs(12, classes=3, features=6, seed=16, spread=1.2)
    xv, yv, _ = blobs(212, classes=3, features=6, seed=16, spread=1.2)  # the same clusters
    return x, y, xv[12:], yv[12:]


def test_the_overfitting_case_has_a_validation_minimum_in_the_middle():
    x, y, xv, yv = overfitting_case()
    history = MLP(6, [32], 3, rng=0, output="softmax", bias=True).train(
        x, y, epochs=300, eta=0.2, batch_size=4, shuffle=True, rng=0, validation=(xv, yv)
    )
    assert 1 < history.best_epoch < 100
    assert history.val_loss[-1] > 1.1 * history.val_loss.min()
    assert history.loss[-1] < history.loss[history.best_epoch - 1]


def test_early_stopping_restores_the_weights_of_the_best_epoch():
    x, y, xv, yv = overfitting_case()
    net = MLP(6, [32], 3, rng=0, output="softmax", bias=True)
    start = net.copy()
    history = net.train(
        x, y, epochs=300, eta=0.2, batch_size=4, shuffle=True, rng=0, validation=(xv, yv), early_stopping=10
    )
    best = history.best_epoch
    assert history.stopped_early and len(history) == best + 10
    assert history.val_loss[best - 1] == history.val_loss.min()
    assert np.all(history.val_loss[best:] >= history.val_loss[best - 1])
    # The same training stopped by hand after the best epoch: the same weights.
    start.train(x, y, epochs=best, eta=0.2, batch_size=4, shuffle=True, rng=0)
    assert all(np.array_equal(a, b) for a, b in zip(net.weights, start.weights))
    val = net.train(x, y, epochs=1, eta=1e-300, validation=(xv, yv)).val_loss[0]
    assert val == pytest.approx(history.val_loss[best - 1], rel=1e-12)


def test_early_stopping_that_never_triggers_still_ends_on_the_best_epoch():
    x, y, xv, yv = overfitting_case()
    net = MLP(6, [32], 3, rng=0, output="softmax", bias=True)
    history = net.train(
        x, y, epochs=60, eta=0.2, batch_size=4, shuffle=True, rng=0, validation=(xv, yv), early_stopping=1000
    )
    assert len(history) == 60 and not history.stopped_early
    val = net.train(x, y, epochs=1, eta=1e-300, validation=(xv, yv)).val_loss[0]
    assert val == pytest.approx(history.val_loss.min(), rel=1e-12)


# -- float32 -----------------------------------------------------------------------------


def test_float32_softmax_training_follows_float64():
    x, y, _ = blobs(60, seed=17)
    start = MLP(4, [8], 3, rng=0, dtype=np.float32, output="softmax", bias=True)
    net64 = start.copy(dtype=np.float64)
    h32 = start.train(x, y, epochs=5, eta=0.1, batch_size=8, validation=(x[:20], y[:20]), l2=0.01)
    h64 = net64.train(x, y, epochs=5, eta=0.1, batch_size=8, validation=(x[:20], y[:20]), l2=0.01)
    assert all(W.dtype == np.float32 for W in start.weights)
    assert h32.loss == pytest.approx(h64.loss, rel=1e-4) and h32.val_loss == pytest.approx(h64.val_loss, rel=1e-4)
    for a, b in zip(start.weights, net64.weights):
        assert a == pytest.approx(b, rel=1e-4, abs=1e-5)


# -- bad input: a clear error, and nothing changed ------------------------------------------

X, Y, _ = blobs(6, seed=18)


@pytest.mark.parametrize(
    "y, kwargs, error, match",
    [
        (np.full((6, 3), 0.5), {}, ValueError, "one-hot"),
        (np.zeros((6, 3)), {}, ValueError, "one-hot"),
        (np.tile([[2.0, -1.0, 0.0]], (6, 1)), {}, ValueError, "one-hot"),
        (Y[:5], {}, ValueError, "same number of samples"),
        (Y, {"l2": -0.1}, ValueError, "l2"),
        (Y, {"l2": float("nan")}, ValueError, "l2"),
        (Y, {"l2": "0.1"}, TypeError, "l2"),
        (Y, {"early_stopping": 0, "validation": (X, Y)}, ValueError, "early_stopping"),
        (Y, {"early_stopping": 2.5, "validation": (X, Y)}, TypeError, "early_stopping"),
        (Y, {"early_stopping": True, "validation": (X, Y)}, TypeError, "early_stopping"),
        (Y, {"early_stopping": 3}, ValueError, "validation"),
        (Y, {"validation": X}, TypeError, "validation must be a pair"),
        (Y, {"validation": (X, Y, Y)}, TypeError, "validation must be a pair"),
        (Y, {"validation": (X[:, :3], Y)}, ValueError, "validation: x must have 4 column"),
        (Y, {"validation": (X, Y[:, :2])}, ValueError, "validation: y must have 3 column"),
        (Y, {"validation": (X, Y[:4])}, ValueError, "validation: x and y must hold the same number"),
        (Y, {"validation": (X, np.full((6, 3), 0.5))}, ValueError, "validation: y of a softmax network"),
        (Y, {"validation": (np.full((6, 4), np.nan), Y)}, ValueError, "validation: x must contain only finite"),
    ],
)
def test_bad_classifier_training_input_changes_nothing(y, kwargs, error, match):
    net = MLP(4, [5], 3, rng=0, output="softmax", bias=True)
    before = [W.copy() for W in net.weights]
    with pytest.raises(error, match=match):
        net.train(X, y, epochs=2, eta=0.1, **kwargs)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_targets_that_are_not_one_hot_are_refused_by_trace_and_gradient_check():
    net = MLP(4, [5], 3, rng=0, output="softmax")
    for check in (lambda: trace(net, X, 2 * Y), lambda: gradient_check(net, X, -Y)):
        with pytest.raises(ValueError, match="one-hot"):
            check()


def test_trace_and_gradient_check_refuse_a_negative_l2():
    net = MLP(4, [5], 3, rng=0, output="softmax")
    for check in (lambda: trace(net, X, Y, l2=-1), lambda: gradient_check(net, X, Y, l2=-1)):
        with pytest.raises(ValueError, match="l2"):
            check()


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"output": "relu"}, ValueError, "output must be one of 'sigmoid', 'softmax'"),
        ({"output": None}, ValueError, "output must be one of"),
        ({"bias": 1}, TypeError, "bias must be True or False"),
        ({"bias": "yes"}, TypeError, "bias must be True or False"),
        ({"output": "softmax", "num_outputs": 1}, ValueError, "softmax output needs num_outputs >= 2"),
    ],
)
def test_bad_classifier_options(kwargs, error, match):
    args = {"num_inputs": 2, "hidden_layers": [3], "num_outputs": 2, "rng": 0} | kwargs
    with pytest.raises(error, match=match):
        MLP(**args)


def test_bias_weights_must_chain_with_their_bias_rows():
    with pytest.raises(ValueError, match=r"weights\[1\] must have 4 rows \(one per unit, plus the bias row\)"):
        MLP.from_weights([np.ones((3, 3)), np.ones((3, 2))], bias=True)
    with pytest.raises(ValueError, match="bias row last"):
        MLP.from_weights([np.ones((1, 3))], bias=True)
    net = MLP(2, [3], 2, rng=0, output="softmax")
    with pytest.raises(ValueError, match="softmax output needs num_outputs >= 2"):
        net.weights = [np.ones((2, 3)), np.ones((3, 1))]
    assert [W.shape for W in net.weights] == [(2, 3), (3, 2)]


# -- the vowels: held-out speakers ------------------------------------------------------------

#: The recipe the pages use (see the report in the commit): 100 synthetic
#: speakers saying each vowel once; MFCCs of 32 ms frames every 10 ms,
#: averaged over the frames of each clip (the ``course_vowels`` fixture of
#: conftest.py, made once per session); a 13-16-7 softmax network with
#: biases; 50 epochs of mini-batches of 16.
VOWEL_RECIPE = dict(hidden=[16], epochs=50, eta=0.05, batch_size=16, seed=0)


def vowel_classifier(data, frames, hidden, epochs, eta, batch_size, seed):
    x = frames.mean(axis=1)  # one row of n_mfcc per clip: the vowel's average spectral envelope
    labels, classes = encode_labels(data.labels)
    train, val, test = split_by_speaker(data.speakers, data.labels, (0.6, 0.2, 0.2), groups=data.groups, rng=seed)
    scaler = Standardizer().fit(x[train])
    x = scaler.transform(x)
    y = one_hot(labels, len(classes))
    net = MLP(x.shape[1], hidden, len(classes), rng=seed, output="softmax", bias=True)
    history = net.train(
        x[train],
        y[train],
        epochs=epochs,
        eta=eta,
        batch_size=batch_size,
        shuffle=True,
        rng=seed,
        validation=(x[val], y[val]),
    )
    return net, history, x[test], labels[test], classes, data, test


def test_the_vowels_of_held_out_speakers_are_recognised(course_vowels):
    start = time.perf_counter()
    net, history, x_test, labels_test, classes, data, test = vowel_classifier(
        course_vowels.data, course_vowels.frames, **VOWEL_RECIPE
    )
    seconds = course_vowels.seconds + time.perf_counter() - start
    predicted = net.predict(x_test)
    accuracy = float(np.mean(predicted == labels_test))
    confusion = np.zeros((len(classes), len(classes)), dtype=int)
    np.add.at(confusion, (labels_test, predicted), 1)
    print(
        f"\nvowels: {len(data)} clips, {len(test)} test clips of {len(set(data.speakers[k] for k in test))} "
        f"held-out speakers; features and {len(history)} epochs in {seconds:.1f} s; test accuracy {accuracy:.3f}, "
        f"validation accuracy {history.val_accuracy[-1]:.3f}\nconfusion (rows: true {classes}):\n{confusion}"
    )
    assert not set(data.speakers[k] for k in test) & set(data.speakers[k] for k in np.setdiff1d(range(len(data)), test))
    # Yang's (1996) table puts the women's /o/ and /u/ almost on top of each other: the pair most confused.
    assert accuracy >= 0.9
    mixed = confusion + confusion.T - 2 * np.diag(np.diag(confusion))
    i, j = np.unravel_index(np.argmax(mixed), mixed.shape)
    assert {classes[i], classes[j]} == {"o", "u"}
    assert history.val_accuracy[-1] >= 0.9
