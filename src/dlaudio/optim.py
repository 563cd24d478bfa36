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

from ._checks import finite_real, positive_real

__all__ = ["SGD", "Momentum", "Adam", "FiniteSteps", "NonFiniteStep"]


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
        """Raise ``NonFiniteStep`` unless every entry of ``W + step`` is finite.

        Parameters
        ----------
        W : numpy.ndarray
            The weights before the step.
        step : numpy.ndarray
            The step to be added, shaped like ``W``.

        Raises
        ------
        NonFiniteStep
            If a weight would become NaN or infinite.
        """
        limit = np.finfo(W.dtype).max / 2
        if self.bound is None:
            self.bound = max(float(W.max()), -float(W.min()))
        flat = step.reshape(-1)
        size = math.sqrt(float(np.dot(flat, flat)))  # np.dot: vdot is far slower with threaded BLAS
        if not self.bound + size < limit:
            self.bound = max(float(W.max()), -float(W.min()))
            if not (self.bound + size < limit or np.isfinite(W + step).all()):
                raise NonFiniteStep("this step would make the weights NaN or infinite, so it was not taken")
        self.bound += size


class _Optimiser:
    """What every optimiser shares: a state per parameter array, and the check of each step."""

    def __init__(self):
        self._guards = {}
        self._state = {}

    def _take(self, i, W, step) -> None:
        """Check the step of parameter array ``i``, then take it (``W += step``)."""
        self._guards.setdefault(i, FiniteSteps()).check(W, step)
        W += step

    def step(self, params, derivs) -> None:
        """Take one step for each parameter array of ``params`` with its Deriv in ``derivs``, in place.

        Parameters
        ----------
        params : sequence of numpy.ndarray
            The weights, updated in place.
        derivs : sequence of numpy.ndarray
            :math:`\\mathrm{Deriv}` of each array of ``params``, in the same
            order and shapes.

        Raises
        ------
        NonFiniteStep
            If a step would make a weight NaN or infinite; that array is
            left as it was.
        """
        # An overflow shows up as inf or NaN in a step, which FiniteSteps
        # reports before the step is taken: numpy's warnings would only repeat it.
        with np.errstate(over="ignore", invalid="ignore"):
            for i, (W, D) in enumerate(zip(params, derivs)):
                self._take(i, W, self._step(i, W, D))

    def _zeros(self, i, W, count):
        """The optimiser's ``count`` arrays of state for parameter array ``i``, zero at first."""
        return self._state.setdefault(i, [np.zeros_like(W) for _ in range(count)])


class SGD(_Optimiser):
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
        super().__init__()
        self.eta = positive_real(eta, "eta (learning rate)")

    def _step(self, i, W, D):
        return self.eta * D

    def __repr__(self) -> str:
        return f"SGD(eta={self.eta})"


class Momentum(_Optimiser):
    """Gradient descent with momentum, a velocity :math:`v` that remembers the past Derivs.

    Each step is :math:`v \\leftarrow \\mu v + \\mathrm{Deriv}`,
    :math:`W \\leftarrow W + \\eta v`. The velocity :math:`v` sums the past Derivs, each step's weighted by
    :math:`\\mu` once more: directions that agree from step to step build
    up, zigzags across a narrow valley cancel. This is PyTorch's ``SGD``
    with ``momentum=mu`` (its :math:`g` is :math:`-\\mathrm{Deriv}`, so its
    velocity is :math:`-v`).

    Parameters
    ----------
    eta : float
        The learning rate :math:`\\eta > 0`.
    mu : float
        The momentum :math:`0 \\le \\mu < 1`; 0 is plain gradient descent.

    Examples
    --------
    >>> W, D = np.zeros(1), np.ones(1)
    >>> opt = Momentum(0.1, mu=0.5)
    >>> for _ in range(3):
    ...     opt.step([W], [D])
    >>> W  # steps of 0.1, 0.15, 0.175
    array([0.425])
    """

    def __init__(self, eta, mu=0.9):
        super().__init__()
        self.eta = positive_real(eta, "eta (learning rate)")
        self.mu = _fraction(mu, "mu (the momentum)")

    def _step(self, i, W, D):
        (v,) = self._zeros(i, W, 1)
        v *= self.mu
        v += D
        return self.eta * v

    def __repr__(self) -> str:
        return f"Momentum(eta={self.eta}, mu={self.mu})"


class Adam(_Optimiser):
    """Adam (Kingma and Ba 2015, Algorithm 1), in the course's notation.

    With :math:`g = -\\mathrm{Deriv}` the paper's moments become, at step
    :math:`t = 1, 2, \\dots`:

    .. math::

       m &\\leftarrow \\beta_1 m + (1 - \\beta_1) \\, \\mathrm{Deriv}, \\qquad
       v \\leftarrow \\beta_2 v + (1 - \\beta_2) \\, \\mathrm{Deriv}^2, \\\\
       W &\\leftarrow W + \\eta \\, \\frac{m / (1 - \\beta_1^t)}{\\sqrt{v / (1 - \\beta_2^t)} + \\epsilon} .

    :math:`m` (of Deriv, so minus the paper's) and :math:`v` are running
    means of the Derivs and of their squares; dividing by :math:`1 - \\beta^t`
    corrects their start at 0. Each weight then moves by about :math:`\\eta`
    in the direction its Derivs agree on, whatever their size. The
    :math:`\\epsilon` sits outside the square root, after the correction,
    as in the paper and PyTorch (Keras adds it before the correction).

    Parameters
    ----------
    eta : float
        The step size :math:`\\eta > 0` (the paper's :math:`\\alpha`, 0.001).
    beta1, beta2 : float
        The decay of the two moments, in [0, 1) (0.9 and 0.999).
    eps : float
        :math:`\\epsilon > 0`, against a division by 0 (1e-8).

    Examples
    --------
    >>> W, D = np.zeros(2), np.array([0.5, -2.0])
    >>> Adam(0.1).step([W], [D])
    >>> W.round(6)  # the first step is eta in the direction of Deriv, whatever its size
    array([ 0.1, -0.1])
    """

    def __init__(self, eta=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__()
        self.eta = positive_real(eta, "eta (the step size)")
        self.beta1 = _fraction(beta1, "beta1")
        self.beta2 = _fraction(beta2, "beta2")
        self.eps = positive_real(eps, "eps")
        self.t = 0

    def step(self, params, derivs) -> None:
        """Take step :math:`t + 1` for each parameter array of ``params``, in place.

        Parameters
        ----------
        params : sequence of numpy.ndarray
            The weights, updated in place.
        derivs : sequence of numpy.ndarray
            :math:`\\mathrm{Deriv}` of each array of ``params``, in the same
            order and shapes.

        Raises
        ------
        NonFiniteStep
            If a step would make a weight NaN or infinite; that array is
            left as it was.
        """
        self.t += 1  # one step of every parameter array
        super().step(params, derivs)

    def _step(self, i, W, D):
        m, v, step = self._zeros(i, W, 3)  # step: room for the result, reused at every step
        # m = beta1 m + (1 - beta1) Deriv, as beta1 (m - Deriv) + Deriv: no temporary array.
        m -= D
        m *= self.beta1
        m += D
        v *= self.beta2
        np.multiply(D, D, out=step)
        step *= 1 - self.beta2
        v += step
        # (m / c1) / (sqrt(v / c2) + eps) = (sqrt(c2) / c1) m / (sqrt(v) + eps sqrt(c2)), with
        # c = 1 - beta^t: the corrections become two numbers instead of two passes over the weights.
        root_c2 = math.sqrt(1 - self.beta2**self.t)
        np.sqrt(v, out=step)
        step += self.eps * root_c2
        np.divide(m, step, out=step)
        step *= self.eta * root_c2 / (1 - self.beta1**self.t)
        return step

    def __repr__(self) -> str:
        return f"Adam(eta={self.eta}, beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


def _fraction(value, name) -> float:
    value = finite_real(value, name)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value
