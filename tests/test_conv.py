"""Convolution, pooling and flattening (dlaudio.conv): against direct loops and finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from dlaudio import (
    Adam,
    Conv2d,
    Dense,
    Dropout,
    Flatten,
    MaxPool2d,
    ReLU,
    Sequential,
    Sigmoid,
    SoftmaxCrossEntropy,
    gradient_check,
    initial_weights,
    trace,
)
from dlaudio.im2col import col2im, im2col, output_size


def direct_correlation(x, kernels, bias, padding, stride):
    """The cross-correlation by loops over every output position: x (N, C, H, W), kernels (K, C, kh, kw)."""
    (ph, pw), (sh, sw) = padding, stride
    n, c, height, width = x.shape
    k, _, kh, kw = kernels.shape
    padded = np.zeros((n, c, height + 2 * ph, width + 2 * pw))
    padded[:, :, ph : ph + height, pw : pw + width] = x
    out_h, out_w = (height + 2 * ph - kh) // sh + 1, (width + 2 * pw - kw) // sw + 1
    out = np.zeros((n, k, out_h, out_w))
    for s in range(n):
        for o in range(k):
            for y in range(out_h):
                for z in range(out_w):
                    window = padded[s, :, y * sh : y * sh + kh, z * sw : z * sw + kw]
                    out[s, o, y, z] = np.sum(window * kernels[o]) + (0.0 if bias is None else bias[o])
    return out


CASES = [
    # c_in, c_out, (H, W), kernel, padding, stride, bias
    (1, 3, (6, 7), 3, 1, 1, True),
    (3, 4, (7, 6), 3, 1, 1, True),
    (2, 5, (8, 9), (3, 2), (0, 1), 2, False),
    (3, 2, (5, 5), 5, 2, (1, 2), True),
    (2, 2, (4, 6), 1, 0, 1, True),
]


@pytest.mark.parametrize(("c_in", "c_out", "hw", "kernel", "padding", "stride", "bias"), CASES)
def test_forward_is_the_direct_correlation(c_in, c_out, hw, kernel, padding, stride, bias):
    rng = np.random.default_rng(0)
    layer = Conv2d(c_in, c_out, kernel, padding=padding, stride=stride, bias=bias, in_shape=(c_in, *hw), rng=1)
    if bias:
        layer.W[-1] = rng.standard_normal(c_out)  # biases start at 0: make them count
    x = rng.standard_normal((3, c_in, *hw))
    h, _ = layer.forward(x.reshape(3, -1))
    expected = direct_correlation(x, layer.kernels, layer.W[-1] if bias else None, layer.padding, layer.stride)
    assert h.shape == (c_out, 3, *expected.shape[2:])
    np.testing.assert_allclose(h.transpose(1, 0, 2, 3), expected, rtol=1e-12, atol=1e-12)
    # The same input as maps (C, N, H, W) gives the same output.
    h_maps, _ = layer.forward(x.transpose(1, 0, 2, 3).copy())
    np.testing.assert_array_equal(h_maps, h)
    assert layer.out_shape == h.shape[:1] + h.shape[2:]
    assert layer.n_out == h[:, 0].size


def test_worked_example_and_output_size():
    layer = Conv2d(1, 1, 2, bias=False, in_shape=(1, 3, 3), W=[[0], [1], [2], [3]])
    h, _ = layer.forward(np.arange(9.0).reshape(1, 9))
    np.testing.assert_array_equal(h[0, 0], [[19, 25], [37, 43]])
    assert [output_size(40, 3, 1), output_size(50, 3), output_size(9, 3, 0, 2)] == [40, 48, 4]


def test_im2col_and_col2im_are_adjoint():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((3, 2, 6, 7))
    for kernel, stride in ((3, 1), ((2, 3), (2, 1))):
        cols = im2col(x, kernel, stride)
        d = rng.standard_normal(cols.shape)
        # <im2col(x), d> = <x, col2im(d)>: col2im is the transpose of the linear map im2col.
        assert np.isclose(np.sum(cols * d), np.sum(x * col2im(d, x.shape, kernel, stride)), rtol=1e-12)
    with_bias = im2col(x, 3, 1, bias=True)
    assert with_bias.shape == (2 * 4 * 5, 3 * 9 + 1) and np.all(with_bias[:, -1] == 1.0)


def numeric_input_gradient(f, x, g, eps=1e-6):
    """d/dx of sum(g * f(x)) by central differences."""
    grad = np.empty_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        plus = np.sum(g * f(x))
        x[index] = saved - eps
        minus = np.sum(g * f(x))
        x[index] = saved
        grad[index] = (plus - minus) / (2 * eps)
    return grad


@pytest.mark.parametrize("as_rows", [True, False])
def test_conv_relays_the_input_gradient(as_rows):
    rng = np.random.default_rng(3)
    layer = Conv2d(2, 3, (3, 2), padding=(1, 1), stride=(1, 2), in_shape=(2, 5, 6), rng=0)
    x = rng.standard_normal((2, 60)) if as_rows else rng.standard_normal((2, 2, 5, 6))
    h, cache = layer.forward(x)
    g = rng.standard_normal(h.shape)
    relayed = layer.backward(g, cache)
    assert relayed.shape == x.shape
    numeric = numeric_input_gradient(lambda v: layer.forward(v)[0], x.copy(), g)
    np.testing.assert_allclose(relayed, numeric, atol=1e-8)
    # Deriv = cols^T . delta is the gradient of sum(g * h) with respect to W.
    W, deriv = layer.W, layer.deriv.copy()
    numeric_W = numeric_input_gradient(lambda w: np.dot(w.T, cache[0].T), W.copy(), g.reshape(3, -1))
    np.testing.assert_allclose(deriv, numeric_W, atol=1e-8)
    assert layer.backward(g, cache, relay=False) is None


def test_max_pooling_routes_the_error_to_the_maximum():
    rng = np.random.default_rng(4)
    pool = MaxPool2d(2)
    x = rng.standard_normal((3, 2, 5, 7))  # odd sizes: the last row and column are dropped
    out, cache = pool.forward(x)
    assert out.shape == (3, 2, 2, 3)
    np.testing.assert_array_equal(out, x[:, :, :4, :6].reshape(3, 2, 2, 2, 3, 2).max(axis=(3, 5)))
    g = rng.standard_normal(out.shape)
    relayed = pool.backward(g, cache)
    numeric = numeric_input_gradient(lambda v: pool.forward(v)[0], x.copy(), g)
    np.testing.assert_allclose(relayed, numeric, atol=1e-8)
    assert np.all(relayed[:, :, 4, :] == 0) and np.all(relayed[:, :, :, 6] == 0)
    # Ties (a window of ReLU zeros): exactly one input takes the window's error.
    tied, cache = pool.forward(np.zeros((1, 1, 2, 2)))
    np.testing.assert_array_equal(pool.backward(np.ones((1, 1, 1, 1)), cache)[0, 0], [[1, 0], [0, 0]])
    # Windows that are not square.
    wide = MaxPool2d((1, 3))
    out, cache = wide.forward(x)
    assert out.shape == (3, 2, 5, 2)
    g = rng.standard_normal(out.shape)
    numeric = numeric_input_gradient(lambda v: wide.forward(v)[0], x.copy(), g)
    np.testing.assert_allclose(wide.backward(g, cache), numeric, atol=1e-8)


def test_flatten_orders_rows_as_channels_height_width():
    maps = np.arange(2 * 3 * 4 * 5.0).reshape(2, 3, 4, 5)  # (C, N, H, W)
    rows, shape = Flatten().forward(maps)
    np.testing.assert_array_equal(rows, maps.transpose(1, 0, 2, 3).reshape(3, 40))
    np.testing.assert_array_equal(Flatten().backward(rows, shape), maps)
    same, shape = Flatten().forward(rows)
    assert same is rows and Flatten().backward(rows, shape) is rows


def small_cnn(rng, dtype=np.float64):
    return Sequential(
        [
            Conv2d(2, 3, 3, padding=1, in_shape=(2, 6, 5), rng=rng),
            ReLU(),
            MaxPool2d(2),
            Conv2d(3, 4, (2, 2), padding=(1, 0), stride=(2, 1), rng=rng),
            ReLU(),
            Flatten(),
            Dense(initial_weights(4 * 2 * 1, 3, rng, "he", bias=True), bias=True),
            SoftmaxCrossEntropy(),
        ],
        dtype=dtype,
    )


def test_gradient_check_of_a_small_cnn():
    rng = np.random.default_rng(5)
    net = small_cnn(rng)
    x = rng.standard_normal((4, 60))
    y = np.eye(3)[[0, 1, 2, 1]]
    assert gradient_check(net, x, y) < 1e-7
    assert gradient_check(net, x, y, l2=0.1) < 1e-7
    # A sigmoid output, biases off, the error relayed through a flatten in the middle.
    sigmoid_net = Sequential(
        [
            Conv2d(1, 2, 3, bias=False, in_shape=(1, 4, 4), rng=rng),
            Flatten(),
            Dense(initial_weights(8, 2, rng, "xavier")),
            Sigmoid(),
        ]
    )
    assert gradient_check(sigmoid_net, rng.uniform(size=(3, 16)), rng.uniform(size=(3, 2))) < 1e-7
    t = trace(net, x, y)
    assert t.a[0].shape == (4 * 6 * 5, 2 * 9 + 1) and t.deriv[0].shape == (2 * 9 + 1, 3)
    np.testing.assert_allclose(t.deriv[0], t.a[0].T @ t.delta[1].reshape(3, -1).T)  # Deriv = cols^T . delta


def test_a_cnn_trains_with_adam_in_float32():
    rng = np.random.default_rng(6)
    net = small_cnn(rng, dtype=np.float32)
    net.layers.insert(6, Dropout(0.2, rng=0))
    net = Sequential(net.layers, dtype=np.float32)
    x = rng.standard_normal((60, 60)).astype(np.float32)
    labels = (x[:, :30].mean(axis=1) > x[:, 30:].mean(axis=1)).astype(int)  # channel 0 louder than channel 1?
    y = np.eye(3, dtype=np.float32)[labels]
    history = net.train(x, y, epochs=40, batch_size=16, shuffle=True, rng=0, optimizer=Adam(1e-2), reduction="mean")
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert net.W_all.dtype == np.float32 and net.forward(x).dtype == np.float32
    assert np.mean(net.predict(x) == labels) > 0.9
    assert isinstance(net.predict(x[0]), int)


def test_he_initialisation_uses_the_kernels_fan_in():
    layer = Conv2d(16, 64, 3, rng=0)
    assert layer.W.shape == (16 * 9 + 1, 64)
    assert np.all(layer.W[-1] == 0)
    assert abs(layer.W[:-1].std() * np.sqrt(16 * 9 / 2) - 1) < 0.05
    xavier = Conv2d(16, 64, 3, rng=0, init="xavier", bias=False)
    assert np.abs(xavier.W).max() <= np.sqrt(6 / (16 * 9 + 64))


def test_bad_input_is_refused_and_changes_nothing():
    layer = Conv2d(2, 3, 3, padding=1, in_shape=(2, 4, 5), rng=0)
    before = layer.W.copy()
    bad_calls = [
        (lambda: layer.forward(np.zeros((2, 39))), "40 columns"),
        (lambda: layer.forward(np.zeros((3, 2, 4, 5))), r"\(2, N, H, W\)"),
        (lambda: layer.forward(np.zeros((2, 4, 5))), "rows"),
        (lambda: layer.forward(np.zeros((2, 1, 1, 0))), "larger than the padded input"),
        (lambda: Conv2d(2, 3, 3).forward(np.zeros((1, 18))), "in_shape"),
        (lambda: Conv2d(1, 1, 5, in_shape=(1, 3, 8)), "larger than the padded input"),
        (lambda: Conv2d(2, 1, 3, in_shape=(1, 8, 8)), "channels"),
        (lambda: Conv2d(1, 1, 3, in_shape=(1, 0, 8)), "positive"),
        (lambda: Conv2d(0, 1, 3), "c_in"),
        (lambda: Conv2d(1, -2, 3), "c_out"),
        (lambda: Conv2d(1, 1, 0), "kernel_size"),
        (lambda: Conv2d(1, 1, 3, padding=-1), "padding"),
        (lambda: Conv2d(1, 1, 3, stride=0), "stride"),
        (lambda: Conv2d(1, 1, 3, W=np.zeros((9, 1))), r"\(10, 1\)"),
        (lambda: Conv2d(1, 1, 1, W=[[np.nan], [0.0]]), "finite"),
        (lambda: MaxPool2d(3).forward(np.zeros((1, 1, 2, 5))), "larger than the input"),
        (lambda: MaxPool2d(2).forward(np.zeros((4, 4))), r"\(C, N, H, W\)"),
        (lambda: MaxPool2d(0), "size"),
        (lambda: Flatten().forward(np.zeros((2, 3, 4))), "maps"),
    ]
    for call, message in bad_calls:
        with pytest.raises(ValueError, match=message):
            call()
    for call, message in [
        (lambda: Conv2d(1.5, 1, 3), "c_in"),
        (lambda: Conv2d(1, 1, "3"), "kernel_size"),
        (lambda: Conv2d(1, 1, 3, bias=1), "bias"),
        (lambda: Conv2d(1, 1, 3, in_shape=(1, 2.0, 3)), "in_shape"),
        (lambda: Conv2d(1, 1, 1, W=[["a"], ["b"]]), "real numbers"),
    ]:
        with pytest.raises(TypeError, match=message):
            call()
    np.testing.assert_array_equal(layer.W, before)
    # Through a network: the check happens before anything is computed or changed.
    net = small_cnn(np.random.default_rng(0))
    weights = net.W_all.copy()
    with pytest.raises(ValueError, match="60 column"):
        net.train(np.zeros((4, 59)), np.eye(3)[[0, 1, 2, 0]], epochs=1, eta=0.1)
    np.testing.assert_array_equal(net.W_all, weights)
