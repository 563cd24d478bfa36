"""Splits that keep every speaker on one side: ``split_by_speaker`` and ``speaker_folds``."""

from __future__ import annotations

import numpy as np

from ._checks import as_generator, positive_int
from ._labels import string_list
from .clips import Clips

__all__ = ["split_by_speaker", "speaker_folds"]


def split_by_speaker(speakers, labels=None, fractions=(0.6, 0.2, 0.2), *, groups=None, rng=None):
    """Train / validation / test indices with every speaker in exactly one split.

    A network tested on the voices it trained on is graded on its memory;
    held-out speakers measure what it learned about the sounds.

    Parameters
    ----------
    speakers : sequence or Clips
        The speaker of each clip; or a ``Clips`` with speakers, whose
        ``speakers`` and ``labels`` are then used (leave ``labels`` out).
    labels : sequence, optional
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

    Notes
    -----
    ``groups`` here groups the speakers into strata, as ``stratify`` does in
    scikit-learn's ``train_test_split``. What scikit-learn's splitters call
    ``groups``, the examples that must stay together in one split, are the
    ``speakers`` here.

    Examples
    --------
    >>> speakers = ["ann", "ann", "bob", "bob", "cy", "cy", "dee", "dee"]
    >>> labels = ["a", "i"] * 4
    >>> train, test = split_by_speaker(speakers, labels, (0.5, 0.5), rng=0)
    >>> sorted({speakers[k] for k in train} & {speakers[k] for k in test})
    []
    >>> len(train), len(test)
    (4, 4)
    >>> clips = Clips(waves=[np.zeros(8)] * 8, sr=8000, labels=labels, speakers=speakers)
    >>> [len(split) for split in split_by_speaker(clips, fractions=(0.5, 0.5), rng=0)]
    [4, 4]
    """
    speakers, labels = _speakers_and_labels(speakers, labels)
    speaker_list = string_list(speakers, name="speakers")
    n = len(speaker_list)
    if n == 0:
        raise ValueError("speakers must not be empty")
    label_list = string_list(labels, n)
    group_list = ["all"] * n if groups is None else string_list(groups, n, "groups")
    try:
        shares = np.array([float(f) for f in fractions])
    except (TypeError, ValueError):
        raise TypeError("fractions must be a sequence of numbers") from None
    if shares.size < 2 or not np.all(np.isfinite(shares)) or np.any(shares < 0) or not np.isclose(shares.sum(), 1.0):
        raise ValueError(f"fractions must be two or more shares >= 0 that sum to 1, got {shares.tolist()}")
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
        speaker: split for split in range(shares.size) for _, _, speaker in line[bounds[split] : bounds[split + 1]]
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


def speaker_folds(speakers, labels=None, n_folds=5, *, groups=None, rng=None):
    """``n_folds`` pairs ``(train, test)`` of index arrays: each speaker is tested in exactly one fold.

    One split by speaker gives one number, and which speakers happened to
    be held out moves it by a few per cent. Training once per fold and
    reporting the mean and standard deviation of the scores tells that
    spread apart from a real difference. It is the idea of scikit-learn's
    ``GroupKFold`` with the speakers as its groups, the speakers shuffled by
    ``rng`` and, with ``groups``, dealt so that each fold has about the same
    share of every group; ``split_by_speaker`` cuts the speakers into
    ``n_folds`` equal shares.

    Parameters
    ----------
    speakers : sequence or Clips
        The speaker of each clip, or a ``Clips`` with speakers, as in
        ``split_by_speaker``.
    labels : sequence, optional
        The label of each clip, as in ``split_by_speaker``.
    n_folds : int
        The number of folds, at least 2.
    groups : sequence, optional
        A group per clip, shared out evenly among the folds.
    rng : None, int or numpy.random.Generator
        Shuffles the speakers.

    Returns
    -------
    list of tuple of numpy.ndarray
        ``n_folds`` pairs ``(train, test)`` of sorted index arrays.

    Examples
    --------
    >>> speakers = [s for s in "abcdef" for _ in range(2)]
    >>> folds = speaker_folds(speakers, ["x", "y"] * 6, n_folds=3, rng=0)
    >>> [sorted({speakers[k] for k in test}) for _, test in folds]
    [['c', 'd'], ['e', 'f'], ['a', 'b']]
    >>> [len(train) for train, _ in folds]
    [8, 8, 8]
    """
    n_folds = positive_int(n_folds, "n_folds")
    if n_folds < 2:
        raise ValueError(f"n_folds must be at least 2 (one fold to test, the rest to train), got {n_folds}")
    parts = split_by_speaker(speakers, labels, (1 / n_folds,) * n_folds, groups=groups, rng=rng)
    return [(np.sort(np.concatenate(parts[:k] + parts[k + 1 :])), parts[k]) for k in range(n_folds)]


def _speakers_and_labels(speakers, labels):
    """The ``speakers`` and ``labels`` arguments, or a ``Clips``' own."""
    if not isinstance(speakers, Clips):
        if labels is None:
            raise TypeError("labels is missing: give the label of each clip (only a Clips set brings its own)")
        return speakers, labels
    if labels is not None:
        raise TypeError("the clips bring their own labels: leave labels out (and give fractions= by name)")
    if speakers.speakers is None:
        raise ValueError("the clips have no speakers: load_folder(..., speakers=...) reads them")
    return speakers.speakers, speakers.labels
