"""Data sets the course trains on."""

from __future__ import annotations

import numpy as np

from ._checks import as_generator, non_negative_real, positive_int
from .network import MLP

__all__ = ["sum_dataset", "worked_example", "order_dataset"]


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
        The pairs, shape ``(n_examples, 2)``.
    y : numpy.ndarray
        Their sums, shape ``(n_examples, 1)``.

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


def order_dataset(n_samples=200, steps=10, features=4, noise=0.3, rng=None):
    """Sequences whose class is the order of two patterns: a task that needs time, for chapter 08.

    Every sequence is ``steps`` frames of ``features`` numbers of Gaussian
    noise (standard deviation ``noise``), with two patterns added at two
    random different steps: :math:`A = [1, -1, 1, -1, \\dots]` and
    :math:`B = [1, 1, \\dots]`. The class is 0 when :math:`A` comes first
    and 1 when :math:`B` does, half the examples each. Both classes hold the
    same two patterns, so the mean of a sequence's frames has the same
    distribution in both: a network that sees only the frame mean is at
    chance, one that reads the frames in order is not.

    Parameters
    ----------
    n_samples : int
        Sequences.
    steps : int
        :math:`T`, frames per sequence, at least 2.
    features : int
        :math:`F`, numbers per frame, at least 2 (so that :math:`A \\ne B`).
    noise : float
        Standard deviation of the noise, :math:`\\ge 0`.
    rng : None, int or numpy.random.Generator
        Source of the noise, the steps and the classes.

    Returns
    -------
    x : numpy.ndarray
        ``(n_examples, steps * features)``: each sequence as one row, frame
        after frame (``dlaudio.recurrent.sequence_rows``).
    labels : numpy.ndarray
        ``(n_examples,)`` class indices, 0 or 1.

    Examples
    --------
    >>> x, labels = order_dataset(4, steps=3, features=2, noise=0.0, rng=0)
    >>> x.reshape(4, 3, 2)[0], int(labels[0])
    (array([[ 1., -1.],
           [ 0.,  0.],
           [ 1.,  1.]]), 0)
    """
    n_samples = positive_int(n_samples, "n_samples")
    steps = positive_int(steps, "steps")
    features = positive_int(features, "features")
    noise = non_negative_real(noise, "noise")
    if steps < 2 or features < 2:
        raise ValueError(f"order_dataset needs steps >= 2 and features >= 2, got steps={steps}, features={features}")
    rng = as_generator(rng)
    A = np.where(np.arange(features) % 2 == 0, 1.0, -1.0)
    B = np.ones(features)
    labels = rng.permutation(np.arange(n_samples) % 2)
    x = noise * rng.standard_normal((n_samples, steps, features)) + 0.0  # + 0.0: no -0.0 when noise is 0
    rows = np.arange(n_samples)
    first = rng.integers(0, steps - 1, size=n_samples)  # the earlier of the two steps
    second = first + 1 + (rng.random(n_samples) * (steps - 1 - first)).astype(int)
    x[rows, first] += np.where(labels[:, None] == 0, A, B)
    x[rows, second] += np.where(labels[:, None] == 0, B, A)
    return x.reshape(n_samples, steps * features), labels
