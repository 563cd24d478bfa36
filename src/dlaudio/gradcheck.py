"""Checking backpropagation against finite differences.

If backpropagation is right, :math:`\\mathrm{Deriv}_l = -\\partial E / \\partial W_l`.
The central difference
:math:`\\partial E/\\partial w \\approx (E(w + \\varepsilon) - E(w - \\varepsilon)) / 2\\varepsilon`
estimates the same number from the loss alone, one weight at a time. Its
error shrinks like :math:`\\varepsilon^2` until rounding takes over; the
five-point form used here,
:math:`[8(E_{+1} - E_{-1}) - (E_{+2} - E_{-2})] / 12\\varepsilon`
(with :math:`E_{\\pm k} = E(w \\pm k\\varepsilon)`), cancels the
:math:`\\varepsilon^2` term too, so a larger step, and less rounding, gives a
sharper check.
"""

from __future__ import annotations

import numpy as np

from . import backprop
from ._checks import non_negative_real, positive_real

__all__ = ["numerical_gradient", "gradient_check"]


def _loss_of(net, x, y) -> float:
    """:math:`E` of ``net`` on ``(x, y)``: its own loss, the cross-entropy for a softmax output."""
    with net.mode(training=True):  # the network as trace runs it (a dropout layer needs a fixed mask)
        out, caches = net.forward_batch(x)
    return net.batch_loss(y, out, caches)


def numerical_gradient(net, x, y, eps=1e-4, l2=0.0) -> list:
    """:math:`\\partial E / \\partial W_l` for every weight, by central differences.

    :math:`E` is the network's loss (the cross-entropy for a softmax
    output), plus ``l2_penalty(weights, l2)`` if ``l2`` :math:`= \\lambda > 0`:
    the full quantity a training step descends. The nudges are made on a
    float64 copy of the network, one weight at a time, so the network itself
    is never changed (not even for a moment), and a float32 network is
    checked at float64's precision.

    Parameters
    ----------
    net : MLP or Sequential
        The network; it is not changed.
    x, y : array_like
        Inputs and targets, checked by ``net.check_xy``.
    eps : float
        The nudge :math:`\\varepsilon > 0` given to each weight.
    l2 : float
        The weight decay :math:`\\lambda \\ge 0` included in :math:`E`.

    Returns
    -------
    list of numpy.ndarray
        :math:`\\partial E / \\partial W_l`, one float64 array per weight
        matrix, shaped like it.
    """
    x, y = net.check_xy(x, y)
    l2 = non_negative_real(l2, "l2")
    eps = positive_real(eps, "eps")
    x, y = x.astype(np.float64), y.astype(np.float64)
    copy = net.copy(dtype=np.float64)  # always a new network, with new weights
    grads = []
    for W in (layer.W for layer in copy.weighted):
        G = np.empty_like(W)
        for index in np.ndindex(W.shape):
            saved = W[index]
            E = {}
            for k in (-2, -1, 1, 2):
                W[index] = saved + k * eps
                E[k] = _loss_of(copy, x, y) + copy.l2_penalty(l2)
            W[index] = saved
            G[index] = (8 * (E[1] - E[-1]) - (E[2] - E[-2])) / (12 * eps)
        grads.append(G)
    return grads


def gradient_check(net, x, y, eps=1e-4, l2=0.0) -> float:
    """Largest relative difference between :math:`\\mathrm{Deriv}_l` and :math:`-\\partial E/\\partial W_l`.

    :math:`\\mathrm{Deriv}_l` comes from ``trace(net, x, y, l2)``, the backpropagation
    that training runs (softmax output, biases and weight decay included);
    :math:`E` is the full loss of ``numerical_gradient``. For each layer the
    difference is measured against the size of that
    layer's gradient (max norm), so a layer whose gradient is tiny is judged
    on its own scale. The part of the difference that the finite difference's
    own rounding can explain, about :math:`8 \\epsilon_{mach} E / \\varepsilon`,
    is not counted: below it the two cannot be told apart. Both sides are
    computed in float64, on a copy of the weights, whatever the network's
    ``dtype``. A correct backpropagation gives about 1e-8 or less.

    Parameters
    ----------
    net : MLP or Sequential
        The network; it is not changed.
    x, y : array_like
        Inputs and targets, checked by ``net.check_xy``.
    eps : float
        The nudge :math:`\\varepsilon > 0` of the finite differences.
    l2 : float
        The weight decay :math:`\\lambda \\ge 0`, on both sides.

    Returns
    -------
    float
        The largest relative difference over all layers.

    Raises
    ------
    ValueError
        If the gradients are NaN or infinite.

    Examples
    --------
    >>> from dlaudio import MLP
    >>> net = MLP(3, [4, 4], 2, rng=0)
    >>> x = np.random.default_rng(1).uniform(size=(5, 3))
    >>> bool(gradient_check(net, x, 1 - x[:, :2]) < 1e-6)
    True
    >>> clf = MLP(3, [4], 3, rng=0, output="softmax", bias=True)
    >>> bool(gradient_check(clf, x, np.eye(3)[[0, 2, 1, 1, 0]], l2=0.1) < 1e-6)
    True
    """
    # A float64 copy: a float32 network is checked on its formulas, not on
    # float32's rounding. The network itself is not changed.
    net = net.copy(dtype=np.float64)
    t = backprop.trace(net, x, y, l2)
    numeric = numerical_gradient(net, x, y, eps, l2)
    eps = positive_real(eps, "eps")
    E = _loss_of(net, *net.check_xy(x, y)) + net.l2_penalty(non_negative_real(l2, "l2"))
    # Python's max drops NaN: a check whose gradients are not numbers would
    # report a perfect match, so it refuses instead.
    if not (
        np.isfinite(E) and all(np.isfinite(G).all() and np.isfinite(t.deriv[l]).all() for l, G in enumerate(numeric))
    ):
        raise ValueError(
            "the gradients are not finite (NaN or inf), so they cannot be compared: the loss or the "
            "weighted sums overflow; scale the inputs to about [-1, 1], or use smaller weights"
        )
    rounding = 8 * np.finfo(np.float64).eps * E / eps
    worst = 0.0
    for l, G in enumerate(numeric):
        D = t.deriv[l]
        scale = max(np.max(np.abs(D)), np.max(np.abs(G)), np.finfo(float).tiny)
        worst = max(worst, float(max(np.max(np.abs(D + G)) - rounding, 0.0) / scale))
    return worst
