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
the four gates are one matrix product split in four columns blocks, passed
through the sigmoid (:math:`i, f, o`) and the tanh (:math:`g`). The same
``W`` is used at every step: the network is a stack of :math:`T` layers that
share one weight matrix ("unrolled in time").

**Rows at the border.** Samples are rows everywhere else in the library (the
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

A worked example: one input, one unit, no bias, three steps, every number
by hand. :math:`W = [w_a, w_h]^T = [0.5, 0.8]^T`, frames :math:`1, 0.5, -1`:

>>> rnn = RNN((3, 1), 1, bias=False, W=[[0.5], [0.8]])
>>> x = [[1.0, 0.5, -1.0]]
>>> run = rnn.unroll(x)
>>> run.h[0, :, 0].round(4)
array([ 0.4621,  0.5509, -0.0592])

that is :math:`h_1 = \\tanh(0.5 \\cdot 1) = 0.4621`,
:math:`h_2 = \\tanh(0.5 \\cdot 0.5 + 0.8 \\cdot 0.4621) = \\tanh(0.6197) = 0.5509`,
:math:`h_3 = \\tanh(0.5 \\cdot (-1) + 0.8 \\cdot 0.5509) = \\tanh(-0.0593) = -0.0592`.
Many-to-one: the error of the output :math:`h_3` is, say, 0.1. Back through
time, :math:`\\delta_t = \\mathrm{error}(h_t) \\, (1 - h_t^2)` and
:math:`\\mathrm{error}(h_{t-1}) = \\delta_t \\, w_h`:

>>> bptt = rnn.through_time(x, [[0.1]])
>>> bptt.dh[0, :, 0].round(5)  # error(h_1), error(h_2), error(h_3)
array([0.04442, 0.07972, 0.1    ])
>>> bptt.delta[0, :, 0].round(5)  # delta_1, delta_2, delta_3
array([0.03493, 0.05552, 0.09965])

:math:`\\delta_3 = 0.1 \\, (1 - 0.0592^2) = 0.09965`, relayed
:math:`0.8 \\cdot 0.09965 = 0.07972`, :math:`\\delta_2 = 0.07972 \\, (1 - 0.5509^2)
= 0.05552`, relayed :math:`0.8 \\cdot 0.05552 = 0.04442`,
:math:`\\delta_1 = 0.04442 \\, (1 - 0.4621^2) = 0.03493`: the error shrinks at
every step back. One Deriv per weight, gathered over the steps,
:math:`\\sum_t [a_t, h_{t-1}]^T \\delta_t`, and the error relayed to each
frame, :math:`\\delta_t \\, w_a`:

>>> bptt.deriv.round(5)
array([[-0.03695],
       [ 0.08056]])
>>> bptt.error_in.round(5)
array([[0.01747, 0.02776, 0.04982]])

:math:`\\mathrm{Deriv}_a = 1 \\cdot 0.03493 + 0.5 \\cdot 0.05552 - 1 \\cdot 0.09965
= -0.03695` and :math:`\\mathrm{Deriv}_h = 0 \\cdot 0.03493 + 0.4621 \\cdot 0.05552
+ 0.5509 \\cdot 0.09965 = 0.08056` (:math:`h_0 = 0`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import all_finite, as_generator, choice, finite_real, positive_int, real_array
from .activations import sigmoid, sigmoid_slope, tanh, tanh_slope
from .init import initial_weights

__all__ = ["RNN", "LSTM", "Unrolled", "BPTT", "sequence_rows", "recurrent_weights", "OUTPUTS", "RECURRENT_INITS"]

#: What a recurrent layer hands on: the last hidden state :math:`h_T`, the
#: mean of :math:`h_1 \dots h_T`, or every :math:`h_t` (a row of
#: :math:`T \cdot H`, the input of a second recurrent layer).
OUTPUTS = ("last", "mean", "sequence")
#: How the recurrent block :math:`W_h` is drawn.
RECURRENT_INITS = ("orthogonal", "xavier")


def sequence_rows(frames):
    """Sequences ``(n_samples, T, F)`` as rows ``(n_samples, T * F)``, frame after frame: a recurrent layer's input.

    One sequence ``(T, F)`` becomes one row ``(1, T * F)``. A view when the
    array allows it, else a copy; the layer undoes it with a view.

    Parameters
    ----------
    frames : array_like
        ``(n_samples, T, F)``, or ``(T, F)`` for one sequence.

    Returns
    -------
    numpy.ndarray
        ``(n_samples, T * F)``.

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


def _orthogonal(H, rng):
    """A random orthogonal :math:`H \\times H` matrix, uniform over the orthogonal group (QR with signs fixed)."""
    q, r = np.linalg.qr(rng.standard_normal((H, H)))
    return q * np.where(np.diag(r) < 0, -1.0, 1.0)


def recurrent_weights(F, H, gates, rng=None, bias=True, recurrent_init="orthogonal", forget_bias=0.0):
    """Initial ``W`` of a recurrent layer: ``(F + H [+ 1], gates * H)``, the input rows, the recurrent rows, the bias.

    Each gate's block is drawn on its own, as if it were a layer of its own:

    - the input rows :math:`W_a` (:math:`F \\times H` per gate), Xavier/Glorot
      uniform, :math:`\\mathcal{U}(-r, r)`, :math:`r = \\sqrt{6 / (F + H)}`
      (Glorot and Bengio 2010; ``dlaudio.init``), right for the sigmoid and
      tanh;
    - the recurrent rows :math:`W_h` (:math:`H \\times H` per gate), orthogonal
      by default (Saxe, McClelland and Ganguli 2014): every singular value is
      1, so :math:`h_{t-1} \\cdot W_h` neither shrinks nor stretches the state,
      the best start for an error relayed back through many steps; or
      Xavier;
    - the biases 0, except the LSTM's forget gate, ``forget_bias`` (1 for
      the LSTM: Gers, Schmidhuber and Cummins 2000; Jozefowicz, Zaremba and
      Sutskever 2015): :math:`f = \\sigma(1) \\approx 0.73` at the start, so
      the cell keeps most of its past, and its error, from the first update.

    Parameters
    ----------
    F : int
        Features per step.
    H : int
        Hidden units.
    gates : int
        1 for the RNN, 4 for the LSTM (gate order :math:`i, f, g, o`, as in
        PyTorch).
    rng : None, int or numpy.random.Generator
        Source of the draws.
    bias : bool
        Whether ``W`` has the bias row last.
    recurrent_init : {"orthogonal", "xavier"}
        How :math:`W_h` is drawn.
    forget_bias : float
        The forget gate's initial bias (the second block of ``gates == 4``).

    Returns
    -------
    numpy.ndarray
        float64, shape ``(F + H + bias, gates * H)``.

    Examples
    --------
    >>> W = recurrent_weights(3, 2, 4, rng=0, forget_bias=1.0)
    >>> W.shape, W[-1].tolist()
    ((6, 8), [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0])
    >>> Wh = W[3:5, :2]
    >>> bool(np.allclose(Wh @ Wh.T, np.eye(2)))
    True
    """
    rng = as_generator(rng)
    recurrent_init = choice(recurrent_init, "recurrent_init", RECURRENT_INITS)
    blocks = []
    for k in range(gates):
        Wa = initial_weights(F, H, rng, "xavier")
        Wh = _orthogonal(H, rng) if recurrent_init == "orthogonal" else initial_weights(H, H, rng, "xavier")
        b = np.full((1, H), forget_bias if (gates == 4 and k == 1) else 0.0)
        blocks.append(np.vstack([Wa, Wh, b] if bias else [Wa, Wh]))
    return np.hstack(blocks)


@dataclass(frozen=True)
class Unrolled:
    """A forward pass step by step, as arrays over time: what the figures of a sequence draw.

    Attributes
    ----------
    x : numpy.ndarray
        The frames :math:`a_t`, ``(n_samples, T, F)``.
    h : numpy.ndarray
        The hidden states :math:`h_1 \\dots h_T`, ``(n_samples, T, H)``.
    c : numpy.ndarray or None
        The LSTM's cell states :math:`c_1 \\dots c_T`; ``None`` for the RNN.
    gates : dict or None
        The LSTM's gates over time, ``{"i": ..., "f": ..., "g": ..., "o": ...}``,
        each ``(n_samples, T, H)``; ``None`` for the RNN.
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

    Attributes
    ----------
    dh : numpy.ndarray
        ``dh[:, t]`` is the error of :math:`h_t` (step ``t`` counted from 0):
        what comes from above at that step plus what step :math:`t + 1`
        relays back. ``(n_samples, T, H)``.
    dc : numpy.ndarray or None
        The LSTM's error of :math:`c_t`, everything included (from
        :math:`h_t` and from :math:`c_{t+1}`); ``None`` for the RNN.
    delta : numpy.ndarray
        ``delta[:, t]`` is :math:`\\delta_t`, the error of the weighted sums
        of step ``t``: ``(n_samples, T, H)`` for the RNN, ``(n_samples, T, 4H)``
        for the LSTM (the gates :math:`i, f, g, o` side by side).
    deriv : numpy.ndarray
        :math:`\\mathrm{Deriv} = \\sum_t [a_t, h_{t-1}, 1]^T \\cdot \\delta_t`, shaped like ``W``.
    error_in : numpy.ndarray
        The error relayed to the input, one row of :math:`T \\cdot F` per sample.
    """

    dh: np.ndarray
    dc: np.ndarray | None
    delta: np.ndarray
    deriv: np.ndarray
    error_in: np.ndarray

    def sizes(self, of="h") -> np.ndarray:
        """The size of the error at each step, mean over samples of its row's length :math:`\\|\\cdot\\|`.

        ``of="h"`` measures :math:`\\mathrm{error}(h_t)`, ``"c"`` the LSTM's
        :math:`\\mathrm{error}(c_t)`. Entry ``t`` is step ``t`` (from 0), so
        ``sizes()[::-1]`` runs from the last step, where the error enters,
        backwards: entry ``k`` of it is :math:`k` steps back.
        """
        which = choice(of, "of", ("h", "c"))
        d = self.dh if which == "h" else self.dc
        if d is None:
            raise ValueError("a plain RNN has no cell state: use of='h'")
        return np.linalg.norm(d, axis=2).mean(axis=0)


class _Steps:
    """A forward pass's cache: the frames and each step's states, for the backward pass."""

    __slots__ = ("x", "h", "c", "s", "tc")

    def __init__(self, x, h0):
        self.x = x  # (n, T, F)
        self.h = [h0]  # h_0 ... h_T
        self.c = [h0]  # c_0 ... c_T (LSTM)
        self.s = []  # per step: tanh(z) (RNN: h_t itself) or the LSTM's gate outputs [i, f, g, o]
        self.tc = []  # per step: tanh(c_t) (LSTM)


class _Recurrent:
    """What the RNN and the LSTM share: sizes, checks, ``W`` and its blocks, the output, the loop backwards."""

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
        """``(T, F)``: steps, and features per step."""
        return (self.T, self.F)

    @property
    def n_in(self) -> int:
        """Numbers per sample at the input: a row of :math:`T \\cdot F`."""
        return self.T * self.F

    @property
    def n_out(self) -> int:
        """Numbers per sample at the output: :math:`H`, or :math:`T \\cdot H` for ``output="sequence"``."""
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

    def _inputs(self, X):
        """:math:`a_t \\cdot W_a + b` for every sample and step at once: one product, ``(n, T, gates * H)``."""
        n = X.shape[0]
        Wa, _, b = self._blocks()
        Z = np.dot(X.reshape(n * self.T, self.F), Wa).reshape(n, self.T, -1)
        if b is not None:
            Z += b
        return Z

    def _output(self, steps):
        """What goes on to the next layer: :math:`h_T`, the mean of the :math:`h_t`, or every :math:`h_t` in a row."""
        if self.output == "last":
            return steps.h[-1]
        if self.output == "mean":
            return sum(steps.h[2:], steps.h[1].copy()) / self.T
        return np.stack(steps.h[1:], axis=1).reshape(-1, self.T * self.H)

    def forward(self, a):
        """Run the sequences of the batch ``a`` (rows of :math:`T \\cdot F`) through the steps.

        Parameters
        ----------
        a : numpy.ndarray
            ``(n_samples, T * F)``, frame after frame.

        Returns
        -------
        out : numpy.ndarray
            ``(n_samples, n_out)``: see ``output``.
        cache
            The states of every step, for ``backward``.
        """
        X = self._frames(a)
        steps = _Steps(X, np.zeros((X.shape[0], self.H), dtype=np.result_type(a, self.W)))
        self._run(self._inputs(X), steps)
        return self._output(steps), steps

    def backward(self, error, steps, relay=True):
        """Backpropagation through time: write :math:`\\mathrm{Deriv}` into ``deriv``, return the error of the input.

        Parameters
        ----------
        error : numpy.ndarray
            The error of the output, ``(n_samples, n_out)``.
        steps
            The cache of ``forward``.
        relay : bool
            Whether to compute the error relayed to the input (a first layer
            needs none: ``None`` is returned).

        Returns
        -------
        numpy.ndarray or None
            ``(n_samples, T * F)``, :math:`\\delta_t \\cdot W_a^T` for every step, in a row.
        """
        return self._bptt(error, steps, relay, self.deriv)

    def _bptt(self, error, steps, relay, deriv, keep=None):
        """The backward walk; ``keep`` (a dict) receives every step's errors for ``through_time``."""
        n = steps.x.shape[0]
        if error.shape != (n, self.n_out):
            raise ValueError(f"the error of the output must have shape {(n, self.n_out)}, got {error.shape}")
        T, F, H = self.T, self.F, self.H
        dtype = steps.h[0].dtype
        delta = np.empty((n, T, self.GATES * H), dtype=dtype)
        if keep is not None:
            keep["dh"] = np.empty((n, T, H), dtype=dtype)
            keep["dc"] = np.empty((n, T, H), dtype=dtype) if self.GATES == 4 else None
        above = error.reshape(n, T, H) if self.output == "sequence" else error / T if self.output == "mean" else None
        dh = np.zeros((n, H), dtype=dtype)  # the error of h_t relayed from step t + 1 (none after the last)
        dc = np.zeros((n, H), dtype=dtype)  # the LSTM's error of c_t relayed from step t + 1
        Wh = self._blocks()[1]
        for t in range(T - 1, -1, -1):
            if self.output == "last":
                if t == T - 1:
                    dh = dh + error
            elif self.output == "mean":
                dh = dh + above
            else:
                dh = dh + above[:, t]
            dc = self._step_back(t, dh, dc, steps, delta[:, t], keep)
            if keep is not None:
                keep["dh"][:, t] = dh
            dh = np.dot(delta[:, t], Wh.T)  # the error relayed to h_{t-1}
        # One Deriv for the one W, summed over the steps: [a_t, h_{t-1}, 1]^T . delta_t,
        # all steps of all samples at once (rows n * T).
        D = delta.reshape(n * T, -1)
        np.dot(steps.x.reshape(n * T, F).T, D, out=deriv[:F])
        h_prev = np.stack(steps.h[:-1], axis=1).reshape(n * T, H)  # h_0 ... h_{T-1}
        np.dot(h_prev.T, D, out=deriv[F : F + H])
        if self.bias:
            np.sum(D, axis=0, out=deriv[F + H])
        if keep is not None:
            keep["delta"] = delta
        if not relay:
            return None
        return np.dot(D, self._blocks()[0].T).reshape(n, T * F)

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

        ``x`` is one sequence (a row of :math:`T \\cdot F`, or ``(T, F)``
        frames inside a batch ``(1, T, F)``) or a batch of them. The layer
        is not changed.
        """
        out, steps = self.forward(self._checked_rows(x))
        h = np.stack(steps.h[1:], axis=1)
        if self.GATES == 1:
            return Unrolled(x=steps.x, h=h, c=None, gates=None, out=out)
        s = np.stack(steps.s, axis=1)
        H = self.H
        gates = {name: s[:, :, k * H : (k + 1) * H] for k, name in enumerate("ifgo")}
        return Unrolled(x=steps.x, h=h, c=np.stack(steps.c[1:], axis=1), gates=gates, out=out)

    def through_time(self, x, error) -> BPTT:
        """Forward ``x``, then backpropagate the output ``error`` through time, every step kept (``BPTT``).

        What ``backward`` computes, with the error of each step's state kept
        for the figures (``BPTT.sizes``: the vanishing gradient in time).
        ``deriv`` and ``W`` are not changed.

        Parameters
        ----------
        x : array_like
            ``(n_samples, T * F)`` or one row.
        error : array_like
            The error of the output, ``(n_samples, n_out)``.
        """
        x = self._checked_rows(x)
        error = all_finite(real_array(error, "error", dtype=self.W.dtype), "error")
        if error.ndim == 1:
            error = error[np.newaxis]
        out, steps = self.forward(x)
        keep = {}
        deriv = np.zeros_like(self.W)
        error_in = self._bptt(error, steps, True, deriv, keep)
        return BPTT(dh=keep["dh"], dc=keep["dc"], delta=keep["delta"], deriv=deriv, error_in=error_in)

    def __repr__(self) -> str:
        extras = (", bias" if self.bias else "") + ("" if self.output == "last" else f", output={self.output!r}")
        return f"{type(self).__name__}(T={self.T}, F={self.F} -> H={self.H}{extras})"


class RNN(_Recurrent):
    """The plain recurrent layer, :math:`h_t = \\tanh([a_t, h_{t-1}, 1] \\cdot W)`, trained through time.

    Parameters
    ----------
    in_shape : (int, int)
        ``(T, F)``: steps per sequence and features per step. Each sample is
        a row of :math:`T \\cdot F` numbers, frame after frame
        (``sequence_rows``).
    hidden : int
        :math:`H`, the units of the hidden state.
    bias : bool
        Whether the row ends in a constant 1, whose weights (the last row of
        ``W``) are the biases.
    output : {"last", "mean", "sequence"}
        What goes on to the next layer: :math:`h_T` (many-to-one, the
        default), the mean of :math:`h_1 \\dots h_T`, or every :math:`h_t`
        as a row of :math:`T \\cdot H` (to stack a second recurrent layer
        with ``in_shape=(T, H)``).
    W : array_like, optional
        The weights, ``(F + H [+ 1], H)``: rows :math:`W_a`, then
        :math:`W_h`, then the bias. Drawn by ``recurrent_weights`` if not given.
    rng : None, int or numpy.random.Generator
        Source of the initial weights.
    recurrent_init : {"orthogonal", "xavier"}
        How :math:`W_h` is drawn (``recurrent_weights``).

    Attributes
    ----------
    W, deriv : numpy.ndarray
        The weights and the :math:`\\mathrm{Deriv}` of the last ``backward``
        (a network rebinds both to its own storage).

    Examples
    --------
    A sequence of one step is a dense layer with a tanh, fed
    :math:`[a_1, h_0 = 0, 1]`:

    >>> rnn = RNN((1, 2), 3, rng=0)
    >>> a1 = np.array([[0.5, -1.0]])
    >>> h, _ = rnn.forward(a1)
    >>> bool(np.allclose(h, np.tanh(np.hstack([a1, np.zeros((1, 3)), [[1.0]]]) @ rnn.W)))
    True
    """

    GATES = 1

    def _run(self, Z, steps):
        """The steps forward: :math:`h_t = \\tanh(a_t \\cdot W_a + b + h_{t-1} \\cdot W_h)`."""
        Wh = self._blocks()[1]
        h = steps.h[0]
        for t in range(self.T):
            z = Z[:, t]
            z += np.dot(h, Wh)
            h = tanh(z)
            steps.h.append(h)
            steps.s.append(h)

    def _step_back(self, t, dh, dc, steps, delta, keep):
        """:math:`\\delta_t = \\mathrm{error}(h_t) \\odot (1 - h_t^2)`, written into ``delta``."""
        np.multiply(dh, tanh_slope(steps.h[t + 1]), out=delta)
        return dc


class LSTM(_Recurrent):
    """Long short-term memory (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000).

    At each step one product gives the four gates' weighted sums,
    :math:`[z_i, z_f, z_g, z_o] = [a_t, h_{t-1}, 1] \\cdot W`, then

    .. math::

        i = \\sigma(z_i),\\ f = \\sigma(z_f),\\ g = \\tanh(z_g),\\ o = \\sigma(z_o),\\qquad
        c_t = f \\odot c_{t-1} + i \\odot g,\\qquad h_t = o \\odot \\tanh(c_t).

    The input gate :math:`i` lets the candidate :math:`g` into the cell,
    the forget gate :math:`f` keeps (1) or clears (0) the cell's past, and
    the output gate :math:`o` lets the cell out. Backward, with
    :math:`\\mathrm{error}(c_t)` gathering what comes through :math:`h_t`,
    :math:`\\mathrm{error}(h_t) \\odot o \\odot (1 - \\tanh^2 c_t)`, and what
    comes from the next step, :math:`\\mathrm{error}(c_{t+1}) \\odot f_{t+1}`,
    the gates' deltas are

    .. math::

        \\delta_i = \\mathrm{error}(c_t) \\odot g \\odot i(1 - i),\\
        \\delta_f = \\mathrm{error}(c_t) \\odot c_{t-1} \\odot f(1 - f),\\
        \\delta_g = \\mathrm{error}(c_t) \\odot i \\odot (1 - g^2),\\
        \\delta_o = \\mathrm{error}(h_t) \\odot \\tanh(c_t) \\odot o(1 - o),

    each gate's slope written from its output (``sigmoid_slope``,
    ``tanh_slope``); side by side they are :math:`\\delta_t`, and
    :math:`\\mathrm{Deriv}` and the relayed errors follow as for the RNN.
    The cell's error goes back one step multiplied by :math:`f` only, with
    no weight matrix and no squashing slope: where :math:`f \\approx 1` it
    travels far.

    ``W`` has the layout of PyTorch's ``torch.nn.LSTM`` transposed and
    stacked: gate order :math:`i, f, g, o`; ``W[:F]`` is ``weight_ih_l0.T``,
    ``W[F:F+H]`` is ``weight_hh_l0.T``, and the bias row is
    ``bias_ih_l0 + bias_hh_l0`` (PyTorch keeps two biases whose sum is the
    one bias); ``benchmarks/bench_recurrent.py`` checks that the two agree.

    Parameters
    ----------
    in_shape : (int, int)
        ``(T, F)``: steps per sequence and features per step; each sample is
        a row of :math:`T \\cdot F` numbers, frame after frame.
    hidden : int
        :math:`H`, the units of the hidden state and of the cell.
    bias : bool
        Whether the row ends in a constant 1 (the last row of ``W``, the
        biases, the forget gate's starting at ``forget_bias``).
    output : {"last", "mean", "sequence"}
        :math:`h_T`, the mean of the :math:`h_t`, or every :math:`h_t` in a row (see ``RNN``).
    W : array_like, optional
        The weights, ``(F + H [+ 1], 4H)``; drawn by ``recurrent_weights`` if not given.
    rng : None, int or numpy.random.Generator
        Source of the initial weights.
    recurrent_init : {"orthogonal", "xavier"}
        How :math:`W_h` is drawn.
    forget_bias : float
        The forget gate's initial bias, 1 by default (Gers et al. 2000;
        Jozefowicz et al. 2015); ignored when ``W`` is given or without a bias.

    Examples
    --------
    One unit, one input, two steps, every gate's weight 0.5 and biases 0:

    >>> lstm = LSTM((2, 1), 1, bias=False, W=np.full((2, 4), 0.5))
    >>> run = lstm.unroll([1.0, 1.0])
    >>> {k: v[0, :, 0].round(4).tolist() for k, v in run.gates.items()}
    {'i': [0.6225, 0.6427], 'f': [0.6225, 0.6427], 'g': [0.4621, 0.5278], 'o': [0.6225, 0.6427]}
    >>> run.c[0, :, 0].round(4), run.h[0, :, 0].round(4)
    (array([0.2876, 0.5241]), array([0.1743, 0.3091]))

    Step 1: every gate's sum is :math:`0.5 \\cdot 1 = 0.5`, so
    :math:`i = f = o = \\sigma(0.5) = 0.6225`, :math:`g = \\tanh(0.5) = 0.4621`,
    :math:`c_1 = f \\cdot 0 + i g = 0.2876` and :math:`h_1 = o \\tanh(c_1) = 0.1743`.
    Step 2: every sum is :math:`0.5 \\cdot 1 + 0.5 \\cdot 0.1743 = 0.5871`, and
    :math:`c_2 = 0.6427 \\cdot 0.2876 + 0.6427 \\cdot 0.5278 = 0.5241`,
    :math:`h_2 = 0.6427 \\tanh(0.5241) = 0.3091`.
    """

    GATES = 4

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
        forget_bias=1.0,
    ):
        super().__init__(
            in_shape,
            hidden,
            bias=bias,
            output=output,
            W=W,
            rng=rng,
            recurrent_init=recurrent_init,
            forget_bias=finite_real(forget_bias, "forget_bias"),
        )

    def _run(self, Z, steps):
        """The steps forward: the four gates from one product, then the cell and the hidden state."""
        H = self.H
        Wh = self._blocks()[1]
        h, c = steps.h[0], steps.c[0]
        for t in range(self.T):
            z = Z[:, t]
            z += np.dot(h, Wh)
            s = sigmoid(z)  # i, f and o; the g block is replaced just below
            s[:, 2 * H : 3 * H] = tanh(z[:, 2 * H : 3 * H])
            i, f, g, o = s[:, :H], s[:, H : 2 * H], s[:, 2 * H : 3 * H], s[:, 3 * H :]
            c = f * c
            c += i * g
            tc = tanh(c)
            h = o * tc
            steps.s.append(s)
            steps.tc.append(tc)
            steps.c.append(c)
            steps.h.append(h)

    def _step_back(self, t, dh, dc, steps, delta, keep):
        """The gates' deltas of step ``t`` into ``delta``; returns the error of :math:`c_{t-1}`."""
        H = self.H
        s, tc, c_prev = steps.s[t], steps.tc[t], steps.c[t]
        i, f, g, o = s[:, :H], s[:, H : 2 * H], s[:, 2 * H : 3 * H], s[:, 3 * H :]
        dc = dc + dh * o * tanh_slope(tc)  # error(c_t): from the next step and through h_t
        if keep is not None:
            keep["dc"][:, t] = dc
        slope = sigmoid_slope(s)  # i(1 - i), f(1 - f), o(1 - o); the g block replaced by 1 - g^2
        slope[:, 2 * H : 3 * H] = tanh_slope(g)
        np.multiply(dc, g, out=delta[:, :H])
        np.multiply(dc, c_prev, out=delta[:, H : 2 * H])
        np.multiply(dc, i, out=delta[:, 2 * H : 3 * H])
        np.multiply(dh, tc, out=delta[:, 3 * H :])
        delta *= slope
        return dc * f  # the error relayed to c_{t-1}
