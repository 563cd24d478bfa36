"""Chapter 08: the plain recurrent layer, :math:`h_t = \\tanh([a_t, h_{t-1}, 1] \\cdot W)`.

How it is run and trained through time is ``dlaudio.recurrent``'s, which it
shares with the LSTM; this module adds the one line of each step, forward
and back.

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

import numpy as np

from .activations import tanh, tanh_slope
from .recurrent import Recurrent

__all__ = ["RNN"]


class RNN(Recurrent):
    """The plain recurrent layer, :math:`h_t = \\tanh([a_t, h_{t-1}, 1] \\cdot W)`, trained through time.

    Parameters
    ----------
    in_shape : (int, int)
        ``(T, F)``: steps per sequence and features per step. Each example is
        a row of :math:`T \\cdot F` numbers, frame after frame
        (``dlaudio.recurrent.sequence_rows``).
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
        :math:`W_h`, then the bias. Drawn by ``dlaudio.init.recurrent_weights`` if not given.
    rng : None, int or numpy.random.Generator
        Source of the initial weights.
    recurrent_init : {"orthogonal", "xavier"}
        How :math:`W_h` is drawn (``dlaudio.init.recurrent_weights``).
    forget_bias : float
        Only 0, the default: a plain RNN has no forget gate, and any other
        value raises ``TypeError`` (the parameter is the LSTM's).

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
        """The steps forward, :math:`h_t = \\tanh(a_t \\cdot W_a + b + h_{t-1} \\cdot W_h)`, the first part in ``Z``."""
        Wh = self._blocks()[1]
        h = steps.h
        for t in range(self.T):
            z = Z[t]
            z += np.dot(h[t], Wh)
            tanh(z, out=h[t + 1])

    def _before_walk(self, steps):
        """The slope :math:`1 - h_t^2` of every step, at once."""
        return tanh_slope(steps.h[1:])

    def _step_back(self, t, dh, dc, slope, delta, keep):
        """:math:`\\delta_t = \\mathrm{error}(h_t) \\odot (1 - h_t^2)`, written into ``delta[t]``."""
        np.multiply(dh, slope[t], out=delta[t])
        return dc
