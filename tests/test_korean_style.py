"""Korean style gate: the glossary's writing rules hold in every catalog.

A particle sticks to the formula, code, link or word before it; a
transliterated term is never glossed; a term is glossed at most once per page.
Pages added later are covered: every catalog under locale/ko is checked.
"""

from __future__ import annotations

import polib
import pytest
from korean_style import repeated_glosses, separated_particles, transliteration_glosses
from sitetools import ROOT

CATALOGS = ROOT / "locale" / "ko" / "LC_MESSAGES"
# sphinx.po holds the theme's interface strings, not a page.
PAGES = sorted(p for p in CATALOGS.rglob("*.po") if p.name != "sphinx.po")


def translations(path):
    return [entry.msgstr for entry in polib.pofile(str(path)).translated_entries()]


def test_there_are_catalogs():
    assert len(PAGES) > 10


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(CATALOGS).as_posix())
def test_particles_stick_to_what_they_follow(path):
    found = [place for text in translations(path) for place in separated_particles(text)]
    assert not found, found[:20]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(CATALOGS).as_posix())
def test_no_transliteration_is_glossed(path):
    found = [gloss for text in translations(path) for gloss in transliteration_glosses(text)]
    assert not found, found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(CATALOGS).as_posix())
def test_each_term_is_glossed_at_most_once_per_page(path):
    assert not repeated_glosses(translations(path))


@pytest.mark.parametrize(
    "text, separated",
    [
        ("$h$ 를 구합니다", ["$ 를"]),
        ("$h$를 구합니다", []),
        ("``dlaudio``\\ 로 계산합니다", []),
        ("``dlaudio`` 로 계산합니다", ["` 로"]),
        ("{doc}`예제 풀이 <worked-example>` 에서는", ["` 에서는"]),
        ("맨 아래 에서 내려받습니다", ["래 에서"]),
        ("이 함수가 가장 빠릅니다", []),
        ("$n$ 이하의 값", []),
        ("**$\\cdot$ (행렬 곱)** 은", ["** 은"]),
        ("**역전파**는", []),
    ],
)
def test_the_particle_rule_on_examples(text, separated):
    assert separated_particles(text) == separated


def test_the_gloss_rules_on_examples():
    assert transliteration_glosses("시그모이드(sigmoid) 함수와 역전파(backpropagation)") == ["시그모이드(sigmoid)"]
    # A transliteration of several words, and a plural that is not the word less its "s".
    assert transliteration_glosses("로그 멜 필터 뱅크(mel filterbank)와 클래스(classes)") == [
        "멜 필터 뱅크(mel filterbank)",
        "클래스(classes)",
    ]
    assert repeated_glosses(["역전파(backpropagation)는", "다시 역전파(backpropagation)를"]) == ["backpropagation"]
    assert repeated_glosses(["역전파(backpropagation)는", "배정밀도(float64)"]) == []
    # A bold term's gloss counts too.
    assert repeated_glosses(["**교차 엔트로피**(cross-entropy)는", "교차 엔트로피(cross-entropy)를"]) == [
        "cross-entropy"
    ]
    assert transliteration_glosses("**소프트맥스**(softmax) 함수") == ["소프트맥스(softmax)"]
