"""Figures are numbered per page (docs/_ext/figure_numbers.py): "Fig. 1" is each chapter's first."""

from __future__ import annotations

import re

import pytest
from figure_numbers import per_page
from sitetools import LANGUAGES, source_pages


def test_each_page_counts_its_own_figures_from_1_in_sphinx_s_order():
    # As Sphinx leaves them: one count across the site, in reading order.
    numbers = {
        "neuron": {"figure": {"id1": (1,), "id2": (2,)}},
        "mlp": {"figure": {"b": (4,), "a": (3,)}, "table": {"t": (1,)}},
        "sound": {"figure": {"only": (5,)}},
        "index": {},
    }
    assert per_page(numbers) == ["mlp", "sound"]
    assert numbers == {
        "neuron": {"figure": {"id1": (1,), "id2": (2,)}},
        "mlp": {"figure": {"a": (1,), "b": (2,)}, "table": {"t": (1,)}},
        "sound": {"figure": {"only": (1,)}},
        "index": {},
    }
    assert per_page(numbers) == []  # a second pass changes nothing


CAPTION_NUMBER = {
    "en": re.compile(r'<span class="caption-number">Fig\. (\d+) </span>'),
    "ko": re.compile(r'<span class="caption-number">그림 (\d+) </span>'),
}


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chapter_numbers_its_figures_1_2_3(site, lang):
    html = site.builds[lang].html
    pages_with_figures = 0
    for name in source_pages():
        text = (html / f"{name}.html").read_text(encoding="utf-8")
        numbers = [int(n) for n in CAPTION_NUMBER[lang].findall(text)]
        assert numbers == list(range(1, len(numbers) + 1)), f"{lang}/{name}: {numbers}"
        pages_with_figures += bool(numbers)
    assert pages_with_figures >= 10
