"""Training: the loss it reports, float32 beside float64, and what it does not copy."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from course_reference import CourseMLP

from dlaudio import MLP, loss, mean_loss, sum_dataset, trace


def start_weights(sizes, seed=0):
    """float64 weights that float32 holds exactly, so both precisions start alike."""
    net = MLP(sizes[0], sizes[1:-1], sizes[-1], rng=seed, dtype=np.float32)
    return [W.astype(np.float64) for W in net.weights]


# -- the reported loss: what the docstring says, computed independently ------


def test_default_loss_with_one_sample_per_step_is_the_course_report():
    # The course prints the mean over the epoch of each sample's mean squared
    # error before its update; with one output, E/n is half of it.
    x, y = sum_dataset(50, rng=1)
    net = MLP(2, [3], 1, rng=2)
    course = CourseMLP(net.weights)
    reported = net.train(x, y, epochs=3, eta=0.5, batch_size=1)
    for epoch in range(3):
        assert reported[epoch] == pytest.approx(course.train_epoch(x, y, learning_rate=0.5) / 2, rel=1e-12)


def test_default_loss_of_mini_batches_is_summed_before_each_update():
    x, y = sum_dataset(50, rng=1)
    net = MLP(2, [3], 1, rng=2)
    by_hand = MLP.from_weights(net.weights)
    reported = net.train(x, y, epochs=1, eta=0.5, batch_size=16)
    E = 0.0
    for start in range(0, 50, 16):  # batches of 16, 16, 16 and 2
        out = by_hand.forward(x[start : start + 16])
        E += loss(y[start : start + 16], out)
        by_hand.backward(y[start : start + 16] - out)
        by_hand.gradient_descent(0.5)
    assert reported[0] == pytest.approx(E / 50, rel=1e-12)


def test_exact_loss_is_the_loss_of_the_whole_set_after_the_epoch():
    x, y = sum_dataset(50, rng=1)
    net = MLP(2, [3], 1, rng=2)
    reported = net.train(x, y, epochs=2, eta=0.5, batch_size=16, exact_loss=True)
    assert reported[-1] == pytest.approx(mean_loss(y, net.forward(x)), rel=1e-12)


def test_exact_loss_does_not_change_the_training():
    x, y = sum_dataset(50, rng=1)
    nets = [MLP(2, [3], 1, rng=2) for _ in range(2)]
    nets[0].train(x, y, epochs=2, eta=0.5, batch_size=16)
    nets[1].train(x, y, epochs=2, eta=0.5, batch_size=16, exact_loss=True)
    assert all(np.array_equal(a, b) for a, b in zip(nets[0].weights, nets[1].weights))


# -- float32 ------------------------------------------------------------------


def test_float32_training_follows_float64_within_float32_rounding():
    x, y = sum_dataset(300, rng=3)
    start = start_weights([2, 5, 1])
    net64 = MLP.from_weights(start)
    net32 = MLP.from_weights(start, dtype=np.float32)
    losses64 = net64.train(x, y, epochs=2, eta=0.1)  # 600 steps of one sample
    losses32 = net32.train(x.astype(np.float32), y.astype(np.float32), epochs=2, eta=0.1)
    for W32, W64 in zip(net32.weights, net64.weights):
        assert W32 == pytest.approx(W64, rel=1e-4, abs=1e-5)
    assert losses32 == pytest.approx(losses64, rel=1e-4)


def test_float32_is_kept_through_forward_backward_and_update():
    net = MLP(3, [4], 2, rng=0, dtype=np.float32)
    out = net.forward(np.ones((5, 3)))
    assert out.dtype == np.float32 and all(a.dtype == np.float32 for a in net.activations)
    derivs = net.backward(np.zeros((5, 2)) - out)
    assert all(D.dtype == np.float32 for D in derivs.values())
    net.gradient_descent(0.1)
    assert all(W.dtype == np.float32 for W in net.weights)


def test_float32_is_kept_by_the_trace():
    t = trace(MLP(3, [4], 2, rng=0, dtype=np.float32), np.ones((5, 3)), np.zeros((5, 2)))
    fields = [t.W, t.a, t.h.values(), t.error.values(), t.delta.values(), t.deriv.values()]
    assert all(v.dtype == np.float32 for field in fields for v in field)


def test_float32_is_kept_by_training():
    net = MLP(3, [4], 2, rng=0, dtype=np.float32)
    losses = net.train(np.ones((5, 3)), np.zeros((5, 2)), epochs=2, eta=0.1, batch_size=2)
    assert all(W.dtype == np.float32 for W in net.weights) and np.all(np.isfinite(losses))


def test_the_default_is_float64():
    net = MLP(3, [4], 2, rng=0)
    assert net.dtype == np.float64 and all(W.dtype == np.float64 for W in net.weights)


def test_float32_weights_are_float64_draws_rounded():
    W64 = MLP(3, [4], 2, rng=0).weights
    W32 = MLP(3, [4], 2, rng=0, dtype=np.float32).weights
    assert all(np.array_equal(a, b.astype(np.float32)) for a, b in zip(W32, W64))


# -- other dtypes: a clear error, or a documented conversion -------------------


@pytest.mark.parametrize("dtype", [np.int64, np.float16, np.complex128, "float128", bool])
def test_only_float32_and_float64_networks(dtype):
    with pytest.raises(TypeError, match="dtype must be numpy.float64 or numpy.float32"):
        MLP(2, [3], 1, rng=0, dtype=dtype)


def test_dtype_may_be_named():
    assert MLP(2, [3], 1, rng=0, dtype="float32").dtype == np.float32


def test_float64_data_is_converted_once_for_a_float32_network():
    x, y = sum_dataset(40, rng=1)
    nets = [MLP(2, [3], 1, rng=2, dtype=np.float32) for _ in range(2)]
    from_64 = nets[0].train(x, y, epochs=2, eta=0.5, batch_size=8)
    from_32 = nets[1].train(x.astype(np.float32), y.astype(np.float32), epochs=2, eta=0.5, batch_size=8)
    assert np.array_equal(from_64, from_32)
    assert all(np.array_equal(a, b) for a, b in zip(nets[0].weights, nets[1].weights))


def test_integer_input_is_converted():
    net = MLP(2, [3], 1, rng=0, dtype=np.float32)
    assert net.forward(np.array([1, 0])).dtype == np.float32


def test_weights_of_another_precision_are_converted_to_the_network_dtype():
    net = MLP(2, [3], 1, rng=0)
    net.weights = [W.astype(np.float32) for W in MLP(2, [3], 1, rng=0).weights]
    assert all(W.dtype == np.float64 for W in net.weights)


# -- no needless copies ---------------------------------------------------------


def test_training_reads_the_data_without_changing_it():
    x, y = sum_dataset(40, rng=1)
    x_before, y_before = x.copy(), y.copy()
    MLP(2, [3], 1, rng=2).train(x, y, epochs=2, eta=0.5, batch_size=8, shuffle=True, rng=0)
    assert np.array_equal(x, x_before) and np.array_equal(y, y_before)


def test_shuffled_training_does_not_copy_the_data_set():
    rng = np.random.default_rng(0)
    x = rng.uniform(size=(20000, 40)).astype(np.float32)  # 3.2 MB
    y = rng.uniform(size=(20000, 1)).astype(np.float32)
    net = MLP(40, [16], 1, rng=1, dtype=np.float32)
    tracemalloc.start()
    try:
        net.train(x, y, epochs=2, eta=0.01, batch_size=32, shuffle=True, rng=0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The shuffled index (8 bytes a sample) and a few batches, not a copy of x.
    assert peak < x.nbytes / 4
