"""Training: gradient descent on :math:`E = \\frac12 \\sum (y - a)^2` in mini-batches.

Each step runs one batch forward, backpropagates its output error and moves
every weight by :math:`\\eta \\, Deriv`. With ``batch_size=1`` this is the
course's per-sample stochastic gradient descent; with a larger batch the
matrix products add up the per-sample updates of the whole batch.
"""

from __future__ import annotations

import math

import numpy as np

from . import backprop
from ._checks import as_generator, positive_int, positive_real
from .loss import loss

__all__ = ["train"]


def train(net, x, y, *, epochs, eta, batch_size=1, shuffle=False, rng=None, exact_loss=False):
    """Train ``net`` in place and return the loss per epoch.

    ``dlaudio.train(net, x, y, ...)`` and ``net.train(x, y, ...)`` are the
    same call, with the same keyword-only arguments.

    Parameters
    ----------
    net : MLP
        The network; its weights are updated in place.
    x, y : array_like
        Inputs ``(n_samples, n_0)`` and targets ``(n_samples, n_L)``, checked
        by ``net.check_xy`` and converted once to the network's ``dtype``
        (arrays already in that dtype are used as they are, never copied or
        written to).
    epochs : int
        Passes over the data set.
    eta : float
        Learning rate :math:`\\eta > 0`.
    batch_size : int
        Samples per update; 1 gives per-sample updates.
    shuffle : bool
        Visit the samples in a new random order each epoch (drawn from
        ``rng``); by default they are visited in order, as in the course.
    exact_loss : bool
        Which loss to report; see Returns.

    Returns
    -------
    numpy.ndarray
        For each epoch, the loss per sample :math:`E / n`, where
        :math:`E = \\frac12 \\sum (y - a)^2` is the quantity the updates
        descend (for one output, the mean squared error is twice this value).
        By default each sample's share of :math:`E` is taken from the forward
        pass of its own batch, just before that batch's update, and summed
        over the epoch: the running loss Keras reports, and the one the
        course's code prints, which costs nothing extra. With
        ``exact_loss=True`` it is instead :math:`E / n` of the whole data set
        with the weights at the end of the epoch, computed by one more
        forward pass over all the data.

    Raises
    ------
    ValueError
        Before anything changes, for bad arguments. During training, if a
        step would make a weight NaN or infinite (inputs or targets far too
        large, or a learning rate far too high): the message names the epoch
        and the batch, and the weights are left as they were after the last
        good step.

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
    x, y = net.check_xy(x, y, copy=False)
    epochs = positive_int(epochs, "epochs")
    eta = positive_real(eta, "eta (learning rate)")
    batch_size = positive_int(batch_size, "batch_size")
    for flag, name in ((shuffle, "shuffle"), (exact_loss, "exact_loss")):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {type(flag).__name__}")
    rng = as_generator(rng)

    # The activations and derivs the network kept from its last forward and
    # backward belong to the old weights.
    net.activations = net.derivs = None
    # Every W_l lives in one array W_all, and every Deriv_l in D_all, as
    # views: backward writes into D_all, and the check and the update are one
    # operation for the whole network instead of one per layer. The trained
    # weights are copied back into net.weights at the end, or after the last
    # good step if training stops early.
    W_all, W = _side_by_side([W.shape for W in net.weights], net.dtype)
    D_all, D = _side_by_side([W.shape for W in net.weights], net.dtype)
    for W_l, net_W in zip(W, net.weights):
        W_l[...] = net_W
    n = x.shape[0]
    batches = [slice(start, start + batch_size) for start in range(0, n, batch_size)]
    losses = np.empty(epochs)
    limit = np.finfo(net.dtype).max / 2
    W_bound = max(float(W_all.max()), -float(W_all.min()))  # kept >= every |w| by _bound_after_step
    try:
        # An overflow shows up as inf or NaN in the step, which is checked
        # before the step is taken: numpy's warnings would only repeat it.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                # Shuffling permutes an index; each batch copies only its own rows.
                order = rng.permutation(n) if shuffle else None
                E = 0.0
                for b, rows in enumerate(batches):
                    if order is not None:
                        rows = order[rows]
                    _, a = backprop.forward_pass(W, x[rows])
                    error = backprop.output_error(y[rows], a[-1])
                    E += 0.5 * float(np.vdot(error, error))  # this batch's E = 1/2 sum error^2
                    backprop.backward(W, a, error, relay_to_input=False, derivs_out=D)
                    W_bound = _bound_after_step(W_all, D_all, eta, W_bound, limit, epoch, b)
                    backprop.update_weights([W_all], [D_all], eta)
                if exact_loss:
                    _, a = backprop.forward_pass(W, x)
                    E = loss(y, a[-1])
                losses[epoch] = E / n
    finally:
        for net_W, W_l in zip(net.weights, W):
            net_W[...] = W_l
    return losses


def _bound_after_step(W_all, D_all, eta, W_bound, limit, epoch, batch) -> float:
    """A bound on every |w| after the step :math:`W + \\eta \\, Deriv`, or ValueError if a new weight would not be finite.

    Checked before the step is taken, for the price of one dot product:
    every entry of the step is at most :math:`\\eta \\, \\|Deriv\\|` (NaN or
    inf if Deriv holds one), so while ``W_bound`` plus that stays below
    ``limit``, half the float range, no new weight can overflow. Otherwise
    ``W_bound`` is measured afresh and, if need be, the new weights are
    computed to be sure.
    """
    step = eta * math.sqrt(float(np.vdot(D_all, D_all)))
    if not W_bound + step < limit:
        W_bound = max(float(W_all.max()), -float(W_all.min()))
        if not (W_bound + step < limit or np.isfinite(W_all + eta * D_all).all()):
            raise ValueError(
                f"training stopped in epoch {epoch + 1}, batch {batch + 1}: this step would make "
                "the weights NaN or infinite, so it was not taken (the weights are those after "
                "the previous step); scale the inputs to about [-1, 1] or lower eta"
            )
    return W_bound + step


def _side_by_side(shapes, dtype):
    """One array for matrices of the given shapes, and the matrices as views of it."""
    sizes = [int(np.prod(shape)) for shape in shapes]
    block = np.empty(sum(sizes), dtype=dtype)
    ends = np.cumsum(sizes)
    return block, [block[end - size : end].reshape(shape) for end, size, shape in zip(ends, sizes, shapes)]
