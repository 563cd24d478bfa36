"""Input checks shared by every public function.

Each check raises before anything is computed or stored, so a failed call
leaves the caller's objects (and a network's weights) exactly as they were.
This module is the package's own toolbox: users check a data set against a
network with the public ``MLP.check_x`` and ``MLP.check_xy``, which call it.
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


def non_negative_real(value, name: str) -> float:
    value = finite_real(value, name)
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def integer(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    return int(value)


def positive_int(value, name: str) -> int:
    value = integer(value, name)
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
        raise TypeError(f"{name} must be a sequence of numbers, got {type(values).__name__}") from None
    if not items:
        raise ValueError(f"{name} must not be empty")
    return [finite_real(v, f"{name}[{i}]") for i, v in enumerate(items)]


def float_dtype(dtype) -> np.dtype:
    """``numpy.float64`` or ``numpy.float32`` as a ``numpy.dtype``, or raise."""
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be numpy.float64 or numpy.float32, got {dtype!r}") from None
    if dtype not in (np.float64, np.float32):
        raise TypeError(f"dtype must be numpy.float64 or numpy.float32, got {dtype.name}")
    return dtype


def real_array(values, name: str, *, dtype=np.float64, copy: bool = True) -> np.ndarray:
    """``values`` as an array of ``dtype``, converted from integers, booleans or another float precision.

    Complex numbers, text and ragged rows are refused. With ``copy=True``
    the result is a fresh copy, so the library never aliases or mutates the
    caller's array; with ``copy=False`` an array already in ``dtype`` is used
    as it is (for callers that only read it, such as the trainer).
    """
    try:
        array = np.asarray(values)
    except ValueError:
        raise ValueError(f"{name} must be a rectangular array: its rows have different lengths") from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex values ({array.dtype.name})")
    if array.dtype.kind not in "biufO":
        raise TypeError(f"{name} must be an array of real numbers, got dtype {array.dtype.name}")
    try:
        # A value beyond float32's range becomes inf, which all_finite reports.
        with np.errstate(over="ignore"):
            return np.array(array, dtype=dtype, copy=True if copy else None)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None


def all_finite(array: np.ndarray, name: str) -> np.ndarray:
    """``array`` itself, or raise if any entry is NaN or infinite."""
    # min and max are NaN if any entry is, and infinite if any entry is: two
    # passes over the data and no temporary array of its size.
    if not (np.isfinite(array.min()) and np.isfinite(array.max())):
        limit = (
            ""
            if array.dtype == np.float64
            else f", and within +-{np.finfo(array.dtype).max:.3g} for {array.dtype.name}"
        )
        raise ValueError(f"{name} must contain only finite values (no NaN or inf{limit})")
    return array


def float_matrix(values, name: str, *, columns: int | None = None, dtype=np.float64, copy: bool = True) -> np.ndarray:
    """A finite array of one row ``(n,)`` or a batch of rows ``(m, n)``, in ``dtype``.

    Always returned 2-D (a single sample becomes a batch of one); converted
    and copied as by ``real_array``.
    """
    expected = (
        "(n_features,) or (n_samples, n_features)" if columns is None else f"({columns},) or (n_samples, {columns})"
    )
    try:
        array = real_array(values, name, dtype=dtype, copy=copy)
    except ValueError as error:
        raise ValueError(f"{error}; expected shape {expected}") from None
    if array.ndim == 1:
        array = array[np.newaxis, :]
    if array.ndim != 2:
        raise ValueError(
            f"{name} must have shape (n_features,) or (n_samples, n_features), got an array of shape {array.shape}"
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if columns is not None and array.shape[1] != columns:
        raise ValueError(
            f"{name} must have {columns} column(s), shape (n_samples, {columns}) "
            f"or ({columns},), got shape {array.shape}"
        )
    return all_finite(array, name)


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


def finite_array(values, name: str) -> np.ndarray:
    """A non-empty, finite real array of any shape, as float64 (no copy when it already is one)."""
    if np.iscomplexobj(values):
        raise TypeError(f"{name} must be real; take np.abs() of a complex STFT first")
    array = real_array(values, name, copy=False)
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    return all_finite(array, name)


def choice(value, name: str, options) -> str:
    """One of a few allowed strings."""
    if not isinstance(value, str) or value not in options:
        allowed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return value


def fft_length(n_fft: int, n_samples: int, name: str = "y") -> int:
    """``n_fft`` for a centred STFT of ``n_samples`` samples, unless it is absurdly larger than the signal.

    A frame longer than the signal is mostly the zeros of the padding, which
    librosa allows with a warning; beyond ``2**16`` samples and twice the
    signal it is a mistake that would allocate ``n_fft``-sized arrays (the
    window, the padding, each frame's spectrum) for nothing.
    """
    limit = max(2 * n_samples, 2**16)
    if n_fft > limit:
        raise ValueError(
            f"n_fft={n_fft} is absurdly larger than the signal {name} ({n_samples} samples): "
            f"at most max(2**16, 2 * len({name})) = {limit}"
        )
    return n_fft
