"""Data sets the course trains on."""

from __future__ import annotations

from ._checks import as_generator, positive_int
from .network import MLP

__all__ = ["sum_dataset", "worked_example"]


def sum_dataset(n_samples=1000, rng=None):
    """The course's first task: learn :math:`a + b` from pairs drawn from [0, 0.5).

    Every sum lies in [0, 1), where a sigmoid output can reach it.

    Parameters
    ----------
    n_samples : int
        The number of pairs.
    rng : None, int or numpy.random.Generator
        The source of the pairs: a seed makes them reproducible.

    Returns
    -------
    x : numpy.ndarray
        The pairs, shape ``(n_samples, 2)``.
    y : numpy.ndarray
        Their sums, shape ``(n_samples, 1)``.

    Examples
    --------
    >>> import numpy as np
    >>> x, y = sum_dataset(3, rng=0)
    >>> x.shape, y.shape
    ((3, 2), (3, 1))
    >>> bool(np.allclose(y[:, 0], x[:, 0] + x[:, 1]))
    True
    """
    n_samples = positive_int(n_samples, "n_samples")
    x = as_generator(rng).uniform(0.0, 0.5, size=(n_samples, 2))
    return x, x.sum(axis=1, keepdims=True)


#: The input-to-hidden weights of the worked 2-2-1 example, chosen so that the
#: hidden activations land near the course notes' assumed [0.6, 0.7].
WORKED_EXAMPLE_W0 = ((0.1, 0.25), (0.15, 0.3))
#: The hidden-to-output weights of the worked example: all 0.5, as in the notes.
WORKED_EXAMPLE_W1 = ((0.5,), (0.5,))


def worked_example():
    """The course's 2-2-1 example, fully specified: ``(net, a0, y)``.

    The input is :math:`a_0 = [1.0, 2.0]` and the target :math:`y = 1.0`.

    Returns
    -------
    net : MLP
        The 2-2-1 network with the example's weights.
    a0 : list of float
        The input.
    y : list of float
        The target.

    Examples
    --------
    >>> net, a0, y = worked_example()
    >>> net.layer_sizes, a0, y
    ([2, 2, 1], [1.0, 2.0], [1.0])
    """
    return MLP.from_weights([WORKED_EXAMPLE_W0, WORKED_EXAMPLE_W1]), [1.0, 2.0], [1.0]
