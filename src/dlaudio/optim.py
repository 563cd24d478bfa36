"""Optimisers: how the Derivs that backpropagation computes become changes of the weights.

Layers compute :math:`\\mathrm{Deriv} = -\\partial E / \\partial W`; an optimiser
receives the parameters and their Derivs and moves the parameters, in
place. Keeping the update apart from the layers is what lets a network
change its optimiser (momentum, Adam) without changing a layer.

The sign: the course's :math:`\\mathrm{Deriv}` is the *negative* gradient, so
every step here adds. An optimiser written from a paper for
:math:`g = \\partial E / \\partial W` turns into this one with
:math:`g = -\\mathrm{Deriv}`.

Every optimiser checks each step before taking it (``FiniteSteps``): a step
that would make a weight NaN or infinite raises ``NonFiniteStep`` and
leaves the weights as they were.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import positive_real

__all__ = ["SGD", "FiniteSteps", "NonFiniteStep"]


class NonFiniteStep(ValueError):
    """A step that would have made a weight NaN or infinite; it was not taken."""


class FiniteSteps:
    """Refuses a step :math:`W + s` that would make a weight NaN or infinite, for the price of one dot product.

    Every entry of :math:`s` is at most its length :math:`\\|s\\|` (NaN or
    inf if :math:`s` holds one), so while a bound on every :math:`|w|` plus
    :math:`\\|s\\|` stays below half the float range, no new weight can
    overflow and nothing more is checked. Past that, the bound is measured
    afresh and, if need be, the new weights are computed to be sure.
    """

    def __init__(self):
        self.bound = None

    def check(self, W, step) -> None:
        """Raise ``NonFiniteStep`` unless every entry of ``W + step`` is finite."""
        limit = np.finfo(W.dtype).max / 2
        if self.bound is None:
            self.bound = max(float(W.max()), -float(W.min()))
        size = math.sqrt(float(np.vdot(step, step)))
        if not self.bound + size < limit:
            self.bound = max(float(W.max()), -float(W.min()))
            if not (self.bound + size < limit or np.isfinite(W + step).all()):
                raise NonFiniteStep("this step would make the weights NaN or infinite, so it was not taken")
        self.bound += size


class SGD:
    """Gradient descent, the course's update: :math:`W \\leftarrow W + \\eta \\, \\mathrm{Deriv}`.

    Parameters
    ----------
    eta : float
        The learning rate :math:`\\eta > 0`.

    Examples
    --------
    >>> W, D = np.array([[1.0, 2.0]]), np.array([[0.5, -1.0]])
    >>> SGD(0.1).step([W], [D])
    >>> W
    array([[1.05, 1.9 ]])
    """

    def __init__(self, eta):
        self.eta = positive_real(eta, "eta (learning rate)")
        self._guards = {}

    def step(self, params, derivs) -> None:
        """Move each parameter array of ``params`` by :math:`\\eta` times its Deriv in ``derivs``, in place."""
        for i, (W, D) in enumerate(zip(params, derivs)):
            with np.errstate(over="ignore", invalid="ignore"):  # FiniteSteps reports an overflow
                step = self.eta * D
                self._guards.setdefault(i, FiniteSteps()).check(W, step)
            W += step

    def __repr__(self) -> str:
        return f"SGD(eta={self.eta})"
