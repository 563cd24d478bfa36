"""Chapter 02-1: backpropagation in the course's notation, checked every way we can."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_sizes import scaled

from dlaudio import MLP, gradient_check, loss, trace
from dlaudio.backprop import delta, deriv, output_error, relay_error
from dlaudio.data import WORKED_EXAMPLE_W1, worked_example
from dlaudio.gradcheck import numerical_gradient

# The hidden-to-output weights of the course notes: all 0.5.
W1 = WORKED_EXAMPLE_W1


def test_notes_numbers_with_the_notes_assumptions():
    a0 = np.array([[1.0, 2.0]])
    a1 = np.array([[0.6, 0.7]])  # assumed by the notes
    a2 = np.array([[0.68]])  # assumed by the notes
    error2 = output_error(np.array([[1.0]]), a2)
    assert error2 == pytest.approx(0.32)
    delta2 = delta(error2, 0.22)  # sigma'(a2) assumed 0.22
    assert delta2 == pytest.approx(0.0704)
    delta2 = np.round(delta2, 2)  # the notes carry 0.07 forward
    assert deriv(a1, delta2) == pytest.approx(np.array([[0.042], [0.049]]))
    error1 = relay_error(delta2, np.array(W1))
    assert error1 == pytest.approx(np.array([[0.035, 0.035]]))
    delta1 = delta(error1, 0.25)  # sigma'(a1) assumed 0.25
    assert delta1 == pytest.approx(np.array([[0.00875, 0.00875]]))
    assert deriv(a0, delta1) == pytest.approx(np.array([[0.00875, 0.00875], [0.0175, 0.0175]]))


def test_worked_example_with_exact_slopes():
    t = trace(*worked_example())
    s = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731  (independent reference)
    a1 = s(np.array([0.4, 0.85]))
    a2 = s(a1.sum() * 0.5)
    assert t.h[1] == pytest.approx(np.array([[0.4, 0.85]]))
    assert t.a[1] == pytest.approx(a1[None, :])
    assert t.a[2][0, 0] == pytest.approx(a2)
    assert round(float(t.a[2][0, 0]), 3) == 0.657  # not the notes' 0.68
    d2 = (1 - a2) * a2 * (1 - a2)
    assert t.error[2][0, 0] == pytest.approx(1 - a2)
    assert t.delta[2][0, 0] == pytest.approx(d2)
    assert t.deriv[1] == pytest.approx(a1[:, None] * d2)
    assert t.error[1] == pytest.approx(np.array([[0.5 * d2, 0.5 * d2]]))
    d1 = 0.5 * d2 * a1 * (1 - a1)
    assert t.delta[1] == pytest.approx(d1[None, :])
    assert t.deriv[0] == pytest.approx(np.outer([1.0, 2.0], d1))
    # The two insights survive exact arithmetic.
    assert abs(t.error[1]).max() < abs(t.error[2]).max() / 5
    assert t.deriv[0][1] == pytest.approx(2 * t.deriv[0][0])


def test_trace_does_not_change_the_network():
    net = MLP(3, [4], 2, rng=0)
    before = [W.copy() for W in net.weights]
    trace(net, np.ones((2, 3)), np.zeros((2, 2)))
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))
    assert net.activations is None


def test_trace_and_network_methods_agree():
    net = MLP(3, [4, 5], 2, rng=3)
    x = np.random.default_rng(0).uniform(size=(6, 3))
    y = np.random.default_rng(1).uniform(size=(6, 2))
    t = trace(net, x, y)
    out = net.forward(x)
    derivs = net.backward(y - out)
    assert np.array_equal(out, t.a[-1])
    for l in range(3):
        assert np.array_equal(derivs[l], t.deriv[l])


@settings(max_examples=scaled(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # Up to 8 units: width 1 and depth are where shape bugs hide; wider layers only cost time.
    widths=st.lists(st.integers(1, 8), min_size=3, max_size=6),
    batch=st.integers(1, 8),
    seed=st.integers(0, 2**32 - 1),
)
def test_deriv_is_minus_the_gradient_of_E(widths, batch, seed):
    # widths = [n_0, hidden (1 to 4 layers), n_L]
    rng = np.random.default_rng(seed)
    net = MLP(widths[0], widths[1:-1], widths[-1], rng=rng)
    x = rng.uniform(-1, 1, size=(batch, widths[0]))
    y = rng.uniform(0, 1, size=(batch, widths[-1]))
    assert gradient_check(net, x, y) < 1e-6


def test_gradient_check_detects_a_wrong_gradient(monkeypatch):
    # A backpropagation that forgets the slope of the sigmoid must fail the check.
    import dlaudio.layers  # where the Sigmoid layer takes its slope from

    monkeypatch.setattr(dlaudio.layers, "sigmoid_slope", lambda a: np.ones_like(a))
    net = MLP(2, [3], 1, rng=0)
    assert gradient_check(net, [[0.2, 0.4]], [[0.9]]) > 0.1


def test_numerical_gradient_never_nudges_the_network(monkeypatch):
    # Every loss evaluation must see the network's weights as they were: the
    # nudges happen on a copy. Nudging the network and restoring it after
    # fails here.
    import dlaudio.gradcheck as gc

    net = MLP(2, [3], 1, rng=0)
    before = [W.copy() for W in net.weights]
    seen = []
    real_loss_of = gc._loss_of

    def spy(weights, x, y):
        seen.append(all(np.array_equal(a, b) for a, b in zip(before, net.weights)))
        return real_loss_of(weights, x, y)

    monkeypatch.setattr(gc, "_loss_of", spy)
    numerical_gradient(net, [[0.2, 0.4]], [[0.9]])
    assert len(seen) == 4 * 9 and all(seen)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


@pytest.mark.parametrize("field", ["h", "a", "error", "delta"])
def test_trace_layer_fields_take_negative_indices(field):
    t = trace(MLP(2, [3, 4], 1, rng=0), [[0.1, 0.2]], [[0.5]])
    values = getattr(t, field)
    assert np.array_equal(values[-1], values[3]) and np.array_equal(values[-2], values[2])


def test_trace_deriv_takes_negative_indices_like_W():
    t = trace(MLP(2, [3, 4], 1, rng=0), [[0.1, 0.2]], [[0.5]])
    assert t.deriv[-1].shape == t.W[-1].shape == (4, 1)
    assert np.array_equal(t.deriv[-3], t.deriv[0])


def test_trace_index_past_the_first_layer_is_a_key_error():
    t = trace(MLP(2, [3], 1, rng=0), [[0.1, 0.2]], [[0.5]])
    with pytest.raises(KeyError):
        t.delta[-3]  # delta_0 does not exist: the inputs have no slope


@pytest.mark.parametrize("n", [1, 2, 7])
def test_batch_deriv_is_the_sum_of_per_sample_derivs(n):
    net = MLP(4, [6, 3], 2, rng=n)
    rng = np.random.default_rng(10 + n)
    x, y = rng.uniform(size=(n, 4)), rng.uniform(size=(n, 2))
    batch = trace(net, x, y).deriv
    singles = [trace(net, x[i], y[i]).deriv for i in range(n)]
    for l in batch:
        assert batch[l] == pytest.approx(sum(s[l] for s in singles), rel=1e-12, abs=1e-15)


def test_backward_formulas_by_hand_on_a_batch():
    rng = np.random.default_rng(5)
    weights = [rng.standard_normal((3, 4)), rng.standard_normal((4, 2))]
    x = rng.uniform(size=(5, 3))
    y = rng.uniform(size=(5, 2))
    t = trace(MLP.from_weights(weights), x, y)  # the layers' forward and backward, kept
    h, a, errors, deltas, derivs = t.h, t.a, t.error, t.delta, t.deriv
    assert np.allclose(h[1], x @ weights[0]) and np.allclose(a[2], 1 / (1 + np.exp(-(a[1] @ weights[1]))))
    assert np.allclose(deltas[2], (y - a[2]) * a[2] * (1 - a[2]))
    assert np.allclose(errors[1], deltas[2] @ weights[1].T)
    assert np.allclose(derivs[0], x.T @ deltas[1])
    assert derivs[0].shape == weights[0].shape and derivs[1].shape == weights[1].shape


def test_a_descent_step_lowers_E():
    net = MLP(2, [5], 1, rng=0)
    x, y = np.array([[0.1, 0.4], [0.3, 0.2]]), np.array([[0.5], [0.5]])
    before = loss(y, net.forward(x))
    net.backward(y - net.forward(x))
    net.gradient_descent(0.05)
    assert loss(y, net.forward(x)) < before
