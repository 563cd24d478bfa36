"""Initial weights: the notes' standard normal, and the scaled draws deep networks need.

A unit's weighted sum :math:`h = a \\cdot W` adds :math:`n_{in}` products.
With inputs of spread about 1 and weights from the standard normal
(``randn``, the course's choice), :math:`h` has a spread of about
:math:`\\sqrt{n_{in}}`: about 1.4 for the 2-2-1 network, but 32 for 1,040
inputs, where the sigmoid is flat, its slope about 0, and nothing learns.
Scaling the draw by the fan-in keeps the spread near 1 at every layer:

.. list-table::
   :header-rows: 1

   * - ``init``
     - draw
     - for
   * - ``"normal"``
     - :math:`\\mathcal{N}(0, 1)`
     - the notes; small networks
   * - ``"xavier"``
     - :math:`\\mathcal{U}(-r, r)`, :math:`r = \\sqrt{6 / (n_{in} + n_{out})}`
     - sigmoid, tanh (Glorot and Bengio 2010)
   * - ``"he"``
     - :math:`\\mathcal{N}(0, 2 / n_{in})`
     - ReLU (He et al. 2015)

Glorot and Bengio want the variance of the forward sums to stay the same
from layer to layer, which asks :math:`\\mathrm{Var}(w) = 1 / n_{in}`, and
the same for the backward errors, which asks :math:`1 / n_{out}`; they settle
between the two, :math:`\\mathrm{Var}(w) = 2 / (n_{in} + n_{out})`, which the
uniform draw above has. He et al. double the fan-in rule
:math:`1 / n_{in}` because a ReLU sets the negative half of its weighted
sums to 0, which halves the variance it passes on.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import as_generator, choice

__all__ = ["INITS", "initial_weights", "RECURRENT_INITS", "recurrent_weights"]

INITS = ("normal", "xavier", "he")
#: How the recurrent block :math:`W_h` of a recurrent layer is drawn (``recurrent_weights``).
RECURRENT_INITS = ("orthogonal", "xavier")


def initial_weights(n_in, n_out, rng, init="normal", bias=False):
    """A weight matrix :math:`(n_{in}, n_{out})`, with a bias row last if ``bias``, drawn by ``init``.

    ``"normal"`` draws every entry, the bias row too, from the standard
    normal in one call, as the course's network always has (so its numbers
    stay the same). ``"xavier"`` and ``"he"`` draw the weights as the table
    above says and start the biases at 0, as the papers do.

    Parameters
    ----------
    n_in : int
        Units of the layer below, :math:`n_{in}`.
    n_out : int
        Units of the layer above, :math:`n_{out}`.
    rng : numpy.random.Generator
        The source of the draws.
    init : {"normal", "xavier", "he"}
        How the weights are drawn.
    bias : bool
        Whether to add a bias row, last.

    Returns
    -------
    numpy.ndarray
        The weights, shape :math:`(n_{in}, n_{out})`, or
        :math:`(n_{in} + 1, n_{out})` with ``bias``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> W = initial_weights(1000, 50, rng, "he")
    >>> round(float(W.std() * math.sqrt(1000 / 2)), 2)
    1.0
    """
    init = choice(init, "init", INITS)
    if init == "normal":
        return rng.standard_normal((n_in + int(bias), n_out))
    if init == "xavier":
        limit = math.sqrt(6.0 / (n_in + n_out))
        W = rng.uniform(-limit, limit, size=(n_in, n_out))
    else:
        W = rng.standard_normal((n_in, n_out)) * math.sqrt(2.0 / n_in)
    return np.vstack([W, np.zeros((1, n_out))]) if bias else W


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
