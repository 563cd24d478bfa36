"""Chapter 07: convolution as one more matrix product, the ``Conv2d`` layer.

A convolution layer slides a small kernel over its input and, at every
position, takes the weighted sum of the window under it. Write each window
out as a row, one row per output position (*im2col*), and the whole layer is
the dense layer's product on those rows:

=============  ==============================  =========================================
step           dense layer                     convolution layer
=============  ==============================  =========================================
forward        :math:`h = a \\cdot W`           :math:`h = \\mathrm{cols}(a) \\cdot W`
rows           one per example                  one per example and output position
:math:`W`      :math:`(n_{in} [+1], n_{out})`  :math:`(C_{in} k_h k_w [+1], C_{out})`
Deriv          :math:`a^T \\cdot \\delta`        :math:`\\mathrm{cols}^T \\cdot \\delta`
relayed error  :math:`\\delta \\cdot W^T`        :math:`\\mathrm{col2im}(\\delta \\cdot W^T)`
=============  ==============================  =========================================

``col2im`` adds each row of :math:`\\delta \\cdot W^T` back onto the window
it came from: windows overlap, so an input that sits in several windows
collects the error of each (the sum rule of backpropagation). As every
framework does, the layer computes a cross-correlation (the kernel is not
flipped); with learned kernels the difference is only a relabelling.

Layouts
-------
- **At the network's edge, rows.** The data pipeline (shuffling, splits,
  ``Standardizer``) passes one example per row, so the first ``Conv2d`` takes
  rows of :math:`C \\cdot H \\cdot W` numbers, each the C-order flattening of a
  ``(C, H, W)`` stack (for one channel, a spectrogram ``(n_mels, n_frames)``
  flattened band by band), and reads them through a view, no copy. It needs
  ``in_shape=(C, H, W)`` to know how. ``Flatten`` hands rows in the same
  ``(C, H, W)`` order (PyTorch's) to the ``Dense`` layers of a classifier.
- **Between the layers, channel by channel.** Convolution and pooling layers
  hand each other 4-D *maps* ``(C, N, H, W)``: channel first, then example.
  The layer computes :math:`h = \\mathrm{cols} \\cdot W` as its transpose
  :math:`h^T = W^T \\cdot \\mathrm{cols}^T`, one row per output channel and
  one column per ``(example, y, x)``: that *is* a ``(C_out, N, H_out, W_out)``
  array, with no transpose or copy, and it is the layout whose windows the
  next layer's im2col copies in the longest contiguous runs. ``ReLU``,
  ``Tanh`` and ``Dropout`` act element by element on any shape.

Pooling and flattening are in ``dlaudio.pooling``, the windows in ``dlaudio.im2col``.

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

from ._checks import as_generator, choice, positive_int
from .im2col import _pair, col2im, im2col, output_size
from .init import INITS, initial_weights

__all__ = ["Conv2d"]


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
        ``(C, H, W)`` of one example. Needed by the first layer of a network,
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
        """Numbers per input example, :math:`C \\cdot H \\cdot W` (needs ``in_shape``)."""
        if self.in_shape is None:
            raise ValueError("n_in needs in_shape=(C, H, W)")
        return int(np.prod(self.in_shape))

    @property
    def out_shape(self):
        """``(C_out, H_out, W_out)`` of one example (needs ``in_shape``)."""
        if self.in_shape is None:
            raise ValueError("out_shape needs in_shape=(C, H, W)")
        return (self.c_out, *self._out_hw(*self.in_shape[1:]))

    @property
    def n_out(self) -> int:
        """Numbers per output example, :math:`C_{out} H_{out} W_{out}` (needs ``in_shape``)."""
        return int(np.prod(self.out_shape))

    @property
    def kernels(self):
        """The kernels as ``(C_out, C_in, kh, kw)``, PyTorch's layout; a view of ``W`` without the bias row."""
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
            ``(N * H_out * W_out, C_in * kh * kw [+ 1])``, one row per example
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
