"""Chapter 07: convolution as one more matrix product, with max pooling and flattening.

A convolution layer slides a small kernel over its input and, at every
position, takes the weighted sum of the window under it. Write each window
out as a row, one row per output position (*im2col*), and the whole layer is
the dense layer's product on those rows:

==============  ====================================  ==============================================
step            dense layer                           convolution layer
==============  ====================================  ==============================================
forward         :math:`h = a \\cdot W`                :math:`h = \\mathrm{cols}(a) \\cdot W`
rows            one per sample                        one per sample and output position
:math:`W`       :math:`(n_{in} [+1], n_{out})`        :math:`(k_h k_w C_{in} [+1], C_{out})`
Deriv           :math:`a^T \\cdot \\delta`             :math:`\\mathrm{cols}^T \\cdot \\delta`
relayed error   :math:`\\delta \\cdot W^T`             :math:`\\mathrm{col2im}(\\delta \\cdot W^T)`
==============  ====================================  ==============================================

``col2im`` adds each row of :math:`\\delta \\cdot W^T` back onto the window
it came from: windows overlap, so an input that sits in several windows
collects the error of each (the sum rule of backpropagation). As every
framework does, the layer computes a cross-correlation (the kernel is not
flipped); with learned kernels the difference is only a relabelling.

Layouts
-------
- **At the network's edge, rows.** The data pipeline (shuffling, splits,
  ``Standardizer``) passes one sample per row, so the first ``Conv2d`` takes
  rows of :math:`C \\cdot H \\cdot W` numbers, each the C-order flattening of a
  ``(C, H, W)`` stack (for one channel, a spectrogram ``(n_mels, n_frames)``
  flattened band by band), and reads them through a view, no copy. It needs
  ``in_shape=(C, H, W)`` to know how. ``Flatten`` hands rows in the same
  ``(C, H, W)`` order (PyTorch's) to the ``Dense`` layers of a classifier.
- **Between the layers, channel by channel.** Convolution and pooling layers
  hand each other 4-D *maps* ``(C, N, H, W)``: channel first, then sample.
  The layer computes :math:`h = \\mathrm{cols} \\cdot W` as its transpose
  :math:`h^T = W^T \\cdot \\mathrm{cols}^T`, one row per output channel and
  one column per ``(sample, y, x)``: that *is* a ``(C_out, N, H_out, W_out)``
  array, with no transpose or copy, and it is the layout whose windows the
  next layer's im2col copies in the longest contiguous runs. ``ReLU``,
  ``Tanh`` and ``Dropout`` act element by element on any shape.

The rows of :math:`W` are ordered input channel, kernel row, kernel column
(``(C_in, kh, kw)`` in C order), then the bias row: ``W[:-1].T`` reshaped is
PyTorch's ``Conv2d.weight`` ``(C_out, C_in, kh, kw)`` (``Conv2d.kernels``).

Examples
--------
The worked example of d2l.ai ("Convolutions for Images"): a 2x2 kernel on a
3x3 input.

>>> layer = Conv2d(1, 1, 2, bias=False, in_shape=(1, 3, 3), W=[[0.0], [1.0], [2.0], [3.0]])
>>> h, cache = layer.forward(np.arange(9.0).reshape(1, 9))
>>> h[0, 0]  # channel 0 of sample 0
array([[19., 25.],
       [37., 43.]])
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ._checks import as_generator, choice, positive_int
from .init import INITS, initial_weights

__all__ = ["Conv2d", "MaxPool2d", "Flatten", "im2col", "col2im", "output_size"]


def _pair(value, name, minimum=1):
    """``(value, value)`` from one int, or a pair of ints, each >= ``minimum``."""
    items = (value, value) if isinstance(value, numbers.Integral) and not isinstance(value, bool) else value
    try:
        pair = tuple(items)
    except TypeError:
        raise TypeError(f"{name} must be an int or a pair of ints, got {type(value).__name__}") from None
    if len(pair) != 2 or not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in pair):
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    if any(v < minimum for v in pair):
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return int(pair[0]), int(pair[1])


def output_size(size, kernel, padding=0, stride=1):
    """How many positions a kernel takes along one axis: :math:`\\lfloor (n + 2p - k) / s \\rfloor + 1`.

    Parameters
    ----------
    size : int
        The input's length :math:`n` along the axis.
    kernel : int
        The kernel's length :math:`k`.
    padding : int
        Zeros added on each side, :math:`p`.
    stride : int
        The step between positions, :math:`s`.

    Returns
    -------
    int
        The output's length; at least 1 when :math:`k \\le n + 2p`.

    Examples
    --------
    >>> output_size(40, 3, padding=1), output_size(40, 3), output_size(40, 3, stride=2)
    (40, 38, 19)
    """
    return (size + 2 * padding - kernel) // stride + 1


def _window_view(x, kernel, stride):
    """The read-only view ``(C, kh, kw, N, out_h, out_w)`` of every window of maps ``x`` ``(C, N, H, W)``; no copy."""
    channels, n, height, width = x.shape
    (kh, kw), (sh, sw) = kernel, stride
    out_h, out_w = (height - kh) // sh + 1, (width - kw) // sw + 1
    s_c, s_n, s_h, s_w = x.strides
    return as_strided(
        x,
        shape=(channels, kh, kw, n, out_h, out_w),
        strides=(s_c, s_h, s_w, s_n, s_h * sh, s_w * sw),
        writeable=False,
    )


def im2col(x, kernel, stride=1, bias=False):
    """Every window of ``x`` as a row: the matrix :math:`\\mathrm{cols}` with :math:`h = \\mathrm{cols} \\cdot W`.

    One numpy copy from a strided view (``numpy.lib.stride_tricks.as_strided``):
    no Python loop over positions.

    Parameters
    ----------
    x : numpy.ndarray
        Maps ``(C, N, H, W)``, already padded; any strides (a transposed view
        of a batch ``(N, C, H, W)`` works as it is).
    kernel : int or (int, int)
        The window's height and width.
    stride : int or (int, int)
        The step between windows.
    bias : bool
        Whether to end each row with a constant 1, the input of the bias row
        of :math:`W`.

    Returns
    -------
    numpy.ndarray
        ``(N * out_h * out_w, C * kh * kw [+ 1])`` in ``x``'s dtype: row
        ``(n, y, x)`` holds window ``x[:, n, y*s:y*s+kh, x*s:x*s+kw]`` in C
        order. It is the transpose of a C-contiguous array (Fortran order):
        each column, one input of every window, is copied as one run, and
        BLAS multiplies it as it is.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> im2col(x, 2)
    array([[0., 1., 3., 4.],
           [1., 2., 4., 5.],
           [3., 4., 6., 7.],
           [4., 5., 7., 8.]])
    """
    kernel, stride = _pair(kernel, "kernel"), _pair(stride, "stride")
    view = _window_view(x, kernel, stride)
    channels, kh, kw, n, out_h, out_w = view.shape
    width = channels * kh * kw
    cols_t = np.empty((width + int(bias), n * out_h * out_w), dtype=x.dtype)
    np.copyto(cols_t[:width].reshape(view.shape), view)
    if bias:
        cols_t[width] = 1.0
    return cols_t.T


def col2im(dcols, shape, kernel, stride=1, out=None):
    """Add each row of ``dcols`` back onto its window: the adjoint of ``im2col``.

    The loop runs over the :math:`k_h k_w` kernel offsets, one strided
    slice-add each, never over positions: offset ``(i, j)`` of every window
    at once.

    Parameters
    ----------
    dcols : numpy.ndarray
        ``(N * out_h * out_w, C * kh * kw)``, laid out as ``im2col`` lays out
        its result, without a bias column.
    shape : tuple of int
        The (padded) maps' shape ``(C, N, H, W)``.
    kernel : int or (int, int)
        The window's height and width.
    stride : int or (int, int)
        The step between windows.
    out : numpy.ndarray, optional
        A zeroed array of ``shape`` (any strides) to add into.

    Returns
    -------
    numpy.ndarray
        ``out``, or a new array of ``shape``: each input's sum over the
        windows it belongs to.

    Examples
    --------
    >>> col2im(np.ones((4, 4)), (1, 1, 3, 3), 2)[0, 0]  # how many windows cover each input
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    """
    (kh, kw), (sh, sw) = _pair(kernel, "kernel"), _pair(stride, "stride")
    channels, n, height, width = shape
    out_h, out_w = (height - kh) // sh + 1, (width - kw) // sw + 1
    if out is None:
        out = np.zeros(shape, dtype=dcols.dtype)
    windows = dcols.T.reshape(channels, kh, kw, n, out_h, out_w)
    for i in range(kh):
        for j in range(kw):
            out[:, :, i : i + sh * (out_h - 1) + 1 : sh, j : j + sw * (out_w - 1) + 1 : sw] += windows[:, i, j]
    return out


class Conv2d:
    """A 2-D convolution layer: :math:`h = \\mathrm{cols}(a) \\cdot W`, the dense layer's product on windows.

    Parameters
    ----------
    c_in : int
        Input channels :math:`C_{in}` (1 for a spectrogram).
    c_out : int
        Output channels :math:`C_{out}`: how many kernels, each one column of
        :math:`W`.
    kernel_size : int or (int, int)
        The kernel's height and width :math:`(k_h, k_w)`.
    padding : int or (int, int)
        Zeros added above and below, and left and right, of each input map.
        ``kernel_size // 2`` (odd kernels, stride 1) keeps the output the
        size of the input.
    stride : int or (int, int)
        The step between windows.
    bias : bool
        Whether each output channel has a bias: the last row of :math:`W`,
        the weight of a constant input 1 appended to every window.
    in_shape : (int, int, int), optional
        ``(C, H, W)`` of one sample. Needed by the first layer of a network,
        which takes rows of ``C * H * W`` numbers (the C-order flattening of
        ``(C, H, W)``), and by ``n_in`` and ``n_out``; a layer that gets maps
        ``(C, N, H, W)`` reads the sizes from them.
    rng : None, int or numpy.random.Generator
        Source of the initial weights.
    init : {"he", "xavier", "normal"}
        How to draw them (``dlaudio.init``), with fan-in
        :math:`C_{in} k_h k_w` and fan-out :math:`C_{out}`; He's draw, made
        for ReLU, by default. Biases start at 0 (with ``"normal"``, drawn too).
    W : array_like, optional
        The weights themselves, shape ``(c_in * kh * kw [+ 1], c_out)``,
        rows in ``(C_in, kh, kw)`` C order (see ``kernels``), instead of a
        draw.

    Attributes
    ----------
    W : numpy.ndarray
        The weights, one column per output channel, the bias row last.
    deriv : numpy.ndarray
        :math:`\\mathrm{Deriv} = \\mathrm{cols}^T \\cdot \\delta` of the last
        ``backward``, shaped like ``W``.

    Examples
    --------
    >>> layer = Conv2d(1, 4, 3, padding=1, in_shape=(1, 40, 50), rng=0)
    >>> layer, layer.W.shape, layer.n_in, layer.n_out
    (Conv2d(1 -> 4, kernel (3, 3), padding (1, 1), bias, in (1, 40, 50)), (10, 4), 2000, 8000)
    >>> h, cache = layer.forward(np.zeros((2, 2000)))
    >>> h.shape  # maps (C, N, H, W)
    (4, 2, 40, 50)
    """

    def __init__(
        self,
        c_in,
        c_out,
        kernel_size,
        *,
        padding=0,
        stride=1,
        bias=True,
        in_shape=None,
        rng=None,
        init="he",
        W=None,
    ):
        self.c_in = positive_int(c_in, "c_in (input channels)")
        self.c_out = positive_int(c_out, "c_out (output channels)")
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.padding = _pair(padding, "padding", minimum=0)
        self.stride = _pair(stride, "stride")
        if not isinstance(bias, bool):
            raise TypeError(f"bias must be True or False, got {type(bias).__name__}")
        self.bias = bias
        self.in_shape = None if in_shape is None else self._checked_in_shape(in_shape)
        fan_in = self.c_in * self.kernel_size[0] * self.kernel_size[1]
        expected = (fan_in + int(bias), self.c_out)
        if W is None:
            W = initial_weights(fan_in, self.c_out, as_generator(rng), choice(init, "init", INITS), bias)
        else:
            W = np.asarray(W)
            if W.dtype.kind not in "iuf":
                raise TypeError(f"W must be an array of real numbers, got dtype {W.dtype}")
            W = np.array(W, dtype=np.float64 if W.dtype.kind in "iu" else W.dtype)
            if W.shape != expected:
                raise ValueError(f"W must have shape {expected} (c_in * kh * kw [+ 1 bias row], c_out), got {W.shape}")
            if not np.isfinite(W).all():
                raise ValueError("W must contain only finite values")
        self.W = W
        self.deriv = np.zeros_like(W)

    def _checked_in_shape(self, in_shape):
        try:
            shape = tuple(in_shape)
        except TypeError:
            raise TypeError(f"in_shape must be (C, H, W), got {in_shape!r}") from None
        if len(shape) != 3 or not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in shape):
            raise TypeError(f"in_shape must be three ints (C, H, W), got {in_shape!r}")
        if any(v < 1 for v in shape):
            raise ValueError(f"in_shape must be positive sizes (C, H, W), got {in_shape!r}")
        if shape[0] != self.c_in:
            raise ValueError(f"in_shape {shape} has {shape[0]} channels, the layer c_in={self.c_in}")
        self._out_hw(shape[1], shape[2])
        return tuple(int(v) for v in shape)

    def _out_hw(self, height, width):
        """The output's height and width for an input map of ``height x width``; raises if the kernel does not fit."""
        (kh, kw), (ph, pw) = self.kernel_size, self.padding
        if kh > height + 2 * ph or kw > width + 2 * pw:
            raise ValueError(
                f"the kernel {self.kernel_size} is larger than the padded input "
                f"({height + 2 * ph}, {width + 2 * pw}) (input ({height}, {width}), padding {self.padding})"
            )
        return (
            output_size(height, kh, ph, self.stride[0]),
            output_size(width, kw, pw, self.stride[1]),
        )

    @property
    def n_in(self) -> int:
        """Numbers per input sample, :math:`C \\cdot H \\cdot W` (needs ``in_shape``)."""
        if self.in_shape is None:
            raise ValueError("n_in needs in_shape=(C, H, W)")
        return int(np.prod(self.in_shape))

    @property
    def out_shape(self):
        """``(C_out, H_out, W_out)`` of one sample (needs ``in_shape``)."""
        if self.in_shape is None:
            raise ValueError("out_shape needs in_shape=(C, H, W)")
        return (self.c_out, *self._out_hw(*self.in_shape[1:]))

    @property
    def n_out(self) -> int:
        """Numbers per output sample, :math:`C_{out} H_{out} W_{out}` (needs ``in_shape``)."""
        return int(np.prod(self.out_shape))

    @property
    def kernels(self):
        """The kernels as ``(C_out, C_in, kh, kw)``, PyTorch's layout: a view of ``W`` without the bias row."""
        kh, kw = self.kernel_size
        return self.W[: self.c_in * kh * kw].T.reshape(self.c_out, self.c_in, kh, kw)

    def _as_maps(self, a):
        """``a`` as maps ``(C, N, H, W)`` (a view), and whether it came as rows."""
        if a.ndim == 2:
            if self.in_shape is None:
                raise ValueError(
                    "a Conv2d that takes rows needs in_shape=(C, H, W); between layers, pass maps (C, N, H, W)"
                )
            if a.shape[1] != self.n_in:
                raise ValueError(
                    f"the input rows must have C*H*W = {self.n_in} columns for in_shape {self.in_shape}, "
                    f"got shape {a.shape}"
                )
            return a.reshape(a.shape[0], *self.in_shape).transpose(1, 0, 2, 3), True
        if a.ndim == 4:
            if a.shape[0] != self.c_in:
                raise ValueError(f"the input maps must have shape ({self.c_in}, N, H, W), got {a.shape}")
            return a, False
        raise ValueError(f"the input must be rows (N, C*H*W) or maps (C, N, H, W), got shape {a.shape}")

    def forward(self, a):
        """:math:`h = \\mathrm{cols}(a) \\cdot W`, as maps ``(C_out, N, H_out, W_out)``.

        Parameters
        ----------
        a : numpy.ndarray
            Rows ``(N, C * H * W)`` (with ``in_shape``) or maps
            ``(C, N, H, W)``.

        Returns
        -------
        h : numpy.ndarray
            The weighted sums, computed as :math:`h^T = W^T \\cdot \\mathrm{cols}^T`
            so that they come out channel by channel.
        cache : tuple
            What ``backward`` needs: :math:`\\mathrm{cols}` and the input's
            size and form.
        """
        x, rows = self._as_maps(a)
        _, n, height, width = x.shape
        out_h, out_w = self._out_hw(height, width)
        ph, pw = self.padding
        if ph or pw:
            padded = np.zeros((self.c_in, n, height + 2 * ph, width + 2 * pw), dtype=x.dtype)
            padded[:, :, ph : ph + height, pw : pw + width] = x
            x = padded
        cols = im2col(x, self.kernel_size, self.stride, self.bias)
        h_t = np.dot(self.W.T, cols.T)
        return h_t.reshape(self.c_out, n, out_h, out_w), (cols, (n, height, width), rows)

    def multiplied(self, cache):
        """The matrix this layer multiplied by :math:`W`, its :math:`a_l` in the course's table: :math:`\\mathrm{cols}`.

        Parameters
        ----------
        cache : tuple
            From ``forward``.

        Returns
        -------
        numpy.ndarray
            ``(N * H_out * W_out, C_in * kh * kw [+ 1])``, one row per sample
            and output position (``trace`` and ``Sequential.activations``
            show it).
        """
        return cache[0]

    def backward(self, delta, cache, relay=True):
        """Write :math:`\\mathrm{Deriv} = \\mathrm{cols}^T \\cdot \\delta` into ``deriv``; relay the error below.

        The relayed error is :math:`\\mathrm{col2im}(\\delta \\cdot W^T)`, the
        bias row left out (nothing feeds the constant 1).

        Parameters
        ----------
        delta : numpy.ndarray
            :math:`\\delta` of this layer's outputs, maps ``(C_out, N, H_out, W_out)``.
        cache : tuple
            From ``forward``.
        relay : bool
            Whether to compute the error of the layer below (``False`` for
            the first layer of a network saves the product and the col2im).

        Returns
        -------
        numpy.ndarray or None
            The relayed error, in the input's form (rows or maps), or
            ``None`` without ``relay``.
        """
        cols, (n, height, width), rows = cache
        delta_t = np.ascontiguousarray(delta).reshape(self.c_out, cols.shape[0])  # delta^T, one row per channel
        np.dot(cols.T, delta_t.T, out=self.deriv)
        if not relay:
            return None
        dcols_t = np.dot(self.W[:-1] if self.bias else self.W, delta_t)  # (delta . W^T)^T
        (ph, pw), c = self.padding, self.c_in
        grad = col2im(dcols_t.T, (c, n, height + 2 * ph, width + 2 * pw), self.kernel_size, self.stride)
        grad = grad[:, :, ph : ph + height, pw : pw + width]
        return grad.transpose(1, 0, 2, 3).reshape(n, c * height * width) if rows else grad

    def __repr__(self) -> str:
        shape = "" if self.in_shape is None else f", in {self.in_shape}"
        stride = "" if self.stride == (1, 1) else f", stride {self.stride}"
        return (
            f"Conv2d({self.c_in} -> {self.c_out}, kernel {self.kernel_size}, padding {self.padding}{stride}"
            f"{', bias' if self.bias else ''}{shape})"
        )


def _max_of(parts):
    """The element-wise maximum of equally shaped ``parts``, a new array (a loop over the parts, not positions)."""
    top = parts[0].copy()
    for part in parts[1:]:
        np.maximum(top, part, out=top)
    return top


def _first_max(parts, top, error, grads):
    """Route ``error`` to the first of ``parts`` equal to ``top``, writing each part's share into ``grads``.

    The last part takes what no earlier part took: if none of them was the
    maximum, it was.
    """
    free = None  # windows whose maximum has not yet taken the error (None: all of them)
    for part, grad in zip(parts[:-1], grads[:-1]):
        hit = np.equal(part, top)
        if free is not None:
            hit &= free
        np.multiply(error, hit, out=grad)
        free = ~hit if free is None else np.logical_and(free, ~hit, out=free)
    if free is None:
        grads[-1][...] = error
    else:
        np.multiply(error, free, out=grads[-1])


class MaxPool2d:
    """Max pooling over windows that tile the input: each ``size`` block keeps its largest value.

    Backward, each window's error goes to the input that was its maximum
    and nothing else gets any: the max passes that input through unchanged,
    so its slope is 1 there and 0 elsewhere. The window's maximum is taken
    in two steps, over the rows of the window, then over those maxima
    across its columns (the same maximum, read in longer contiguous runs);
    where a window holds its maximum more than once, exactly one input takes
    the error (the leftmost column, then the top row), so the relayed error
    is a gradient of the forward pass. Rows or columns left over when the
    size does not divide the input are dropped, and get no error, as in
    PyTorch's default.

    Parameters
    ----------
    size : int or (int, int)
        The window's height and width, also the step between windows.

    Examples
    --------
    >>> pool = MaxPool2d(2)
    >>> x = np.array([[1.0, 2.0], [4.0, 3.0]]).reshape(1, 1, 2, 2)
    >>> out, cache = pool.forward(x)
    >>> out.ravel(), pool.backward(np.ones((1, 1, 1, 1)), cache)[0, 0]
    (array([4.]), array([[0., 0.],
           [1., 0.]]))
    """

    def __init__(self, size=2):
        self.size = _pair(size, "size")

    def forward(self, a):
        """The maximum of each window of the maps ``a`` ``(C, N, H, W)``.

        Parameters
        ----------
        a : numpy.ndarray
            Maps ``(C, N, H, W)``, at least ``size`` high and wide.

        Returns
        -------
        out : numpy.ndarray
            ``(C, N, H // sh, W // sw)``.
        cache : tuple
            What ``backward`` needs.
        """
        if a.ndim != 4:
            raise ValueError(f"MaxPool2d takes maps (C, N, H, W), got shape {a.shape}")
        (sh, sw), (c, n, height, width) = self.size, a.shape
        out_h, out_w = height // sh, width // sw
        if out_h == 0 or out_w == 0:
            raise ValueError(f"the pooling window {self.size} is larger than the input maps {(height, width)}")
        # Rows of each window: (C*N*out_h, sh, out_w*sw), each row a contiguous run.
        tall = a[:, :, : out_h * sh, : out_w * sw].reshape(c * n * out_h, sh, out_w * sw)
        rows = _max_of([tall[:, i] for i in range(sh)])
        wide = rows.reshape(c * n * out_h, out_w, sw)
        out = _max_of([wide[:, :, j] for j in range(sw)])
        return out.reshape(c, n, out_h, out_w), (a.shape, tall, rows, out)

    def backward(self, error, cache, relay=True):
        """Each window's error, routed to the input that was its maximum.

        Parameters
        ----------
        error : numpy.ndarray
            The error of the output, ``(C, N, H_out, W_out)``.
        cache : tuple
            From ``forward``.
        relay : bool
            Unused (a pooling layer has no weights); kept for the layer protocol.

        Returns
        -------
        numpy.ndarray
            The error of the input, shaped like it.
        """
        shape, tall, rows, out = cache
        (sh, sw), (c, n, height, width) = self.size, shape
        wide = rows.reshape(out.shape[0], out.shape[1], sw)
        error = error.reshape(out.shape)
        g_rows = np.empty(wide.shape, dtype=error.dtype)
        _first_max([wide[:, :, j] for j in range(sw)], out, error, [g_rows[:, :, j] for j in range(sw)])
        g_rows = g_rows.reshape(rows.shape)
        g_tall = np.empty(tall.shape, dtype=error.dtype)
        _first_max([tall[:, i] for i in range(sh)], rows, g_rows, [g_tall[:, i] for i in range(sh)])
        out_h, out_w = height // sh, width // sw
        g_tall = g_tall.reshape(c, n, out_h * sh, out_w * sw)
        if (out_h * sh, out_w * sw) == (height, width):
            return g_tall
        grad = np.zeros(shape, dtype=error.dtype)
        grad[:, :, : out_h * sh, : out_w * sw] = g_tall
        return grad

    def __repr__(self) -> str:
        return f"MaxPool2d({self.size})"


class Flatten:
    """Maps ``(C, N, H, W)`` to rows ``(N, C * H * W)`` for the dense layers; backward, the rows back to maps.

    Each row is one sample's ``(C, H, W)`` in C order, as the first
    ``Conv2d`` reads its input rows and as PyTorch's ``Flatten`` orders it.
    The numbers do not change, only how they are arranged (one copy,
    since the maps hold the samples channel by channel). Rows pass as
    they are.

    Examples
    --------
    >>> rows, shape = Flatten().forward(np.zeros((5, 2, 3, 4)))
    >>> rows.shape, Flatten().backward(rows, shape).shape
    ((2, 60), (5, 2, 3, 4))
    """

    def forward(self, a):
        """``a`` as rows; returns ``(rows, a.shape)``.

        Parameters
        ----------
        a : numpy.ndarray
            Maps ``(C, N, H, W)``, or rows ``(N, n)``.

        Returns
        -------
        rows : numpy.ndarray
            ``(N, C * H * W)``.
        shape : tuple
            ``a.shape``, the cache.
        """
        if a.ndim == 2:
            return a, a.shape
        if a.ndim != 4:
            raise ValueError(f"Flatten takes maps (C, N, H, W) or rows (N, n), got shape {a.shape}")
        return a.transpose(1, 0, 2, 3).reshape(a.shape[1], -1), a.shape

    def backward(self, error, shape, relay=True):
        """The rows' error as maps of ``shape``.

        Parameters
        ----------
        error : numpy.ndarray
            The error of the rows.
        shape : tuple
            The cache of ``forward``.
        relay : bool
            Unused; kept for the layer protocol.

        Returns
        -------
        numpy.ndarray
            ``error`` arranged as the maps were.
        """
        if len(shape) == 2:
            return error
        c, n, height, width = shape
        return error.reshape(n, c, height, width).transpose(1, 0, 2, 3)

    def __repr__(self) -> str:
        return "Flatten()"
