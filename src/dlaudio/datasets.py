"""The data-set modules under their old name, so that older imports keep working.

``from dlaudio.datasets import vowels`` and ``dlaudio.datasets.KOREAN_VOWELS``
still work; each job now lives in its own module: ``dlaudio.clips`` (clip
sets and WAV folders: ``Clips``, ``load_folder``), ``dlaudio.vowelset`` (the
Korean vowels: ``make_vowels`` or ``vowels``, ``VowelSet``,
``KOREAN_VOWELS``, ``CHILD_SCALE``), ``dlaudio.features`` (``mfcc_features``,
``frame_count``), ``dlaudio.splits`` (``split_by_speaker``) and
``dlaudio.preprocessing`` (``Standardizer``, ``encode_labels``, ``one_hot``).
"""

from __future__ import annotations

from .clips import Clips, load_folder
from .features import frame_count, mfcc_features
from .preprocessing import Standardizer, encode_labels, one_hot
from .splits import speaker_folds, split_by_speaker
from .vowelset import CHILD_SCALE, KOREAN_VOWELS, VowelSet, make_vowels, vowels

__all__ = [
    "CHILD_SCALE",
    "Clips",
    "KOREAN_VOWELS",
    "Standardizer",
    "VowelSet",
    "encode_labels",
    "frame_count",
    "load_folder",
    "make_vowels",
    "mfcc_features",
    "one_hot",
    "speaker_folds",
    "split_by_speaker",
    "vowels",
]
