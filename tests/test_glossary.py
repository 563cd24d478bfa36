"""The glossary: its page (Sphinx's ``glossary`` directive, docs/glossary.md) defines every term in both
languages, the chapters link to it, and the style data of docs/glossary.csv holds the same terms."""

from __future__ import annotations

import html
import re

import polib
import pytest
from korean_style import AVOIDED, TRANSLITERATIONS, avoided_variants, headword, read_glossary
from sitetools import DOCS, LANGUAGES, ROOT, page_source, source_pages

GLOSSARY = DOCS / "glossary.csv"
TERMS = read_glossary(GLOSSARY)
HEADER = "english,korean,transliteration,avoid\n"
CATALOGS = ROOT / "locale" / "ko" / "LC_MESSAGES"
# The page catalogs; sphinx.po holds interface strings, among them the table's headers.
PAGES = sorted(p for p in CATALOGS.rglob("*.po") if p.name != "sphinx.po")


def test_the_glossary_file_has_unique_terms_and_no_empty_cell():
    assert len(TERMS) > 50
    english = [t.english.casefold() for t in TERMS]
    assert len(set(english)) == len(english)
    assert all(t.english and t.korean for t in TERMS)


@pytest.mark.parametrize(
    "rows, problem",
    [
        ("sigmoid,시그모이드,yes,\nSigmoid,시그모이드,yes,\n", "listed twice"),
        ("sigmoid,,yes,\n", "empty English or Korean"),
        ("sigmoid,시그모이드,oui,\n", "transliteration is 'yes' or empty"),
        ("sigmoid,시그모이드\n", "4 cells expected"),
        ("sigmoid,시그모이드,yes,,extra\n", "4 cells expected"),
    ],
)
def test_a_malformed_glossary_is_rejected(tmp_path, rows, problem):
    path = tmp_path / "glossary.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(problem)):
        read_glossary(path)


def test_the_columns_are_checked(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("English,Korean\nsigmoid,시그모이드\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns must be"):
        read_glossary(path)


def test_the_style_gate_takes_its_transliterations_from_the_glossary():
    marked = {headword(t.korean) for t in TERMS if t.transliteration}
    assert set(TRANSLITERATIONS) == marked
    assert TRANSLITERATIONS["시그모이드"] == "sigmoid" and TRANSLITERATIONS["데이터셋"] == "data set"
    # A gloss in the English term's brackets is not part of the word compared.
    assert TRANSLITERATIONS["그래디언트"] == "gradient"
    assert "역전파" not in TRANSLITERATIONS


# --- the catalogs use the glossary's terms ---------------------------------


def catalog_text(path) -> str:
    return "\n".join(entry.msgstr for entry in polib.pofile(str(path)).translated_entries())


# Terms with known wrong variants: the ones a translator is most likely to
# get wrong, so each is checked both ways.
KEY_TERMS = [t for t in TERMS if t.avoid]


def test_variants_are_found_only_as_words_of_their_own():
    assert avoided_variants("훈련에 쓰는 데이터 세트와 과적합") == ["데이터 세트", "과적합"]
    assert avoided_variants("Hann 창 대신 한 창을 씁니다") == ["한 창"]
    # "한 창" inside "일정한 창" (a constant window) is not the variant.
    assert avoided_variants("일정한 창, 데이터셋, 과대적합") == []


def test_some_terms_have_known_variants():
    assert {"데이터셋", "과대적합", "Hann 창"} <= {t.korean for t in KEY_TERMS}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(CATALOGS).as_posix())
def test_no_catalog_uses_a_variant_of_a_glossary_term(path):
    found = sorted(set(avoided_variants(catalog_text(path))))
    assert not found, [f"{variant} -> {AVOIDED[variant]}" for variant in found]


@pytest.mark.parametrize("term", KEY_TERMS, ids=lambda t: t.english)
def test_the_catalogs_use_the_glossary_term(term):
    text = "\n".join(catalog_text(path) for path in PAGES)
    # Catalogs wrap long lines at spaces, so a term of several words is matched
    # across a line break too.
    assert re.search(r"\s+".join(map(re.escape, headword(term.korean).split())), text), term.korean


# --- the page ---------------------------------------------------------------

GLOSSARY_PAGE = DOCS / "glossary.md"
GLOSSARY_PO = CATALOGS / "glossary.po"
DASH = " — "


def page_entries() -> dict[str, str]:
    """``{term: definition}`` of the page's glossary block, in source order."""
    block = GLOSSARY_PAGE.read_text(encoding="utf-8").split("```{glossary}\n", 1)[1].split("\n```", 1)[0]
    entries = re.findall(r"^(\S[^\n]*)\n((?:  \S[^\n]*\n?)+)", block, re.M)
    return {term: " ".join(definition.split()) for term, definition in entries if not term.startswith(":")}


def test_the_page_defines_every_term_of_the_file_with_its_korean_name():
    entries = page_entries()
    assert list(entries) == [t.english for t in TERMS]
    for term in TERMS:
        name, definition = entries[term.english].split(DASH, 1)
        assert name == f"[{term.korean}]{{.language-ko}}"
        # One line: a sentence, not a word.
        assert len(definition.split()) >= 3 and definition.endswith("."), term.english


def test_the_korean_catalog_names_and_defines_every_term():
    translations = {e.msgid: e.msgstr for e in polib.pofile(str(GLOSSARY_PO)).translated_entries()}
    for term in TERMS:
        assert translations[term.english] == term.korean
        name, definition = translations[page_entries()[term.english]].split(DASH, 1)
        assert name == f"[{term.english}]{{.language-en}}"
        assert re.search("[\uac00-\ud7a3]", definition) and definition.endswith("다."), term.english


@pytest.mark.docs
def test_the_page_catalog_holds_the_introduction_and_every_term(gettext_templates):
    pot = [entry.msgid for entry in polib.pofile(str(gettext_templates / "glossary.pot"))]
    assert pot[:2] == ["Glossary", pot[1]] and pot[1].startswith("Every term")
    assert set(pot[2:]) == set(page_entries()) | set(page_entries().values())


def glossary_entries(page_html: str) -> list[tuple[str, str, str, str]]:
    """``(term, other language, its lang, definition)`` of each entry of a built glossary, in page order."""
    rows = []
    for term, body in re.findall(
        r'<dt id="term-[^"]*">(.*?)<a class="headerlink".*?</dt><dd>(.*?)</dd>', page_html, re.S
    ):
        other = re.match(r'<p><span lang="(\w+)">(.*?)</span>' + DASH + r"(.*)</p>", body.strip(), re.S)
        assert other, body
        text = html.unescape(re.sub(r"<[^>]+>", "", other.group(3))).strip()
        rows.append((html.unescape(term), html.unescape(other.group(2)), other.group(1), text))
    return rows


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_built_page_shows_every_term_in_both_languages(site, lang):
    page = (site.builds[lang].html / "glossary.html").read_text(encoding="utf-8")
    entries = glossary_entries(page)
    pairs = {(t.english, t.korean) for t in TERMS}
    if lang == "en":
        assert {(term, other) for term, other, _, _ in entries} == pairs
    else:
        assert {(other, term) for term, other, _, _ in entries} == pairs
    # The other language's term is marked with its language, so each is read out in its own.
    assert {other_lang for _, _, other_lang, _ in entries} == {"ko" if lang == "en" else "en"}
    assert all(definition for *_, definition in entries)


CHAPTERS = [name for name in source_pages() if "```{admonition} Before you start" in page_source(name)]


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", CHAPTERS)
def test_a_chapter_links_its_terms_to_the_glossary(site, lang, name):
    page = (site.builds[lang].html / f"{name}.html").read_text(encoding="utf-8")
    targets = re.findall(r'<a class="reference internal" href="([^"]*)"><span class="xref std std-term">', page)
    assert len(targets) >= 3
    defined = set(re.findall(r'<dt id="(term-[^"]*)"', (site.builds[lang].html / "glossary.html").read_text("utf-8")))
    assert all(target.startswith("glossary.html#") and target.split("#")[1] in defined for target in targets)
    # The English source links a term once per chapter, at its first use.
    terms = re.findall(r"\{term\}`(?:[^`<]*<)?([^`>]*)>?`", page_source(name))
    assert len(terms) == len(set(terms))
