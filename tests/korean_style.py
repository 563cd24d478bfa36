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
from functools import cache
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
    "에만",
    "에도",
    "에서도",
    "이므로",
    "이라면",
    "이어야",
    "이지만",
    "과의",
    "와의",
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


# --- one word per concept, and Korean that is not a calque -------------------
#
# Each rule below is a function from a catalog's text to the places it breaks
# the rule; ``fault_counts`` runs them all over every catalog, and
# ``python tests/korean_style.py`` prints the counts.

# Maths, code spans, roles and link targets are not Korean prose: the rules on
# word order and endings look at the text without them.
_NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|``[^`]*``|`[^`]*`|<[^<>]*>", re.S)


def prose(text: str) -> str:
    """The text with its maths, code spans, roles and link targets removed."""
    return _NOT_PROSE.sub(" ", text)


# 훈련 names the split (훈련 세트, 훈련 손실, 훈련 클립, 훈련 화자); training as a
# process is 학습 (학습시키다, 학습으로). 훈련 with a verb ending or a particle
# written onto it is the process: 훈련하다, 훈련시킨, 훈련된, 훈련으로, 훈련에.
_TRAINING_AS_PROCESS = re.compile(
    rf"훈련(?:하|한|해|했|할|시키|시킨|시켜|된|되|으로|에|을|이|은|의|과|도|만)[{HANGUL}]*"
)


def training_as_process(text: str) -> list[str]:
    """훈련 used for training as a process (the course's word for it is 학습)."""
    return _TRAINING_AS_PROCESS.findall(text)


# 샘플 is one value of a sound; a row of a data set is an 예제 (a clip, when it
# is a sound). These phrases can only mean a row of a data set.
_DATA_ROW_SAMPLE = re.compile(
    rf"(?:훈련|검증|테스트|무작위|배치의?) 샘플[{HANGUL}]*|샘플(?:별|마다 한 행|하나가 한 행)[{HANGUL}]*"
)


def data_row_samples(text: str, audio: bool = True) -> list[str]:
    """샘플 used for a row of a data set; on a page before any sound (``audio=False``), every 샘플 is one."""
    if not audio:
        return re.findall(rf"[{HANGUL}]*샘플[{HANGUL}]*", text)
    return _DATA_ROW_SAMPLE.findall(text)


# 강의 alone could be this course or the one it grew from: 이 강의, 원래 강의
# (두 강의 for both). A kind of course (동영상 강의, 딥러닝 강의) names no
# course, and "…강의입니다" says what something is: neither is ambiguous.
_BARE_COURSE = re.compile(
    rf"(?<![{HANGUL}])(?<!이 )(?<!원래 )(?<!두 )(?<!동영상 )(?<!딥러닝 )강의(?!입니다|이고|이며)[{HANGUL}]*"
)


def bare_course(text: str) -> list[str]:
    """강의 without 이 or 원래 in front: which course is meant?"""
    return _BARE_COURSE.findall(prose(text))


def equation_heading(text: str) -> bool:
    """A heading written as "X = Y" outside its maths ("DFT = 행렬 곱"): a noun phrase or a sentence reads as Korean."""
    return "=" in prose(text)


_ERROR_COPULA = re.compile(r"오류(?:입니다|이다|이며|이고|이므로|이지만)")


def error_copula(text: str) -> list[str]:
    """ "…은 오류입니다", a calque of "is an error": Korean says 오류를 냅니다 or 오류가 납니다."""
    return _ERROR_COPULA.findall(text)


# English images carried over word for word (the native editor's review).
CALQUES = ("받아먹", "목소리가 큰", "주파수를 봅니다", "실수를 저지르", "실수 하나를 저지르", "자신을 저장")


def calques(text: str) -> list[str]:
    """Metaphors translated word for word: say what happens instead."""
    return [calque for calque in CALQUES if calque in text]


# One question ending in the exercises and everywhere: ~까요? ("얼마일까요?").
_QUESTION = re.compile(rf"[{HANGUL}]+\?")


def question_endings(text: str) -> list[str]:
    """Questions that do not end in ~까요? ("얼마입니까?", "될까?")."""
    return [q for q in _QUESTION.findall(prose(text)) if not q.endswith("까요?")]


# Korean counts with the counter after the noun: 클립 20개, 프레임 87개, not
# "20 클립". 샘플 and 에포크 also measure a length ("홉 160 샘플", "50 에포크
# 동안") and are left out, like units.
COUNTED = "클립 프레임 빈 예제 화자 모음 행 열 층 뉴런 계수 대역 커널 채널 개".split()
_AFTER_COUNTER = "을|를|이|가|은|는|의|에|와|과|도|로|으로|만|마다"
_COUNTER = re.compile(
    rf"(?:(?<![\w.,\-])(?<!분의 )(?<!× )\d+(?:[.,]\d+)*|\}})[ ]({'|'.join(COUNTED)})"
    rf"(?=$|[^{HANGUL}]|(?:{_AFTER_COUNTER})(?![{HANGUL}]))"
)


def number_before_counter(text: str) -> list[str]:
    """A count written in English order, number first ("20 클립"), instead of 클립 20개."""
    return [m.group(0) for m in _COUNTER.finditer(prose(text))]


# Emphasis cannot close after punctuation when a letter follows: in "**{term}`데시벨 <decibel>`**로" or
# "**$W$**이므로" the asterisks are printed and nothing is bold (CommonMark's flanking rule; reST's end-string
# rule likewise). The particle goes inside: "**{term}`데시벨 <decibel>`로**".
_UNCLOSED_BOLD = re.compile(r"[`$)]\*\*[가-힣]+")


def unclosed_bold(text: str) -> list[str]:
    """Bold whose closing asterisks follow a backtick, dollar or bracket and precede a Korean particle."""
    return _UNCLOSED_BOLD.findall(text)


# A glossary link already leads to the English term: "{term}`합성곱 <convolution>`(convolution)"
# says it twice. An abbreviation after the link, (MLP) or (DFT), is not a gloss.
_LINK_GLOSS = re.compile(r"\{term\}`[^`<]*<([^>`]+)>`\(([A-Za-z][A-Za-z' -]*)\)")


def glossed_links(text: str) -> list[str]:
    """English glosses right after a glossary link to the same term."""
    return [m.group(0) for m in _LINK_GLOSS.finditer(text) if m.group(2).lower() == headword(m.group(1)).lower()]


def english_only(text: str) -> bool:
    """A translation with no Hangul at all: for alt text, a screen reader would read English."""
    return not re.search(f"[{HANGUL}]", text)


# --- which entries the rules apply to, from the English sources -------------

EXAMPLES = DOCS.parent / "examples"


def _normal(text: str) -> str:
    return " ".join(text.split())


@cache
def heading_msgids() -> frozenset[str]:
    """The headings of the pages (MyST ``#`` lines) and of the gallery scripts (reST titles), as messages."""
    headings = set()
    for page in DOCS.glob("*.md"):
        headings |= {_normal(m) for m in re.findall(r"^#{1,6} (.+)$", page.read_text(encoding="utf-8"), re.M)}
    for script in EXAMPLES.glob("*.py"):
        # The docstring's title, and the titles of the text cells ("# Title", "# -----").
        lines = [re.sub(r"^# ?", "", line) for line in script.read_text(encoding="utf-8").splitlines()]
        for title, rule in zip(lines, lines[1:]):
            if title.strip() and len(rule) >= len(title.strip()) and rule and set(rule) <= set("=-~^*#"):
                headings.add(_normal(title))
    return frozenset(headings)


@cache
def alt_msgids() -> frozenset[str]:
    """The alt text of every figure of the pages and the gallery, as messages."""
    sources = [*DOCS.glob("*.md"), *EXAMPLES.glob("*.py")]
    return frozenset(
        _normal(m) for path in sources for m in re.findall(r"^[ \t]*:alt:[ \t]*(.+)$", path.read_text("utf-8"), re.M)
    )


def _chapter(page: Path) -> str | None:
    match = re.match(r"# (\d\d)", page.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def before_sound(catalog: Path) -> bool:
    """Whether a catalog is a chapter's before the first on sound (03): there 샘플 cannot be a sound's value."""
    page = DOCS / f"{catalog.stem}.md"
    chapter = _chapter(page) if catalog.parent.name == "LC_MESSAGES" and page.exists() else None
    return chapter is not None and chapter < _chapter(DOCS / "sound.md")


def catalog_faults(path: Path, entries) -> dict[str, list[str]]:
    """Every fault of each rule in one catalog, given its translated ``polib`` entries."""
    headings, alts, audio = heading_msgids(), alt_msgids(), not before_sound(path)
    faults: dict[str, list[str]] = {rule: [] for rule in RULES}
    for entry in entries:
        text, msgid = entry.msgstr, _normal(entry.msgid)
        faults["variant of a glossary term"] += avoided_variants(text)
        faults["훈련 for training as a process"] += training_as_process(text)
        faults["샘플 for a row of a data set"] += data_row_samples(text, audio)
        faults["강의 without 이 or 원래"] += bare_course(text)
        faults["X = Y heading"] += [text] if msgid in headings and equation_heading(text) else []
        faults["…오류입니다"] += error_copula(text)
        faults["calqued metaphor"] += calques(text)
        faults["question not in ~까요?"] += question_endings(text)
        faults["number before its counter"] += number_before_counter(text)
        faults["English-only alt text"] += [text] if msgid in alts and english_only(text) else []
        faults["particle set apart"] += separated_particles(text)
        faults["transliteration glossed"] += transliteration_glosses(text)
        faults["gloss after a glossary link"] += glossed_links(text)
        faults["bold that cannot close"] += unclosed_bold(text)
    faults["gloss repeated in one catalog"] = repeated_glosses(entry.msgstr for entry in entries)
    return faults


RULES = (
    "variant of a glossary term",
    "훈련 for training as a process",
    "샘플 for a row of a data set",
    "강의 without 이 or 원래",
    "X = Y heading",
    "…오류입니다",
    "calqued metaphor",
    "question not in ~까요?",
    "number before its counter",
    "English-only alt text",
    "particle set apart",
    "transliteration glossed",
    "gloss after a glossary link",
    "bold that cannot close",
    "gloss repeated in one catalog",
)


def fault_counts(catalogs: Path) -> dict[str, int]:
    """How many faults each rule finds over every catalog under ``catalogs`` (sphinx.po, the theme's strings, aside)."""
    import polib

    counts = dict.fromkeys(RULES, 0)
    for path in sorted(catalogs.rglob("*.po")):
        if path.name == "sphinx.po":
            continue
        for rule, found in catalog_faults(path, polib.pofile(str(path)).translated_entries()).items():
            counts[rule] += len(found)
    return counts


if __name__ == "__main__":
    for rule, count in fault_counts(DOCS.parent / "locale" / "ko" / "LC_MESSAGES").items():
        print(f"{count:5d}  {rule}")
