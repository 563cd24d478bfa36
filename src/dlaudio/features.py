"""MFCC features, one row per clip, and their cache: ``mfcc_features``, ``frame_count``.

``mfcc_features`` turns a clip set (``Clips``) or a list of waves into rows
for a network, and can cache them in a file; ``frame_count`` says how many
MFCC frames a clip of a given length has.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
from tqdm import tqdm

from . import cepstrum
from ._checks import choice, fft_length, positive_int, sample_rate, signal
from ._files import atomic_write
from .clips import Clips
from .decibels import power_to_db
from .mel import mel_filterbank
from .spectrogram import power_spectrogram

__all__ = ["frame_count", "mfcc_features"]

# What a cache file says it is, so a stranger's .npz is never mistaken for one.
_CACHE_FORMAT = "dlaudio-mfcc-features-1"

# Power-spectrogram values, and samples laid out for them, computed at once
# (32 MiB of float64): short clips share one STFT up to this size, a longer
# clip is done in blocks of it.
_BLOCK_VALUES = 2**22

# A clip padded to more than this many times its frames is mostly copies of its last frame.
_MAX_PADDING = 10


def frame_count(n_samples, hop_length):
    """How many STFT (and so MFCC) frames a clip of ``n_samples`` gives: ``1 + n_samples // hop_length``.

    With ``center=True`` (librosa's and this library's default) the signal
    is padded by ``n_fft // 2`` on each side and a frame starts every
    ``hop_length`` samples, so there is one frame more than whole hops.

    Parameters
    ----------
    n_samples : int
        The length of the clip, in samples.
    hop_length : int
        Samples between the starts of successive frames.

    Returns
    -------
    int
        The number of frames.

    Examples
    --------
    The original course keeps a segment's MFCCs only if it has
    ``ceil(n_samples / hop_length)`` frames. The two agree only when
    ``hop_length`` does not divide ``n_samples``; when it does, every
    segment is dropped and the data set is silently empty:

    >>> frame_count(22050 * 3, 512), int(np.ceil(22050 * 3 / 512))
    (130, 130)
    >>> frame_count(512 * 100, 512), int(np.ceil(512 * 100 / 512))
    (101, 100)
    """
    n_samples = positive_int(n_samples, "n_samples")
    hop_length = positive_int(hop_length, "hop_length")
    return 1 + n_samples // hop_length


def _waves_and_rate(waves, sr):
    """The clips as checked 1-D signals, and their sample rate: a ``Clips`` brings its own."""
    if isinstance(waves, Clips):
        if sr is not None and sample_rate(sr) != waves.sr:
            raise ValueError(
                f"the clips are at {waves.sr} Hz; sr={sr} would compute their features at the wrong rate: leave sr out"
            )
        waves, sr = waves.waves, waves.sr
    elif sr is None:
        raise TypeError("sr is missing: give the sample rate of the waves (only a Clips set brings its own)")
    if isinstance(waves, np.ndarray) and waves.ndim == 2:
        waves = list(waves)
    if not isinstance(waves, (list, tuple)) or not waves:
        raise ValueError("waves must be a non-empty list of 1-D signals (or a 2-D array of equal-length clips)")
    return [signal(w, f"waves[{i}]") for i, w in enumerate(waves)], sample_rate(sr)


def _fingerprint(waves, sr):
    """sha256 of the sample rate, each clip's length and its float64 samples."""
    digest = hashlib.sha256(np.int64(sr).tobytes())
    for w in waves:
        digest.update(np.int64(w.size).tobytes())
        digest.update(np.ascontiguousarray(w))  # the samples' own buffer: no copy of a long clip
    return digest.hexdigest()


def _declared(archive, name):
    """``(shape, dtype)`` from the ``.npy`` header of an archive member, without reading its data."""
    with archive.zip.open(f"{name}.npy") as member:
        version = np.lib.format.read_magic(member)
        if version == (1, 0):
            shape, _, dtype = np.lib.format.read_array_header_1_0(member)
        elif version == (2, 0):
            shape, _, dtype = np.lib.format.read_array_header_2_0(member)
        else:
            raise ValueError(f"{name} is in .npy format version {version}, not 1.0 or 2.0")
    return shape, dtype


def _read_cache(path, params, fingerprint, shape):
    """The features cached at ``path`` for ``params`` and ``fingerprint``; None if it holds others.

    Each member's header is checked before its data is read, and
    ``features`` is read only once the small strings match: a stale or
    hostile file is never inflated in memory. ValueError if it is not a
    cache, or if its features are not ``shape`` float64 and finite.
    """
    try:
        with open(path, "rb") as fh:
            archive = np.load(fh, allow_pickle=False)
            if not isinstance(archive, np.lib.npyio.NpzFile):
                raise ValueError("an .npy array, not an .npz archive")
            for key in ("format", "params", "fingerprint"):
                key_shape, dtype = _declared(archive, key)
                if key_shape != () or dtype.kind != "U" or dtype.itemsize > 4 * 4096:
                    raise ValueError(f"{key} is not a short string but a {dtype} array of shape {key_shape}")
            if str(archive["format"]) != _CACHE_FORMAT:
                raise ValueError(f"format {str(archive['format'])!r}")
            if str(archive["params"]) != params or str(archive["fingerprint"]) != fingerprint:
                return None
            declared = _declared(archive, "features")
            if declared != (shape, np.dtype(np.float64)):
                raise ValueError(
                    f"its features are {declared[1]} of shape {declared[0]}, but these parameters "
                    f"and clips give float64 of shape {shape}"
                )
            features = archive["features"]
            if not np.all(np.isfinite(features)):
                raise ValueError("its features are not all finite (NaN or inf)")
            return features
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as err:
        raise ValueError(
            f"{path}: exists but is not a readable dlaudio feature cache ({err}); "
            "delete it, or give cache= another path"
        ) from err


def _write_cache(path, params, fingerprint, features):
    """np.savez, all or nothing (``atomic_write``); only a warning if the folder refuses writing.

    The features are the result the caller asked for: a cache that cannot
    be kept (no permission, read-only file system) must not throw them
    away. Other failures, such as a full disk, still raise.
    """
    try:
        with atomic_write(path) as fh:
            np.savez(
                fh,
                format=np.array(_CACHE_FORMAT),
                params=np.array(params),
                fingerprint=np.array(fingerprint),
                features=features,
            )
    except OSError as err:
        if err.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        warnings.warn(
            f"{path}: the features are returned but not cached: this folder cannot be written ({err.strerror or err})",
            UserWarning,
            stacklevel=3,
        )


def _frame_counts(lengths, n_fft, hop_length):
    """The STFT frames of clips of ``lengths`` samples, ``center=True`` (``frame_count`` for any ``n_fft``)."""
    return 1 + (lengths + 2 * (n_fft // 2) - n_fft) // hop_length


def _too_loud(i, wave):
    """The error for clip ``i``, whose power overflows float64."""
    return ValueError(
        f"waves[{i}] is too loud for float64: its power overflows (largest |sample| "
        f"{np.max(np.abs(wave)):.3g}); scale the clips down"
    )


def _mel_spectrograms(waves, sr, n_fft, hop_length, n_mels):
    """Each clip's ``melspectrogram(y=w, sr=sr, n_fft=..., hop_length=..., n_mels=...)``, in order.

    Why not call ``melspectrogram`` per clip: on a data set of short clips,
    building the same filterbank and setting up an STFT for every clip cost
    more than the sums themselves; and a long clip would hold its whole
    power spectrogram, ``(1 + n_fft // 2) / n_mels`` times its mel
    spectrogram.

    So the clips are laid end to end in one signal, each after the
    ``n_fft // 2`` zeros that ``center=True`` pads it with and starting a
    whole number of hops after the previous one: frame ``t`` of clip ``i``
    is then frame ``first[i] + t`` of that signal's STFT with
    ``center=False``, the same samples in the same order (the zeros in
    front of a clip also pad the end of the one before). One STFT covers
    as many whole clips as fit in ``_BLOCK_VALUES``, and each clip's mel
    spectrogram is the same ``np.dot`` on its own frames, so it equals
    ``melspectrogram``'s to the last bit. A longer clip is done in blocks
    of frames and only its mel spectrogram is kept whole; BLAS then sums
    in another order, so it is equal to rounding (MFCCs within about
    1e-13), not bit for bit.
    """
    weights = mel_filterbank(sr, n_fft, n_mels=n_mels)
    half = n_fft // 2
    lengths = np.array([w.size for w in waves])
    counts = _frame_counts(lengths, n_fft, hop_length)
    # Clip i's frame 0 is frame first[i] of the laid-out signal and its samples
    # start half later; the next clip starts ceil((half + length) / hop) hops
    # on, so at least half zeros follow each clip: the padding of its end.
    first = np.concatenate([[0], np.cumsum(-(-(half + lengths) // hop_length))])
    block = max(1, _BLOCK_VALUES // max(1 + half, hop_length))  # frames

    def spectrogram(clips, frame_from, frame_to):
        """Frames ``frame_from:frame_to`` of the STFT power of ``clips`` laid end to end."""
        start, stop = frame_from * hop_length, (frame_to - 1) * hop_length + n_fft
        laid = np.zeros(stop - start)
        for k in clips:
            at = (first[k] - first[clips[0]]) * hop_length + half
            lo, hi = max(at, start), min(at + lengths[k], stop)
            if lo < hi:
                laid[lo - start : hi - start] = waves[k][lo - at : hi - at]
        try:
            return power_spectrogram(laid, n_fft=n_fft, hop_length=hop_length, center=False)
        except ValueError:
            # Parameters and samples were checked: only an overflowing power is left. Whose?
            if len(clips) == 1:
                raise _too_loud(clips[0], waves[clips[0]]) from None
            for k in clips:
                spectrogram(range(k, k + 1), 0, counts[k])
            raise

    def mel(S):
        with np.errstate(over="ignore"):  # the caller reports an overflow, naming the clip
            return np.dot(weights, S)

    i = 0
    while i < len(waves):
        j = i + 1
        while j < len(waves) and first[j] + counts[j] - first[i] <= block:
            j += 1
        if j - i > 1 or counts[i] <= block:
            S = spectrogram(range(i, j), 0, first[j - 1] + counts[j - 1] - first[i])
            for k in range(i, j):
                yield mel(S[:, first[k] - first[i] : first[k] - first[i] + counts[k]])
        else:
            whole = np.empty((n_mels, counts[i]))
            for a in range(0, counts[i], block):
                b = min(a + block, counts[i])
                whole[:, a:b] = mel(spectrogram(range(i, j), a, b))
            yield whole
        i = j


def mfcc_features(
    waves,
    sr=None,
    *,
    n_mfcc=13,
    n_fft=2048,
    hop_length=512,
    n_mels=128,
    frames=None,
    layout="flat",
    cache=None,
    progress=None,
):
    """MFCCs of every clip, one row per clip: the input of a classifier.

    Each clip's ``mfcc(y=..., sr=..., n_mfcc=..., n_fft=..., hop_length=...,
    n_mels=...)`` is transposed to ``(frames, n_mfcc)``, time first, and
    brought to ``frames`` frames: longer clips keep their first ``frames``
    frames, shorter ones repeat their last frame (edge padding: a held
    vowel stays the same vowel; zeros would be a loud, made-up frame, since
    MFCCs are in dB).

    Parameters
    ----------
    waves : list of 1-D arrays, 2-D array or Clips
        The clips.
    sr : int, optional
        Their sample rate. Leave it out for a ``Clips``, which brings its
        own (an ``sr`` that differs from it is a ``ValueError``).
    n_mfcc, n_fft, hop_length, n_mels : int
        As in ``dlaudio.mfcc`` (the course's 13, 2048, 512; librosa's 128).
    frames : int, optional
        Frames per clip. ``None``: the fewest any clip has, so nothing is
        padded. A clip of ``n`` samples has ``frame_count(n, hop_length)``.
        At most 10 times the frames of the longest clip.
    layout : {"flat", "frames"}
        ``"flat"``: shape ``(n_clips, frames * n_mfcc)``, frame after frame,
        for a dense network; ``"frames"``: ``(n_clips, frames, n_mfcc)``.
    cache : str or os.PathLike, optional
        An ``.npz`` file. If it holds features made with the same
        parameters from the same waves (a sha256 of their samples, lengths
        and ``sr``), they are read instead of computed; otherwise they are
        computed and the file is (re)written. It is written atomically (a
        temporary file in the same folder, then ``os.replace``), with
        ``np.savez``: arrays and strings, never pickles, read back with
        ``allow_pickle=False``. A file at that path that is not such a
        cache (corrupted, cut short, someone else's, or holding features
        of the wrong shape or not finite) is never overwritten: it raises
        ``ValueError`` naming it. If the folder cannot be written (no
        permission, read-only), the features are returned with a
        ``UserWarning``.
    progress : None or bool
        A tqdm progress bar over the clips. ``None`` (default): only on a
        terminal, and only once the work has taken 2 seconds; ``True``:
        always; ``False``: never.

    Returns
    -------
    numpy.ndarray
        float64 features, shape as ``layout`` says.

    Raises
    ------
    ValueError
        Empty or non-finite waves, bad parameters, a cache file that is not
        one, a clip too loud for float64 (its power overflows), or features
        that come out non-finite.

    Examples
    --------
    >>> from dlaudio import vowels
    >>> data = vowels(2, tokens=1, seed=0)
    >>> x = mfcc_features(data.waves, data.sr, frames=8)
    >>> x.shape
    (14, 104)
    >>> np.array_equal(mfcc_features(data, frames=8), x)
    True
    >>> mfcc_features(data.waves, data.sr, frames=8, layout="frames").shape
    (14, 8, 13)
    """
    waves, sr = _waves_and_rate(waves, sr)
    n_mfcc = positive_int(n_mfcc, "n_mfcc")
    n_fft = positive_int(n_fft, "n_fft")
    hop_length = positive_int(hop_length, "hop_length")
    n_mels = positive_int(n_mels, "n_mels")
    if n_mfcc > n_mels:
        raise ValueError(f"n_mfcc={n_mfcc} must be <= n_mels={n_mels}")
    lengths = np.array([w.size for w in waves])
    shortest = int(np.argmin(lengths))
    fft_length(n_fft, lengths[shortest], f"waves[{shortest}]")
    counts = _frame_counts(lengths, n_fft, hop_length)
    if frames is not None:
        frames = positive_int(frames, "frames")
        if frames > _MAX_PADDING * counts.max():
            raise ValueError(
                f"frames={frames} is more than {_MAX_PADDING} times the {counts.max()} frames of the "
                "longest clip: every clip would be mostly copies of its last frame (a number of "
                "samples? a clip of n samples has frame_count(n, hop_length) frames)"
            )
    choice(layout, "layout", ("flat", "frames"))
    if progress not in (None, True, False):
        raise TypeError(f"progress must be None, True or False, got {progress!r}")
    keep = frames if frames is not None else int(counts.min())
    shape = (len(waves), keep * n_mfcc) if layout == "flat" else (len(waves), keep, n_mfcc)
    params = json.dumps(
        {
            "n_mfcc": n_mfcc,
            "n_fft": n_fft,
            "hop_length": hop_length,
            "n_mels": n_mels,
            "frames": frames,
            "layout": layout,
            "sr": sr,
        },
        sort_keys=True,
    )
    path = None
    if cache is not None:
        path = Path(os.fspath(cache))
        if not path.parent.is_dir():
            raise FileNotFoundError(f"{path}: the folder {path.parent} does not exist")
        fingerprint = _fingerprint(waves, sr)
        if path.exists():
            features = _read_cache(path, params, fingerprint, shape)
            if features is not None:
                return features

    features = np.empty((len(waves), keep, n_mfcc))
    bar = tqdm(
        _mel_spectrograms(waves, sr, n_fft, hop_length, n_mels),
        total=len(waves),
        desc="MFCC",
        unit="clip",
        file=sys.stderr,
        disable=(not progress) if progress is not None else None,
        delay=0 if progress else 2.0,
        leave=False,
    )
    for i, mel in enumerate(bar):
        if not np.isfinite(mel.max()):
            raise _too_loud(i, waves[i])
        m = cepstrum.mfcc(S=power_to_db(mel), n_mfcc=n_mfcc).T
        n = min(keep, m.shape[0])
        features[i, :n] = m[:n]
        features[i, n:] = m[n - 1]  # edge padding
    bar.close()
    bad = np.flatnonzero(~np.all(np.isfinite(features), axis=(1, 2)))
    if bad.size:
        raise ValueError(f"the MFCCs of clip(s) {bad.tolist()} are not finite (NaN or inf)")
    features = features.reshape(shape)
    if path is not None:
        _write_cache(path, params, fingerprint, features)
    return features
