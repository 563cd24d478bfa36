"""Chapter 08: long short-term memory, the recurrent layer whose cell carries the error back through time.

How it is run and trained through time is ``dlaudio.recurrent``'s, which it
shares with the plain RNN; this module adds the gates of each step, forward
and back.
"""

from __future__ import annotations

import numpy as np

from ._checks import finite_real
from .activations import sigmoid, sigmoid_slope, tanh, tanh_slope
from .recurrent import Recurrent

__all__ = ["LSTM"]


class LSTM(Recurrent):
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
        ``(T, F)``: steps per sequence and features per step; each example is
        a row of :math:`T \\cdot F` numbers, frame after frame.
    hidden : int
        :math:`H`, the units of the hidden state and of the cell.
    bias : bool
        Whether the row ends in a constant 1 (the last row of ``W``, the
        biases, the forget gate's starting at ``forget_bias``).
    output : {"last", "mean", "sequence"}
        :math:`h_T`, the mean of the :math:`h_t`, or every :math:`h_t` in a row (see ``dlaudio.rnn.RNN``).
    W : array_like, optional
        The weights, ``(F + H [+ 1], 4H)``; drawn by ``dlaudio.init.recurrent_weights`` if not given.
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
        """The steps forward: the four gates from one product, then the cell and the hidden state.

        ``Z`` holds :math:`a_t \\cdot W_a + b` of every step; each step adds
        :math:`h_{t-1} \\cdot W_h` and turns its block into the gates' outputs,
        in place: ``Z`` becomes the gates of every step (``steps.s``).
        """
        H = self.H
        Wh = self._blocks()[1]
        h, c = steps.h, steps.c
        steps.tc = tc = np.empty_like(h[1:])
        for t in range(self.T):
            z = Z[t]
            z += np.dot(h[t], Wh)
            g = tanh(z[:, 2 * H : 3 * H])
            sigmoid(z, out=z)  # i, f and o; the g block is replaced by tanh just below
            z[:, 2 * H : 3 * H] = g
            i, f, o = z[:, :H], z[:, H : 2 * H], z[:, 3 * H :]
            np.multiply(f, c[t], out=c[t + 1])  # c_t = f c_{t-1} + i g
            c[t + 1] += i * g
            tanh(c[t + 1], out=tc[t])
            np.multiply(o, tc[t], out=h[t + 1])  # h_t = o tanh(c_t)
        steps.s = Z

    def _before_walk(self, steps):
        """What multiplies the errors of :math:`c_t` and :math:`h_t` in each gate's delta, every step at once.

        Returns ``(factors, through, f)``, time first: ``factors[t, :, k]`` is
        :math:`g \\, i(1 - i)`, :math:`c_{t-1} f(1 - f)`, :math:`i (1 - g^2)` and
        :math:`\\tanh(c_t) \\, o(1 - o)` for :math:`k = 0 \\dots 3`;
        ``through[t]`` is :math:`o (1 - \\tanh^2 c_t)`, the way from
        :math:`h_t` into :math:`c_t`; ``f`` the forget gates.
        """
        H, S = self.H, steps.s
        i, f, g, o = S[..., :H], S[..., H : 2 * H], S[..., 2 * H : 3 * H], S[..., 3 * H :]
        factors = sigmoid_slope(S)  # i(1 - i), f(1 - f), (g's replaced below), o(1 - o)
        factors[..., 2 * H : 3 * H] = tanh_slope(g)
        factors[..., :H] *= g
        factors[..., H : 2 * H] *= steps.c[:-1]
        factors[..., 2 * H : 3 * H] *= i
        factors[..., 3 * H :] *= steps.tc
        through = o * tanh_slope(steps.tc)
        T, n = S.shape[:2]
        return factors.reshape(T, n, 4, H), through, f

    def _step_back(self, t, dh, dc, ready, delta, keep):
        """The gates' deltas of step ``t`` into ``delta[t]``; returns the error relayed to :math:`c_{t-1}`.

        :math:`\\mathrm{error}(c_t)` is what step :math:`t + 1` relays plus
        :math:`\\mathrm{error}(h_t) \\odot o (1 - \\tanh^2 c_t)`; then
        :math:`\\delta_i, \\delta_f, \\delta_g` are it times their factors and
        :math:`\\delta_o` is :math:`\\mathrm{error}(h_t)` times its own
        (``_before_walk``), and :math:`\\mathrm{error}(c_t) \\odot f` goes back a step.
        """
        factors, through, f = ready
        dc = dc + dh * through[t]
        if keep is not None:
            keep["dc"][t] = dc
        n, H = dh.shape
        gates = delta[t].reshape(n, 4, H)  # a view: delta[t] is contiguous, four blocks of H side by side
        np.multiply(factors[t, :, :3], dc[:, np.newaxis], out=gates[:, :3])
        np.multiply(factors[t, :, 3], dh, out=gates[:, 3])
        return dc * f[t]
