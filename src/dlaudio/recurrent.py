"""Chapter 08: recurrent layers, a plain RNN and an LSTM, trained by backpropagation through time.

A recurrent layer reads a sequence of :math:`T` frames :math:`a_1 \\dots a_T`
(each a row of :math:`F` numbers, an MFCC frame say) one step at a time, and
carries a hidden state :math:`h_t` of :math:`H` units from step to step. At
each step the frame and the previous state form one row, and one weight
matrix :math:`W` maps it to the new state:

==========  ===============================================================  =======================
layer       forward, step :math:`t = 1 \\dots T`                               ``W``
==========  ===============================================================  =======================
``RNN``     :math:`h_t = \\tanh([a_t, h_{t-1}, 1] \\cdot W)`                   :math:`(F + H + 1, H)`
``LSTM``    :math:`[i, f, g, o] = [a_t, h_{t-1}, 1] \\cdot W`, then             :math:`(F + H + 1, 4H)`
            :math:`c_t = f \\odot c_{t-1} + i \\odot g`,
            :math:`h_t = o \\odot \\tanh(c_t)`
==========  ===============================================================  =======================

with :math:`h_0 = c_0 = 0`. The last row of ``W`` is the bias, the weight of
a constant input 1, as in the course (``bias=False`` drops it); in the LSTM
the four gates are one matrix product split in four column blocks, passed
through the sigmoid (:math:`i, f, o`) and the tanh (:math:`g`). The same
``W`` is used at every step: the network is a stack of :math:`T` layers that
share one weight matrix ("unrolled in time").

**Rows at the border.** Examples are rows everywhere else in the library (the
pipeline shuffles, standardises and splits matrices), so a recurrent layer
takes each sequence as one row of :math:`T \\cdot F` numbers, frame after
frame (``in_shape=(T, F)``; ``sequence_rows`` turns a stack of sequences
``(n, T, F)`` into such rows), and views the batch as ``(n, T, F)`` inside,
without copying. Standardising the rows standardises every (step, feature)
pair on its own, which is what the frames need.

**Inside a step everything is batched**: the Python loop runs over the
:math:`T` steps only. Because :math:`[a_t, h_{t-1}, 1] \\cdot W = a_t \\cdot
W_a + h_{t-1} \\cdot W_h + b` (``W`` split by rows, ``W_a`` the first
:math:`F`, ``W_h`` the next :math:`H`, ``b`` the last), the input part of
every step is computed before the loop in one product of all
:math:`n \\cdot T` frames, and each step adds only :math:`h_{t-1} \\cdot W_h`.
Backward, likewise, everything in a delta that does not depend on the
relayed error (the slopes, and the LSTM's gate values they multiply) is
computed for all steps at once before the walk back, and the Derivs are
one product each after it. Inside, the states are kept time first, each
step's batch one contiguous block.

**Backpropagation through time** (BPTT) walks the steps in reverse. The
error of :math:`h_t` is what comes from above at that step (the output
error at the last step for a many-to-one classifier) plus what step
:math:`t + 1` relays back through :math:`W_h`. Each step turns it into a
delta :math:`\\delta_t` (the gates' deltas for the LSTM), and, as for a dense
layer, the Deriv is :math:`[a_t, h_{t-1}, 1]^T \\cdot \\delta_t`, summed over the
steps, because every step uses the same ``W``; the error relayed to step
:math:`t - 1` is :math:`\\delta_t \\cdot W_h^T`, and to the input frame
:math:`\\delta_t \\cdot W_a^T`. The plain RNN multiplies the relayed error by
:math:`\\tanh' \\le 1` and by :math:`W_h^T` at every step back, so it fades
(or grows) geometrically with the distance, the vanishing gradient of
chapter 02-3 again, now in time; the LSTM's cell state is relayed by
:math:`\\odot f` alone, an additive path that a forget gate near 1 keeps open
(``BPTT.sizes`` measures both).

The layers are ``dlaudio.rnn.RNN`` and ``dlaudio.lstm.LSTM``; ``Recurrent`` holds
what they share; ``dlaudio.init.recurrent_weights`` draws their initial weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import all_finite, choice, positive_int, real_array
from .init import recurrent_weights

__all__ = ["Recurrent", "Unrolled", "BPTT", "sequence_rows", "OUTPUTS"]

#: The values of ``output``, what a recurrent layer hands on to the next layer
#: (the last hidden state :math:`h_T`, the mean of :math:`h_1 \dots h_T`, or
#: every :math:`h_t` in a row of :math:`T \cdot H`, the input of a second
#: recurrent layer).
OUTPUTS = ("last", "mean", "sequence")


def sequence_rows(frames):
    """Sequences ``(n_examples, T, F)`` as rows ``(n_examples, T * F)``, frame after frame: a recurrent layer's input.

    One sequence ``(T, F)`` becomes one row ``(1, T * F)``. A view when the
    array allows it, else a copy; the layer undoes it with a view.

    Parameters
    ----------
    frames : array_like
        ``(n_examples, T, F)``, or ``(T, F)`` for one sequence.

    Returns
    -------
    numpy.ndarray
        ``(n_examples, T * F)``.

    Examples
    --------
    >>> sequence_rows(np.arange(12).reshape(2, 3, 2))
    array([[ 0,  1,  2,  3,  4,  5],
           [ 6,  7,  8,  9, 10, 11]])
    """
    frames = np.asarray(frames)
    if frames.ndim == 2:
        frames = frames[np.newaxis]
    if frames.ndim != 3:
        raise ValueError(f"frames must have shape (n_samples, T, F) or (T, F), got an array of shape {frames.shape}")
    return frames.reshape(frames.shape[0], -1)


def _in_shape(in_shape):
    """``(T, F)``: steps and features per step, two positive integers."""
    if isinstance(in_shape, (str, bytes)) or not hasattr(in_shape, "__len__") or len(in_shape) != 2:
        raise TypeError(f"in_shape must be a pair (T, F): steps, and features per step; got {in_shape!r}")
    return positive_int(in_shape[0], "in_shape[0] (T, the steps)"), positive_int(
        in_shape[1], "in_shape[1] (F, the features per step)"
    )


@dataclass(frozen=True)
class Unrolled:
    """A forward pass step by step, as arrays over time: what the figures of a sequence draw.

    ``Recurrent.unroll`` makes it; its fields are its parameters, in this order.

    Parameters
    ----------
    x : numpy.ndarray
        The frames :math:`a_t`, ``(n_examples, T, F)``.
    h : numpy.ndarray
        The hidden states :math:`h_1 \\dots h_T`, ``(n_examples, T, H)``.
    c : numpy.ndarray or None
        The LSTM's cell states :math:`c_1 \\dots c_T`; ``None`` for the RNN.
    gates : dict or None
        The LSTM's gates over time, ``{"i": ..., "f": ..., "g": ..., "o": ...}``,
        each ``(n_examples, T, H)``; ``None`` for the RNN.
    out : numpy.ndarray
        What the layer hands on (``output``).
    """

    x: np.ndarray
    h: np.ndarray
    c: np.ndarray | None
    gates: dict | None
    out: np.ndarray


@dataclass(frozen=True)
class BPTT:
    """One backpropagation through time, every step kept: what ``through_time`` returns.

    Its fields are its parameters, in this order.

    Parameters
    ----------
    dh : numpy.ndarray
        ``dh[:, t]`` is the error of :math:`h_t` (step ``t`` counted from 0):
        what comes from above at that step plus what step :math:`t + 1`
        relays back. ``(n_examples, T, H)``.
    dc : numpy.ndarray or None
        The LSTM's error of :math:`c_t`, everything included (from
        :math:`h_t` and from :math:`c_{t+1}`); ``None`` for the RNN.
    delta : numpy.ndarray
        ``delta[:, t]`` is :math:`\\delta_t`, the error of the weighted sums
        of step ``t``: ``(n_examples, T, H)`` for the RNN, ``(n_examples, T, 4H)``
        for the LSTM (the gates :math:`i, f, g, o` side by side).
    deriv : numpy.ndarray
        :math:`\\mathrm{Deriv} = \\sum_t [a_t, h_{t-1}, 1]^T \\cdot \\delta_t`, shaped like ``W``.
    error_in : numpy.ndarray
        The error relayed to the input, one row of :math:`T \\cdot F` per example.
    """

    dh: np.ndarray
    dc: np.ndarray | None
    delta: np.ndarray
    deriv: np.ndarray
    error_in: np.ndarray

    def sizes(self, of="h") -> np.ndarray:
        """The size of the error at each step, mean over examples of its row's length :math:`\\|\\cdot\\|`.

        ``of="h"`` measures :math:`\\mathrm{error}(h_t)`, ``"c"`` the LSTM's
        :math:`\\mathrm{error}(c_t)`. Entry ``t`` is step ``t`` (from 0), so
        ``sizes()[::-1]`` runs from the last step, where the error enters,
        backwards: entry ``k`` of it is :math:`k` steps back.

        Parameters
        ----------
        of : {"h", "c"}
            Whose error: the hidden state's, or the LSTM's cell state's
            (a plain RNN has none: ``ValueError``).

        Returns
        -------
        numpy.ndarray
            ``(T,)``: the mean length of the error's rows at each step, step 0 first.
        """
        which = choice(of, "of", ("h", "c"))
        d = self.dh if which == "h" else self.dc
        if d is None:
            raise ValueError("a plain RNN has no cell state: use of='h'")
        return np.linalg.norm(d, axis=2).mean(axis=0)


class _Steps:
    """A forward pass's cache: the frames and every step's states, for the backward pass.

    Inside, time comes first (``h[t]`` is :math:`h_t` of the whole batch, one
    contiguous block), so that each step reads and writes whole blocks; the
    public views (``Unrolled``, ``BPTT``) put the examples first again.
    """

    __slots__ = ("x", "xt", "h", "c", "s", "tc")

    def __init__(self, x, H, dtype, cell):
        n, T, F = x.shape
        self.x = x  # (n, T, F): the frames, a view of the rows
        self.xt = np.ascontiguousarray(x.transpose(1, 0, 2)).reshape(T * n, F)  # the frames in step order
        self.h = np.empty((T + 1, n, H), dtype=dtype)  # h_0 = 0, h_1 ... h_T
        self.h[0] = 0.0
        self.c = None  # the LSTM's c_0 = 0, c_1 ... c_T
        if cell:
            self.c = np.empty_like(self.h)
            self.c[0] = 0.0
        self.s = None  # the LSTM's gate outputs [i, f, g, o], (T, n, 4H)
        self.tc = None  # the LSTM's tanh(c_t), (T, n, H)


def _samples_first(a):
    """An array ``(T, n, ...)`` as ``(n, T, ...)``, contiguous."""
    return None if a is None else np.ascontiguousarray(np.swapaxes(a, 0, 1))


class Recurrent:
    """What the RNN and the LSTM share: sizes, checks, ``W`` and its blocks, the output, the walk back in time.

    Not used on its own: a subclass says how many gate blocks ``W`` has
    (``GATES``), how one step runs forward (``_run``) and how one step turns
    the error of its state into :math:`\\delta_t` (``_step_back``). The
    parameters are those of ``dlaudio.rnn.RNN`` and ``dlaudio.lstm.LSTM``.

    Parameters
    ----------
    in_shape : (int, int)
        ``(T, F)``: steps per sequence and features per step.
    hidden : int
        :math:`H`, the units of the hidden state.
    bias : bool
        Whether the row ends in a constant 1, whose weights (the last row of
        ``W``) are the biases.
    output : {"last", "mean", "sequence"}
        What goes on to the next layer (``OUTPUTS``).
    W : array_like, optional
        The weights, ``(F + H [+ 1], GATES * H)``; drawn by
        ``dlaudio.init.recurrent_weights`` if not given.
    rng : None, int or numpy.random.Generator
        Source of the initial weights.
    recurrent_init : {"orthogonal", "xavier"}
        How :math:`W_h` is drawn.
    forget_bias : float
        The LSTM's initial forget-gate bias; a layer with one gate block
        (the RNN) takes only 0.
    """

    GATES = 1

    def __init__(
        self,
        in_shape,
        hidden,
        *,
        bias=True,
        output="last",
        W=None,
        rng=None,
        recurrent_init="orthogonal",
        forget_bias=0.0,
    ):
        if self.GATES == 1 and forget_bias:
            raise TypeError("forget_bias is the LSTM's: a plain RNN has no forget gate")
        self.T, self.F = _in_shape(in_shape)
        self.H = positive_int(hidden, "hidden (the number of units)")
        if not isinstance(bias, bool):
            raise TypeError(f"bias must be True or False, got {type(bias).__name__}")
        self.bias = bias
        self.output = choice(output, "output", OUTPUTS)
        shape = (self.F + self.H + bias, self.GATES * self.H)
        if W is None:
            W = recurrent_weights(self.F, self.H, self.GATES, rng, bias, recurrent_init, forget_bias)
        else:
            dtype = np.float32 if getattr(W, "dtype", None) == np.float32 else np.float64
            W = all_finite(real_array(W, "W", dtype=dtype), "W")
            if W.shape != shape:
                raise ValueError(
                    f"W must have shape {shape}: (F + H{' + 1 (bias)' if bias else ''}, "
                    f"{'4 * ' if self.GATES == 4 else ''}H) for F = {self.F}, H = {self.H}; got {W.shape}"
                )
        self.W = W
        self.deriv = np.zeros_like(W)

    @property
    def in_shape(self) -> tuple:
        """Steps, and features per step, ``(T, F)``."""
        return (self.T, self.F)

    @property
    def n_in(self) -> int:
        """Numbers per example at the input, a row of :math:`T \\cdot F`."""
        return self.T * self.F

    @property
    def n_out(self) -> int:
        """Numbers per example at the output, :math:`H` (or :math:`T \\cdot H` for ``output="sequence"``)."""
        return self.T * self.H if self.output == "sequence" else self.H

    def _blocks(self):
        """``W`` split by rows: :math:`W_a` (input), :math:`W_h` (recurrent), :math:`b` (or ``None``); views."""
        F, H, W = self.F, self.H, self.W
        return W[:F], W[F : F + H], (W[F + H] if self.bias else None)

    def _frames(self, a):
        """The batch of rows ``(n, T * F)`` as ``(n, T, F)``, a view."""
        if not isinstance(a, np.ndarray) or a.ndim != 2 or a.shape[1] != self.n_in:
            shape = getattr(a, "shape", type(a).__name__)
            raise ValueError(
                f"{type(self).__name__} expects rows of T * F = {self.T} * {self.F} = {self.n_in} numbers, "
                f"frame after frame (dlaudio.recurrent.sequence_rows), shape (n_samples, {self.n_in}); got {shape}"
            )
        return a.reshape(a.shape[0], self.T, self.F)

    def _inputs(self, steps):
        """:math:`a_t \\cdot W_a + b` for every example and step at once: one product, ``(T, n, gates * H)``."""
        Wa, _, b = self._blocks()
        Z = np.dot(steps.xt, Wa).reshape(self.T, steps.x.shape[0], -1)
        if b is not None:
            Z += b
        return Z

    def _output(self, steps):
        """What goes on to the next layer: :math:`h_T`, the mean of the :math:`h_t`, or every :math:`h_t` in a row."""
        if self.output == "last":
            return steps.h[-1]
        if self.output == "mean":
            return steps.h[1:].mean(axis=0)
        return _samples_first(steps.h[1:]).reshape(-1, self.T * self.H)

    def forward(self, a):
        """Run the sequences of the batch ``a`` (rows of :math:`T \\cdot F`) through the steps.

        Parameters
        ----------
        a : numpy.ndarray
            ``(n_examples, T * F)``, frame after frame.

        Returns
        -------
        out : numpy.ndarray
            ``(n_examples, n_out)``: see ``output``.
        cache : object
            The states of every step, for ``backward``.
        """
        X = self._frames(a)
        steps = _Steps(X, self.H, np.result_type(a, self.W), cell=self.GATES == 4)
        self._run(self._inputs(steps), steps)
        return self._output(steps), steps

    def backward(self, error, steps, relay=True):
        """Backpropagation through time: write :math:`\\mathrm{Deriv}` into ``deriv``, return the error of the input.

        Parameters
        ----------
        error : numpy.ndarray
            The error of the output, ``(n_examples, n_out)``.
        steps : object
            The cache of ``forward``: the frames and every step's states.
        relay : bool
            Whether to compute the error relayed to the input (a first layer
            needs none: ``None`` is returned).

        Returns
        -------
        numpy.ndarray or None
            ``(n_examples, T * F)``, :math:`\\delta_t \\cdot W_a^T` for every step, in a row.
        """
        return self._bptt(error, steps, relay, self.deriv)

    def _bptt(self, error, steps, relay, deriv, keep=None):
        """The backward walk; ``keep`` (a dict) receives every step's errors for ``through_time``."""
        n = steps.x.shape[0]
        if error.shape != (n, self.n_out):
            raise ValueError(f"the error of the output must have shape {(n, self.n_out)}, got {error.shape}")
        T, F, H = self.T, self.F, self.H
        dtype = steps.h.dtype
        delta = np.empty((T, n, self.GATES * H), dtype=dtype)  # delta_t of every step, in step order
        # Everything in delta_t that does not depend on the relayed error (the slopes, and for the
        # LSTM what multiplies them), for all steps at once: the walk back then has little to do.
        ready = self._before_walk(steps)
        if keep is not None:
            keep["dh"] = np.empty((T, n, H), dtype=dtype)
            keep["dc"] = np.empty((T, n, H), dtype=dtype) if self.GATES == 4 else None
        above = error.reshape(n, T, H) if self.output == "sequence" else error / T if self.output == "mean" else None
        dh = np.zeros((n, H), dtype=dtype)  # the error of h_t relayed from step t + 1 (none after the last)
        dc = np.zeros((n, H), dtype=dtype)  # the LSTM's error of c_t relayed from step t + 1
        WhT = np.ascontiguousarray(self._blocks()[1].T)  # W_h^T, laid out for the products of the walk
        for t in range(T - 1, -1, -1):
            if self.output == "last":
                if t == T - 1:
                    dh = dh + error
            elif self.output == "mean":
                dh = dh + above
            else:
                dh = dh + above[:, t]
            dc = self._step_back(t, dh, dc, ready, delta, keep)
            if keep is not None:
                keep["dh"][t] = dh
            dh = np.dot(delta[t], WhT)  # the error relayed to h_{t-1}
        # One Deriv for the one W, summed over the steps: [a_t, h_{t-1}, 1]^T . delta_t,
        # all steps of all examples at once (rows T * n).
        D = delta.reshape(T * n, -1)
        np.dot(steps.xt.T, D, out=deriv[:F])
        h_prev = steps.h[:-1].reshape(T * n, H)  # h_0 ... h_{T-1}
        np.dot(h_prev.T, D, out=deriv[F : F + H])
        if self.bias:
            np.sum(D, axis=0, out=deriv[F + H])
        if keep is not None:
            keep["delta"] = delta
        if not relay:
            return None
        return _samples_first(np.dot(D, self._blocks()[0].T).reshape(T, n, F)).reshape(n, T * F)

    # -- for the page and its figures ----------------------------------------------------

    def _checked_rows(self, x):
        """``x`` (one row or a batch) as a float batch of rows in ``W``'s dtype."""
        x = real_array(x, "x", dtype=self.W.dtype)
        if x.ndim == 1:
            x = x[np.newaxis]
        if x.ndim == 3 and x.shape[1:] == (self.T, self.F):
            x = sequence_rows(x)
        if x.ndim != 2 or x.shape[0] == 0:
            raise ValueError(f"x must have shape (n_samples, {self.n_in}) or ({self.n_in},), got {x.shape}")
        return all_finite(x, "x")

    def unroll(self, x) -> Unrolled:
        """The forward pass of ``x`` with every step kept, as arrays over time (``Unrolled``).

        The layer is not changed.

        Parameters
        ----------
        x : array_like
            One sequence (a row of :math:`T \\cdot F`, or ``(T, F)`` frames
            inside a batch ``(1, T, F)``) or a batch of them, as rows
            ``(n_examples, T * F)`` or as frames ``(n_examples, T, F)``.

        Returns
        -------
        Unrolled
            The frames, the hidden states (and the LSTM's cell states and
            gates) of every step, and the layer's output.
        """
        out, steps = self.forward(self._checked_rows(x))
        h = _samples_first(steps.h[1:])
        if self.GATES == 1:
            return Unrolled(x=steps.x, h=h, c=None, gates=None, out=out)
        H, s = self.H, _samples_first(steps.s)
        gates = {name: s[:, :, k * H : (k + 1) * H] for k, name in enumerate("ifgo")}
        return Unrolled(x=steps.x, h=h, c=_samples_first(steps.c[1:]), gates=gates, out=out)

    def through_time(self, x, error) -> BPTT:
        """Forward ``x``, then backpropagate the output ``error`` through time, every step kept (``BPTT``).

        What ``backward`` computes, with the error of each step's state kept
        for the figures (``BPTT.sizes``: the vanishing gradient in time).
        ``deriv`` and ``W`` are not changed.

        Parameters
        ----------
        x : array_like
            ``(n_examples, T * F)`` or one row, as for ``unroll``.
        error : array_like
            The error of the output, ``(n_examples, n_out)``, or one row.

        Returns
        -------
        BPTT
            The errors of every step's states, the deltas, the Deriv and the
            error relayed to the input.
        """
        x = self._checked_rows(x)
        error = all_finite(real_array(error, "error", dtype=self.W.dtype), "error")
        if error.ndim == 1:
            error = error[np.newaxis]
        out, steps = self.forward(x)
        keep = {}
        deriv = np.zeros_like(self.W)
        error_in = self._bptt(error, steps, True, deriv, keep)
        dh, dc, delta = (_samples_first(keep[k]) for k in ("dh", "dc", "delta"))
        return BPTT(dh=dh, dc=dc, delta=delta, deriv=deriv, error_in=error_in)

    def __repr__(self) -> str:
        extras = (", bias" if self.bias else "") + ("" if self.output == "last" else f", output={self.output!r}")
        return f"{type(self).__name__}(T={self.T}, F={self.F} -> H={self.H}{extras})"
