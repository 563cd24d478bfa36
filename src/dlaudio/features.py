"""MFCC features, one row per clip, and their cache: ``mfcc_features``, ``frame_count``.

``mfcc_features`` turns a clip set (``Clips``) or a list of waves into rows
for a network, and can cache them in a file; ``frame_count`` says how many
MFCC frames a clip of a given length has.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zipfile
from pathlib import Path

import numpy as np
from tqdm import tqdm

from . import cepstrum
from ._checks import choice, positive_int, sample_rate, signal
from ._files import atomic_write
from .clips import Clips

__all__ = ["frame_count", "mfcc_features"]

# What a cache file says it is, so a stranger's .npz is never mistaken for one.
_CACHE_FORMAT = "dlaudio-mfcc-features-1"


def frame_count(n_samples, hop_length):
    """How many STFT (and so MFCC) frames a clip of ``n_samples`` gives: ``1 + n_samples // hop_length``.

    With ``center=True`` (librosa's and this library's default) the signal
    is padded by ``n_fft // 2`` on each side and a frame starts every
    ``hop_length`` samples, so there is one frame more than whole hops.

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
                f"the clips are at {waves.sr} Hz; sr={sr} would compute their features "
                "at the wrong rate: leave sr out"
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
        digest.update(np.ascontiguousarray(w, dtype=np.float64).tobytes())
    return digest.hexdigest()


def _read_cache(path):
    """``(params, fingerprint, features)`` from a cache file; ValueError if it is not one."""
    try:
        with open(path, "rb") as fh:
            archive = np.load(fh, allow_pickle=False)
            if not isinstance(archive, np.lib.npyio.NpzFile):
                raise ValueError("an .npy array, not an .npz archive")
            if str(archive["format"]) != _CACHE_FORMAT:
                raise ValueError(f"format {str(archive['format'])!r}")
            return str(archive["params"]), str(archive["fingerprint"]), np.array(archive["features"])
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as err:
        raise ValueError(
            f"{path}: exists but is not a readable dlaudio feature cache ({err}); "
            "delete it, or give cache= another path"
        ) from err


def _write_cache(path, params, fingerprint, features):
    """np.savez, all or nothing (``atomic_write``)."""
    with atomic_write(path) as fh:
        np.savez(fh, format=np.array(_CACHE_FORMAT), params=np.array(params),
                 fingerprint=np.array(fingerprint), features=features)


def mfcc_features(waves, sr=None, *, n_mfcc=13, n_fft=2048, hop_length=512, n_mels=128, frames=None,
                  layout="flat", cache=None, progress=None):
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
    n_mfcc, n_fft, hop_length, n_mels
        As in ``dlaudio.mfcc`` (the course's 13, 2048, 512; librosa's 128).
    frames : int, optional
        Frames per clip. ``None``: the fewest any clip has, so nothing is
        padded. A clip of ``n`` samples has ``frame_count(n, hop_length)``.
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
        cache (corrupted, cut short, someone else's) is never overwritten:
        it raises ``ValueError`` naming it.
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
        one, or features that come out non-finite.

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
    if frames is not None:
        frames = positive_int(frames, "frames")
    choice(layout, "layout", ("flat", "frames"))
    if progress not in (None, True, False):
        raise TypeError(f"progress must be None, True or False, got {progress!r}")
    params = json.dumps(
        {"n_mfcc": n_mfcc, "n_fft": n_fft, "hop_length": hop_length, "n_mels": n_mels,
         "frames": frames, "layout": layout, "sr": sr},
        sort_keys=True,
    )
    fingerprint = _fingerprint(waves, sr)
    path = None
    if cache is not None:
        path = Path(os.fspath(cache))
        if not path.parent.is_dir():
            raise FileNotFoundError(f"{path}: the folder {path.parent} does not exist")
        if path.exists():
            cached_params, cached_fingerprint, features = _read_cache(path)
            if cached_params == params and cached_fingerprint == fingerprint:
                return features

    per_clip = []
    bar = tqdm(waves, desc="MFCC", unit="clip", file=sys.stderr,
               disable=(not progress) if progress is not None else None,
               delay=0 if progress else 2.0, leave=False)
    for w in bar:
        per_clip.append(cepstrum.mfcc(y=w, sr=sr, n_mfcc=n_mfcc, n_fft=n_fft,
                                      hop_length=hop_length, n_mels=n_mels).T)
    bar.close()
    keep = frames if frames is not None else min(m.shape[0] for m in per_clip)
    features = np.stack([
        m[:keep] if m.shape[0] >= keep else np.pad(m, ((0, keep - m.shape[0]), (0, 0)), mode="edge")
        for m in per_clip
    ])
    bad = np.flatnonzero(~np.all(np.isfinite(features), axis=(1, 2)))
    if bad.size:
        raise ValueError(f"the MFCCs of clip(s) {bad.tolist()} are not finite (NaN or inf)")
    if layout == "flat":
        features = features.reshape(len(waves), keep * n_mfcc)
    if path is not None:
        _write_cache(path, params, fingerprint, features)
    return features
