"""The interface around the text speaks the page's language.

furo, Sphinx and sphinx-copybutton write some interface strings in English
only: aria-labels and icon titles that a screen reader reads, permalink
titles, "module" in the index, the footer credit. The Korean catalog
(locale/ko/LC_MESSAGES/sphinx.po), docs/_templates/page.html and
docs/_ext/korean_interface.py translate them. Every Korean page is scanned
for the English strings found there; the English edition must still show
them, so that a theme upgrade that renames one cannot make the Korean check
pass by finding nothing. The copy button's tooltip is checked in a browser in
tests/test_browser.py.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sitetools import all_pages

pytestmark = pytest.mark.docs

#: Whole texts or attribute values (aria-label, title, placeholder,
#: data-tooltip, alt) that were English on the Korean pages.
ENGLISH_INTERFACE = {
    # furo's aria-labels
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
    # furo's icon titles
    "Contents",
    "Menu",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode",
    # Sphinx's permalinks and signatures
    "Link to this heading",
    "Link to this definition",
    "Link to this image",
    "Link to this table",
    "Link to this code",
    "Link to this term",
    "Keyword-only parameters separator (PEP 3102)",
    "Positional-only parameter separator (PEP 570)",
    # the index, the search page, the copy button's labels
    "module",
    "Please activate JavaScript to enable the search functionality.",
    "Copy",
    "Copy to clipboard",
    "Copied!",
    "Back to top",
    "Skip to content",
    "On this page",
    "Next",
    "Previous",
    "Search",
}

#: Beginnings of English values with a variable end.
ENGLISH_PREFIXES = ("Toggle navigation of ", "Link to this ", "Made with", "Copyright")

#: Fragments that must not appear anywhere in the text of a Korean footer.
ENGLISH_IN_FOOTER = ("Made with", "authors", "Copyright", "만든 도구")

ATTRIBUTES = ("aria-label", "title", "placeholder", "data-tooltip", "alt")

#: Where English is content, not interface: code, maths, the link to English.
NOT_INTERFACE = "pre, code, .highlight, .math, script, style, body [lang=en]"


def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def interface_strings(soup: BeautifulSoup) -> list[str]:
    """Text nodes and labelling attributes outside code and maths."""
    for node in soup.select(NOT_INTERFACE):
        node.decompose()
    found = [text.strip() for text in soup.find_all(string=True) if text.strip()]
    for element in soup.find_all(True):
        for name in ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str) and value.strip():
                found.append(value.strip())
    return found


def english_in(soup: BeautifulSoup) -> list[str]:
    return sorted({s for s in interface_strings(soup) if s in ENGLISH_INTERFACE or s.startswith(ENGLISH_PREFIXES)})


def built_pages(build) -> list:
    pages = [build.html / f"{name}.html" for name in all_pages()]
    pages += [build.html / f"{name}.html" for name in ("genindex", "py-modindex", "search")]
    return pages


def test_korean_pages_have_no_english_interface_strings(site):
    build = site.builds["ko"]
    assert build.result.returncode == 0, build.log
    problems = {}
    for path in built_pages(build):
        assert path.exists(), path
        english = english_in(_soup(path))
        if english:
            problems[path.relative_to(build.html).as_posix()] = english
    assert not problems, f"English interface strings on Korean pages: {problems}"


def test_english_pages_keep_the_theme_strings(site):
    """The strings the Korean check looks for are really there in English."""
    build = site.builds["en"]
    index = english_in(_soup(build.html / "index.html"))
    for expected in (
        "Toggle site navigation sidebar",
        "Toggle table of contents sidebar",
        "Toggle Light / Dark / Auto color theme",
        "Contents",
        "Menu",
        "Expand",
        "Light mode",
        "Dark mode",
        "Auto light/dark, in light mode",
        "Auto light/dark, in dark mode",
        "Link to this heading",
    ):
        assert expected in index
    assert any(s.startswith("Toggle navigation of ") for s in index)
    footer = _soup(build.html / "index.html").select_one(".bottom-of-page").get_text(" ", strip=True)
    assert re.search(r"Copyright © 2026, dlaudio authors Made with Furo", footer), footer
    assert "module" in english_in(_soup(build.html / "genindex.html"))
    api = english_in(_soup(build.html / "api.html"))
    assert {"Link to this definition", "Keyword-only parameters separator (PEP 3102)"} <= set(api)


def test_korean_footer_reads_as_korean(site):
    soup = _soup(site.builds["ko"].html / "index.html")
    footer = soup.select_one(".bottom-of-page").get_text(" ", strip=True)
    assert not [word for word in ENGLISH_IN_FOOTER if word in footer], footer
    assert "이 사이트는 Furo 테마로 만들었습니다." in footer
    assert "dlaudio 저자" in footer


def test_korean_index_names_modules_in_korean(site):
    soup = _soup(site.builds["ko"].html / "genindex.html")
    links = [a.get_text(strip=True) for a in soup.select("article a")]
    assert links.count("모듈") >= len(_soup(site.builds["ko"].html / "py-modindex.html").select("a code.xref")) - 1
    assert "module" not in links


# Each Korean-only script, the page that loads it, and the script it must follow:
# the copy button extends copybutton.js's table; the search summary patches
# Sphinx's translations.js.
KOREAN_SCRIPTS = [
    ("ko-copybutton.js", "neuron.html", "copybutton.js"),
    ("ko-search-summary.js", "search.html", "translations.js"),
]


@pytest.mark.parametrize("script, page, after", KOREAN_SCRIPTS)
def test_korean_script_only_in_the_korean_edition(site, script, page, after):
    ko = _soup(site.builds["ko"].html / page)
    en = _soup(site.builds["en"].html / page)
    scripts = [s.get("src", "").split("?")[0] for s in ko.find_all("script")]
    assert scripts.index(f"_static/{script}") > scripts.index(f"_static/{after}")
    assert not en.select(f'script[src*="{script}"]')
    assert not (site.builds["en"].html / "_static" / script).exists()
