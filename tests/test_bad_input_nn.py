"""The bad-input review's findings on networks: nothing returned silently wrong (N14, N20, N24-N26)."""

from __future__ import annotations

import numpy as np
import pytest

from dlaudio import MLP, gradient_check, one_hot, trace


def overflowing_classifier():
    # Finite weights and inputs whose weighted sums overflow to inf - inf = NaN.
    W = np.full((4, 3), 1e308)
    W[1] = -1e308
    return MLP.from_weights([W], output="softmax"), np.ones((2, 4)), one_hot([0, 1], 3)


def test_gradient_check_refuses_gradients_that_are_not_numbers():
    net, x, y = overflowing_classifier()
    with pytest.raises(ValueError, match="not finite"):
        gradient_check(net, x, y)


@pytest.mark.parametrize(
    ("eps", "error"),
    [
        (0.0, ValueError),
        (-1e-4, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        ("x", TypeError),
        (None, TypeError),
    ],
)
def test_gradient_check_checks_eps(eps, error):
    net = MLP(4, [5], 3, rng=0, output="softmax")
    x = np.random.default_rng(0).uniform(size=(3, 4))
    with pytest.raises(error, match="eps"):
        gradient_check(net, x, one_hot([0, 1, 2], 3), eps=eps)


def test_forward_predict_and_trace_refuse_outputs_that_overflowed():
    net, x, y = overflowing_classifier()
    for call in (lambda: net.forward(x), lambda: net.predict(x), lambda: trace(net, x, y)):
        with pytest.raises(ValueError, match="outputs are not finite"):
            call()
    assert net.activations is None  # nothing was stored


def test_a_learning_rate_far_too_high_is_reported_with_the_epoch_and_the_weights_kept():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(60, 4))
    labels = rng.integers(0, 3, size=60)
    net = MLP(4, [8], 3, rng=1, output="softmax", bias=True)
    before = [W.copy() for W in net.weights]
    with pytest.raises(ValueError, match=r"training diverged in epoch 1: .* the weights are those of training"):
        net.train(x, one_hot(labels, 3), epochs=5, eta=1e300, batch_size=10)
    assert all(np.array_equal(W, B) for W, B in zip(net.weights, before))


def test_divergence_after_sound_epochs_keeps_the_last_sound_weights(monkeypatch):
    # Two sound epochs, then the learning rate is made absurd for the third.
    import dlaudio.training

    rng = np.random.default_rng(1)
    x, labels = rng.uniform(-1, 1, size=(40, 4)), rng.integers(0, 3, size=40)
    net = MLP(4, [6], 3, rng=2, output="softmax", bias=True)
    steps = {"n": 0}
    sgd = dlaudio.training.SGD  # the class the trainer uses
    real_step = sgd.step

    def step(self, params, derivs):
        steps["n"] += 1
        if steps["n"] > 8:  # 4 batches per epoch: from epoch 3 on
            self.eta = 1e300
        real_step(self, params, derivs)

    after_two = MLP(4, [6], 3, rng=2, output="softmax", bias=True)
    after_two.train(x, one_hot(labels, 3), epochs=2, eta=0.1, batch_size=10)
    monkeypatch.setattr(sgd, "step", step)
    with pytest.raises(ValueError, match=r"diverged in epoch 3: .* those of the end of epoch 2"):
        net.train(x, one_hot(labels, 3), epochs=6, eta=0.1, batch_size=10)
    assert np.array_equal(net.W_all, after_two.W_all)


def test_a_sigmoid_network_with_a_large_eta_still_trains():
    # Its squared error is bounded: saturation, not divergence (review row N09).
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(20, 2))
    net = MLP(2, [5], 1, rng=0)
    losses = net.train(x, x.sum(axis=1, keepdims=True) / 2, epochs=20, eta=1e6)
    assert np.isfinite(losses).all()


def test_absurd_layer_sizes_are_refused_before_allocating():
    with pytest.raises(ValueError, match="weights, more than"):
        MLP(10**6, [10**6], 2)
