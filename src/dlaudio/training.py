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

    ``dlaudio.train(net, x, y, ...)`` and ``net.train(x, y, ...)`` are the
    same call, with the same keyword-only arguments.

    Parameters
    ----------
    net : MLP
        The network; its weights are updated in place.
    x, y : array_like
        Inputs ``(n_samples, n_0)`` and targets ``(n_samples, n_L)``, checked
        and converted by ``net.check_xy``.
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

    Raises
    ------
    ValueError
        Before anything changes, for bad arguments. During training, if a
        step would make a weight NaN or infinite (inputs far too large, or a
        learning rate far too high): the message names the epoch and the
        batch, and the weights are left as they were after the last good
        step.

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
    x, y = net.check_xy(x, y)
    epochs = positive_int(epochs, "epochs")
    eta = positive_real(eta, "eta (learning rate)")
    batch_size = positive_int(batch_size, "batch_size")
    if not isinstance(shuffle, bool):
        raise TypeError(f"shuffle must be True or False, got {type(shuffle).__name__}")
    rng = as_generator(rng)

    # The activations and derivs the network kept from its last forward and
    # backward belong to the old weights.
    net.activations = net.derivs = None
    weights = net.weights
    # An overflow shows up as inf or NaN in the step, which is checked below:
    # numpy's warnings would only repeat it.
    with np.errstate(over="ignore", invalid="ignore"):
        return _descend(weights, x, y, epochs, eta, batch_size, shuffle, rng)


def _descend(weights, x, y, epochs, eta, batch_size, shuffle, rng):
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
            if not _step_is_finite(weights, derivs, eta):
                raise ValueError(
                    f"training stopped in epoch {epoch + 1}, batch {start // batch_size + 1}: "
                    "this step would make the weights NaN or infinite, so it was not taken "
                    "(the weights are those after the previous step); scale the inputs to "
                    "about [-1, 1] or lower eta"
                )
            backprop.update_weights(weights, derivs, eta)
        _, a = backprop.forward_pass(weights, x)
        losses[epoch] = mean_loss(y, a[-1])
    return losses


def _step_is_finite(weights, derivs, eta) -> bool:
    """Whether every :math:`W_l + \\eta \\, Deriv_l` is finite: checked before a step is taken."""
    return all(np.isfinite(W + eta * derivs[l]).all() for l, W in enumerate(weights))
