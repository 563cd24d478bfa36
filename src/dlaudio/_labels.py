"""Labels, speakers and file names of clips: one string per clip, shared by the data-set modules."""

from __future__ import annotations

__all__ = ["string_list", "token_numbers"]


def string_list(labels, n, name="labels"):
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


def token_numbers(speakers, labels):
    """Each clip's place among its speaker's clips of its label, counted from 1."""
    seen = {}
    numbers = []
    for speaker, label in zip(speakers, labels):
        seen[speaker, label] = seen.get((speaker, label), 0) + 1
        numbers.append(seen[speaker, label])
    return numbers
