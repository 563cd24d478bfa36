"""Chapter 01: the artificial neuron written with the math module."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlaudio.neuron import neuron_output, sigmoid, weighted_sum


def test_weighted_sum_of_the_course_example():
    assert weighted_sum([0.5, 0.3, 0.2], [0.4, 0.7, 0.2]) == 0.45


def test_neuron_output_of_the_course_example():
    expected = 1.0 / (1.0 + math.exp(-0.45))
    assert neuron_output([0.5, 0.3, 0.2], [0.4, 0.7, 0.2]) == pytest.approx(expected, rel=1e-15)
    assert round(neuron_output([0.5, 0.3, 0.2], [0.4, 0.7, 0.2]), 4) == 0.6106


def test_sigmoid_at_zero_and_symmetry():
    assert sigmoid(0.0) == 0.5
    for h in (0.1, 1.0, 3.7, 20.0):
        assert sigmoid(-h) == pytest.approx(1.0 - sigmoid(h), abs=1e-15)


@pytest.mark.parametrize(
    "h, expected",
    [(1000.0, 1.0), (-1000.0, 0.0), (1e308, 1.0), (-1e308, 0.0), (-710.0, math.exp(-710.0))],
)
def test_sigmoid_extreme_h_does_not_overflow(h, expected):
    if h < 0:
        # The formula as printed, 1 / (1 + e^-h), overflows here.
        with pytest.raises(OverflowError):
            1.0 / (1.0 + math.exp(-h))
    assert sigmoid(h) == pytest.approx(expected, rel=1e-12, abs=0.0)


def test_sigmoid_of_infinity_is_its_limit():
    assert sigmoid(math.inf) == 1.0
    assert sigmoid(-math.inf) == 0.0


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_sigmoid_is_defined_and_bounded_for_every_finite_h(h):
    y = sigmoid(h)
    assert 0.0 <= y <= 1.0
    if abs(h) < 30:
        assert y == pytest.approx(1.0 / (1.0 + math.exp(-h)), rel=1e-12)


@given(st.floats(-700, 700), st.floats(-700, 700))
def test_sigmoid_is_monotonic(h1, h2):
    lo, hi = sorted((h1, h2))
    assert sigmoid(lo) <= sigmoid(hi)


def test_sigmoid_rejects_nan_and_non_numbers():
    with pytest.raises(ValueError, match="NaN"):
        sigmoid(math.nan)
    with pytest.raises(TypeError, match="real number"):
        sigmoid("0.5")
    with pytest.raises(TypeError, match="real number"):
        sigmoid(True)


def test_different_lengths_are_rejected():
    with pytest.raises(ValueError, match="same length, got 2 inputs and 3 weights"):
        neuron_output([0.5, 0.3], [0.4, 0.7, 0.2])


def test_empty_inputs_are_rejected():
    with pytest.raises(ValueError, match="inputs must not be empty"):
        weighted_sum([], [])
    with pytest.raises(ValueError, match="weights must not be empty"):
        weighted_sum([1.0], [])


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_inputs_and_weights_are_rejected(bad):
    with pytest.raises(ValueError, match=r"inputs\[1\] must be a finite number"):
        neuron_output([0.5, bad], [0.4, 0.7])
    with pytest.raises(ValueError, match=r"weights\[0\] must be a finite number"):
        neuron_output([0.5, 0.3], [bad, 0.7])


def test_non_numbers_are_rejected():
    with pytest.raises(TypeError, match="sequence of numbers"):
        weighted_sum("abc", "def")
    with pytest.raises(TypeError, match="sequence of numbers"):
        weighted_sum(3.0, [1.0])
    with pytest.raises(TypeError, match=r"inputs\[0\] must be a real number"):
        weighted_sum(["a"], [1.0])


def test_caller_lists_are_not_changed():
    x, w = [0.5, 0.3, 0.2], [0.4, 0.7, 0.2]
    neuron_output(x, w)
    assert x == [0.5, 0.3, 0.2] and w == [0.4, 0.7, 0.2]


def test_any_iterable_of_numbers_works():
    assert weighted_sum((v for v in (1.0, 2.0)), (3, 4)) == 11.0
