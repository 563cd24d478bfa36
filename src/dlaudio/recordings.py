"""Six real recordings that ship with the package: ``example(name)`` gives a file's path.

Every other sound in the course is made from a seed. These six are real, so
a learner can see what a trumpet, read speech or a bird looks like as a
spectrogram. They are the recordings librosa's own documentation uses, under
the names of ``librosa.ex`` (librosa's example-data repository, librosa/data),
OGG Vorbis, mono, 22 050 Hz, 690 KB in all, and they are installed with
the package: nothing is downloaded.

======== ======================================================= ======= ============
name     what                                                    seconds licence
======== ======================================================= ======= ============
trumpet  a jazz trumpet phrase, Mihai Sorohan (Freesound 77711)  5.3     CC BY 3.0
libri1   read English speech, LibriSpeech 5703-47212-0000        14.8    CC BY 4.0
libri2   read English speech, LibriSpeech 3436-172162-0000       16.7    CC BY 4.0
libri3   read English speech, LibriSpeech 198-209-0000           13.9    CC BY 4.0
robin    one robin call, InspectorJ (Freesound 456440)           2.7     CC BY 3.0
vibeace  "Vibe Ace", a jazz piece by Kevin MacLeod               61.5    CC BY 3.0
======== ======================================================= ======= ============

The licences ask for attribution: ``attribution(name)`` returns the text
that came with each file, to show wherever the recording is played or
plotted.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["EXAMPLES", "example", "attribution"]

#: Each recording's name (librosa's) and its file in ``dlaudio/sounds``.
EXAMPLES = {
    "trumpet": "sorohanro_-_solo-trumpet-06.ogg",
    "libri1": "5703-47212-0000.ogg",
    "libri2": "3436-172162-0000.ogg",
    "libri3": "198-209-0000.ogg",
    "robin": "456440__inspectorj__bird-whistling-robin-single-13.ogg",
    "vibeace": "Kevin_MacLeod_-_Vibe_Ace.ogg",
}


def _file(name, suffix: str) -> Path:
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, one of {', '.join(EXAMPLES)}; got {type(name).__name__}")
    if name not in EXAMPLES:
        raise ValueError(f"no recording named {name!r}: the recordings are {', '.join(EXAMPLES)}")
    # The package is installed as files (a wheel or an editable install), so the
    # resource is a real path that soundfile can open.
    return Path(str(resources.files("dlaudio").joinpath("sounds", EXAMPLES[name]))).with_suffix(suffix)


def example(name: str) -> Path:
    """The path of one of the six recordings that ship with the package.

    Parameters
    ----------
    name : str
        ``"trumpet"``, ``"libri1"``, ``"libri2"``, ``"libri3"``, ``"robin"``
        or ``"vibeace"`` (``librosa.ex``'s names).

    Returns
    -------
    pathlib.Path
        The OGG Vorbis file; read it with ``read_audio``.

    Examples
    --------
    >>> from dlaudio import read_audio
    >>> y, sr = read_audio(example("trumpet"))
    >>> sr, round(y.size / sr, 2)
    (22050, 5.33)
    """
    return _file(name, ".ogg")


def attribution(name: str) -> str:
    """The attribution and licence that came with a recording, to show beside it.

    Parameters
    ----------
    name : str
        A recording's name, as for ``example``.

    Returns
    -------
    str
        The text of the file's attribution (title, author, source, licence).

    Examples
    --------
    >>> print(attribution("libri1").splitlines()[-1])
    CC-BY 4.0 https://creativecommons.org/licenses/by/4.0/
    """
    return _file(name, ".txt").read_text(encoding="utf-8").strip()
