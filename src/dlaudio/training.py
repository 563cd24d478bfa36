"""Training: gradient descent on the network's loss in mini-batches, with a validation set if given.

Each step runs one batch forward, backpropagates its output error and moves
every weight by :math:`\\eta \\, \\mathrm{Deriv}`. With ``batch_size=1`` this is the
course's per-example stochastic gradient descent; with a larger batch the
matrix products add up the per-example updates of the whole batch. The loss
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

from ._checks import as_generator, choice, non_negative_real, positive_int
from .optim import SGD, NonFiniteStep

__all__ = ["train", "evaluate", "History", "classes_of"]


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
    by name. Its fields are its parameters, in this order.

    Parameters
    ----------
    loss : numpy.ndarray
        The training loss per example, :math:`E / n`, of each epoch (see
        ``train``, Returns). It does not include the L2 penalty, so runs
        with and without ``l2`` compare.
    accuracy : numpy.ndarray or None
        For a softmax network (a classifier), the fraction of training
        examples whose class ``MLP.predict`` gets right, taken from the same
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

    Parameters
    ----------
    rows : numpy.ndarray
        Outputs or targets, one row per example.

    Returns
    -------
    numpy.ndarray
        The class indices, integers, shape ``(n_examples,)``.

    Examples
    --------
    >>> classes_of(np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]))
    array([1, 0])
    >>> classes_of(np.array([[0.3], [0.8]]))
    array([0, 1])
    """
    if rows.shape[1] == 1:
        return (rows[:, 0] >= 0.5).astype(np.intp)
    return np.argmax(rows, axis=1)


def train(
    net,
    x,
    y,
    *,
    epochs,
    eta=None,
    batch_size=1,
    shuffle=False,
    rng=None,
    exact_loss=False,
    validation=None,
    l2=0.0,
    early_stopping=None,
    optimizer=None,
    reduction="sum",
):
    """Train ``net`` in place and return the loss (and more) per epoch.

    ``dlaudio.train(net, x, y, ...)`` and ``net.train(x, y, ...)`` are the
    same call, with the same keyword-only arguments.

    Parameters
    ----------
    net : MLP
        The network; its weights are updated in place.
    x, y : array_like
        Inputs ``(n_examples, n_0)`` and targets ``(n_examples, n_L)``, checked
        by ``net.check_xy`` and converted once to the network's ``dtype``
        (arrays already in that dtype are used as they are, never copied or
        written to). For a softmax network ``y`` holds one-hot rows
        (``dlaudio.one_hot``).
    epochs : int
        Passes over the data set (at most, with ``early_stopping``).
    eta : float
        Learning rate :math:`\\eta > 0`.
    batch_size : int
        Examples per update; 1 gives per-example updates.
    shuffle : bool
        Visit the examples in a new random order each epoch (drawn from
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
        batches a given :math:`\\lambda` pulls less per example. 0 (the
        default) is no decay.
    early_stopping : int, optional
        Patience: stop once the validation loss has not improved for this
        many epochs in a row, and in any case end with the weights of the
        epoch whose validation loss was lowest (``History.best_epoch``).
        Needs ``validation``.
    optimizer : optional
        What turns the Derivs into steps (``dlaudio.optim``): ``SGD(eta)``
        (plain gradient descent, what ``eta`` alone gives), ``Momentum`` or
        ``Adam``. Give ``eta`` or ``optimizer``, not both. Its state (a
        velocity, Adam's moments) carries over to the next ``train`` call.
    reduction : {"sum", "mean"}
        ``"sum"`` (the course's): :math:`\\mathrm{Deriv} = a^T \\cdot \\delta`
        adds up the batch's examples, so a batch twice as large takes a step
        twice as long. ``"mean"`` (what frameworks do): the Derivs are
        divided by the batch's size, so :math:`\\eta` means the same at every
        batch size. The reported loss is per example either way.

    Returns
    -------
    History
        Per epoch: ``loss``, with a softmax output ``accuracy``, and with
        ``validation``, ``val_loss`` (and ``val_accuracy``). It indexes like the array of
        losses. The loss is per example, :math:`E / n`: for a sigmoid output
        :math:`E = \\frac12 \\sum (y - a)^2`, the quantity the updates
        descend (for one output, the mean squared error is twice this
        value); for a softmax output the cross-entropy, so the mean
        cross-entropy per example. By default each example's share of
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
        good step. After an epoch whose loss has run away (not finite, or a
        thousand times that of the first batch, a sign that ``eta`` is far
        too high): the message names the epoch, and the weights are those
        of the end of the epoch before.

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
    optimizer = _optimizer(eta, optimizer)
    batch_size = positive_int(batch_size, "batch_size")
    mean = choice(reduction, "reduction", ("sum", "mean")) == "mean"
    for flag, name in ((shuffle, "shuffle"), (exact_loss, "exact_loss")):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {type(flag).__name__}")
    rng = as_generator(rng)
    l2 = non_negative_real(l2, "l2 (weight decay)")
    watch = _Validation(net, validation, early_stopping, epochs)
    record = _Record(net, x, y, epochs, exact_loss)
    net.forget()  # what the network kept from its last passes belongs to the old weights
    order = (lambda: rng.permutation(x.shape[0])) if shuffle else (lambda: None)
    plan = _Plan(optimizer, epochs, batch_size, order, l2, mean)
    last = _fit(net, x, y, plan, record, watch, _Divergence(net))
    return record.history(last, watch)


@dataclass
class _Plan:
    """How to train, checked: the optimiser, epochs, batch size, example order, L2, and whether Derivs are means."""

    optimizer: object
    epochs: int
    batch_size: int
    order: object  # called once per epoch: a permutation of the examples, or None to keep their order
    l2: float
    mean: bool


def _optimizer(eta, optimizer):
    """The optimiser ``train`` uses: ``SGD(eta)``, or the one given."""
    if optimizer is None:
        if eta is None:
            raise TypeError("train needs eta (the learning rate) or an optimizer such as dlaudio.Adam()")
        return SGD(eta)
    if eta is not None:
        raise TypeError("give eta or optimizer, not both: the optimizer has its own learning rate")
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"optimizer must have a step(params, derivs) method, got {type(optimizer).__name__}")
    return optimizer


def _fit(net, x, y, plan, record, watch, divergence) -> int:
    """The training loop: per epoch, shuffle, and per batch forward, backward, update; record.

    Returns the number of epochs run.
    """
    n = x.shape[0]
    # An overflow shows up as inf or NaN in a step, which the optimiser
    # checks before taking it: numpy's warnings would only repeat it.
    with np.errstate(over="ignore", invalid="ignore"), net.mode(training=True):
        for epoch in range(plan.epochs):
            shuffled = plan.order()
            for b, start in enumerate(range(0, n, plan.batch_size)):
                end = start + plan.batch_size
                rows = slice(start, end) if shuffled is None else shuffled[start:end]
                y_b = y[rows]  # each batch copies only its own rows
                out, caches = net.forward_batch(x[rows])
                error = y_b - out  # error_L = y - a_L
                record.batch(rows, y_b, error, out, caches)
                net.backward_batch(error, caches)
                if plan.mean:
                    net.D_all /= y_b.shape[0]
                if plan.l2:
                    net.weight_decay(plan.l2)
                try:
                    plan.optimizer.step([net.W_all], [net.D_all])
                except NonFiniteStep as err:
                    raise ValueError(
                        f"training stopped in epoch {epoch + 1}, batch {b + 1}: {err} (the weights are those "
                        "after the previous step); scale the inputs to about [-1, 1] or lower eta"
                    ) from None
            record.epoch(epoch)
            divergence.check(epoch, record.loss[epoch], record.first)
            if watch.epoch(epoch):
                break
    return epoch + 1


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


def evaluate(net, x, y):
    """The loss per example and the accuracy of ``net`` on ``(x, y)``, from one forward pass in prediction mode.

    Parameters
    ----------
    net : MLP or Sequential
        The network.
    x, y : numpy.ndarray
        Inputs and targets, batches already in the network's ``dtype``, as
        after ``net.check_xy``.

    Returns
    -------
    loss : float
        :math:`E / n`, the loss per example.
    accuracy : float
        The fraction of examples classified right; NaN for a sigmoid output.
    """

    with net.mode(training=False):
        out, caches = net.forward_batch(x)
    accuracy = float(np.mean(classes_of(out) == classes_of(y))) if net.classifies else math.nan
    return net.batch_loss(y, out, caches) / x.shape[0], accuracy


class _Record:
    """The training loss and accuracy: summed batch by batch as training goes, or measured after each epoch."""

    def __init__(self, net, x, y, epochs, exact):
        self.net, self.x, self.y, self.exact = net, x, y, exact
        # The class of each example, for the accuracy of a classifier.
        self.targets = classes_of(y) if net.classifies else None
        self.loss, self.accuracy = np.empty(epochs), np.empty(epochs)
        self.E, self.right = 0.0, 0
        self.first = None  # the loss per example of the first batch, before any update

    def batch(self, rows, y, error, out, caches) -> None:
        """Add this batch's share of E (and of right answers), from the forward pass before its update."""
        E = self.E
        if self.targets is None:
            self.E += 0.5 * float(np.vdot(error, error))  # this batch's E = 1/2 sum error^2
        else:
            self.E += self.net.batch_loss(y, out, caches)
            self.right += int(np.count_nonzero(classes_of(out) == self.targets[rows]))
        if self.first is None:
            self.first = (self.E - E) / y.shape[0]

    def epoch(self, epoch) -> None:
        n = self.x.shape[0]
        if self.exact:
            self.loss[epoch], self.accuracy[epoch] = evaluate(self.net, self.x, self.y)
        else:
            self.loss[epoch], self.accuracy[epoch] = self.E / n, self.right / n
        self.E, self.right = 0.0, 0

    def history(self, run, watch) -> History:
        classifies = self.targets is not None
        return History(
            loss=self.loss[:run],
            accuracy=self.accuracy[:run] if classifies else None,
            val_loss=None if watch.x is None else watch.loss[:run],
            val_accuracy=watch.accuracy[:run] if classifies and watch.x is not None else None,
            best_epoch=watch.best_epoch,
            stopped_early=watch.stopped_early,
        )


class _Divergence:
    """Stops training whose loss has run away, and hands back the weights of the last sound epoch.

    A learning rate far too large can throw the weights to huge but finite
    values: no step is NaN, yet the network is ruined. The sign is the loss:
    not finite, or more than ``FACTOR`` times what it was on the first batch
    (and at least ``FACTOR`` per example). The squared error of sigmoid
    outputs is bounded, so only a classifier's cross-entropy can run away.
    """

    FACTOR = 1e3

    def __init__(self, net):
        self.net = net
        self.sound = net.W_all.copy()  # the weights at the end of the last sound epoch

    def check(self, epoch, loss, first) -> None:
        if math.isfinite(loss) and loss <= self.FACTOR * max(first, 1.0):
            np.copyto(self.sound, self.net.W_all)
            return
        np.copyto(self.net.W_all, self.sound)
        before = f"the end of epoch {epoch}" if epoch else "training"
        raise ValueError(
            f"training diverged in epoch {epoch + 1}: the loss per sample rose from {first:.3g} on the first "
            f"batch to {loss:.3g}; the weights are those of {before}. Lower eta (or scale the inputs to about [-1, 1])"
        )


class _Validation:
    """The validation loss after each epoch, and early stopping: the weights of the best epoch kept."""

    def __init__(self, net, validation, early_stopping, epochs):
        self.net, self.epochs = net, epochs
        self.x = self.y = None
        if validation is not None:
            self.x, self.y = _checked_validation(net, validation)
        self.patience = None
        if early_stopping is not None:
            self.patience = positive_int(early_stopping, "early_stopping (the patience, in epochs)")
            if validation is None:
                raise ValueError("early_stopping watches the validation loss: give validation=(x_val, y_val) too")
        self.loss, self.accuracy = np.empty(epochs), np.empty(epochs)
        self.best_epoch, self.best_W, self.stopped_early = None, None, False

    def epoch(self, epoch) -> bool:
        """Measure the validation set after ``epoch``; whether to stop (then the best weights are restored)."""
        if self.x is None:
            return False
        self.loss[epoch], self.accuracy[epoch] = evaluate(self.net, self.x, self.y)
        if self.best_epoch is None or self.loss[epoch] < self.loss[self.best_epoch - 1]:
            self.best_epoch = epoch + 1
            if self.patience is not None:
                self.best_W = self.net.W_all.copy()
        elif self.patience is not None and epoch + 1 - self.best_epoch >= self.patience:
            self.stopped_early = epoch + 1 < self.epochs
        done = self.stopped_early or epoch + 1 == self.epochs
        if done and self.patience is not None:
            self.net.W_all[...] = self.best_W  # the weights of the best epoch
        return self.stopped_early
