"""The array sigmoid and its slope: exact where it matters, silent at the extremes."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlaudio import neuron
from dlaudio.activations import sigmoid, sigmoid_slope


@given(st.floats(-745, 745))
def test_array_sigmoid_agrees_with_the_math_sigmoid(h):
    expected = neuron.sigmoid(h)
    assert sigmoid(np.array([h]))[0] == pytest.approx(expected, rel=1e-14, abs=1e-300)


@given(arrays(np.float64, st.integers(1, 50), elements=st.floats(allow_nan=False)))
def test_never_warns_and_stays_in_the_unit_interval(h):
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        a = sigmoid(h)
    assert a.shape == h.shape and np.all((0.0 <= a) & (a <= 1.0))


@pytest.mark.parametrize("h, expected", [(-1e308, 0.0), (-1000.0, 0.0), (1000.0, 1.0), (1e308, 1.0), (0.0, 0.5)])
def test_extremes(h, expected):
    assert sigmoid(np.array(h)) == expected


def test_small_values_keep_their_relative_precision():
    h = np.array([-30.0, -100.0, -700.0])
    assert sigmoid(h) == pytest.approx(np.exp(h) / (1 + np.exp(h)), rel=1e-14)


def test_input_array_is_not_modified_and_shapes_are_kept():
    h = np.array([[0.0, 1.0], [-2.0, 3.0]])
    before = h.copy()
    assert sigmoid(h).shape == (2, 2)
    assert np.array_equal(h, before)
    assert sigmoid(0.0) == 0.5


def test_slope_is_written_from_the_activation():
    h = np.linspace(-6, 6, 25)
    a = sigmoid(h)
    numeric = (sigmoid(h + 1e-6) - sigmoid(h - 1e-6)) / 2e-6
    assert sigmoid_slope(a) == pytest.approx(numeric, abs=1e-9)
    assert sigmoid_slope(np.array([0.5]))[0] == 0.25
    assert np.all(sigmoid_slope(sigmoid(np.linspace(-50, 50, 1001))) <= 0.25)
    assert math.isclose(sigmoid_slope(0.68), 0.2176)
