"""Both language editions build without a warning, and the Korean one is Korean."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import polib
import pytest
from sitetools import LANGUAGES, all_pages

pytestmark = pytest.mark.docs

PAGES = [f"{name}.html" for name in all_pages()]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def main_text(page: Path) -> str:
    """The visible prose of a page's article: no code, math, markup, or text marked as English."""
    text = page.read_text(encoding="utf-8")
    text = text.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    for pattern in (
        # The glossary's English column, English on purpose (lang="en").
        r'<(\w+)[^>]*\slang="en"[^>]*>.*?</\1>',
        r"<pre.*?</pre>",
        r"<code.*?</code>",
        r'<span class="math[^"]*">.*?</span>',
        r'<div class="math[^"]*">.*?</div>',
        r"<dt.*?</dt>",
        r"<[^>]+>",
    ):
        text = re.sub(pattern, " ", text, flags=re.S)
    return html.unescape(text)


def test_the_page_list_is_what_sphinx_built(site):
    # The tests' page list comes from the source tree; the search index lists
    # what Sphinx actually built. A page outside both would go unchecked.
    for lang in LANGUAGES:
        index = (site.builds[lang].html / "searchindex.js").read_text(encoding="utf-8")
        docnames = set(json.loads(index[index.index("(") + 1 : index.rindex(")")])["docnames"])
        assert docnames == set(all_pages()), docnames ^ set(all_pages())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_build_succeeds_without_warnings(site, lang):
    build = site.builds[lang]
    assert build.result.returncode == 0, build.log
    assert "WARNING" not in build.log and "ERROR" not in build.log, build.log


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_edition_has_every_page(site, lang):
    out = site.builds[lang].html
    for page in PAGES:
        assert (out / page).is_file(), f"{lang}/{page} missing"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_edition_shows_an_executed_gallery_figure(site, lang):
    out = site.builds[lang].html
    assert (out / "_images" / "sphx_glr_plot_sigmoid_001.png").is_file()
    assert "sphx_glr_plot_sigmoid_001.png" in (out / "auto_examples/plot_sigmoid.html").read_text()


def test_korean_pages_declare_korean(site):
    out = site.builds["ko"].html
    for page in PAGES:
        head = (out / page).read_text(encoding="utf-8")[:400]
        assert 'lang="ko"' in head, page
    assert 'lang="en"' in (site.builds["en"].html / "neuron.html").read_text()[:400]


@pytest.mark.parametrize("page", PAGES)
def test_korean_page_text_is_hangul(site, page):
    text = main_text(site.builds["ko"].html / page)
    hangul = len(HANGUL.findall(text))
    english_words = LATIN_WORD.findall(text)
    assert hangul > 40, f"{page}: only {hangul} Hangul characters"
    # Identifiers and symbols stay Latin; running English prose does not.
    assert hangul > 3 * len(" ".join(english_words)) / 2, (page, english_words[:40])


def test_no_english_paragraph_falls_through_to_the_korean_build(site, gettext_templates):
    # A missing or fuzzy translation makes Sphinx print the English message.
    for pot in gettext_templates.rglob("*.pot"):
        page = site.builds["ko"].html / pot.relative_to(gettext_templates).with_suffix(".html")
        if not page.exists():
            continue
        text = " ".join(main_text(page).split())
        for entry in polib.pofile(str(pot)):
            words = entry.msgid.split()
            if len(words) < 6 or any(mark in entry.msgid for mark in ("$", ":math:", "`", "\\")):
                continue
            assert " ".join(words) not in text, f"English left in ko/{page.name}: {entry.msgid!r}"


def test_root_index_leads_to_both_editions(site):
    assert (site.root / "index.html").is_file()
    index = (site.root / "index.html").read_text(encoding="utf-8")
    assert 'href="en/index.html"' in index and 'href="ko/index.html"' in index


@pytest.mark.parametrize("page", PAGES)
def test_korean_page_titles_are_korean(site, page):
    # Short messages such as titles escape the paragraph check above; a
    # translated title that Markdown misreads (e.g. "01. ..." as a list) would
    # silently fall back to English.
    text = (site.builds["ko"].html / page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)
    assert HANGUL.search(h1), (page, h1)
    if page != "index.html":  # the home page's <title> is the project name alone
        assert HANGUL.search(title), (page, title)


def _page_parts(path: Path) -> dict:
    text = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    return {
        "math": len(re.findall(r'class="math[ "]', text)),
        "code blocks": text.count('<div class="highlight'),
        "images": text.count("<img "),
        "sound players": text.count("<audio "),
        "sections": text.count("<section"),
        "links": text.count('<a class="reference'),
    }


@pytest.mark.parametrize("page", PAGES)
def test_korean_page_says_as_much_as_the_english_one(site, page):
    # Same equations, code, figures, sections and cross-references in both
    # editions: a translation that drops a formula or a link fails here.
    english = _page_parts(site.builds["en"].html / page)
    korean = _page_parts(site.builds["ko"].html / page)
    assert korean == english, page
