"""Training: gradient descent on the network's loss in mini-batches, with a validation set if given.

Each step runs one batch forward, backpropagates its output error and moves
every weight by :math:`\\eta \\, \\mathrm{Deriv}`. With ``batch_size=1`` this is the
course's per-sample stochastic gradient descent; with a larger batch the
matrix products add up the per-sample updates of the whole batch. The loss
is :math:`E = \\frac12 \\sum (y - a)^2` for a sigmoid output and the
cross-entropy :math:`E = -\\sum y \\log a` for a softmax output; the
update rule is the same for both.

Against overfitting: L2 weight decay (``l2``), one more term in
:math:`\\mathrm{Deriv}`, and early stopping on the validation loss
(``early_stopping``), which hands back the weights of the best epoch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.lib.mixins import NDArrayOperatorsMixin

from . import backprop
from ._checks import as_generator, non_negative_real, positive_int, positive_real
from .loss import cross_entropy, output_loss

__all__ = ["train", "History", "classes_of"]


@dataclass(eq=False)
class History(NDArrayOperatorsMixin):
    """What ``train`` reports, one entry per epoch trained.

    It stands for its array of losses, which is what ``train`` returned
    before there was more to report, so code written for that array keeps
    working: indexing (``history[-1]``, ``history[epoch - 1]``), ``len``,
    iteration, arithmetic and comparisons, numpy functions
    (``numpy.asarray(history)``, ``numpy.log10(history)``) and the array's
    attributes and methods (``history.shape``, ``history.min()``) all act
    on ``loss`` and give what the array would. The other fields are read
    by name.

    Attributes
    ----------
    loss : numpy.ndarray
        The training loss per sample, :math:`E / n`, of each epoch (see
        ``train``, Returns). It does not include the L2 penalty, so runs
        with and without ``l2`` compare.
    accuracy : numpy.ndarray or None
        For a softmax network (a classifier), the fraction of training
        samples whose class ``MLP.predict`` gets right, taken from the same
        forward passes as ``loss``; ``None`` for a sigmoid output, where the
        course fits numbers rather than classes (and the per-batch count
        would slow the trainer for nothing).
    val_loss, val_accuracy : numpy.ndarray or None
        The same two numbers on the validation set, exactly, with the
        weights at the end of each epoch (one forward pass over the
        validation data); ``None`` without ``validation`` (and
        ``val_accuracy`` is ``None`` for a sigmoid output).
    best_epoch : int or None
        The epoch (counted from 1) with the lowest ``val_loss``; ``None``
        without ``validation``. With ``early_stopping`` the network ends
        with this epoch's weights.
    stopped_early : bool
        Whether ``early_stopping`` ended training before ``epochs``.
    """

    loss: np.ndarray
    accuracy: np.ndarray | None = None
    val_loss: np.ndarray | None = None
    val_accuracy: np.ndarray | None = None
    best_epoch: int | None = None
    stopped_early: bool = False

    def __array__(self, dtype=None, copy=None):
        return np.array(self.loss, dtype=dtype, copy=copy)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        # Operators (from NDArrayOperatorsMixin) and ufuncs see the loss array.
        inputs = tuple(x.loss if isinstance(x, History) else x for x in inputs)
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __getattr__(self, name):
        # Only called for a name History does not have: the array's (shape, min, ...).
        if name.startswith("__") or name == "loss":
            raise AttributeError(name)
        return getattr(self.loss, name)

    def __len__(self) -> int:
        return len(self.loss)

    def __getitem__(self, index):
        return self.loss[index]

    def __iter__(self):
        return iter(self.loss)


def classes_of(rows) -> np.ndarray:
    """The class of each row of outputs or targets: the column of its largest entry.

    A single column is a yes/no answer: class 1 where the entry is at least
    0.5, else 0. ``MLP.predict`` and the accuracies of ``train`` both use it.

    >>> classes_of(np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]))
    array([1, 0])
    >>> classes_of(np.array([[0.3], [0.8]]))
    array([0, 1])
    """
    if rows.shape[1] == 1:
        return (rows[:, 0] >= 0.5).astype(np.intp)
    return np.argmax(rows, axis=1)


def train(net, x, y, *, epochs, eta, batch_size=1, shuffle=False, rng=None, exact_loss=False,
          validation=None, l2=0.0, early_stopping=None):
    """Train ``net`` in place and return the loss (and more) per epoch.

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
        written to). For a softmax network ``y`` holds one-hot rows
        (``dlaudio.one_hot``).
    epochs : int
        Passes over the data set (at most, with ``early_stopping``).
    eta : float
        Learning rate :math:`\\eta > 0`.
    batch_size : int
        Samples per update; 1 gives per-sample updates.
    shuffle : bool
        Visit the samples in a new random order each epoch (drawn from
        ``rng``); by default they are visited in order, as in the course.
    rng : None, int or numpy.random.Generator
        The source of the shuffles: a seed makes training reproducible.
    exact_loss : bool
        Which training loss and accuracy to report; see Returns.
    validation : (x_val, y_val), optional
        Held-out data, checked like ``x`` and ``y``; never trained on. After
        every epoch its loss and accuracy are measured.
    l2 : float
        Weight decay :math:`\\lambda \\ge 0`: every update descends
        :math:`E_{batch} + \\frac{\\lambda}{2} \\sum w^2`, so
        :math:`\\mathrm{Deriv}_l = a_l^T \\cdot \\delta_{l+1} - \\lambda W_l`
        (``backprop.weight_decay``), the biases exempt. The penalty is
        counted once per update, whatever the batch size, so with larger
        batches a given :math:`\\lambda` pulls less per sample. 0 (the
        default) is no decay.
    early_stopping : int, optional
        Patience: stop once the validation loss has not improved for this
        many epochs in a row, and in any case end with the weights of the
        epoch whose validation loss was lowest (``History.best_epoch``).
        Needs ``validation``.

    Returns
    -------
    History
        Per epoch: ``loss``, with a softmax output ``accuracy``, and with
        ``validation``, ``val_loss`` (and ``val_accuracy``). It indexes like the array of
        losses. The loss is per sample, :math:`E / n`: for a sigmoid output
        :math:`E = \\frac12 \\sum (y - a)^2`, the quantity the updates
        descend (for one output, the mean squared error is twice this
        value); for a softmax output the cross-entropy, so the mean
        cross-entropy per sample. By default each sample's share of
        :math:`E` (and whether it is classified right) is taken from the
        forward pass of its own batch, just before that batch's update, and
        summed over the epoch: the running loss Keras reports, and the one
        the course's code prints, which costs nothing extra. With
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
    l2 = non_negative_real(l2, "l2 (weight decay)")
    if validation is not None:
        x_val, y_val = _checked_validation(net, validation)
    if early_stopping is not None:
        patience = positive_int(early_stopping, "early_stopping (the patience, in epochs)")
        if validation is None:
            raise ValueError("early_stopping watches the validation loss: give validation=(x_val, y_val) too")
    output, bias = net.output, net.bias
    L = len(net.weights)

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
    softmax = output == "softmax"
    targets = classes_of(y) if softmax else None  # the class of each sample, for the accuracy
    losses, accuracies = np.empty(epochs), np.empty(epochs)
    val_losses, val_accuracies = np.empty(epochs), np.empty(epochs)
    best_epoch, best_W, stopped_early = None, None, False
    limit = np.finfo(net.dtype).max / 2
    W_bound = max(float(W_all.max()), -float(W_all.min()))  # kept >= every |w| by _bound_after_step
    try:
        # An overflow shows up as inf or NaN in the step, which is checked
        # before the step is taken: numpy's warnings would only repeat it.
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(epochs):
                # Shuffling permutes an index; each batch copies only its own rows.
                order = rng.permutation(n) if shuffle else None
                E, right = 0.0, 0
                for b, rows in enumerate(batches):
                    if order is not None:
                        rows = order[rows]
                    y_b = y[rows]
                    h, a = backprop.forward_pass(W, x[rows], output, bias)
                    error = backprop.output_error(y_b, a[-1])
                    if softmax:
                        E += cross_entropy(y_b, h[L])
                        right += int(np.count_nonzero(classes_of(a[-1]) == targets[rows]))
                    else:
                        E += 0.5 * float(np.vdot(error, error))  # this batch's E = 1/2 sum error^2
                    backprop.backward(W, a, error, relay_to_input=False, derivs_out=D, output=output, bias=bias)
                    if l2:
                        backprop.weight_decay(D, W, l2, bias)
                    W_bound = _bound_after_step(W_all, D_all, eta, W_bound, limit, epoch, b)
                    backprop.update_weights([W_all], [D_all], eta)
                if exact_loss:
                    losses[epoch], accuracies[epoch] = _evaluate(W, x, y, output, bias)
                else:
                    losses[epoch], accuracies[epoch] = E / n, right / n
                if validation is None:
                    continue
                val_losses[epoch], val_accuracies[epoch] = _evaluate(W, x_val, y_val, output, bias)
                if best_epoch is None or val_losses[epoch] < val_losses[best_epoch - 1]:
                    best_epoch = epoch + 1
                    if early_stopping is not None:
                        best_W = W_all.copy()
                elif early_stopping is not None and epoch + 1 - best_epoch >= patience:
                    stopped_early = epoch + 1 < epochs
                    break
            if early_stopping is not None:
                W_all[...] = best_W  # the weights of the best epoch
    finally:
        for net_W, W_l in zip(net.weights, W):
            net_W[...] = W_l
    run = epoch + 1
    return History(
        loss=losses[:run],
        accuracy=accuracies[:run] if softmax else None,
        val_loss=None if validation is None else val_losses[:run],
        val_accuracy=val_accuracies[:run] if softmax and validation is not None else None,
        best_epoch=best_epoch,
        stopped_early=stopped_early,
    )


def _checked_validation(net, validation):
    """``(x_val, y_val)`` checked by ``net.check_xy``, errors saying they are the validation data."""
    if isinstance(validation, np.ndarray) or not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise TypeError(
            f"validation must be a pair (x_val, y_val) of inputs and targets, got {type(validation).__name__}"
        )
    try:
        return net.check_xy(*validation, copy=False)
    except (TypeError, ValueError) as error:
        raise type(error)(f"validation: {error}") from None


def _evaluate(weights, x, y, output, bias):
    """The loss per sample and the accuracy (NaN for a sigmoid output) with ``weights`` on ``(x, y)``: one forward pass."""
    h, a = backprop.forward_pass(weights, x, output, bias)
    E = output_loss(y, h[len(weights)], a[-1], output)
    accuracy = float(np.mean(classes_of(a[-1]) == classes_of(y))) if output == "softmax" else math.nan
    return E / x.shape[0], accuracy


def _bound_after_step(W_all, D_all, eta, W_bound, limit, epoch, batch) -> float:
    """A bound on every |w| after the step :math:`W + \\eta \\, \\mathrm{Deriv}`, or ValueError if a new weight would not be finite.

    Checked before the step is taken, for the price of one dot product:
    every entry of the step is at most :math:`\\eta \\, \\|\\mathrm{Deriv}\\|` (NaN or
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
