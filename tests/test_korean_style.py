"""Korean style gate: the glossary's writing rules hold in every catalog.

A particle sticks to the formula, code, link or word before it; a
transliterated term is never glossed; a term is glossed at most once per page.
One word per concept (학습 for training as a process, 예제 for a row of a data
set, 이 강의 and 원래 강의); headings are not "X = Y"; no "…오류입니다" and no
calqued metaphor; questions end in ~까요?; a count puts its counter after the
noun; alt text is Korean. Each rule has a test on examples that shows it
catches what it should. Pages added later are covered: every catalog under
locale/ko is checked.
"""

from __future__ import annotations

import polib
import pytest
from korean_style import (
    RULES,
    alt_msgids,
    bare_course,
    before_sound,
    calques,
    catalog_faults,
    data_row_samples,
    english_only,
    equation_heading,
    error_copula,
    fault_counts,
    glossed_links,
    heading_msgids,
    number_before_counter,
    question_endings,
    repeated_glosses,
    separated_particles,
    training_as_process,
    transliteration_glosses,
    unclosed_bold,
)
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
        ("가중합 $h$ 에만 들어가고 **$E$** 이므로", ["$ 에만", "** 이므로"]),
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


# --- one word per concept, and Korean that is not a calque -------------------


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(CATALOGS).as_posix())
def test_every_rule_holds_in_every_catalog(path):
    faults = catalog_faults(path, polib.pofile(str(path)).translated_entries())
    assert not {rule: found[:10] for rule, found in faults.items() if found}


def test_the_counts_over_all_catalogs_are_zero():
    assert fault_counts(CATALOGS) == dict.fromkeys(RULES, 0)


def test_training_as_a_process_is_hakseup():
    assert training_as_process("신경망을 훈련하고, 훈련시킨 모델에 훈련으로 새어 들어간") == [
        "훈련하고",
        "훈련시킨",
        "훈련으로",
    ]
    # The split keeps 훈련.
    assert training_as_process("훈련 세트, 훈련 손실, 훈련 클립과 훈련·검증 곡선, 훈련/검증/테스트") == []


def test_a_row_of_a_data_set_is_not_a_sample():
    assert data_row_samples("훈련 샘플 하나와 배치의 샘플들, 샘플별 수정량, 샘플마다 한 행입니다") == [
        "훈련 샘플",
        "배치의 샘플들",
        "샘플별",
        "샘플마다 한 행입니다",
    ]
    # A sound's samples are 샘플.
    assert data_row_samples("세 샘플마다 하나를 남기고 모든 샘플이 16비트입니다") == []
    # Before the first chapter on sound, every 샘플 is a row of a data set.
    assert data_row_samples("샘플 하나를 넣습니다", audio=False) == ["샘플"]
    assert before_sound(CATALOGS / "mlp.po") and not before_sound(CATALOGS / "sound.po")
    assert not before_sound(CATALOGS / "api.po") and not before_sound(CATALOGS / "index.po")


def test_which_course_is_always_said():
    assert bare_course("강의 노트의 예에서, 강의의 표기법으로, 따라서 강의는") == ["강의", "강의의", "강의는"]
    assert (
        bare_course("이 강의의 그림, 원래 강의 노트, 두 강의 모두, Velardo의 동영상 강의, dlaudio는 딥러닝 강의입니다")
        == []
    )
    # A course named in code or maths is not prose.
    assert bare_course("``강의``") == []


def test_headings_are_not_equations():
    assert equation_heading("DFT = 행렬 곱") and equation_heading("MFCC = 또 하나의 행렬 곱")
    assert not equation_heading("행렬 곱으로 보는 DFT")
    # An equation inside the heading's maths is fine.
    assert not equation_heading("출력 델타 $\\delta_L = y - a_L$")
    headings = heading_msgids()
    assert "Exercises" in headings and "References" in headings
    # Gallery scripts' reST titles count as headings too.
    assert "The louder input" in headings


def test_is_an_error_is_not_calqued():
    assert error_copula("빈 폴더는 빈 데이터셋이 아니라 오류입니다.") == ["오류입니다"]
    assert error_copula("빈 폴더는 오류를 냅니다. 섞여 있으면 오류가 납니다.") == []


def test_calqued_metaphors_are_found():
    assert calques("02장의 신경망이 받아먹는 것은") == ["받아먹"]
    assert calques("목소리가 큰 입력에 연결된 가중치") == ["목소리가 큰"]
    assert calques("특징도 주파수를 바탕으로 만듭니다") == []


def test_questions_end_in_kkayo():
    assert question_endings("몇 개입니까? 왜 실패합니까? 어떻게 될까?") == ["개입니까?", "실패합니까?", "될까?"]
    assert question_endings("몇 개일까요? 왜 실패할까요?") == []
    # A question mark in code or maths is not a question.
    assert question_endings("``a if b else c?`` 와 $x?$") == []


def test_the_counter_comes_after_the_noun():
    assert number_before_counter("20 클립, 모음: 처프: 87 프레임, 프레임마다 1025 빈") == [
        "20 클립",
        "87 프레임",
        "1025 빈",
    ]
    assert number_before_counter("{n} 클립을 읽었습니다") == ["} 클립"]
    assert number_before_counter("클립 20개, 프레임 87개, 빈 1025개") == []
    # A size, a fraction, a name with digits, a sentence end, and lengths in samples and epochs are not counts.
    assert (
        number_before_counter("3 × 3 커널, 위쪽 3분의 1 대역, 2x2 커널, 2-2-1 예제, 64. 채널, 홉 160 샘플, 50 에포크")
        == []
    )


def test_alt_text_is_korean():
    assert english_only("plot dct basis") and not english_only("DCT 기저: 행 다섯 개")
    alts = alt_msgids()
    assert any(alt.startswith("On a logarithmic scale, the mean length of the delta") for alt in alts)


def test_a_glossary_link_is_not_glossed_again():
    assert glossed_links("{term}`합성곱 <convolution>`(convolution)을") == ["{term}`합성곱 <convolution>`(convolution)"]
    # An abbreviation is not the English term.
    assert glossed_links("{term}`다층 퍼셉트론 <multilayer perceptron (MLP)>`(MLP)") == []
    assert glossed_links("{term}`합성곱 <convolution>`을") == []


def test_bold_closes_before_a_particle():
    assert unclosed_bold("**{term}`데시벨 <decibel>`**로 셉니다, **$W$**이므로") == ["`**로", "$**이므로"]
    assert unclosed_bold("**{term}`데시벨 <decibel>`로** 셉니다, **굵게**는, **$W$** 입니다") == []
