"""Max pooling and flattening: the layers between a convolution and a classifier (chapter 07).

Both take maps ``(C, N, H, W)`` (channel, example, height, width), as
``dlaudio.conv.Conv2d`` hands them on. ``MaxPool2d`` keeps the largest value
of each window and sends the error back to it; ``Flatten`` turns the maps
into rows ``(N, C * H * W)`` for the dense layers.
"""

from __future__ import annotations

import numpy as np

from .im2col import _pair

__all__ = ["MaxPool2d", "Flatten"]


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

    Each row is one example's ``(C, H, W)`` in C order, as the first
    ``Conv2d`` reads its input rows and as PyTorch's ``Flatten`` orders it.
    The numbers do not change, only how they are arranged (one copy,
    since the maps hold the examples channel by channel). Rows pass as
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
