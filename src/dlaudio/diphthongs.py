"""Korean diphthongs from a seed, and their reverses: a data set where the order of sounds is the class.

The vowels of ``make_vowels`` hold still, so the mean of their MFCC frames
says everything about them. A diphthong moves: Korean ㅑ /ja/ is a glide /j/
(an /i/-like position, held only briefly) into the vowel /a/. Korean phonology
describes its diphthongs as a glide, /j/, /w/ or /ɰ/, followed by a
monophthong (Lee 1999; Shin, Kiaer and Cha 2012, ch. 5). ``make_diphthongs``
synthesises seven of them and, for each, the same two sounds in the
opposite order, *the same formant trajectory walked backwards*: /a/ held,
then a glide to a short /i/ (as in 아이, "child", said without a break). A
pair's two classes hold the same sounds for the same (random) times, so their
frame-averaged features are nearly the same; only the order tells them apart.

=====  ===============  ======  ===================  ==========  ========
label  Korean           IPA     formant trajectory   reverse of  pair
=====  ===============  ======  ===================  ==========  ========
ja     ㅑ (야)          /ja/    i → a                a-i         1
a-i    아이             /ai/    a → i                ja          1
jeo    ㅕ (여)          /jʌ/    i → eo               eo-i        2
eo-i   어이             /ʌi/    eo → i               jeo         2
jo     ㅛ (요)          /jo/    i → o                o-i         3
o-i    오이             /oi/    o → i                jo          3
ju     ㅠ (유)          /ju/    i → u                u-i         4
u-i    우이             /ui/    u → i                ju          4
wa     ㅘ (와)          /wa/    u → a                a-u         5
a-u    아우             /au/    a → u                wa          5
wo     ㅝ (워)          /wʌ/    u → eo               eo-u        6
eo-u   어우             /ʌu/    eo → u               wo          6
ui     ㅢ (의)          /ɰi/    eu → i               i-eu        7
i-eu   이으             /iɨ/    i → eu               ui          7
=====  ===============  ======  ===================  ==========  ========

Labels are romanised (Revised Romanization for the diphthongs; the reversed
sequences join their two vowels with a hyphen, as they are two vowels in a
row, not one Korean letter).

References
----------
Lee, Hyun Bok (1999). Korean. In *Handbook of the International Phonetic
Association*, 120-123. Cambridge University Press.

Shin, Jiyoung, Jieun Kiaer and Jaeeun Cha (2012). *The Sounds of Korean*.
Cambridge University Press.

What the synthesis simplifies
-----------------------------
- A glide is made as a formant transition that starts (or ends) at the
  targets of the matching vowel (/j/ at /i/, /w/ at /u/, /ɰ/ at /ɨ/) of the
  same speaker. A real glide is a narrower constriction than its vowel, and
  shorter; its formants are more extreme.
- The timing is one shape for every class: the glide's vowel held for
  20-50 ms, a straight-line transition of 60-120 ms, the vowel held for the
  rest of a 0.3-0.5 s clip (mirrored for a reverse). Real transitions are
  curved, and their durations differ between diphthongs and speakers.
- The reversed classes (아이, 오이, ...) would in real speech be two
  syllables, with a longer second vowel and often a pitch movement; here
  they keep the diphthong's timing, mirrored, so that only the order
  differs. No consonants, no coarticulation beyond the formant line.
- Formants move linearly in Hz and are updated every 5 ms
  (``formant_tracks.moving_formant_filter``); the voice source is ``vowel``'s.

Speakers are those of ``make_vowels``: the same groups, vocal-tract factors,
voice qualities and formant table (``KOREAN_VOWELS``), drawn from
``numpy.random.default_rng([seed, speaker_index])``, so a speaker sounds the
same however many are made. Token ``t`` of a diphthong and token ``t`` of
its reverse, by the same speaker, share every random draw (formant targets,
timing, pitch, loudness and the voice source itself): the reverse is that
very clip's formant track walked backwards.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from ._checks import positive_int, sample_rate
from ._labels import string_list, token_numbers
from .clips import Clips
from .formant_tracks import gliding_vowel
from .synth import higher_formants
from .vowelset import _GROUP_CYCLE, _GROUPS, KOREAN_VOWELS, _speaker_voice

__all__ = ["DIPHTHONGS", "DiphthongSet", "make_diphthongs", "reverse_pairs"]

#: label -> (Hangul, IPA, first vowel, second vowel, label of its reverse); the vowels are ``KOREAN_VOWELS`` labels.
DIPHTHONGS = {
    "ja": ("ㅑ", "ja", "i", "a", "a-i"),
    "a-i": ("아이", "ai", "a", "i", "ja"),
    "jeo": ("ㅕ", "jʌ", "i", "eo", "eo-i"),
    "eo-i": ("어이", "ʌi", "eo", "i", "jeo"),
    "jo": ("ㅛ", "jo", "i", "o", "o-i"),
    "o-i": ("오이", "oi", "o", "i", "jo"),
    "ju": ("ㅠ", "ju", "i", "u", "u-i"),
    "u-i": ("우이", "ui", "u", "i", "ju"),
    "wa": ("ㅘ", "wa", "u", "a", "a-u"),
    "a-u": ("아우", "au", "a", "u", "wa"),
    "wo": ("ㅝ", "wʌ", "u", "eo", "eo-u"),
    "eo-u": ("어우", "ʌu", "eo", "u", "wo"),
    "ui": ("ㅢ", "ɰi", "eu", "i", "i-eu"),
    "i-eu": ("이으", "iɨ", "i", "eu", "ui"),
}
#: The diphthongs proper, glide first (the other seven labels are their reverses).
GLIDE_FIRST = ("ja", "jeo", "jo", "ju", "wa", "wo", "ui")

# Timing in seconds: the glide's vowel held, then the transition.
_HOLD = (0.02, 0.05)
_TRANSITION = (0.06, 0.12)


def reverse_pairs(labels=None):
    """The pairs of classes that hold the same sounds in opposite orders: ``[("ja", "a-i"), ...]``.

    Parameters
    ----------
    labels : sequence of str, optional
        Keep only pairs whose two labels are both among these; ``None``: all
        seven.

    Returns
    -------
    list of (str, str)
        (diphthong, reverse) pairs, in ``DIPHTHONGS`` order.

    Examples
    --------
    >>> reverse_pairs()[:2]
    [('ja', 'a-i'), ('jeo', 'eo-i')]
    """
    keep = set(DIPHTHONGS) if labels is None else set(labels)
    return [(d, DIPHTHONGS[d][4]) for d in GLIDE_FIRST if d in keep and DIPHTHONGS[d][4] in keep]


@dataclass(repr=False)
class DiphthongSet(Clips):
    """The synthetic diphthongs of ``make_diphthongs``: ``Clips`` and how each was made.

    Parameters
    ----------
    waves : list of numpy.ndarray
        The clips (``Clips.waves``).
    sr : int
        Their sample rate.
    labels : list of str
        One ``DIPHTHONGS`` label per clip.
    speakers : list of str, optional
        One speaker id per clip.
    paths : list of pathlib.Path, optional
        As in ``Clips`` (``None`` for made clips).
    starts : numpy.ndarray, optional
        As in ``Clips`` (``None`` for made clips).
    groups : list of str
        ``"man"``, ``"woman"`` or ``"child"``, per clip.
    f0 : numpy.ndarray
        The mean pitch of each clip in Hz.
    formants : numpy.ndarray
        ``(n_clips, 2, 4)``: F1 to F4 of the first and the second target, Hz.
    times : numpy.ndarray
        ``(n_clips, 4)``: where the track reaches each of its four points
        (first target, first target, second target, second target), as
        fractions of the clip: the transition runs from ``times[:, 1]`` to
        ``times[:, 2]``.
    hangul : dict
        Label -> Hangul (``"ja"`` -> ``"ㅑ"``, ``"a-i"`` -> ``"아이"``).
    """

    groups: list = field(default_factory=list)
    f0: np.ndarray = field(default_factory=lambda: np.zeros(0))
    formants: np.ndarray = field(default_factory=lambda: np.zeros((0, 2, 4)))
    times: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    hangul: dict = field(default_factory=lambda: {k: v[0] for k, v in DIPHTHONGS.items()})

    def _stems(self):
        """``spk012_w_1``: speaker, group letter, token number."""
        counts = token_numbers(self.speakers, self.labels)
        return [f"{speaker}_{_GROUPS[group][0]}_{n}" for speaker, group, n in zip(self.speakers, self.groups, counts)]


def make_diphthongs(n_speakers=50, *, tokens=2, sr=16000, seed=0, labels=None, duration=(0.3, 0.5)):
    """Seven Korean diphthongs and their seven reverses, said by ``n_speakers`` synthetic speakers.

    Parameters
    ----------
    n_speakers : int
        How many speakers; they cycle through man, woman, man, woman, child
        as in ``make_vowels``.
    tokens : int
        How many times each speaker says each class.
    sr : int
        Sample rate in Hz (at least 8000).
    seed : int
        Everything is drawn from it: the same seed gives identical arrays,
        and speaker ``k`` is the same whatever ``n_speakers`` is.
    labels : sequence of str, optional
        A subset of ``DIPHTHONGS`` (default all fourteen, in table order).
        A clip is the same whichever other classes are asked for.
    duration : (float, float)
        Each clip's length in seconds, drawn uniformly; the shortest must
        leave room for the glide's hold and transition (at least 0.2 s), the
        longest at most 10 s.

    Returns
    -------
    DiphthongSet
        ``n_speakers * len(labels) * tokens`` clips, speaker by speaker, class
        by class. Speaker ids are ``"spk000"``, ``"spk001"``, ...

    Examples
    --------
    >>> data = make_diphthongs(2, tokens=1, labels=["ja", "a-i"], seed=0)
    >>> data, data.labels, data.hangul["a-i"]
    (DiphthongSet(4 clips, 1.7 s at 16000 Hz, 2 labels, 2 speakers), ['ja', 'a-i', 'ja', 'a-i'], '아이')
    >>> data.formants[0, :, 0].round()  # F1 rises from /i/ to /a/ in /ja/ ...
    array([352., 702.])
    >>> data.formants[1, :, 0].round()  # ... and falls from /a/ to /i/ in its reverse
    array([702., 352.])
    >>> bool(np.allclose(data.times[1], 1 - data.times[0][::-1]))  # the same timing, mirrored
    True
    """
    n_speakers = positive_int(n_speakers, "n_speakers")
    tokens = positive_int(tokens, "tokens")
    sr = sample_rate(sr)
    if sr < 8000:
        raise ValueError(f"sr must be at least 8000 Hz for the vowels' F3 and F4, got {sr}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise TypeError(f"seed must be a non-negative integer, got {seed!r}")
    try:
        low, high = (float(d) for d in duration)
    except (TypeError, ValueError):
        raise TypeError("duration must be a (shortest, longest) pair of seconds") from None
    shortest = _HOLD[1] + _TRANSITION[1] + 0.03
    if not (shortest <= low <= high <= 10.0):
        raise ValueError(f"duration must be (shortest, longest) within [{shortest:g}, 10] s, got {duration!r}")
    names = list(DIPHTHONGS) if labels is None else string_list(labels)
    unknown = [name for name in names if name not in DIPHTHONGS]
    if unknown or not names:
        raise ValueError(f"labels must be among {list(DIPHTHONGS)}, got {names}")

    vowel_names = list(KOREAN_VOWELS)
    waves, out_labels, speakers, groups, f0s, formant_rows, time_rows = [], [], [], [], [], [], []
    for s in range(n_speakers):
        voice_rng = np.random.default_rng([int(seed), s])
        group = _GROUP_CYCLE[s % len(_GROUP_CYCLE)]
        voice = _speaker_voice(voice_rng, group)
        # The speaker's own way of saying each vowel, as in make_vowels.
        habits = voice["tract"] * np.exp(0.04 * voice_rng.standard_normal((len(vowel_names), 4)))
        tables = {
            v: np.array(KOREAN_VOWELS[v][voice["column"]] + (voice["f4"],), dtype=float) * habits[k]
            for k, v in enumerate(vowel_names)
        }
        for name in names:
            diphthong = name if name in GLIDE_FIRST else DIPHTHONGS[name][4]
            pair = GLIDE_FIRST.index(diphthong)
            glide_vowel, main_vowel = DIPHTHONGS[diphthong][2], DIPHTHONGS[diphthong][3]
            for token in range(tokens):
                # One stream per speaker, pair and token: a diphthong and its reverse share every draw (formants,
                # timing, pitch, loudness, the voice source), so the reverse is the same track walked backwards.
                generator = np.random.default_rng([int(seed), s, pair, token])
                glide_at, main_at = (
                    tables[v] * np.exp(0.025 * generator.standard_normal(4)) for v in (glide_vowel, main_vowel)
                )
                seconds = generator.uniform(low, high)
                hold = generator.uniform(*_HOLD) / seconds
                move = generator.uniform(*_TRANSITION) / seconds
                f0 = voice["f0"] * np.exp(0.04 * generator.standard_normal())
                glide = generator.uniform(0.92, 1.05)
                peak = generator.uniform(0.3, 0.9)
                if name == diphthong:  # the glide's vowel is short: held first in a diphthong, last in its reverse
                    targets, times = np.stack([glide_at, main_at]), np.array([0.0, hold, hold + move, 1.0])
                else:
                    targets, times = np.stack([main_at, glide_at]), np.array([0.0, 1 - hold - move, 1 - hold, 1.0])
                # The tube's resonances above F4 (as make_vowels adds them), as many for both targets.
                tracks = [higher_formants(target, sr) for target in targets]
                fitting = min(track.size for track in tracks)
                y = gliding_vowel(
                    np.stack([track[:fitting] for track in tracks])[[0, 0, 1, 1]],
                    (f0, f0 * glide),
                    seconds,
                    sr,
                    times=times,
                    jitter=voice["jitter"],
                    shimmer=voice["shimmer"],
                    breath=voice["breath"],
                    open_quotient=voice["open_quotient"],
                    tilt=voice["tilt"],
                    peak=peak,
                    rng=generator,
                )
                waves.append(y)
                out_labels.append(name)
                speakers.append(f"spk{s:03d}")
                groups.append(group)
                f0s.append(f0 * (1 + glide) / 2)
                formant_rows.append(targets)
                time_rows.append(times)
    return DiphthongSet(
        waves=waves,
        sr=sr,
        labels=out_labels,
        speakers=speakers,
        groups=groups,
        f0=np.array(f0s),
        formants=np.array(formant_rows),
        times=np.array(time_rows),
    )
