"""Clip sets and folders of WAV files: ``Clips``, ``Clips.write`` and ``load_folder``.

``load_folder`` is what a learner points at their own recordings: it reads a
folder of WAV files (one subfolder per label, as GTZAN is laid out, or labels
in the file names, as in the Free Spoken Digit Dataset) into ``Clips``, the
clip set that ``mfcc_features`` turns into rows for a network and
``split_by_speaker`` divides by voice. ``Clips.write`` writes a set back as
such a folder.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._checks import choice, positive_real, sample_rate, signal
from ._labels import string_list, token_numbers
from .wav import read_wav, write_wav

__all__ = ["Clips", "load_folder"]


@dataclass(repr=False)
class Clips:
    """Audio clips with their labels: what ``load_folder`` returns and ``vowels`` extends.

    Its fields are its parameters, in this order.

    Parameters
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
        self.labels = string_list(self.labels, n)
        if self.speakers is not None:
            self.speakers = string_list(self.speakers, n, "speakers")
        if self.paths is not None:
            # Path("a.wav") and "a.wav" name one file: no look-alikes to refuse.
            self.paths = [Path(p) for p in string_list(self.paths, n, "paths", refuse_lookalikes=False)]
        if self.starts is not None:
            self.starts = np.asarray(self.starts, dtype=np.int64)
            if self.starts.shape != (n,):
                raise ValueError(f"starts must have one entry per clip ({n}), got shape {self.starts.shape}")

    def __len__(self):
        return len(self.waves)

    def __repr__(self):
        seconds = sum(w.size for w in self.waves) / self.sr
        speakers = "" if self.speakers is None else f", {len(set(self.speakers))} speakers"
        return (
            f"{type(self).__name__}({len(self)} clips, {seconds:.1f} s at {self.sr} Hz, "
            f"{len(self.classes)} labels{speakers})"
        )

    @property
    def classes(self):
        """The distinct labels in sorted order; class ``k`` of ``encode_labels`` is ``classes[k]``."""
        return tuple(sorted(set(self.labels)))

    def _stems(self):
        """File names (without ``.wav``): speaker and token number, or the clip's index."""
        if self.speakers is None:
            width = len(str(len(self)))
            return [f"clip{i:0{width}d}" for i in range(len(self))]
        counts = token_numbers(self.speakers, self.labels)
        return [f"{speaker}_{n}" for speaker, n in zip(self.speakers, counts)]

    def write(self, folder, subtype="PCM_16"):
        """Write the clips as WAV files, one subfolder per label: ``folder/label/name.wav``.

        Each file is written atomically (``write_wav``); files already there
        with the same names are replaced, others are left alone. With
        speakers the name is ``speaker_n`` (``n`` counts that speaker's
        clips of that label from 1), so ``load_folder(folder,
        speakers="prefix")`` reads the speakers back.

        A label or speaker id that is empty, starts with ``.`` or holds
        ``/``, ``\\`` or a NUL is refused with a ``ValueError`` before anything
        is written.

        Parameters
        ----------
        folder : str or pathlib.Path
            The folder to write into; made if it does not exist.
        subtype : {"PCM_16", "PCM_U8", "PCM_24", "PCM_32", "FLOAT"}
            The sample format of the files (``write_wav``).

        Returns
        -------
        list of pathlib.Path
            The paths written, in the order of the clips.

        Raises
        ------
        ValueError
            If a label or speaker id cannot be a name in the folder.
        """

        folder = Path(os.fspath(folder))
        # Labels and speaker ids may come from untrusted file lists: as names
        # they must neither climb out of the folder nor hide from load_folder.
        for kind, values, role in (
            ("label", self.labels, "a folder name"),
            ("speaker", self.speakers or (), "part of a file name"),
        ):
            for value in dict.fromkeys(values):
                if not value or value.startswith(".") or any(c in value for c in "/\\\0"):
                    raise ValueError(
                        f"the {kind} {value!r} cannot be {role}: it must be non-empty, "
                        "not start with '.', and hold no /, \\ or NUL"
                    )
        paths = [folder / label / f"{stem}.wav" for label, stem in zip(self.labels, self._stems())]
        # A label folder that is a link elsewhere must not carry files out either.
        inside = folder.resolve()
        for path in paths:
            if not path.resolve().is_relative_to(inside):
                raise ValueError(f"{path} would be written outside {folder} (it leads to {path.resolve()})")
        folder.mkdir(parents=True, exist_ok=True)
        for wave, path in zip(self.waves, paths):
            path.parent.mkdir(exist_ok=True)
            write_wav(path, wave, self.sr, subtype=subtype)
        return paths


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


def load_folder(
    root, sr=None, *, labels="folder", speakers=None, segment_seconds=None, extensions=(".wav",), errors="raise"
):
    """Read every WAV file under ``root``, with a label for each.

    Parameters
    ----------
    root : str or os.PathLike
        The folder. Every file whose name ends in one of ``extensions``
        (any case), at any depth, is read, in sorted order of its path.
        Hidden folders and files (names starting with ``.``, such as
        ``.git`` or macOS's ``._name.wav``) are skipped.
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
        segment), audio names that are no regular file (a link to nothing,
        a pipe) and folders that cannot be listed: ``"raise"`` reads
        everything else first, then raises one ``ValueError`` listing each
        of them and why; ``"warn"`` leaves them out and gives one
        ``UserWarning`` listing them.

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
        No audio file under ``root``; unreadable files or folders (``errors="raise"``);
        sample rates that differ while ``sr`` is None; a label callable that
        fails or returns an empty label.

    Examples
    --------
    >>> import tempfile
    >>> from dlaudio import vowels
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

    files, problems, unlisted = _audio_files(root, endings)
    no_audio = f"{root}: no audio files (ending in {', '.join(endings)}) in this folder or below"
    if not files and not problems and not unlisted:
        raise ValueError(no_audio)

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
        examples = "; ".join(f"{rate} Hz, e.g. {next(p for p, _, r, _, _ in read if r == rate)}" for rate in rates)
        raise ValueError(
            f"{root}: the files have different sample rates ({examples}); give sr= to resample them all to one rate"
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
            pieces = [(k * length, samples[k * length : (k + 1) * length]) for k in range(count)]
        for start, piece in pieces:
            waves.append(piece)
            out_labels.append(label)
            out_speakers.append(speaker)
            paths.append(path)
            starts.append(start)

    if problems or unlisted:
        listing = "\n  ".join(unlisted + problems)
        counts = " and ".join(
            f"{len(entries)} {kind}" for entries, kind in ((unlisted, "folder(s)"), (problems, "file(s)")) if entries
        )
        message = f"{counts} under {root} could not be used:\n  {listing}"
        if errors == "raise":
            raise ValueError(message)
        warnings.warn(message + "\nThey were left out.", UserWarning, stacklevel=2)
    if not waves:
        raise ValueError(f"{root}: none of the {len(files)} audio file(s) could be used" if files else no_audio)
    return Clips(
        waves=waves,
        sr=rates[0],
        labels=out_labels,
        speakers=None if speaker_of is None else out_speakers,
        paths=paths,
        starts=np.array(starts, dtype=np.int64),
    )


def _audio_files(root, endings):
    """Audio files under ``root`` (sorted), audio names that are no file, and folders not listed."""
    odd, unlisted, files = [], [], []

    def not_listed(error):
        unlisted.append(f"{error.filename}: this folder cannot be listed ({error.strerror or error})")

    for folder, subfolders, names in os.walk(root, onerror=not_listed):
        # Hidden entries are tools' data (.git, .cache, macOS's ._name.wav),
        # not recordings: as classes or clips they would be invented ones.
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            if name.startswith(".") or not name.lower().endswith(endings):
                continue
            path = Path(folder, name)
            try:
                regular = path.is_file()
            except OSError as error:
                odd.append(f"{path}: {error.strerror or error}")
                continue
            # A pipe is never opened: reading it would wait for a writer.
            if regular:
                files.append(path)
            elif path.is_symlink() and not path.exists():
                odd.append(f"{path}: a link to nothing (no file at {os.readlink(path)})")
            else:
                odd.append(f"{path}: not a regular file (a pipe, socket or device)")
    files.sort(key=lambda p: p.relative_to(root).as_posix())
    return files, odd, unlisted


def _call(function, path, name):
    try:
        value = function(path)
    except Exception as err:
        raise ValueError(f"{path}: the {name} callable failed: {err!r}") from err
    if value is None or str(value) == "":
        raise ValueError(f"{path}: the {name} callable gave an empty label ({value!r})")
    return str(value)
