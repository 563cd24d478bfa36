"""The loss that training minimises, its mean per sample, and the mean squared error.

Backpropagation as the course writes it, ``error = y - a`` and
``W += eta * Deriv``, is gradient descent on

.. math:: E = \\tfrac12 \\sum_{\\text{samples}} \\sum_{\\text{outputs}} (y - a)^2 ,

because ``Deriv = -dE/dW``. The ½ is there so that the 2 from differentiating
the square cancels.
"""

from __future__ import annotations

import numpy as np

__all__ = ["loss", "mean_loss", "mean_squared_error"]


def loss(y, a) -> float:
    """:math:`E = \\frac12 \\sum (y - a)^2`, summed over every sample and output.

    This is the quantity whose negative gradient backpropagation computes.

    Examples
    --------
    >>> round(loss([[1.0]], [[0.68]]), 6)
    0.0512
    """
    diff = np.asarray(y, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    return float(0.5 * np.sum(diff * diff))


def mean_loss(y, a) -> float:
    """:math:`E` divided by the number of samples: the loss per sample that training reports.

    ``y`` and ``a`` are batches of rows, shape (n_samples, n_outputs).
    """
    y = np.asarray(y, dtype=np.float64)
    return loss(y, a) / (y.shape[0] if y.ndim > 1 else 1)


def mean_squared_error(y, a) -> float:
    """Mean of :math:`(y - a)^2` over every sample and output.

    For one output this is twice ``mean_loss``.

    Examples
    --------
    >>> mean_squared_error([[1.0], [0.0]], [[0.5], [0.5]])
    0.25
    """
    diff = np.asarray(y, dtype=np.float64) - np.asarray(a, dtype=np.float64)
    return float(np.mean(diff * diff))
