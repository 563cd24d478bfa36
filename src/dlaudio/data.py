"""Data sets the course trains on."""

from __future__ import annotations

import numpy as np

from ._checks import positive_int
from .network import as_generator

__all__ = ["sum_dataset"]


def sum_dataset(n_samples=1000, rng=None):
    """The course's first task: learn :math:`a + b` from pairs drawn from [0, 0.5).

    Returns ``(x, y)`` with ``x`` of shape ``(n_samples, 2)`` and the sums
    ``y`` of shape ``(n_samples, 1)``; every sum lies in [0, 1), where a
    sigmoid output can reach it.

    >>> x, y = sum_dataset(3, rng=0)
    >>> x.shape, y.shape
    ((3, 2), (3, 1))
    >>> bool(np.allclose(y[:, 0], x[:, 0] + x[:, 1]))
    True
    """
    n_samples = positive_int(n_samples, "n_samples")
    x = as_generator(rng).uniform(0.0, 0.5, size=(n_samples, 2))
    return x, x.sum(axis=1, keepdims=True)
