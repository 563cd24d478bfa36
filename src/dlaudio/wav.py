"""Reading and writing WAV files (and reading FLAC and OGG): sound as numbers on disk.

A WAV file holds a short header (sample rate, channels, sample format) and
then the samples, one integer (PCM) or float per channel per time step.
Reading and writing go through ``soundfile`` (libsndfile), the reader librosa
uses too; resampling goes through ``soxr`` at librosa's default quality
``'soxr_hq'``, so ``read_wav(path, sr=22050)`` gives the numbers of
``librosa.load(path, sr=22050)`` (computed in float64 rather than float32).
"""

from __future__ import annotations

import errno
import math
import os
import stat
import struct

import numpy as np
import soundfile
import soxr

from ._checks import choice, positive_int, sample_rate, signal
from ._files import as_path, atomic_write, os_error

__all__ = ["quantise", "read_wav", "read_audio", "resample", "write_wav", "PCM_SUBTYPES", "WAV_SUBTYPES"]

#: PCM sample formats ``write_wav`` writes, with their number of bits.
PCM_SUBTYPES = {"PCM_U8": 8, "PCM_16": 16, "PCM_24": 24, "PCM_32": 32}
#: Every sample format ``write_wav`` writes, the PCM ones and 32-bit float.
WAV_SUBTYPES = (*PCM_SUBTYPES, "FLOAT")

_WAV_FORMATS = ("WAV", "WAVEX", "RF64")
#: The largest sample rate a WAV header (and libsndfile's int) holds, and the
#: most samples ``read_wav`` resamples to: far beyond any real recording.
_MAX_RATE = _MAX_RESAMPLED = 2**31 - 1
#: A RIFF size field's "unknown": a writer streaming to a pipe cannot go back to fill it in.
_STREAMING_SIZE = 0xFFFFFFFF


def _cut_short(fh, size: int) -> str | None:
    """How a WAV or Ogg file is cut short, by what its own structure promises, or None if it is not."""
    declared = _declared_data_bytes(fh, size)
    if declared is not None and declared[0] > declared[1]:
        return f"its header announces {declared[0]} bytes of samples, the file holds {declared[1]}"
    return _ogg_cut_short(fh, size)


def _declared_data_bytes(fh, size: int) -> tuple[int, int] | None:
    """``(declared, present)`` bytes of a RIFF file's ``data`` chunk, or None if not found.

    libsndfile reads a file whose data was cut short without complaint (it
    only notes it in its log), so the header's promise is checked here.
    """
    fh.seek(0)
    if fh.read(4) != b"RIFF":
        return None  # RF64 and others: sizes live elsewhere; trust libsndfile
    fh.seek(12)
    while True:
        header = fh.read(8)
        if len(header) < 8:
            return None
        chunk, length = header[:4], struct.unpack("<I", header[4:])[0]
        if chunk == b"data":
            if length == _STREAMING_SIZE:
                return None  # the samples run to the end of the file, as libsndfile reads them
            return length, size - fh.tell()
        fh.seek(length + (length & 1), os.SEEK_CUR)


def _ogg_cut_short(fh, size: int) -> str | None:
    """How an Ogg file is cut short, or None if it is whole (or not Ogg).

    libsndfile decodes an Ogg Vorbis file up to its last whole page without
    complaint, so a file cut short reads as a shorter sound (cut 100 bytes
    from the robin's 15,629 and a third of its samples are gone). Ogg keeps
    no total length to check against, but every page says how long it is and
    a whole stream ends on a page marked end-of-stream (RFC 3533).
    """
    position, flags = 0, 0
    while position < size:
        fh.seek(position)
        header = fh.read(27)  # "OggS", version, flags, granule, serial, sequence, CRC, segment count
        if header[:4] != b"OggS":
            return None if position == 0 else f"no Ogg page where one should start, at byte {position}"
        lacing = fh.read(header[26]) if len(header) == 27 else b""
        end = position + len(header) + len(lacing) + sum(lacing)
        if len(header) < 27 or len(lacing) < header[26] or end > size:
            return f"its last Ogg page, from byte {position}, is cut off at byte {size}"
        position, flags = end, header[5]
    if not flags & 0x04:
        return "its last Ogg page does not end the stream"
    return None


def _open(path: os.PathLike):
    """``path`` opened for binary reading, or an error that names it and says why not."""
    try:
        # stat first: opening a FIFO would wait for a writer forever.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ValueError(f"{path}: not a file")
        return open(path, "rb")
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"{path}: no such file") from None
    except PermissionError as err:
        raise os_error(
            err, f"{path}: permission denied: this user may not read the file, or a folder it is in"
        ) from err
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise os_error(err, f"{path}: a symbolic link loop: its links never reach a file") from err
        raise os_error(err, f"{path}: cannot be opened: {err.strerror}") from err


def _mono(data):
    """The channels' mean, finite when they are: ``data.mean(axis=1)``, as librosa computes it.

    Where the plain sum of samples near the float64 maximum overflows, those
    rows are averaged from samples divided by the channel count instead, and
    kept between the row's smallest and largest sample, which the true mean is.
    """
    if data.shape[1] == 1:
        return data[:, 0]
    with np.errstate(over="ignore"):
        mean = data.mean(axis=1)
    overflowed = ~np.isfinite(mean)
    if overflowed.any():
        rows = data[overflowed]
        with np.errstate(over="ignore"):
            scaled = (rows / rows.shape[1]).sum(axis=1)
        mean[overflowed] = np.clip(scaled, rows.min(axis=1), rows.max(axis=1))
    return mean


def _wav_rate(sr) -> int:
    sr = sample_rate(sr)
    if sr > _MAX_RATE:
        raise ValueError(f"sr must be at most 2**31 - 1 = {_MAX_RATE} Hz (the largest rate a WAV file holds), got {sr}")
    return sr


def read_wav(path, sr=None):
    """Read a WAV file as mono float64 samples and its sample rate.

    Parameters
    ----------
    path : str, bytes or os.PathLike
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
    OSError
        The file cannot be opened: permission denied (``PermissionError``)
        or a symbolic link loop.
    ValueError
        The file is empty, is not a WAV file, is cut short, holds no samples
        or non-finite samples; or ``sr`` is not positive, is above
        ``2**31 - 1`` (the largest rate a WAV file holds) or would make more
        than ``2**31 - 1`` samples.
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
    return _read(path, sr, _WAV_FORMATS, "WAV")


def read_audio(path, sr=None):
    """Read a WAV, FLAC or OGG Vorbis file as mono float64 samples and its sample rate.

    ``read_wav`` for the compressed formats too, with the same checks,
    channel averaging and resampling; the recordings that ship with the
    course (``dlaudio.example``) are OGG Vorbis.

    Parameters
    ----------
    path : str, bytes or os.PathLike
        The file: WAV (as ``read_wav`` reads), FLAC, or OGG Vorbis.
    sr : int, optional
        Resample to this rate (``soxr_hq``, as ``librosa.load``); ``None``
        keeps the file's own rate.

    Returns
    -------
    samples : numpy.ndarray
        1-D float64; several channels are averaged to one. A Vorbis file's
        samples are the decoder's float32 numbers, as ``librosa.load`` gives
        them, widened to float64 without change.
    sr : int
        The sample rate of ``samples``.

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    ValueError
        The file is empty, of another format (MP3, AIFF, ...), cut short,
        or holds no samples or non-finite ones; or ``sr`` is not a valid rate.
    TypeError
        ``sr`` is not an integer.

    Examples
    --------
    >>> import dlaudio
    >>> y, sr = read_audio(dlaudio.example("robin"))
    >>> y.dtype, sr, y.size
    (dtype('float64'), 22050, 59505)
    """
    return _read(path, sr, (*_WAV_FORMATS, "FLAC", "OGG"), "WAV, FLAC or OGG")


def _read(path, sr, formats, kind):
    """The reading both ``read_wav`` and ``read_audio`` do, for files of ``formats``."""
    target = None if sr is None else _wav_rate(sr)
    path = as_path(path)
    with _open(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            raise ValueError(f"{path}: the file is empty (0 bytes), not a {kind} file")
        cut = _cut_short(fh, size)
        fh.seek(0)
        try:
            # A file object rather than the name: soundfile cannot encode a
            # name that is not valid UTF-8.
            with soundfile.SoundFile(fh) as f:
                if f.format not in formats:
                    raise ValueError(f"{path}: a {f.format} file, not {kind}")
                if cut is not None:
                    raise ValueError(f"{path}: the file is cut short: {cut}")
                native = f.samplerate
                # frames given: soundfile cannot count the rest of a codec that
                # cannot seek (GSM 6.10); the data chunk was checked above.
                data = f.read(f.frames, dtype="float64", always_2d=True)
        except (soundfile.LibsndfileError, RuntimeError) as err:
            reason = getattr(err, "error_string", None) or str(err)
            raise ValueError(f"{path}: not a readable {kind} file ({reason})") from err
    if data.shape[0] == 0:
        raise ValueError(f"{path}: the file holds no samples")
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{path}: the file holds NaN or infinite samples")
    samples = _mono(data)
    if target is None or target == native:
        return samples, native
    return _resample(samples, native, target, path), target


def resample(y, sr, target_sr):
    """Resample a signal from ``sr`` to ``target_sr`` Hz, low-pass filtered first.

    The resampler ``read_wav`` and ``read_audio`` use when asked for another
    rate (soxr, as librosa's ``resample``): before the rate is lowered, it
    removes what lies above the new Nyquist frequency ``target_sr / 2``, so
    nothing aliases.

    Parameters
    ----------
    y : array_like
        A 1-D signal, finite.
    sr : int
        Its sample rate in Hz.
    target_sr : int
        The rate wanted, in Hz.

    Returns
    -------
    numpy.ndarray
        ``ceil(len(y) * target_sr / sr)`` samples at ``target_sr``, float64.

    Examples
    --------
    >>> from dlaudio import tone
    >>> resample(tone(3000, 1.0, 16000), 16000, 4000).shape
    (4000,)
    """
    y = signal(y)
    sr = sample_rate(sr)
    target_sr = sample_rate(target_sr, "target_sr")
    if target_sr == sr:
        return y.copy()
    return _resample(y, sr, target_sr, "y")


def _resample(samples, native, target, path):
    """librosa's ``resample(res_type='soxr_hq')``: soxr, then fixed to ``ceil(n * ratio)`` samples."""
    n = math.ceil(samples.shape[0] * target / native)
    if n > _MAX_RESAMPLED:
        raise ValueError(
            f"{path}: resampling its {samples.shape[0]} samples from {native} Hz to sr={target} Hz "
            f"would give {n} samples, more than the limit of 2**31 - 1"
        )
    try:
        out = soxr.resample(samples, native, target, quality="soxr_hq")
    except MemoryError as err:
        raise MemoryError(
            f"{path}: not enough memory to resample {samples.shape[0]} samples from {native} Hz "
            f"to sr={target} Hz ({n} samples)"
        ) from err
    if out.shape[0] >= n:
        return out[:n]
    return np.pad(out, (0, n - out.shape[0]))


def quantise(samples, bits):
    """The samples a PCM file of ``bits`` bits keeps, as floats.

    Each sample is rounded to the nearest of the :math:`2^b` levels
    :math:`k\\,\\Delta`, with step :math:`\\Delta = 2^{1-b}`, as
    ``write_wav`` stores it; samples above the largest level
    :math:`1 - \\Delta` saturate to it.

    Parameters
    ----------
    samples : array_like
        A 1-D signal, finite, every sample in [-1, 1].
    bits : int
        The number of bits :math:`b` per sample, from 1 to 32.

    Returns
    -------
    numpy.ndarray
        The quantised samples, float64, the same length as ``samples``.

    Raises
    ------
    ValueError
        If a sample lies outside [-1, 1] or ``bits`` is not in 1..32.

    Examples
    --------
    >>> quantise([0.3, -0.3, 0.99], 2)
    array([ 0.5, -0.5,  0.5])
    """
    samples = signal(samples, "samples")
    bits = positive_int(bits, "bits")
    if bits > 32:
        raise ValueError(f"bits must be from 1 to 32, got {bits}")
    peak = float(np.max(np.abs(samples)))
    if peak > 1.0:
        raise ValueError(f"samples must lie in [-1, 1], got a peak of {peak:g}")
    full = 2.0 ** (bits - 1)
    return np.clip(np.round(samples * full), -full, full - 1) / full


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
    path : str, bytes or os.PathLike
        The file to write (replaced if it exists). Its folder must exist.
    samples : array_like
        A 1-D mono signal, finite. For PCM every sample must lie in [-1, 1];
        ``+1.0`` is stored as the largest code (32767 at 16 bit). Several
        channels are not written: a 2-D array is refused, because librosa's
        ``(channels, n)`` and soundfile's ``(n, channels)`` layouts are too
        easily confused; average them (``x.mean(axis=...)``) first.
    sr : int
        The sample rate in Hz, a positive integer up to ``2**31 - 1``, the
        largest rate a WAV file holds.
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
    sr = _wav_rate(sr)
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
