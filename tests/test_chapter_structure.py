"""Every chapter opens with what it teaches and needs, and ends with exercises
whose folded solutions are doctests, and with references.

A chapter is a page whose title is numbered ("# 04-1. MFCC"), so a chapter
added later is held to the same shape without editing this file. The doctests
themselves run with the page (pytest --doctest-glob=*.md); this checks that
every solution has one to run.
"""

from __future__ import annotations

import re

import pytest
from sitetools import page_source, source_pages

CHAPTER_TITLE = re.compile(r"^# \d\d(-\d)?\. ", re.MULTILINE)
AUDIO_CHAPTER = re.compile(r"^# 0[3-9]", re.MULTILINE)


def chapters() -> list[str]:
    return [name for name in source_pages() if CHAPTER_TITLE.search(page_source(name))]


def section(text: str, title: str) -> str:
    """The body of the ``## title`` section, up to the next ``##`` heading."""
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no '## {title}' section"
    return match.group(1)


def test_the_chapters_are_found():
    assert len(chapters()) >= 12


@pytest.mark.parametrize("name", chapters())
def test_a_chapter_opens_with_what_it_teaches_and_needs(name):
    text = page_source(name)
    first_section = text.index("\n## ")
    opening = text[:first_section]
    assert "```{admonition} Before you start" in opening
    assert "**What you will learn.**" in opening
    assert "**What you need first.**" in opening


@pytest.mark.parametrize("name", chapters())
def test_a_chapter_ends_with_exercises_whose_solutions_run(name):
    body = section(page_source(name), "Exercises")
    questions = re.findall(r"^\d+\. ", body, re.MULTILINE)
    solutions = re.split(r"^   ````\{dropdown\} Solution\n   :class-container: solution\n", body, flags=re.MULTILINE)[
        1:
    ]
    assert 2 <= len(questions) <= 4
    assert len(solutions) == len(questions), "each exercise needs one folded solution"
    for solution in solutions:
        answer = solution.split("\n   ````\n", 1)[0]
        assert ">>> " in answer, "a solution shows its answer as a doctest"


@pytest.mark.parametrize("name", chapters())
def test_a_chapter_cites_its_references(name):
    text = page_source(name)
    references = section(text, "References")
    assert len(re.findall(r"^- ", references, re.MULTILINE)) >= 2
    if AUDIO_CHAPTER.search(text):
        assert "Müller" in references and "Fundamentals of Music Processing" in references
    else:
        assert "Rumelhart" in references or "Nielsen" in references
