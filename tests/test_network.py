"""Chapter 02: the network, training, and every bad input."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
from course_reference import CourseMLP

import dlaudio
from dlaudio import MLP, mean_squared_error, sum_dataset, trace


def weights_of(net):
    return [W.copy() for W in net.weights]


def unchanged(net, before):
    return len(net.weights) == len(before) and all(np.array_equal(a, b) for a, b in zip(net.weights, before))


def test_shapes_and_randn_initialisation():
    net = MLP(13, [64, 32], 10, rng=0)
    assert [W.shape for W in net.weights] == [(13, 64), (64, 32), (32, 10)]
    assert net.layer_sizes == [13, 64, 32, 10]
    expected = np.random.default_rng(0)
    for W in net.weights:
        assert np.array_equal(W, expected.standard_normal(W.shape))
    assert repr(net) == "MLP(13, [64, 32], 10)"


def test_seed_and_generator_give_the_same_network():
    a = MLP(2, [5], 1, rng=42)
    b = MLP(2, [5], 1, rng=np.random.default_rng(42))
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))


def test_no_hidden_layer_is_one_sigmoid_layer():
    net = MLP(3, [], 1, rng=0)
    x = np.array([0.1, 0.2, 0.3])
    assert net.forward(x) == pytest.approx(1 / (1 + np.exp(-(x @ net.weights[0]))))


def test_forward_one_sample_and_batch_agree():
    net = MLP(2, [5, 4], 3, rng=1)
    x = np.random.default_rng(2).uniform(size=(6, 2))
    batch = net.forward(x)
    assert batch.shape == (6, 3)
    assert len(net.activations) == 4 and net.activations[0].shape == (6, 2)
    for i in range(6):
        single = net.forward(x[i])
        assert single.shape == (3,)
        assert single == pytest.approx(batch[i], rel=1e-14)


def test_forward_matches_the_course_code():
    net = MLP(3, [4, 2], 2, rng=7)
    x = np.array([0.3, -0.2, 0.9])
    assert net.forward(x) == pytest.approx(CourseMLP(net.weights).forward_propagate(x), rel=1e-14)


def test_weights_can_be_changed_in_place():
    net = MLP(2, [2], 1, rng=0)
    net.weights[1][:] = 0.5
    assert np.all(net.weights[1] == 0.5)


def test_weights_can_be_set():
    net = MLP(2, [2], 1, rng=0)
    net.weights = [[[0.1, 0.25], [0.15, 0.3]], [[0.5], [0.5]]]
    assert net.weights[0].dtype == np.float64
    assert net.forward([1.0, 2.0])[0] == pytest.approx(0.6569, abs=1e-4)


def test_the_sum_task_converges_and_predicts_0_4():
    x, y = sum_dataset(1000, rng=0)
    net = MLP(2, [5], 1, rng=0)
    losses = net.train(x, y, epochs=50, eta=0.1)
    assert losses.shape == (50,)
    mse = mean_squared_error(y, net.forward(x))
    assert mse < 1e-3
    assert losses[-1] < losses[0] / 10
    assert net.forward([0.3, 0.1])[0] == pytest.approx(0.4, abs=0.01)
    held_x, held_y = sum_dataset(200, rng=99)
    assert mean_squared_error(held_y, net.forward(held_x)) < 2e-3


def test_training_is_deterministic_for_a_seed():
    x, y = sum_dataset(100, rng=3)
    runs = []
    for _ in range(2):
        net = MLP(2, [5], 1, rng=4)
        losses = net.train(x, y, epochs=5, eta=0.1, batch_size=8, shuffle=True, rng=5)
        runs.append((losses, weights_of(net)))
    assert np.array_equal(runs[0][0], runs[1][0])
    assert all(np.array_equal(a, b) for a, b in zip(runs[0][1], runs[1][1]))


def test_batch_size_one_is_the_course_per_sample_loop():
    x, y = sum_dataset(20, rng=1)
    net = MLP(2, [3], 1, rng=2)
    course = CourseMLP(net.weights)
    net.train(x, y, epochs=1, eta=0.1, batch_size=1)
    course.train_epoch(x, y, learning_rate=0.1)
    for a, b in zip(net.weights, course.weights):
        assert a == pytest.approx(b, rel=1e-13)


def test_train_has_one_signature_on_the_method_and_the_function():
    method = list(inspect.signature(MLP.train).parameters.values())[1:]  # without self
    function = list(inspect.signature(dlaudio.train).parameters.values())[1:]  # without net
    assert method == function
    assert [p.name for p in method if p.kind is p.KEYWORD_ONLY][:2] == ["epochs", "eta"]


def test_the_method_and_the_function_train_alike():
    x, y = sum_dataset(30, rng=1)
    nets = [MLP(2, [3], 1, rng=2) for _ in range(2)]
    by_method = nets[0].train(x, y, epochs=3, eta=0.1, batch_size=4, shuffle=True, rng=0)
    by_function = dlaudio.train(nets[1], x, y, epochs=3, eta=0.1, batch_size=4, shuffle=True, rng=0)
    assert np.array_equal(by_method, by_function)
    assert all(np.array_equal(a, b) for a, b in zip(nets[0].weights, nets[1].weights))


def test_epochs_and_eta_are_keyword_only():
    net = MLP(2, [3], 1, rng=0)
    with pytest.raises(TypeError, match="positional"):
        net.train([[0.1, 0.2]], [[0.3]], 1, 0.1)


def test_check_xy_is_the_public_check_of_a_data_set():
    net = MLP(2, [3], 1, rng=0)
    x, y = net.check_xy([0.1, 2], [1])
    assert x.shape == (1, 2) and y.shape == (1, 1) and x.dtype == y.dtype == np.float64


def test_training_forgets_the_state_of_the_old_weights():
    net = MLP(2, [3], 1, rng=0)
    net.backward(np.ones((1, 1)) - net.forward([0.1, 0.2]))
    net.train([[0.1, 0.2]], [[0.3]], epochs=1, eta=0.1)
    assert net.activations is None and net.derivs is None


def test_a_full_batch_step_is_the_summed_update():
    x, y = sum_dataset(10, rng=1)
    net = MLP(2, [3], 1, rng=2)
    t = trace(net, x, y)
    expected = [W + 0.1 * t.deriv[l] for l, W in enumerate(t.W)]
    net.train(x, y, epochs=1, eta=0.1, batch_size=10)
    for a, b in zip(net.weights, expected):
        assert a == pytest.approx(b, rel=1e-14)


# -- bad input: a clear error, and the weights are untouched ----------------


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((0, [5], 1), ValueError, "num_inputs must be a positive integer, got 0"),
        ((2, [5, -1], 1), ValueError, r"hidden_layers\[1\] must be a positive integer"),
        ((2, [5], 0), ValueError, "num_outputs must be a positive integer"),
        ((2.5, [5], 1), TypeError, "num_inputs must be an integer"),
        ((2, 5, 1), TypeError, "hidden_layers must be a sequence"),
        ((2, [5], 1, "seed"), TypeError, "rng must be None, an int seed"),
    ],
)
def test_bad_constructor_arguments(args, error, match):
    with pytest.raises(error, match=match):
        MLP(*args)


@pytest.mark.parametrize(
    "x, match",
    [
        ([0.1, 0.2, 0.3], r"x must have 2 column\(s\)"),
        (np.zeros((4, 3)), r"x must have 2 column\(s\), shape \(n_samples, 2\)"),
        (np.zeros((0, 2)), "x must not be empty"),
        (np.zeros((2, 2, 2)), r"x must have shape \(n_features,\) or \(n_samples, n_features\)"),
        ([0.1, math.nan], "x must contain only finite values"),
        ([math.inf, 0.1], "x must contain only finite values"),
    ],
)
def test_bad_forward_input(x, match):
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    with pytest.raises(ValueError, match=match):
        net.forward(x)
    assert unchanged(net, before) and net.activations is None


def test_non_numeric_input_is_a_type_error():
    net = MLP(2, [3], 1, rng=0)
    with pytest.raises(TypeError, match="x must be an array of real numbers"):
        net.forward(["a", "b"])


GOOD = dict(epochs=2, eta=0.1)


@pytest.mark.parametrize(
    "x, y, kwargs, error, match",
    [
        (np.zeros((4, 2)), np.zeros((3, 1)), GOOD, ValueError, "same number of samples, got 4 and 3"),
        (np.zeros((4, 2)), np.zeros((4, 2)), GOOD, ValueError, r"y must have 1 column\(s\)"),
        (np.zeros((4, 3)), np.zeros((4, 1)), GOOD, ValueError, r"x must have 2 column\(s\)"),
        (np.zeros((0, 2)), np.zeros((0, 1)), GOOD, ValueError, "x must not be empty"),
        (np.zeros((4, 2)), np.full((4, 1), math.nan), GOOD, ValueError, "y must contain only finite"),
        (np.zeros((4, 2)), np.zeros((4, 1)), dict(epochs=0, eta=0.1), ValueError, "epochs must be a positive integer"),
        (np.zeros((4, 2)), np.zeros((4, 1)), dict(epochs=1.5, eta=0.1), TypeError, "epochs must be an integer"),
        (np.zeros((4, 2)), np.zeros((4, 1)), dict(epochs=2, eta=0.0), ValueError, r"eta \(learning rate\) must be > 0"),
        (np.zeros((4, 2)), np.zeros((4, 1)), dict(epochs=2, eta=-1), ValueError, r"eta \(learning rate\) must be > 0"),
        (
            np.zeros((4, 2)),
            np.zeros((4, 1)),
            dict(epochs=2, eta=math.inf),
            ValueError,
            "eta .* must be a finite number",
        ),
        (
            np.zeros((4, 2)),
            np.zeros((4, 1)),
            dict(epochs=2, eta=0.1, batch_size=0),
            ValueError,
            "batch_size must be a positive",
        ),
        (
            np.zeros((4, 2)),
            np.zeros((4, 1)),
            dict(epochs=2, eta=0.1, shuffle="yes"),
            TypeError,
            "shuffle must be True or False",
        ),
    ],
)
def test_bad_training_input_leaves_weights_unchanged(x, y, kwargs, error, match):
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    with pytest.raises(error, match=match):
        net.train(x, y, **kwargs)
    assert unchanged(net, before)


def test_backward_before_forward_is_refused():
    net = MLP(2, [3], 1, rng=0)
    with pytest.raises(ValueError, match=r"call forward\(x\) before backward"):
        net.backward([0.1])


@pytest.mark.parametrize(
    "error, match",
    [
        (np.zeros((3, 1)), r"error must have shape \(4, 1\)"),
        (np.zeros((4, 2)), r"error must have 1 column\(s\)"),
        (np.full((4, 1), math.nan), "error must contain only finite"),
        (np.zeros((4, 1), dtype=complex), "error must hold real numbers, got complex"),
    ],
)
def test_bad_error_in_backward(error, match):
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    net.forward(np.zeros((4, 2)))
    with pytest.raises((ValueError, TypeError), match=match):
        net.backward(error)
    assert net.derivs is None and unchanged(net, before)


def test_gradient_descent_before_backward_is_refused():
    net = MLP(2, [3], 1, rng=0)
    net.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"call backward\(error\) before gradient_descent"):
        net.gradient_descent(0.1)


def test_bad_learning_rate_in_gradient_descent():
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    net.backward(np.ones((4, 1)) - net.forward(np.zeros((4, 2))))
    with pytest.raises(ValueError, match=r"eta \(learning rate\) must be > 0"):
        net.gradient_descent(-0.1)
    assert unchanged(net, before)


# -- bugs found in review: each test fails on the code before the fix -------


def test_ragged_rows_are_a_value_error_naming_the_shape():
    net = MLP(2, [3], 1, rng=0)
    with pytest.raises(ValueError, match=r"x must be a rectangular array.*expected shape \(2,\) or \(n_samples, 2\)"):
        net.forward([[1, 2], [3]])


@pytest.mark.parametrize(
    "x, y",
    [([[0.1 + 0.5j, 0.2]], [[0.3]]), ([[0.1, 0.2]], np.array([[0.3 + 0j]]))],
    ids=["complex x", "complex y"],
)
def test_complex_training_data_is_a_type_error(x, y):
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    with pytest.raises(TypeError, match=r"(x|y) must hold real numbers, got complex values \(complex128\)"):
        net.train(x, y, epochs=1, eta=0.1)
    assert unchanged(net, before)


def test_complex_input_to_forward_is_a_type_error():
    with pytest.raises(TypeError, match="x must hold real numbers, got complex"):
        MLP(2, [3], 1, rng=0).forward([0.1 + 0.5j, 0.2])


def test_a_step_that_would_make_weights_infinite_is_not_taken():
    # Batch 1 is ordinary; batch 2 has targets near the float64 limit, whose
    # Deriv (a^T . delta, summed over 1000 samples) overflows to inf.
    x = np.full((2000, 2), 0.1)
    y = np.vstack([np.full((1000, 1), 0.99), np.full((1000, 1), 1e308)])
    net = MLP.from_weights([[[0.5, 0.5], [0.5, 0.5]], [[0.5], [0.5]]])
    after_batch_1 = MLP.from_weights(net.weights)
    after_batch_1.train(x[:1000], y[:1000], epochs=1, eta=0.1, batch_size=1000)
    with pytest.raises(ValueError, match=r"training stopped in epoch 1, batch 2: .* NaN or infinite"):
        net.train(x, y, epochs=3, eta=0.1, batch_size=1000)
    assert unchanged(net, weights_of(after_batch_1))


def test_a_huge_learning_rate_stops_before_the_first_step():
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    with pytest.raises(ValueError, match=r"training stopped in epoch 1, batch 1"):
        net.train(np.full((100, 2), 0.1), np.full((100, 1), 0.99), epochs=3, eta=1e308, batch_size=100)
    assert unchanged(net, before)


@pytest.mark.parametrize(
    "weights, error, match",
    [
        ([], ValueError, "at least one matrix"),
        ([np.zeros((2, 3)), np.zeros((2, 1))], ValueError, r"weights\[1\] must have 3 rows"),
        ([np.zeros(3)], ValueError, r"weights\[0\] must be a non-empty 2-D matrix"),
        ([np.full((2, 2), math.nan)], ValueError, r"weights\[0\] must contain only finite"),
        (np.zeros((2, 2)), TypeError, "weights must be a list of 2-D arrays"),
    ],
)
def test_bad_weights_are_rejected_and_the_old_ones_kept(weights, error, match):
    net = MLP(2, [3], 1, rng=0)
    before = weights_of(net)
    with pytest.raises(error, match=match):
        net.weights = weights
    assert unchanged(net, before)
    with pytest.raises(error, match=match):
        MLP.from_weights(weights)


def test_inputs_are_copied_not_aliased():
    net = MLP(2, [3], 1, rng=0)
    x = np.array([[0.1, 0.2]])
    net.forward(x)
    x[0, 0] = 99.0
    assert net.activations[0][0, 0] == 0.1
    W = [np.ones((2, 1))]
    net2 = MLP.from_weights(W)
    W[0][0, 0] = 5.0
    assert net2.weights[0][0, 0] == 1.0
