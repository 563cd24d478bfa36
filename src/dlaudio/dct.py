"""The discrete cosine transform (type II) as a matrix.

:math:`X[k] = 2 \\sum_{n=0}^{N-1} x[n] \\cos\\left(\\frac{\\pi k (2n + 1)}{2N}\\right)`
is scipy's unnormalised DCT-II. Each row of the matrix is a cosine with
``k`` half-periods over the ``N`` inputs, so ``np.dot(D, x)`` measures how
much of each cosine ``x`` holds: a change of basis. With ``norm="ortho"``
the rows are scaled to unit length (row 0 by :math:`\\sqrt{1/N}`, the others
by :math:`\\sqrt{2/N}`) and the matrix is orthogonal: ``D.T`` undoes it.
"""

from __future__ import annotations

import functools

import numpy as np

from ._checks import positive_int

__all__ = ["dct_matrix"]

# mfcc asks for the same small matrix once per clip (mfcc_features: hundreds
# of times per call); the matrices up to this size are kept once built.
_KEPT_UP_TO = 512


def dct_matrix(n, type=2, norm="ortho"):
    """The ``(n, n)`` DCT-II matrix ``D``: ``np.dot(D, x)`` equals ``scipy.fft.dct(x, type=2, norm=norm)``.

    Parameters
    ----------
    n : int
        Length of the vectors it transforms.
    type : int
        Only 2, the DCT of MFCCs.
    norm : {"ortho", None}
        ``"ortho"`` (librosa's MFCC default): orthonormal rows,
        ``D @ D.T = I``. ``None``: scipy's unnormalised
        :math:`2 \\sum x[n] \\cos(\\ldots)`, :math:`\\sqrt{2N}` times larger
        (:math:`2\\sqrt{N}` for row 0).

    Returns
    -------
    numpy.ndarray
        The matrix ``D``, shape ``(n, n)``, a new array.

    Examples
    --------
    >>> D = dct_matrix(4)
    >>> np.round(D, 4)
    array([[ 0.5   ,  0.5   ,  0.5   ,  0.5   ],
           [ 0.6533,  0.2706, -0.2706, -0.6533],
           [ 0.5   , -0.5   , -0.5   ,  0.5   ],
           [ 0.2706, -0.6533,  0.6533, -0.2706]])
    >>> bool(np.allclose(D @ D.T, np.eye(4)))
    True
    >>> dct_matrix(4, norm=None)[0]
    array([2., 2., 2., 2.])
    """
    n = positive_int(n, "n")
    if isinstance(type, bool) or type != 2:
        raise ValueError(f"type must be 2 (the DCT-II), got {type!r}")
    if norm not in ("ortho", None):
        raise ValueError(f"norm must be 'ortho' or None, got {norm!r}")
    return _kept(n, norm).copy() if n <= _KEPT_UP_TO else _dct_ii(n, norm)


@functools.lru_cache(maxsize=8)
def _kept(n, norm):
    D = _dct_ii(n, norm)
    D.flags.writeable = False  # shared by every call: callers get copies
    return D


def _dct_ii(n, norm):
    k = np.arange(n)[:, np.newaxis]
    m = np.arange(n)[np.newaxis, :]
    # The angle pi k (2m + 1) / 2N, reduced modulo a full turn (4N in these
    # units) first, so large k (2m + 1) keep float64 accuracy. Only 4N
    # angles occur: their cosines are computed once and looked up.
    turn = 2.0 * np.cos(np.pi * np.arange(4 * n) / (2 * n))
    D = turn[(k * (2 * m + 1)) % (4 * n)]
    if norm == "ortho":
        D[0] *= np.sqrt(1.0 / (4 * n))
        D[1:] *= np.sqrt(1.0 / (2 * n))
    return D
