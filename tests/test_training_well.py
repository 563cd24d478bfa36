"""Chapter 06's library: activations, initialisation, optimisers, dropout, mean or sum."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlaudio import (
    MLP,
    Adam,
    Dense,
    Dropout,
    Momentum,
    ReLU,
    Sequential,
    SoftmaxCrossEntropy,
    Tanh,
    gradient_check,
    initial_weights,
    one_hot,
    relu,
    relu_slope,
    tanh_slope,
    trace,
)


def blobs(n, seed=0, classes=3, inputs=4):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-1, 1, size=(classes, inputs))
    labels = rng.integers(0, classes, size=n)
    return centres[labels] + 0.15 * rng.standard_normal((n, inputs)), one_hot(labels, classes), labels


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_gradient_check_of_every_activation_and_output(activation, output):
    x, y, _ = blobs(6, seed=1)
    if output == "sigmoid":
        y = 0.1 + 0.8 * y
    # Inputs shifted off 0 so that no ReLU sits exactly at its kink.
    net = MLP(4, [5, 4], 3, rng=2, output=output, bias=True, init="he", activation=activation)
    assert gradient_check(net, x + 0.01, y, l2=0.01) < 1e-6


def test_gradient_check_with_dropout_under_a_fixed_mask():
    rng = np.random.default_rng(3)
    x, y, _ = blobs(5, seed=3)
    mask = rng.random((5, 6)) >= 0.3
    net = Sequential(
        [
            Dense(initial_weights(4, 6, rng, "he", bias=True), bias=True),
            ReLU(),
            Dropout(0.3, mask=mask),
            Dense(initial_weights(6, 3, rng, "xavier", bias=True), bias=True),
            SoftmaxCrossEntropy(),
        ]
    )
    assert gradient_check(net, x, y) < 1e-6
    t = trace(net, x, y)
    # A dropped unit gets no error, so the weights into it get no Deriv from that sample.
    assert np.all(t.delta[1][~mask] == 0)


def test_dropout_is_on_in_training_only_and_keeps_the_mean():
    layer = Dropout(0.3, rng=0)
    a = np.ones((2000, 50))
    off, cache = layer.forward(a)
    assert off is a and cache is None  # prediction: every unit, unscaled
    layer.training = True
    on, m = layer.forward(a)
    assert set(np.unique(on)) == {0.0, 1 / 0.7}
    assert abs(on.mean() - 1.0) < 0.01 and abs((on == 0).mean() - 0.3) < 0.01
    assert np.array_equal(layer.backward(np.full_like(a, 2.0), m), 2.0 * m)
    with pytest.raises(ValueError, match=r"p \(the dropout rate\) must be in \[0, 1\)"):
        Dropout(1.0)


def test_the_network_predicts_with_dropout_off_and_trains_with_it_on():
    x, y, _ = blobs(40, seed=4)
    rng = np.random.default_rng(5)
    drop = Dropout(0.5, rng=6)
    net = Sequential(
        [
            Dense(initial_weights(4, 16, rng, "he", bias=True), bias=True),
            ReLU(),
            drop,
            Dense(initial_weights(16, 3, rng, "xavier", bias=True), bias=True),
            SoftmaxCrossEntropy(),
        ]
    )
    first = net.forward(x)
    assert np.array_equal(first, net.forward(x))  # no randomness outside training
    history = net.train(x, y, epochs=30, eta=0.01, batch_size=8, shuffle=True, rng=0, validation=(x, y))
    assert drop.training is False
    # The validation loss is measured with dropout off: exactly the loss of forward afterwards, at the end.
    out = net.forward(x)
    assert history.val_loss[-1] == pytest.approx(-np.sum(y * np.log(out)) / len(x), rel=1e-12)


@pytest.mark.parametrize("init", ["xavier", "he"])
def test_scaled_initialisations_keep_the_spread_of_the_weighted_sums(init):
    rng = np.random.default_rng(0)
    n_in, n_out = 1040, 64
    W = initial_weights(n_in, n_out, rng, init)
    expected = 2 / (n_in + n_out) if init == "xavier" else 2 / n_in
    assert W.var() == pytest.approx(expected, rel=0.03)
    # Standardised inputs: the weighted sums spread about 1 (xavier) or sqrt(2) (he), not sqrt(1040) = 32.
    h = rng.standard_normal((500, n_in)) @ W
    assert 0.5 < h.std() < 2.0
    assert initial_weights(3, 2, rng, init, bias=True)[-1].tolist() == [0.0, 0.0]


def test_the_course_s_initialisation_is_unchanged():
    # The notes' standard normal, the bias row drawn with the rest: the same draws as before.
    a, b = MLP(3, [4], 2, rng=7, bias=True), np.random.default_rng(7)
    assert np.array_equal(a.weights[0], b.standard_normal((4, 4)))
    assert np.array_equal(MLP(3, [4], 2, rng=7, init="normal").weights[0], MLP(3, [4], 2, rng=7).weights[0])
    with pytest.raises(ValueError, match="init"):
        MLP(3, [4], 2, init="glorot")


def test_relu_and_tanh_slopes_are_written_from_the_activation():
    h = np.array([-1.5, 0.0, 0.3, 2.0])
    assert np.array_equal(relu_slope(relu(h)), [0.0, 0.0, 1.0, 1.0])
    assert np.allclose(tanh_slope(np.tanh(h)), 1 / np.cosh(h) ** 2)
    assert relu(h.astype(np.float32)).dtype == np.float32


def adam_as_published(W, gradients, alpha, b1=0.9, b2=0.999, eps=1e-8):
    """Kingma and Ba (2015), Algorithm 1, line by line, on g = dE/dW."""
    m, v = np.zeros_like(W), np.zeros_like(W)
    for t, g in enumerate(gradients, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        W = W - alpha * m_hat / (np.sqrt(v_hat) + eps)
    return W


def test_adam_is_algorithm_1_of_the_paper_with_g_minus_deriv():
    rng = np.random.default_rng(8)
    W0 = rng.standard_normal((3, 4))
    derivs = [rng.standard_normal((3, 4)) * 10.0**k for k in (-3, 0, 2, -1, 1)]
    W, opt = W0.copy(), Adam(0.01)
    for D in derivs:
        opt.step([W], [D])
    assert np.allclose(W, adam_as_published(W0, [-D for D in derivs], 0.01), rtol=1e-13, atol=1e-15)
    assert opt.t == 5


def test_momentum_is_pytorch_s_sgd_with_momentum():
    rng = np.random.default_rng(9)
    W0 = rng.standard_normal(5)
    derivs = [rng.standard_normal(5) for _ in range(4)]
    W, opt = W0.copy(), Momentum(0.1, mu=0.9)
    for D in derivs:
        opt.step([W], [D])
    ref, buf = W0.copy(), None
    for D in derivs:  # torch.optim.SGD: buf = mu * buf + g (buf = g at first); p -= lr * buf
        g = -D
        buf = g if buf is None else 0.9 * buf + g
        ref = ref - 0.1 * buf
    assert np.allclose(W, ref, rtol=1e-14)
    plain = W0.copy()
    Momentum(0.1, mu=0.0).step([plain], [derivs[0]])  # no momentum: gradient descent
    assert np.array_equal(plain, W0 + 0.1 * derivs[0])


def test_bad_optimiser_settings_are_refused():
    for make, match in [
        (lambda: Adam(0.0), "eta"),
        (lambda: Adam(beta1=1.0), "beta1"),
        (lambda: Adam(eps=-1.0), "eps"),
        (lambda: Momentum(0.1, mu=1.5), "mu"),
    ]:
        with pytest.raises(ValueError, match=match):
            make()
    x, y, _ = blobs(4)
    net = MLP(4, [3], 3, rng=0, output="softmax")
    with pytest.raises(TypeError, match="eta or optimizer, not both"):
        net.train(x, y, epochs=1, eta=0.1, optimizer=Adam())
    with pytest.raises(TypeError, match="needs eta"):
        net.train(x, y, epochs=1)
    with pytest.raises(TypeError, match="step"):
        net.train(x, y, epochs=1, optimizer="adam")
    with pytest.raises(ValueError, match="reduction"):
        net.train(x, y, epochs=1, eta=0.1, reduction="average")


def test_adam_and_momentum_train_a_classifier():
    x, y, labels = blobs(90, seed=10)
    for optimizer in (Adam(0.01), Momentum(0.05)):
        net = MLP(4, [16], 3, rng=1, output="softmax", bias=True, init="he", activation="relu")
        history = net.train(x, y, epochs=40, optimizer=optimizer, batch_size=10, shuffle=True, rng=0)
        assert history.loss[-1] < 0.2 * history.loss[0]
        assert np.mean(net.predict(x) == labels) > 0.95


def test_mean_reduction_is_the_sum_with_eta_divided_by_the_batch_size():
    x, y, _ = blobs(32, seed=11)
    summed, meaned = (MLP(4, [5], 3, rng=3, output="softmax", bias=True) for _ in range(2))
    a = summed.train(x, y, epochs=3, eta=0.05 / 8, batch_size=8)
    b = meaned.train(x, y, epochs=3, eta=0.05, batch_size=8, reduction="mean")
    assert np.allclose(summed.W_all, meaned.W_all, rtol=1e-12, atol=1e-14)
    assert np.allclose(a.loss, b.loss, rtol=1e-12)


def test_repr_names_the_chosen_activation():
    assert (
        repr(MLP(2, [3], 2, output="softmax", activation="relu"))
        == "MLP(2, [3], 2, output='softmax', activation='relu')"
    )
    assert math.isclose(float(Tanh().forward(np.array([[0.5]]))[0][0, 0]), math.tanh(0.5))


def test_speaker_folds_test_every_speaker_exactly_once():
    from dlaudio import speaker_folds

    rng = np.random.default_rng(12)
    speakers = [f"s{k}" for k in rng.integers(0, 23, size=300)]
    groups = ["man" if int(s[1:]) % 2 else "woman" for s in speakers]
    labels = ["a", "i", "u"] * 100
    folds = speaker_folds(speakers, labels, n_folds=4, groups=groups, rng=0)
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(300))  # every clip tested once
    for train, test in folds:
        assert not {speakers[k] for k in train} & {speakers[k] for k in test}
        assert len(train) + len(test) == 300
    with pytest.raises(ValueError, match="n_folds must be at least 2"):
        speaker_folds(speakers, labels, n_folds=1)
