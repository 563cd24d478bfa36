"""Input checks shared by every public function.

Each check raises before anything is computed or stored, so a failed call
leaves the caller's objects (and a network's weights) exactly as they were.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def finite_real(value, name: str) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def as_generator(rng) -> np.random.Generator:
    """A ``numpy.random.Generator`` from ``None`` (fresh entropy), a seed, or a generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be None, an int seed or a numpy.random.Generator, got {type(rng).__name__}")


def positive_real(value, name: str) -> float:
    value = finite_real(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def real_sequence(values, name: str) -> list[float]:
    """A non-empty sequence of finite real numbers, as a list of floats."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a sequence of numbers, got {type(values).__name__}")
    try:
        items = list(values)
    except TypeError:
        raise TypeError(
            f"{name} must be a sequence of numbers, got {type(values).__name__}"
        ) from None
    if not items:
        raise ValueError(f"{name} must not be empty")
    return [finite_real(v, f"{name}[{i}]") for i, v in enumerate(items)]


def float_matrix(values, name: str, *, columns: int | None = None) -> np.ndarray:
    """A finite float64 array of one row ``(n,)`` or a batch of rows ``(m, n)``.

    Always returned 2-D (a single sample becomes a batch of one) and always a
    fresh copy, so the library never aliases or mutates the caller's array.
    """
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None
    if array.ndim == 1:
        array = array[np.newaxis, :]
    if array.ndim != 2:
        raise ValueError(
            f"{name} must have shape (n_features,) or (n_samples, n_features), "
            f"got an array of shape {array.shape}"
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if columns is not None and array.shape[1] != columns:
        raise ValueError(
            f"{name} must have {columns} column(s), shape (n_samples, {columns}) "
            f"or ({columns},), got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return array


def sample_rate(sr, name: str = "sr") -> int:
    """A sample rate: a positive whole number of samples per second."""
    return positive_int(sr, name)


def signal(y, name: str = "y") -> np.ndarray:
    """A non-empty, finite, 1-D real signal as float64 (no copy when it already is one).

    The library never writes into the returned array, so returning the
    caller's own float64 array is safe.
    """
    if isinstance(y, np.ndarray) and np.iscomplexobj(y):
        raise TypeError(f"{name} must be a real signal, got a complex array")
    try:
        array = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be a 1-D (mono) signal, got an array of shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return array


def real_array(values, name: str) -> np.ndarray:
    """A non-empty, finite real array of any shape, as float64."""
    if np.iscomplexobj(values):
        raise TypeError(f"{name} must be real; take np.abs() of a complex STFT first")
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite values (no NaN or inf)")
    return array


def choice(value, name: str, options) -> str:
    """One of a few allowed strings."""
    if not isinstance(value, str) or value not in options:
        allowed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return value
