"""Windows as rows: ``im2col``, its adjoint ``col2im``, and the size of a convolution's output.

``im2col`` copies every window of a batch of maps into one row of a matrix,
one numpy copy from a strided view (``numpy.lib.stride_tricks.as_strided``),
no Python loop over positions; a convolution is then one matrix product
(``dlaudio.conv``). ``col2im`` adds rows back onto their windows: backward,
it sums the error each input collects from every window it sits in.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.lib.stride_tricks import as_strided

__all__ = ["im2col", "col2im", "output_size"]


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
