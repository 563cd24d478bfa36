"""Labels, speakers and file names of clips: one string per clip, shared by the data-set modules."""

from __future__ import annotations

__all__ = ["string_list", "token_numbers"]


def string_list(labels, n=None, name="labels", *, refuse_lookalikes=True):
    """Labels as a list of strings, one per clip (``n`` of them, when given).

    Any iterable is read once, so a generator works as a list does. Two
    different values that print alike (``1`` and ``"1"``) are refused: as
    strings they would become one class or one speaker.
    """
    if isinstance(labels, (str, bytes)):
        raise TypeError(f"{name} must be a sequence with one entry per clip, not a single string")
    try:
        items = list(labels)
    except TypeError:
        raise TypeError(f"{name} must be a sequence with one entry per clip, got {type(labels).__name__}") from None
    if n is not None and len(items) != n:
        raise ValueError(f"{name} has {len(items)} entries but there are {n} clips: give one per clip")
    texts = [str(item) for item in items]
    if refuse_lookalikes:
        first = {}
        for item, text in zip(items, texts):
            other = first.setdefault(text, item)
            if not _same_value(item, other):
                raise ValueError(
                    f"{name} {other!r} and {item!r} would both become {text!r}: give them as one type, e.g. all strings"
                )
    return texts


def _same_value(a, b):
    # One type printing alike counts as one value (so two NaNs stay one
    # class); across types, 1 and numpy.int64(1) agree, 1 and "1" do not.
    if type(a) is type(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def token_numbers(speakers, labels):
    """Each clip's place among its speaker's clips of its label, counted from 1."""
    seen = {}
    numbers = []
    for speaker, label in zip(speakers, labels):
        seen[speaker, label] = seen.get((speaker, label), 0) + 1
        numbers.append(seen[speaker, label])
    return numbers
