"""The Korean style rules of the project glossary, as checks on catalog text.

Used by ``test_korean_style.py`` and ``test_glossary.py``; kept apart so the
rules can be read, and run on any catalog, without pytest (with ``tests`` and
``docs/_ext`` on the import path, as pytest has them). The terms come from the
course's glossary data, ``docs/glossary.csv``: the page ``docs/glossary.md`` (Sphinx's
``glossary`` directive) defines the terms, and this file says, for each, its
Korean term, whether that is a transliteration (시그모이드 for sigmoid, never
glossed in English) and which variants the course does not use (데이터 세트
for 데이터셋, separated by ``;``). ``tests/test_glossary.py`` holds the two to
the same terms.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sitetools import DOCS

COLUMNS = ("english", "korean", "transliteration", "avoid")


@dataclass(frozen=True)
class Term:
    english: str
    korean: str
    transliteration: bool
    avoid: tuple[str, ...]


def headword(term: str) -> str:
    """The term without its bracketed additions: 정답(목표값) -> 정답, gradient (∂E/∂W) -> gradient."""
    return " ".join(re.sub(r"\([^)]*\)", " ", term).split())


def read_glossary(path: str | Path) -> list[Term]:
    """The terms of a glossary file, in file order; ValueError names the first bad line."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: the columns must be {', '.join(COLUMNS)}")
        terms: list[Term] = []
        seen: set[str] = set()
        for row in reader:
            where = f"{path}, line {reader.line_num}"
            # DictReader puts extra cells under None and fills missing ones with None.
            if None in row or None in row.values():
                raise ValueError(f"{where}: {len(COLUMNS)} cells expected")
            cells = {name: value.strip() for name, value in row.items()}
            if not cells["english"] or not cells["korean"]:
                raise ValueError(f"{where}: an empty English or Korean cell")
            if cells["transliteration"] not in ("", "yes"):
                raise ValueError(f"{where}: transliteration is 'yes' or empty")
            if cells["english"].casefold() in seen:
                raise ValueError(f"{where}: {cells['english']!r} is listed twice")
            seen.add(cells["english"].casefold())
            avoid = tuple(v.strip() for v in cells["avoid"].split(";") if v.strip())
            terms.append(Term(cells["english"], cells["korean"], cells["transliteration"] == "yes", avoid))
    return terms


# Particles and copula endings that are written onto the word, formula or
# code before them. After a formula or code span anything from this list,
# standing alone, is a separated particle.
PARTICLES = (
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "의",
    "에",
    "에서",
    "에게",
    "와",
    "과",
    "도",
    "로",
    "으로",
    "만",
    "까지",
    "부터",
    "처럼",
    "보다",
    "에는",
    "에서는",
    "으로는",
    "로는",
    "와는",
    "과는",
    "이나",
    "나",
    "이며",
    "이고",
    "이다",
    "입니다",
    "이면",
    "인",
    "이라는",
    "라는",
    "이라고",
    "라고",
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
# The term may be bold: "**교차 엔트로피**(cross-entropy)".
GLOSS = re.compile(rf"([{HANGUL}][{HANGUL} ]*?)(?:\*\*)?\(([A-Za-z][A-Za-z' -]*)\)")

GLOSSARY = read_glossary(DOCS / "glossary.csv")
# Korean terms that are only the English word written in Hangul (the glossary
# marks them): glossing them repeats the word.
TRANSLITERATIONS = {headword(t.korean): headword(t.english).lower() for t in GLOSSARY if t.transliteration}
# Variants of a glossary term that the course does not use (데이터 세트 for
# 데이터셋), each matched only at the start of a word: "한 창" is not in "일정한 창".
AVOIDED = {variant: t.korean for t in GLOSSARY for variant in t.avoid}
_AVOIDED = re.compile(rf"(?<![{HANGUL}])({'|'.join(map(re.escape, sorted(AVOIDED, key=len, reverse=True)))})")


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
    for match in GLOSS.finditer(text):
        # The whole run of Hangul before the bracket, so that a transliteration
        # of several words (멜 필터 뱅크) is found as well as one of one word.
        korean, english = match.group(1).strip(), match.group(2).strip().lower()
        for hangul, word in TRANSLITERATIONS.items():
            if korean.endswith(hangul) and english in (word, word + "s", word + "es"):
                bad.append(f"{hangul}({match.group(2).strip()})")
    return bad


def avoided_variants(text: str) -> list[str]:
    """Variants of glossary terms that the text uses instead of the glossary's term."""
    return _AVOIDED.findall(text)


def repeated_glosses(texts) -> list[str]:
    """English glosses given more than once across the texts of one page."""
    counts = Counter(english.lower() for text in texts for _, english in glosses(text))
    return sorted(term for term, n in counts.items() if n > 1)
