"""Data sets of sounds: Korean vowels made from a seed, WAV folders, features, splits.

The machines this course runs on reach no network, so its data set is made,
not downloaded: ``vowels()`` synthesises the seven Korean monophthongs with
the source-filter model (``dlaudio.synth``) for speakers who differ as real
ones do. The rest of the module is what a learner points at their own
recordings: ``load_folder`` reads a folder of WAV files (one subfolder per
label, as GTZAN is laid out, or labels in the file names, as in the Free
Spoken Digit Dataset), ``mfcc_features`` turns clips into rows for a network
(and caches them), ``split_by_speaker`` keeps every voice in one split, and
``Standardizer`` scales features with the training split's statistics only.

The formant table
-----------------
``KOREAN_VOWELS`` holds the mean F1, F2 and F3 (Hz) of the seven monophthongs
of Seoul Korean for male and female speakers, from

    Yang, Byunggon (1996). A comparative study of American English and Korean
    vowels produced by male and female speakers. *Journal of Phonetics* 24(2),
    245-261.

=====  ======  ======  ======  ======  ======  ======  ======
label  vowel   men F1  men F2  men F3  wom F1  wom F2  wom F3
=====  ======  ======  ======  ======  ======  ======  ======
i      이 /i/   341     2219    3047    357     2765    3351
e      에 /e/   490     1968    2644    653     2321    2995
a      아 /a/   738     1372    2573    986     1794    2868
eo     어 /ʌ/   608     1121    2683    677     1360    2863
o      오 /o/   453     847     2617    471     919     2856
u      우 /u/   369     981     2439    420     1117    2804
eu     으 /ɨ/   405     1488    2625    437     1676    2898
=====  ======  ======  ======  ======  ======  ======  ======

These numbers were entered for this course without the printed paper at
hand and have not yet been checked against it: treat them as typical Korean
values in the spirit of that table, and check a value in the paper before
quoting it as Yang's.

The table has no children; their formants are the women's scaled by
``CHILD_SCALE`` = 1.15 (a shorter vocal tract raises every formant by about
that much, the ratio between children's and women's means in Peterson and
Barney's and Hillenbrand's tables of American English).

How speakers differ (``vowels``)
--------------------------------
- the group: men, women and children in the ratio 2 : 2 : 1, with F0 drawn
  from 100-140, 180-250 and 250-330 Hz, and the men's, women's or children's
  formants;
- vocal-tract length: every formant of a speaker is multiplied by one factor,
  drawn around 1 with a spread (standard deviation of its log) of 6 %;
- articulation: each speaker's own way of saying each vowel moves each of
  its formants by a further 4 % (spread), the same in all their tokens;
- each token: its own F0 (4 % spread, with a slight glide), each formant
  within 2.5 % of the speaker's habit, its own duration (0.3-0.6 s) and
  loudness;
- the voice: jitter 0.3-1.5 %, shimmer 2-6 %, breath noise 2-20 % of the
  voiced source's RMS, a glottal open quotient of 0.5-0.7.

Every speaker's voice comes from its own generator,
``numpy.random.default_rng([seed, speaker_index])``: the same seed gives the
same arrays, and speaker 7 sounds the same whether 10 or 100 are made.
"""

from __future__ import annotations

import hashlib
import json
import numbers
import os
import sys
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from . import cepstrum
from ._checks import as_generator, choice, positive_int, positive_real, sample_rate, signal
from ._files import atomic_write
from .synth import vowel
from .wav import read_wav, write_wav

__all__ = [
    "CHILD_SCALE",
    "Clips",
    "KOREAN_VOWELS",
    "Standardizer",
    "VowelSet",
    "encode_labels",
    "frame_count",
    "load_folder",
    "mfcc_features",
    "one_hot",
    "split_by_speaker",
    "vowels",
]

# TODO(verify): the numbers below were entered without the paper at hand;
# check every value against Yang (1996) before a page quotes them as his.
#: label -> (Hangul, IPA, men's (F1, F2, F3), women's (F1, F2, F3)) in Hz,
#: after Yang (1996); see the module docstring.
KOREAN_VOWELS = {
    "i": ("이", "i", (341, 2219, 3047), (357, 2765, 3351)),
    "e": ("에", "e", (490, 1968, 2644), (653, 2321, 2995)),
    "a": ("아", "a", (738, 1372, 2573), (986, 1794, 2868)),
    "eo": ("어", "ʌ", (608, 1121, 2683), (677, 1360, 2863)),
    "o": ("오", "o", (453, 847, 2617), (471, 919, 2856)),
    "u": ("우", "u", (369, 981, 2439), (420, 1117, 2804)),
    "eu": ("으", "ɨ", (405, 1488, 2625), (437, 1676, 2898)),
}
#: The factor that turns the women's formants into children's (see the module docstring).
CHILD_SCALE = 1.15

# Speaker groups: name, letter in file names, F0 range (Hz), table column,
# extra formant scale, and F4 (Hz, not in the table: a typical value that
# gives the envelope its usual fall above F3).
_GROUPS = {
    "man": ("m", (100.0, 140.0), 2, 1.0, 3500.0),
    "woman": ("w", (180.0, 250.0), 3, 1.0, 4000.0),
    "child": ("c", (250.0, 330.0), 3, CHILD_SCALE, 4000.0),
}
_GROUP_CYCLE = ("man", "woman", "man", "woman", "child")

# What a cache file says it is, so a stranger's .npz is never mistaken for one.
_CACHE_FORMAT = "dlaudio-mfcc-features-1"


def _label_list(labels, n, name="labels"):
    """Labels as a list of strings, one per clip."""
    if isinstance(labels, (str, bytes)):
        raise TypeError(f"{name} must be a sequence of labels, one per clip, not a single string")
    try:
        items = list(labels)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of labels, got {type(labels).__name__}") from None
    if len(items) != n:
        raise ValueError(f"{name} has {len(items)} entries but there are {n} clips: give one per clip")
    return [str(item) for item in items]


@dataclass(repr=False)
class Clips:
    """Audio clips with their labels: what ``load_folder`` returns and ``vowels`` extends.

    Attributes
    ----------
    waves : list of numpy.ndarray
        1-D float64 signals (their lengths may differ).
    sr : int
        Their sample rate.
    labels : list of str
        One label per clip.
    speakers : list of str or None
        One speaker id per clip, when known (for ``split_by_speaker``).
    paths : list of pathlib.Path or None
        The file each clip was read from.
    starts : numpy.ndarray or None
        The sample in its file where each clip starts (0 unless cut into
        segments).
    """

    waves: list
    sr: int
    labels: list
    speakers: list | None = None
    paths: list | None = None
    starts: np.ndarray | None = None

    def __post_init__(self):
        self.sr = sample_rate(self.sr)
        if not isinstance(self.waves, (list, tuple)) or not self.waves:
            raise ValueError("waves must be a non-empty list of 1-D signals")
        self.waves = [signal(w, f"waves[{i}]") for i, w in enumerate(self.waves)]
        n = len(self.waves)
        self.labels = _label_list(self.labels, n)
        if self.speakers is not None:
            self.speakers = _label_list(self.speakers, n, "speakers")
        if self.paths is not None:
            self.paths = [Path(p) for p in _label_list(self.paths, n, "paths")]
        if self.starts is not None:
            self.starts = np.asarray(self.starts, dtype=np.int64)
            if self.starts.shape != (n,):
                raise ValueError(f"starts must have one entry per clip ({n}), got shape {self.starts.shape}")

    def __len__(self):
        return len(self.waves)

    def __repr__(self):
        seconds = sum(w.size for w in self.waves) / self.sr
        speakers = "" if self.speakers is None else f", {len(set(self.speakers))} speakers"
        return (f"{type(self).__name__}({len(self)} clips, {seconds:.1f} s at {self.sr} Hz, "
                f"{len(self.classes)} labels{speakers})")

    @property
    def classes(self):
        """The distinct labels in sorted order; class ``k`` of ``encode_labels`` is ``classes[k]``."""
        return tuple(sorted(set(self.labels)))

    def _stems(self):
        """File names (without ``.wav``): speaker and token number, or the clip's index."""
        if self.speakers is None:
            width = len(str(len(self)))
            return [f"clip{i:0{width}d}" for i in range(len(self))]
        seen = {}
        stems = []
        for speaker, label in zip(self.speakers, self.labels):
            seen[speaker, label] = seen.get((speaker, label), 0) + 1
            stems.append(f"{speaker}_{seen[speaker, label]}")
        return stems

    def write(self, folder, subtype="PCM_16"):
        """Write the clips as WAV files, one subfolder per label: ``folder/label/name.wav``.

        Each file is written atomically (``write_wav``); files already there
        with the same names are replaced, others are left alone. With
        speakers the name is ``speaker_n`` (``n`` counts that speaker's
        clips of that label from 1), so ``load_folder(folder,
        speakers="prefix")`` reads the speakers back.

        Returns the list of paths written, in the order of the clips.
        """
        folder = Path(os.fspath(folder))
        for label in set(self.labels):
            if not label or label in (".", "..") or "/" in label or "\\" in label or "\0" in label:
                raise ValueError(f"the label {label!r} cannot be a folder name")
        stems = self._stems()
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for wave, label, stem in zip(self.waves, self.labels, stems):
            (folder / label).mkdir(exist_ok=True)
            path = folder / label / f"{stem}.wav"
            write_wav(path, wave, self.sr, subtype=subtype)
            paths.append(path)
        return paths


@dataclass(repr=False)
class VowelSet(Clips):
    """The synthetic Korean vowels of ``vowels()``: ``Clips`` and how each was made.

    Attributes
    ----------
    groups : list of str
        ``"man"``, ``"woman"`` or ``"child"``, per clip.
    f0 : numpy.ndarray
        The mean pitch of each clip in Hz.
    formants : numpy.ndarray
        ``(n_clips, 4)``: the F1 to F4 each clip was made with, in Hz.
    hangul : dict
        Label -> Hangul (``"eo"`` -> ``"어"``), for the pages.
    """

    groups: list = field(default_factory=list)
    f0: np.ndarray = field(default_factory=lambda: np.zeros(0))
    formants: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    hangul: dict = field(default_factory=lambda: {k: v[0] for k, v in KOREAN_VOWELS.items()})

    def _stems(self):
        """``spk012_w_1``: speaker, group letter, token number."""
        return [
            f"{speaker}_{_GROUPS[group][0]}_{stem.rsplit('_', 1)[1]}"
            for speaker, group, stem in zip(self.speakers, self.groups, super()._stems())
        ]


def _speaker_voice(generator, group):
    """The fixed traits of one speaker: F0, vocal-tract factor, voice quality."""
    letter, (f0_low, f0_high), column, scale, f4 = _GROUPS[group]
    return {
        "f0": generator.uniform(f0_low, f0_high),
        "tract": scale * np.exp(0.06 * generator.standard_normal()),
        "column": column,
        "f4": f4,
        "jitter": generator.uniform(0.003, 0.015),
        "shimmer": generator.uniform(0.02, 0.06),
        "breath": generator.uniform(0.02, 0.2),
        "open_quotient": generator.uniform(0.5, 0.7),
    }


def vowels(n_speakers=50, *, tokens=2, sr=16000, duration=(0.3, 0.6), seed=0, labels=None):
    """The seven Korean monophthongs, said by ``n_speakers`` synthetic speakers.

    Parameters
    ----------
    n_speakers : int
        How many speakers; they cycle through man, woman, man, woman, child,
        so any five in a row hold every group.
    tokens : int
        How many times each speaker says each vowel.
    sr : int
        Sample rate in Hz (at least 8000, so F3 and F4 fit below ``sr / 2``).
    duration : (float, float)
        Each clip's length in seconds is drawn uniformly from this range.
    seed : int
        Everything is drawn from it: the same seed gives identical arrays.
    labels : sequence of str, optional
        A subset of ``KOREAN_VOWELS`` (default all seven, in table order).

    Returns
    -------
    VowelSet
        ``n_speakers * 7 * tokens`` clips, speaker by speaker, vowel by
        vowel. Speaker ids are ``"spk000"``, ``"spk001"``, ...

    Examples
    --------
    >>> data = vowels(5, tokens=1, seed=0)
    >>> len(data), data.sr, data.labels[:3], data.speakers[0], data.groups[-1]
    (35, 16000, ['i', 'e', 'a'], 'spk000', 'child')
    >>> data.hangul["eo"]
    '어'
    >>> data
    VowelSet(35 clips, 15.0 s at 16000 Hz, 7 labels, 5 speakers)
    """
    n_speakers = positive_int(n_speakers, "n_speakers")
    tokens = positive_int(tokens, "tokens")
    sr = sample_rate(sr)
    if sr < 8000:
        raise ValueError(f"sr must be at least 8000 Hz for the vowels' F3 and F4, got {sr}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise TypeError(f"seed must be a non-negative integer, got {seed!r}")
    try:
        low, high = (positive_real(d, "duration") for d in duration)
    except TypeError:
        raise TypeError("duration must be a (shortest, longest) pair of seconds") from None
    if low > high:
        raise ValueError(f"duration must be (shortest, longest), got ({low}, {high})")
    names = list(KOREAN_VOWELS) if labels is None else _label_list(labels, len(list(labels)))
    unknown = [name for name in names if name not in KOREAN_VOWELS]
    if unknown or not names:
        raise ValueError(f"labels must be among {list(KOREAN_VOWELS)}, got {names}")

    waves, out_labels, speakers, groups, f0s, formant_rows = [], [], [], [], [], []
    for s in range(n_speakers):
        generator = np.random.default_rng([int(seed), s])
        group = _GROUP_CYCLE[s % len(_GROUP_CYCLE)]
        voice = _speaker_voice(generator, group)
        for name in names:
            table = np.array(KOREAN_VOWELS[name][voice["column"]] + (voice["f4"],), dtype=float)
            habit = voice["tract"] * np.exp(0.04 * generator.standard_normal(4))
            for _ in range(tokens):
                formants = table * habit * np.exp(0.025 * generator.standard_normal(4))
                f0 = voice["f0"] * np.exp(0.04 * generator.standard_normal())
                glide = generator.uniform(0.92, 1.05)
                y = vowel(
                    formants, (f0, f0 * glide), generator.uniform(low, high), sr,
                    jitter=voice["jitter"], shimmer=voice["shimmer"], breath=voice["breath"],
                    open_quotient=voice["open_quotient"], peak=generator.uniform(0.3, 0.9),
                    rng=generator,
                )
                waves.append(y)
                out_labels.append(name)
                speakers.append(f"spk{s:03d}")
                groups.append(group)
                f0s.append(f0 * (1 + glide) / 2)
                formant_rows.append(formants)
    return VowelSet(waves=waves, sr=sr, labels=out_labels, speakers=speakers, groups=groups,
                    f0=np.array(f0s), formants=np.array(formant_rows))


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


def _label_from_folder(root):
    def label(path):
        parts = path.relative_to(root).parts
        if len(parts) < 2:
            raise ValueError(
                f"{path}: lies directly in {root}, not in a label subfolder "
                "(labels='folder' takes each file's first subfolder as its label)"
            )
        return parts[0]
    return label


def _speaker_prefix(path):
    """The speaker of ``spk012_w_1.wav`` or FSDD's ``7_george_3.wav``... is the text before the first ``_``."""
    return path.stem.split("_", 1)[0]


def load_folder(root, sr=None, *, labels="folder", speakers=None, segment_seconds=None,
                extensions=(".wav",), errors="raise"):
    """Read every WAV file under ``root``, with a label for each.

    Parameters
    ----------
    root : str or os.PathLike
        The folder. Every file whose name ends in one of ``extensions``
        (any case), at any depth, is read, in sorted order of its path.
    sr : int, optional
        Resample every file to this rate (``read_wav(path, sr)``). ``None``:
        keep the files' rates, which must then all be the same.
    labels : "folder" or callable
        ``"folder"``: a file's label is its first subfolder under ``root``
        (``root/blues/blues.00000.wav`` is ``"blues"``, GTZAN's layout). A
        callable takes the file's ``pathlib.Path`` and returns its label,
        e.g. ``lambda p: p.stem.split("_")[0]`` for the Free Spoken Digit
        Dataset's ``7_george_3.wav``.
    speakers : None, "prefix" or callable
        The speaker of each file, for ``split_by_speaker``: ``"prefix"`` is
        the file name up to its first ``_`` (``spk012_w_1.wav`` is
        ``"spk012"``, as ``VowelSet.write`` names files); or a callable of
        the path, like ``labels``.
    segment_seconds : float, optional
        Cut each file into consecutive segments of this length (the course
        cuts 30-s GTZAN tracks into 10 of 3 s); the leftover at the end of a
        file shorter than a segment is dropped. Each segment is one clip with
        its file's label; ``starts`` says where in the file it begins. The
        MFCC frame count of a segment is ``frame_count(samples, hop_length)``.
    extensions : tuple of str
        File name endings that count as audio.
    errors : {"raise", "warn"}
        Files that cannot be read (or, when segmenting, are shorter than one
        segment): ``"raise"`` reads everything else first, then raises one
        ``ValueError`` listing every such file and why; ``"warn"`` leaves them
        out and gives one ``UserWarning`` listing them.

    Returns
    -------
    Clips
        ``waves``, ``sr``, ``labels``, ``paths``, ``starts`` and, if asked,
        ``speakers``.

    Raises
    ------
    FileNotFoundError
        ``root`` is not a folder.
    ValueError
        No audio file under ``root``; unreadable files (``errors="raise"``);
        sample rates that differ while ``sr`` is None; a label callable that
        fails or returns an empty label.

    Examples
    --------
    >>> import tempfile
    >>> root = tempfile.mkdtemp()
    >>> paths = vowels(2, tokens=1, seed=0).write(root)
    >>> data = load_folder(root, speakers="prefix")
    >>> len(data), data.labels[:2], data.speakers[:2], data.paths[0].name
    (14, ['a', 'a'], ['spk000', 'spk001'], 'spk000_m_1.wav')
    """
    root = Path(os.fspath(root))
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder")
    target = None if sr is None else sample_rate(sr)
    choice(errors, "errors", ("raise", "warn"))
    if isinstance(extensions, str):
        extensions = (extensions,)
    endings = tuple(str(e).lower() for e in extensions)
    if labels == "folder":
        label_of = _label_from_folder(root)
    elif callable(labels):
        label_of = labels
    else:
        raise TypeError(f"labels must be 'folder' or a callable taking a path, got {labels!r}")
    if speakers == "prefix":
        speaker_of = _speaker_prefix
    elif speakers is None or callable(speakers):
        speaker_of = speakers
    else:
        raise TypeError(f"speakers must be None, 'prefix' or a callable taking a path, got {speakers!r}")
    seconds = None if segment_seconds is None else positive_real(segment_seconds, "segment_seconds")

    files = sorted(
        (p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(endings)),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    if not files:
        raise ValueError(f"{root}: no audio files (ending in {', '.join(endings)}) in this folder or below")

    problems = []
    read = []  # (path, samples, rate, label, speaker)
    for path in files:
        label = _call(label_of, path, "labels")
        speaker = None if speaker_of is None else _call(speaker_of, path, "speakers")
        try:
            samples, rate = read_wav(path, target)
        except (OSError, ValueError) as err:
            problems.append(f"{path}: {err}".replace(f"{path}: {path}: ", f"{path}: "))
            continue
        read.append((path, samples, rate, label, speaker))

    rates = sorted({rate for _, _, rate, _, _ in read})
    if len(rates) > 1:
        examples = "; ".join(
            f"{rate} Hz, e.g. {next(p for p, _, r, _, _ in read if r == rate)}" for rate in rates
        )
        raise ValueError(
            f"{root}: the files have different sample rates ({examples}); "
            "give sr= to resample them all to one rate"
        )

    waves, out_labels, out_speakers, paths, starts = [], [], [], [], []
    for path, samples, rate, label, speaker in read:
        if seconds is None:
            pieces = [(0, samples)]
        else:
            length = round(seconds * rate)
            count = samples.size // length if length > 0 else 0
            if count == 0:
                problems.append(
                    f"{path}: {samples.size} samples, shorter than one segment of "
                    f"{segment_seconds} s ({length} samples)"
                )
                continue
            pieces = [(k * length, samples[k * length:(k + 1) * length]) for k in range(count)]
        for start, piece in pieces:
            waves.append(piece)
            out_labels.append(label)
            out_speakers.append(speaker)
            paths.append(path)
            starts.append(start)

    if problems:
        listing = "\n  ".join(problems)
        message = f"{len(problems)} file(s) under {root} could not be used:\n  {listing}"
        if errors == "raise":
            raise ValueError(message)
        warnings.warn(message + "\nThey were left out.", UserWarning, stacklevel=2)
    if not waves:
        raise ValueError(f"{root}: none of the {len(files)} audio file(s) could be used")
    return Clips(waves=waves, sr=rates[0], labels=out_labels,
                 speakers=None if speaker_of is None else out_speakers,
                 paths=paths, starts=np.array(starts, dtype=np.int64))


def _call(function, path, name):
    try:
        value = function(path)
    except Exception as err:
        raise ValueError(f"{path}: the {name} callable failed: {err!r}") from err
    if value is None or str(value) == "":
        raise ValueError(f"{path}: the {name} callable gave an empty label ({value!r})")
    return str(value)


def _waves(waves):
    if isinstance(waves, Clips):
        waves = waves.waves
    if isinstance(waves, np.ndarray) and waves.ndim == 2:
        waves = list(waves)
    if not isinstance(waves, (list, tuple)) or not waves:
        raise ValueError("waves must be a non-empty list of 1-D signals (or a 2-D array of equal-length clips)")
    return [signal(w, f"waves[{i}]") for i, w in enumerate(waves)]


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


def mfcc_features(waves, sr, *, n_mfcc=13, n_fft=2048, hop_length=512, n_mels=128, frames=None,
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
    sr : int
        Their sample rate.
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
    >>> data = vowels(2, tokens=1, seed=0)
    >>> x = mfcc_features(data.waves, data.sr, frames=8)
    >>> x.shape
    (14, 104)
    >>> mfcc_features(data.waves, data.sr, frames=8, layout="frames").shape
    (14, 8, 13)
    """
    waves = _waves(waves)
    sr = sample_rate(sr)
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


def split_by_speaker(speakers, labels, fractions=(0.6, 0.2, 0.2), *, groups=None, rng=None):
    """Train / validation / test indices with every speaker in exactly one split.

    A network tested on the voices it trained on is graded on its memory;
    held-out speakers measure what it learned about the sounds.

    Parameters
    ----------
    speakers : sequence
        The speaker of each clip.
    labels : sequence
        The label of each clip (only checked: every class must be in train).
    fractions : sequence of float
        The share of speakers in each split (two or more, >= 0, summing to
        1; the first is train). Counts are rounded, and every split with a
        positive share gets at least one speaker.
    groups : sequence, optional
        A group per clip (e.g. ``VowelSet.groups``): speakers are then split
        within each group, so men, women and children are in every split in
        about the same proportions.
    rng : None, int or numpy.random.Generator
        Shuffles the speakers.

    Returns
    -------
    tuple of numpy.ndarray
        One sorted index array per split.

    Raises
    ------
    ValueError
        Lengths that differ, bad fractions, too few speakers for the splits,
        or a class with no clip in the training split.

    Examples
    --------
    >>> speakers = ["ann", "ann", "bob", "bob", "cy", "cy", "dee", "dee"]
    >>> labels = ["a", "i"] * 4
    >>> train, test = split_by_speaker(speakers, labels, (0.5, 0.5), rng=0)
    >>> sorted({speakers[k] for k in train} & {speakers[k] for k in test})
    []
    >>> len(train), len(test)
    (4, 4)
    """
    if isinstance(speakers, (str, bytes)):
        raise TypeError("speakers must be a sequence with one speaker per clip, not a single string")
    speaker_list = _label_list(speakers, len(list(speakers)), "speakers")
    n = len(speaker_list)
    if n == 0:
        raise ValueError("speakers must not be empty")
    label_list = _label_list(labels, n)
    group_list = ["all"] * n if groups is None else _label_list(groups, n, "groups")
    try:
        shares = np.array([float(f) for f in fractions])
    except (TypeError, ValueError):
        raise TypeError("fractions must be a sequence of numbers") from None
    if shares.size < 2 or not np.all(np.isfinite(shares)) or np.any(shares < 0) or not np.isclose(shares.sum(), 1.0):
        raise ValueError(f"fractions must be two or more shares >= 0 that sum to 1, got {list(fractions)}")
    if shares[0] == 0:
        raise ValueError("the training split (the first fraction) must not be empty")
    generator = as_generator(rng)

    group_of = {}
    for speaker, group in zip(speaker_list, group_list):
        if group_of.setdefault(speaker, group) != group:
            raise ValueError(f"speaker {speaker!r} is in two groups ({group_of[speaker]!r} and {group!r})")
    needed = int(np.count_nonzero(shares))
    if len(group_of) < needed:
        raise ValueError(f"{len(group_of)} speaker(s) cannot fill {needed} splits: each needs at least one")

    # Shuffle each group, then lay the groups side by side: the k-th of n
    # speakers of a group sits at (k + 0.5) / n. Cutting that one line at the
    # split sizes gives each split about its share of every group.
    line = []
    for group in sorted(set(group_list)):
        members = sorted(s for s, g in group_of.items() if g == group)
        order = generator.permutation(len(members))
        line += [((k + 0.5) / len(members), group, members[i]) for k, i in enumerate(order)]
    line.sort()
    total = len(line)
    exact = shares * total
    counts = np.floor(exact).astype(int)
    for k in np.argsort(-(exact - counts), kind="stable")[: total - counts.sum()]:
        counts[k] += 1
    for k in np.flatnonzero((shares > 0) & (counts == 0)):  # every split with a share gets a speaker
        counts[np.argmax(counts)] -= 1
        counts[k] += 1
    bounds = np.concatenate(([0], np.cumsum(counts)))
    assignment = {
        speaker: split
        for split in range(shares.size)
        for _, _, speaker in line[bounds[split]:bounds[split + 1]]
    }

    which = np.array([assignment[s] for s in speaker_list])
    splits = tuple(np.flatnonzero(which == k) for k in range(shares.size))
    missing = sorted(set(label_list) - {label_list[k] for k in splits[0]})
    if missing:
        raise ValueError(
            f"the training split has no clip of class(es) {missing}: more speakers, "
            "a larger training fraction or another rng are needed"
        )
    return splits


def _features(x, name):
    try:
        array = np.array(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None
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
        """Take the mean and standard deviation of each feature of ``x``; returns self."""
        array = _features(x, "x")
        axes = tuple(range(array.ndim - 1))
        mean = array.mean(axis=axes)
        scale = array.std(axis=axes)
        scale[scale == 0] = 1.0
        self.mean_, self.scale_ = mean, scale
        return self

    def transform(self, x):
        """``(x - mean_) / scale_``, a new array."""
        if self.mean_ is None:
            raise ValueError("this Standardizer is not fitted yet: call fit(train) first")
        array = _features(x, "x")
        if array.shape[-1] != self.mean_.size:
            raise ValueError(
                f"x has {array.shape[-1]} features, the Standardizer was fitted on {self.mean_.size}"
            )
        return (array - self.mean_) / self.scale_

    def fit_transform(self, x):
        """``fit(x)``, then ``transform(x)``."""
        return self.fit(x).transform(x)


def encode_labels(labels, classes=None):
    """Labels to class indices: ``(indices, classes)`` with ``classes[indices[k]] == labels[k]``.

    ``classes`` defaults to the sorted distinct labels; give it to encode a
    validation or test split the same way as the training split (a label
    not in it is an error).

    >>> encode_labels(["u", "a", "u"])
    (array([1, 0, 1]), ('a', 'u'))
    """
    if isinstance(labels, (str, bytes)):
        raise TypeError("labels must be a sequence of labels, not a single string")
    label_list = _label_list(labels, len(list(labels)))
    if not label_list:
        raise ValueError("labels must not be empty")
    if classes is None:
        classes = tuple(sorted(set(label_list)))
    else:
        classes = tuple(_label_list(classes, len(list(classes)), "classes"))
        if len(set(classes)) != len(classes):
            raise ValueError(f"classes must be distinct, got {list(classes)}")
    index = {c: k for k, c in enumerate(classes)}
    unknown = sorted(set(label_list) - set(index))
    if unknown:
        raise ValueError(f"label(s) {unknown} are not among the classes {list(classes)}")
    return np.array([index[label] for label in label_list], dtype=np.int64), classes


def one_hot(indices, n_classes):
    """One-hot rows: row ``k`` is all zeros but a 1 in column ``indices[k]``.

    The targets ``y`` of a softmax output: one row per sample, as the
    network's rows are.

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
