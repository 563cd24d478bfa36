"""The Korean vowel data set, made from a seed: ``make_vowels``, the course's ``vowels``.

The machines this course runs on reach no network, so its data set is made,
not downloaded: ``vowels()`` synthesises the seven Korean monophthongs with
the source-filter model (``dlaudio.synth``) for speakers who differ as real
ones do. The function is named ``make_vowels`` as scikit-learn names the
functions that generate a data set (``make_blobs``, ``make_moons``);
``vowels`` is the course's short name for the same function.

The formant table
-----------------
``KOREAN_VOWELS`` holds the mean F1, F2 and F3 (Hz) of the seven monophthongs
of Seoul Korean for male and female speakers, read from the file
``tables/korean-vowel-formants-yang1996.csv`` shipped with the package:

    Yang, Byunggon (1996). A comparative study of American English and Korean
    vowels produced by male and female speakers. *Journal of Phonetics* 24(2),
    245-261. Group means as distributed in phonTools (``y96``), by Santiago
    Barreda.

=====  ======  ======  ======  ======  ======  ======  ======
label  vowel   men F1  men F2  men F3  wom F1  wom F2  wom F3
=====  ======  ======  ======  ======  ======  ======  ======
i      이 /i/   341     2219    3047    344     2814    3471
e      에 /e/   490     1968    2644    650     2377    3068
a      아 /a/   738     1372    2573    986     1794    2957
eo     어 /ʌ/   608     1121    2683    765     1371    3009
o      오 /o/   448     945     2674    499     1029    3068
u      우 /u/   369     981     2565    422     1021    3024
eu     으 /ɨ/   405     1488    2497    447     1703    2997
=====  ======  ======  ======  ======  ======  ======  ======

The file also holds /ɛ/, /ø/ and /y/: Seoul speakers have merged /ɛ/ into
/e/ (Ko 2009), and say /ø/ and /y/ as the diphthongs [we] and [wi] (the
standard pronunciation allows it), so the data set keeps the seven
monophthongs every speaker has.

The table has no children; their formants are the women's scaled by
``CHILD_SCALE`` = 1.15: a child's shorter vocal tract raises every
resonance, and in Peterson and Barney's (1952) table of American English
vowels the children's formants are on average 1.16 times the women's,
rounded here to 1.15.

Above F3 the table says nothing. Each group gets a typical F4 (3500 Hz for
men, 4000 Hz for women, the women's times 1.15 for children), and above it
the resonances of a uniform tube (``synth.higher_formants``) up to
``sr / 2``: without them a voice would have almost no energy above 3.5 kHz.

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
  voiced source's RMS, a glottal open quotient of 0.5-0.7, and the
  closure's low-pass (``synth.glottal_tilt``) with its corner at
  1000-2000 Hz.

Every speaker's voice comes from its own generator,
``numpy.random.default_rng([seed, speaker_index])``: the same seed gives the
same arrays, and speaker 7 sounds the same whether 10 or 100 are made.
"""

from __future__ import annotations

import csv
import io
import numbers
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from ._checks import positive_int, positive_real, sample_rate
from ._labels import string_list, token_numbers
from .clips import Clips
from .synth import higher_formants, vowel

__all__ = ["KOREAN_VOWELS", "CHILD_SCALE", "VowelSet", "make_vowels", "vowels"]


#: label -> (Hangul, the X-SAMPA code of its rows in the file) of the seven monophthongs, in the data set's order.
_MONOPHTHONGS = {
    "i": ("이", "i"),
    "e": ("에", "e"),
    "a": ("아", "a"),
    "eo": ("어", "V"),
    "o": ("오", "o"),
    "u": ("우", "u"),
    "eu": ("으", "1"),
}


def _read_formant_table():
    """label -> (Hangul, IPA, men's (F1, F2, F3), women's (F1, F2, F3)) from the shipped CSV file."""
    text = resources.files("dlaudio").joinpath("tables", "korean-vowel-formants-yang1996.csv").read_text("utf-8")
    rows = {(row["sex"], row["xsampa"]): row for row in csv.DictReader(io.StringIO(text))}
    table = {}
    for label, (hangul, xsampa) in _MONOPHTHONGS.items():
        men, women = (rows[sex, xsampa] for sex in ("m", "f"))
        table[label] = (
            hangul,
            men["ipa"],
            tuple(int(men[f"F{k}_Hz"]) for k in (1, 2, 3)),
            tuple(int(women[f"F{k}_Hz"]) for k in (1, 2, 3)),
        )
    return table


#: label -> (Hangul, IPA, men's (F1, F2, F3), women's (F1, F2, F3)) in Hz,
#: Yang (1996); see the module docstring.
KOREAN_VOWELS = _read_formant_table()
#: The factor that turns the women's formants into children's (see the module docstring).
CHILD_SCALE = 1.15

# Speaker groups: name, letter in file names, F0 range (Hz), table column,
# extra formant scale, and F4 (Hz, not in the table: a typical value, from
# which synth.higher_formants continues the resonances up to sr / 2).
_GROUPS = {
    "man": ("m", (100.0, 140.0), 2, 1.0, 3500.0),
    "woman": ("w", (180.0, 250.0), 3, 1.0, 4000.0),
    "child": ("c", (250.0, 330.0), 3, CHILD_SCALE, 4000.0),
}
_GROUP_CYCLE = ("man", "woman", "man", "woman", "child")
# The longest clip in seconds. A vowel of a minute is already long; longer
# durations would only exhaust memory (1e9 s is 116 TiB at 16 kHz), so they
# are refused before any clip is made.
_LONGEST = 60.0


@dataclass(repr=False)
class VowelSet(Clips):
    """The synthetic Korean vowels of ``vowels()``: ``Clips`` and how each was made.

    Its fields are its parameters, in this order.

    Parameters
    ----------
    waves, sr, labels, speakers, paths, starts : as in Clips
        The clips, their sample rate, labels, speakers, files and starts.
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
        counts = token_numbers(self.speakers, self.labels)
        return [f"{speaker}_{_GROUPS[group][0]}_{n}" for speaker, group, n in zip(self.speakers, self.groups, counts)]


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
        "tilt": generator.uniform(1000.0, 2000.0),
    }


def make_vowels(n_speakers=50, *, tokens=2, sr=16000, duration=(0.3, 0.6), seed=0, labels=None):
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
        Each clip's length in seconds is drawn uniformly from this range (at
        most 60 s: a vowel, not a recording session).
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
    VowelSet(35 clips, 16.4 s at 16000 Hz, 7 labels, 5 speakers)
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
    if high > _LONGEST:
        raise ValueError(f"duration must be at most {_LONGEST:g} s per clip, got ({low}, {high})")
    names = list(KOREAN_VOWELS) if labels is None else string_list(labels)
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
                    higher_formants(formants, sr),
                    (f0, f0 * glide),
                    generator.uniform(low, high),
                    sr,
                    jitter=voice["jitter"],
                    shimmer=voice["shimmer"],
                    breath=voice["breath"],
                    open_quotient=voice["open_quotient"],
                    tilt=voice["tilt"],
                    peak=generator.uniform(0.3, 0.9),
                    rng=generator,
                )
                waves.append(y)
                out_labels.append(name)
                speakers.append(f"spk{s:03d}")
                groups.append(group)
                f0s.append(f0 * (1 + glide) / 2)
                formant_rows.append(formants)
    return VowelSet(
        waves=waves,
        sr=sr,
        labels=out_labels,
        speakers=speakers,
        groups=groups,
        f0=np.array(f0s),
        formants=np.array(formant_rows),
    )


#: The course's short name for ``make_vowels``: ``dlaudio.vowels(...)``.
vowels = make_vowels
