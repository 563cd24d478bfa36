"""Training: gradient descent on :math:`E = \\frac12 \\sum (y - a)^2` in mini-batches.

Each step runs one batch forward, backpropagates its output error and moves
every weight by :math:`\\eta \\, Deriv`. With ``batch_size=1`` this is the
course's per-sample stochastic gradient descent; with a larger batch the
matrix products add up the per-sample updates of the whole batch.
"""

from __future__ import annotations

import numpy as np

from . import backprop
from ._checks import as_generator, positive_int, positive_real
from .loss import mean_loss

__all__ = ["train"]


def train(net, x, y, *, epochs, eta, batch_size=1, shuffle=False, rng=None):
    """Train ``net`` in place and return the loss per epoch.

    Parameters
    ----------
    net : MLP
        The network; its weights are updated in place.
    x, y : array_like
        Inputs ``(n_samples, n_0)`` and targets ``(n_samples, n_L)``.
    epochs : int
        Passes over the data set.
    eta : float
        Learning rate :math:`\\eta > 0`.
    batch_size : int
        Samples per update; 1 gives per-sample updates.
    shuffle : bool
        Visit the samples in a new random order each epoch (drawn from
        ``rng``); by default they are visited in order, as in the course.

    Returns
    -------
    numpy.ndarray
        For each epoch, the loss per sample :math:`E / n` on the whole data
        set after that epoch, where :math:`E = \\frac12 \\sum (y - a)^2` is the
        quantity the updates descend. For one output, the mean squared error
        is twice this value.

    Examples
    --------
    >>> from dlaudio import MLP
    >>> net = MLP(2, [5], 1, rng=1)
    >>> x = [[0.1, 0.2], [0.3, 0.1], [0.2, 0.2]]
    >>> y = [[0.3], [0.4], [0.4]]
    >>> losses = net.train(x, y, epochs=200, eta=0.5)
    >>> bool(losses[-1] < losses[0])
    True
    """
    x, y = net._check_xy(x, y)
    epochs = positive_int(epochs, "epochs")
    eta = positive_real(eta, "eta (learning rate)")
    batch_size = positive_int(batch_size, "batch_size")
    if not isinstance(shuffle, bool):
        raise TypeError(f"shuffle must be True or False, got {type(shuffle).__name__}")
    rng = as_generator(rng)

    weights = net.weights
    n = x.shape[0]
    losses = np.empty(epochs)
    for epoch in range(epochs):
        if shuffle:
            order = rng.permutation(n)
            xs, ys = x[order], y[order]
        else:
            xs, ys = x, y
        for start in range(0, n, batch_size):
            xb, yb = xs[start : start + batch_size], ys[start : start + batch_size]
            _, a = backprop.forward_pass(weights, xb)
            _, _, derivs = backprop.backward(weights, a, backprop.output_error(yb, a[-1]), relay_to_input=False)
            backprop.update_weights(weights, derivs, eta)
        _, a = backprop.forward_pass(weights, x)
        losses[epoch] = mean_loss(y, a[-1])
    net._forget()
    return losses
