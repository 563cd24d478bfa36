"""Reading and writing WAV files: sound as numbers on disk.

A WAV file holds a short header (sample rate, channels, sample format) and
then the samples, one integer (PCM) or float per channel per time step.
Reading and writing go through ``soundfile`` (libsndfile), the reader librosa
uses too; resampling goes through ``soxr`` at librosa's default quality
``'soxr_hq'``, so ``read_wav(path, sr=22050)`` gives the numbers of
``librosa.load(path, sr=22050)`` (computed in float64 rather than float32).
"""

from __future__ import annotations

import math
import os
import struct
from pathlib import Path

import numpy as np
import soundfile
import soxr

from ._checks import choice, sample_rate, signal
from ._files import atomic_write

__all__ = ["read_wav", "write_wav", "PCM_SUBTYPES", "WAV_SUBTYPES"]

#: PCM sample formats ``write_wav`` writes, with their number of bits.
PCM_SUBTYPES = {"PCM_U8": 8, "PCM_16": 16, "PCM_24": 24, "PCM_32": 32}
#: Every sample format ``write_wav`` writes, the PCM ones and 32-bit float.
WAV_SUBTYPES = (*PCM_SUBTYPES, "FLOAT")

_WAV_FORMATS = ("WAV", "WAVEX", "RF64")


def _declared_data_bytes(path: Path) -> tuple[int, int] | None:
    """``(declared, present)`` bytes of a RIFF file's ``data`` chunk, or None if not found.

    libsndfile reads a file whose data was cut short without complaint (it
    only notes it in its log), so the header's promise is checked here.
    """
    size = path.stat().st_size
    with open(path, "rb") as fh:
        if fh.read(4) != b"RIFF":
            return None  # RF64 and others: sizes live elsewhere; trust libsndfile
        fh.seek(12)
        while True:
            header = fh.read(8)
            if len(header) < 8:
                return None
            chunk, length = header[:4], struct.unpack("<I", header[4:])[0]
            if chunk == b"data":
                return length, size - fh.tell()
            fh.seek(length + (length & 1), os.SEEK_CUR)


def read_wav(path, sr=None):
    """Read a WAV file as mono float64 samples and its sample rate.

    Parameters
    ----------
    path : str or os.PathLike
        The WAV file: PCM 8, 16, 24 or 32 bit, or 32/64-bit float, any rate,
        any number of channels.
    sr : int, optional
        Resample to this rate (with ``soxr`` at quality ``'soxr_hq'``, the
        same call ``librosa.load`` makes). ``None`` (the default) keeps the
        file's own rate. Unlike ``librosa.load``, which resamples to 22 050 Hz
        unless told ``sr=None``, nothing is resampled unless you ask.

    Returns
    -------
    samples : numpy.ndarray
        1-D float64. PCM is scaled to [-1, 1) (a 16-bit value ``q`` becomes
        ``q / 32768``); float files are returned as stored. Several channels
        are averaged to one, as ``librosa.load`` does.
    sr : int
        The sample rate of ``samples``.

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    ValueError
        The file is empty, is not a WAV file, is cut short, holds no samples
        or non-finite samples; or ``sr`` is not positive.
    TypeError
        ``sr`` is not an integer.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "three.wav")
    >>> write_wav(path, [0.0, 0.5, -0.5], 8000)
    >>> read_wav(path)
    (array([ 0. ,  0.5, -0.5]), 8000)
    """
    target = None if sr is None else sample_rate(sr)
    path = Path(os.fspath(path))
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if not path.is_file():
        raise ValueError(f"{path}: not a file")
    if path.stat().st_size == 0:
        raise ValueError(f"{path}: the file is empty (0 bytes), not a WAV file")
    try:
        with soundfile.SoundFile(path) as f:
            file_format, native = f.format, f.samplerate
            data = f.read(dtype="float64", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError) as err:
        raise ValueError(f"{path}: not a readable WAV file ({err})") from err
    if file_format not in _WAV_FORMATS:
        raise ValueError(f"{path}: a {file_format} file, not WAV")
    data_bytes = _declared_data_bytes(path)
    if data_bytes is not None and data_bytes[0] > data_bytes[1]:
        raise ValueError(
            f"{path}: the file is cut short: its header announces {data_bytes[0]} bytes "
            f"of samples, the file holds {data_bytes[1]}"
        )
    if data.shape[0] == 0:
        raise ValueError(f"{path}: the file holds no samples")
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{path}: the file holds NaN or infinite samples")
    samples = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1)
    if target is None or target == native:
        return samples, native
    return _resample(samples, native, target), target


def _resample(samples, native, target):
    """librosa's ``resample(res_type='soxr_hq')``: soxr, then fixed to ``ceil(n * ratio)`` samples."""
    out = soxr.resample(samples, native, target, quality="soxr_hq")
    n = math.ceil(samples.shape[0] * target / native)
    if out.shape[0] >= n:
        return out[:n]
    return np.pad(out, (0, n - out.shape[0]))


def _quantise(samples, subtype):
    """The integers a PCM file stores: ``round(x * 2**(bits-1))``, in soundfile's int layout.

    Quantised here rather than by libsndfile, so the scale is exactly the one
    reading divides by (``2**(bits-1)``) and full scale ``+1.0`` saturates
    to the largest code.
    """
    bits = PCM_SUBTYPES[subtype]
    full = 2 ** (bits - 1)
    q = np.clip(np.round(samples * full), -full, full - 1).astype(np.int64)
    if bits == 8:  # libsndfile stores 8-bit as the top byte of an int16
        return (q << 8).astype(np.int16)
    if bits == 16:
        return q.astype(np.int16)
    return (q << (32 - bits)).astype(np.int32)  # 24 bit: the top three bytes of an int32


def write_wav(path, samples, sr, subtype="PCM_16"):
    """Write mono samples to a WAV file, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write (replaced if it exists). Its folder must exist.
    samples : array_like
        A 1-D mono signal, finite. For PCM every sample must lie in [-1, 1];
        ``+1.0`` is stored as the largest code (32767 at 16 bit). Several
        channels are not written: a 2-D array is refused, because librosa's
        ``(channels, n)`` and soundfile's ``(n, channels)`` layouts are too
        easily confused; average them (``x.mean(axis=...)``) first.
    sr : int
        The sample rate in Hz, a positive integer.
    subtype : {"PCM_16", "PCM_U8", "PCM_24", "PCM_32", "FLOAT"}
        The sample format. PCM stores ``round(x * 2**(bits - 1))``, so
        ``read_wav`` returns every sample within half a step,
        ``2**-bits``, except above the largest code ``1 - 2**(1 - bits)``,
        where samples saturate to it (``+1.0`` loses one step);
        ``"FLOAT"`` stores float32.

    Notes
    -----
    The samples go to a temporary file in the same folder, which then
    replaces ``path`` in one step (``os.replace``): on any error nothing is
    left behind and an existing file at ``path`` is untouched.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "step.wav")
    >>> write_wav(path, [0.25, -1.0, 1.0], 16000, subtype="PCM_U8")
    >>> read_wav(path)[0]
    array([ 0.25     , -1.       ,  0.9921875])
    """
    samples = signal(samples, "samples")
    sr = sample_rate(sr)
    choice(subtype, "subtype", WAV_SUBTYPES)
    if subtype in PCM_SUBTYPES:
        peak = float(np.max(np.abs(samples)))
        if peak > 1.0:
            raise ValueError(
                f"samples must lie in [-1, 1] for {subtype}, got a peak of {peak:g}; "
                "scale them or write subtype='FLOAT'"
            )
        data = _quantise(samples, subtype)
    else:
        data = samples.astype(np.float32)
    with atomic_write(path) as fh:
        soundfile.write(fh, data, sr, subtype=subtype, format="WAV")
