"""Exercise solutions, folded until asked for: sphinx-design's ``{dropdown}`` with the class ``solution``.

The summary line is page text, "Solution" in English and "풀이" in Korean
(the pages' catalogs); the answer's ``>>>`` lines are the page's doctests.
"""

from __future__ import annotations

import re

import pytest
from sitetools import LANGUAGES, page_source, source_pages

pytestmark = pytest.mark.docs

SUMMARY = {"en": "Solution", "ko": "풀이"}
FOLD = re.compile(r'<details class="[^"]*\bsolution\b[^"]*"(?P<open>[^>]*)>(?P<body>.*?)</details>', re.S)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_solution_is_folded_with_its_answer_inside(site, lang):
    html = site.builds[lang].html
    for name in source_pages():
        page = (html / f"{name}.html").read_text(encoding="utf-8")
        folds = list(FOLD.finditer(page))
        assert len(folds) == page_source(name).count("````{dropdown} Solution"), name
        for fold in folds:
            # Closed until the reader opens it; the label in the page's language; the answer inside.
            assert "open" not in fold["open"], name
            summary = re.search(r'<span class="sd-summary-text">(.*?)</span>', fold["body"]).group(1)
            assert summary == SUMMARY[lang], name
            assert '<span class="gp">&gt;&gt;&gt; </span>' in fold["body"], name
