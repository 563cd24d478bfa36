"""Features and labels made ready for a network: ``Standardizer``, ``encode_labels``, ``one_hot``.

``Standardizer`` scales features with the training split's statistics only;
``encode_labels`` turns labels into class indices and ``one_hot`` turns those
into the target rows of a softmax output.
"""

from __future__ import annotations

import numpy as np

from ._checks import positive_int, real_array
from ._labels import string_list

__all__ = ["Standardizer", "encode_labels", "one_hot"]


def _features(x, name):
    array = real_array(x, name)
    if array.ndim < 2 or array.shape[0] == 0 or array.shape[-1] == 0:
        raise ValueError(f"{name} must have shape (n_clips, ..., n_features) with n_clips >= 1, got {array.shape}")
    if not np.all(np.isfinite(array)):
        rows = np.flatnonzero(~np.all(np.isfinite(array.reshape(array.shape[0], -1)), axis=1))
        raise ValueError(f"{name} must contain only finite values; rows {rows[:10].tolist()} do not")
    return array


class Standardizer:
    """Scale features to mean 0 and standard deviation 1, with statistics from training data only.

    ``fit`` on the training split; ``transform`` every split with those
    numbers. Statistics taken over all the data would let the test clips
    leak into training. The last axis is the feature axis (a column of
    ``(n, features)``, or a coefficient of ``(n, frames, n_mfcc)``, whose
    statistics then pool the frames). A feature that is constant in the
    training data gets scale 1 (it is only centred), not a division by 0.

    Examples
    --------
    >>> train = np.array([[1.0, 5.0], [3.0, 5.0]])
    >>> s = Standardizer().fit(train)
    >>> s.mean_, s.scale_
    (array([2., 5.]), array([1., 1.]))
    >>> s.transform([[2.0, 6.0]])
    array([[0., 1.]])
    """

    def __init__(self):
        self.mean_ = None
        self.scale_ = None

    def fit(self, x):
        """Take the mean and standard deviation of each feature of ``x``.

        Parameters
        ----------
        x : array_like
            The training features, shape ``(n_clips, ..., n_features)``.

        Returns
        -------
        Standardizer
            This object, with ``mean_`` and ``scale_`` set.
        """
        array = _features(x, "x")
        axes = tuple(range(array.ndim - 1))
        # Sums of values near float max overflow: take the statistics of each
        # feature divided by a power of 2 near its largest |x|. Scaling by a
        # power of 2 is exact, so ordinary data gets numpy's numbers to the bit.
        _, exponent = np.frexp(np.max(np.abs(array), axis=axes))
        unit = np.ldexp(1.0, exponent - 1)
        scaled = array / unit
        mean = scaled.mean(axis=axes) * unit
        scale = scaled.std(axis=axes) * unit
        scale[scale == 0] = 1.0
        self.mean_, self.scale_ = mean, scale
        return self

    def transform(self, x):
        """Compute ``(x - mean_) / scale_`` with the statistics of ``fit``.

        Parameters
        ----------
        x : array_like
            Features with as many columns (last axis) as ``fit`` saw.

        Returns
        -------
        numpy.ndarray
            The standardised features, a new array.
        """
        if self.mean_ is None:
            raise ValueError("this Standardizer is not fitted yet: call fit(train) first")
        array = _features(x, "x")
        if array.shape[-1] != self.mean_.size:
            raise ValueError(f"x has {array.shape[-1]} features, the Standardizer was fitted on {self.mean_.size}")
        # Halving first keeps x - mean within float range near float max;
        # halving and doubling are exact (but for subnormals), so other
        # results are unchanged.
        with np.errstate(over="ignore"):
            z = (array / 2 - self.mean_ / 2) / self.scale_ * 2
        if not np.all(np.isfinite(z)):
            raise ValueError("x lies so far from the training data that its standardized values exceed the float range")
        return z

    def fit_transform(self, x):
        """Run ``fit(x)``, then ``transform(x)``.

        Parameters
        ----------
        x : array_like
            The training features.

        Returns
        -------
        numpy.ndarray
            The standardised training features.
        """
        return self.fit(x).transform(x)


def encode_labels(labels, classes=None):
    """Labels to class indices: ``(indices, classes)`` with ``classes[indices[k]] == labels[k]``.

    ``classes`` defaults to the sorted distinct labels; give it to encode a
    validation or test split the same way as the training split (a label
    not in it is an error).

    Parameters
    ----------
    labels : sequence of str
        One label per clip.
    classes : sequence of str, optional
        The classes, in the order of their indices.

    Returns
    -------
    indices : numpy.ndarray
        The class index of each label, int64.
    classes : tuple of str
        The classes.

    Examples
    --------
    >>> encode_labels(["u", "a", "u"])
    (array([1, 0, 1]), ('a', 'u'))
    """
    label_list = string_list(labels)
    if not label_list:
        raise ValueError("labels must not be empty")
    if classes is None:
        classes = tuple(sorted(set(label_list)))
    else:
        classes = tuple(string_list(classes, name="classes"))
        if len(set(classes)) != len(classes):
            raise ValueError(f"classes must be distinct, got {list(classes)}")
    index = {c: k for k, c in enumerate(classes)}
    unknown = sorted(set(label_list) - set(index))
    if unknown:
        raise ValueError(f"label(s) {unknown} are not among the classes {list(classes)}")
    return np.array([index[label] for label in label_list], dtype=np.int64), classes


def one_hot(indices, n_classes):
    """One-hot rows: row ``k`` is all zeros but a 1 in column ``indices[k]``.

    The targets ``y`` of a softmax output: one row per example, as the
    network's rows are.

    Parameters
    ----------
    indices : array_like of int
        The class of each example, in ``[0, n_classes)``.
    n_classes : int
        The number of classes, the columns of the result.

    Returns
    -------
    numpy.ndarray
        The rows, shape ``(n_examples, n_classes)``.

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    n_classes = positive_int(n_classes, "n_classes")
    array = np.asarray(indices)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"indices must be a non-empty 1-D array of class indices, got shape {array.shape}")
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"indices must be integers, got dtype {array.dtype}")
    if np.any(array < 0) or np.any(array >= n_classes):
        raise ValueError(f"indices must lie in [0, {n_classes}), got values from {array.min()} to {array.max()}")
    out = np.zeros((array.size, n_classes))
    out[np.arange(array.size), array] = 1.0
    return out
