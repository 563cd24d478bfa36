"""How large the backpropagated quantities are, layer by layer.

These are the numbers the gallery draws: they turn a ``Trace`` into one
number per layer, so a figure (and a test) can follow the error as it travels
back. Sizes are averaged over the samples of the batch.
"""

from __future__ import annotations

import numpy as np

__all__ = ["mean_abs", "row_norms", "relay_bounds"]


def mean_abs(values: dict) -> dict:
    """``{l: mean |values[l]|}``: the average size of an entry, per layer.

    >>> from dlaudio import trace
    >>> from dlaudio.data import worked_example
    >>> t = trace(*worked_example())
    >>> {l: round(v, 5) for l, v in mean_abs(t.error).items()}
    {2: 0.34307, 1: 0.03866, 0: 0.00339}
    """
    return {l: float(np.mean(np.abs(v))) for l, v in values.items()}


def row_norms(values: dict) -> dict:
    """``{l: mean over samples of ||values[l]||}``, the Euclidean length of each sample's row."""
    return {l: float(np.mean(np.linalg.norm(v, axis=1))) for l, v in values.items()}


def relay_bounds(t) -> dict:
    """The most that one backward step lets :math:`\\|\\delta_l\\|` be, given :math:`\\delta_{l+1}`.

    From :math:`\\delta_l = (\\delta_{l+1} \\cdot W_l^T) \\odot \\sigma'(a_l)`
    and :math:`0 < \\sigma' \\le \\frac14`,

    .. math:: \\|\\delta_l\\| \\le \\tfrac14 \\, \\|W_l\\|_2 \\, \\|\\delta_{l+1}\\| ,

    where :math:`\\|W_l\\|_2` is the largest singular value of :math:`W_l`.
    Returns ``{l: mean over samples of the right-hand side}`` for every hidden
    layer :math:`l = 1 \\dots L-1`; ``row_norms(t.delta)[l]`` never exceeds it.
    """
    bounds = {}
    for l in range(len(t.W) - 1, 0, -1):
        spectral = np.linalg.norm(t.W[l], 2)
        bounds[l] = float(np.mean(0.25 * spectral * np.linalg.norm(t.delta[l + 1], axis=1)))
    return bounds
