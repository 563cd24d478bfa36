"""The Korean style rules of the project glossary, as checks on catalog text.

Used by ``test_korean_style.py``; kept apart so the rules can be read, and
run on any catalog, without pytest.
"""

from __future__ import annotations

import re
from collections import Counter

# Particles and copula endings that are written onto the word, formula or
# code before them. After a formula or code span anything from this list,
# standing alone, is a separated particle.
PARTICLES = (
    "을", "를", "이", "가", "은", "는", "의", "에", "에서", "에게", "와", "과", "도", "로", "으로",
    "만", "까지", "부터", "처럼", "보다", "에는", "에서는", "으로는", "로는", "와는", "과는", "이나",
    "나", "이며", "이고", "이다", "입니다", "이면", "인", "이라는", "라는", "이라고", "라고",
)
# After an ordinary Hangul word only particles that can never begin a word
# of their own count ("이" and "가" can: "이 함수", "가장").
WORD_PARTICLES = ("에서", "에게", "으로", "를", "을", "에서는", "으로는", "에는")

HANGUL = "\uac00-\ud7a3"
_alternatives = "|".join(sorted(PARTICLES, key=len, reverse=True))
# The end of inline maths ($...$ or \(...\)), of a code span or role (`...`
# or ``...``), of bold text, or of a MyST link ({doc}`text <target>`); reST's
# "\ " escape is the right way to attach a particle, so it is not a separation.
AFTER_MARKUP = re.compile(rf"(?<!\\)(\$|`|\*\*|\\\))[ ]({_alternatives})(?![{HANGUL}])")
AFTER_WORD = re.compile(rf"[{HANGUL}][ ]({'|'.join(WORD_PARTICLES)})(?![{HANGUL}])")
# A gloss: a Hangul word followed at once by an English word or phrase in brackets.
GLOSS = re.compile(rf"([{HANGUL}][{HANGUL} ]*?)\(([A-Za-z][A-Za-z' -]*)\)")

# Korean terms that are only the English word written in Hangul: glossing
# them repeats the word.
TRANSLITERATIONS = {
    "시그모이드": "sigmoid", "배치": "batch", "델타": "delta", "에포크": "epoch",
    "퍼셉트론": "perceptron", "스펙트로그램": "spectrogram", "스펙트럼": "spectrum",
    "프레임": "frame", "소프트맥스": "softmax", "포먼트": "formant", "켑스트럼": "cepstrum",
    "그래디언트": "gradient", "에일리어싱": "aliasing", "처프": "chirp", "필터": "filter",
    "데이터셋": "data set", "레이블": "label", "클래스": "class", "샘플": "sample", "홉": "hop",
    "멜": "mel", "빈": "bin", "시드": "seed", "뉴런": "neuron", "모델": "model",
}


def separated_particles(text: str) -> list[str]:
    """Places where a particle stands apart from the formula, code, link or word it belongs to."""
    found = [m.group(0) for m in AFTER_MARKUP.finditer(text)]
    return found + [m.group(0) for m in AFTER_WORD.finditer(text)]


def glosses(text: str) -> list[tuple[str, str]]:
    """``(Korean, English)`` for each bracketed English gloss."""
    return [(m.group(1).split()[-1], m.group(2).strip()) for m in GLOSS.finditer(text)]


def transliteration_glosses(text: str) -> list[str]:
    """Glosses that only spell out in English the word the Hangul already transliterates."""
    bad = []
    for korean, english in glosses(text):
        for hangul, word in TRANSLITERATIONS.items():
            if korean.endswith(hangul) and english.lower().rstrip("s") == word:
                bad.append(f"{korean}({english})")
    return bad


def repeated_glosses(texts) -> list[str]:
    """English glosses given more than once across the texts of one page."""
    counts = Counter(english.lower() for text in texts for _, english in glosses(text))
    return sorted(term for term, n in counts.items() if n > 1)
