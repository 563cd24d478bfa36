"""The glossary: one file of terms (docs/glossary.csv), its page in both editions, and the catalogs that use it."""

from __future__ import annotations

import html
import re

import polib
import pytest
from glossary_table import headword, read_glossary
from korean_style import AVOIDED, TRANSLITERATIONS, avoided_variants
from sitetools import DOCS, LANGUAGES, ROOT, sphinx

GLOSSARY = DOCS / "glossary.csv"
TERMS = read_glossary(GLOSSARY)
HEADER = "english,korean,transliteration,note,avoid\n"
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
        ("sigmoid,시그모이드,yes,,\nSigmoid,시그모이드,yes,,\n", "listed twice"),
        ("sigmoid,,yes,,\n", "empty English or Korean"),
        ("sigmoid,시그모이드,oui,,\n", "transliteration is 'yes' or empty"),
        ("sigmoid,시그모이드,yes\n", "5 cells expected"),
        ("sigmoid,시그모이드,yes,,,extra\n", "5 cells expected"),
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


@pytest.mark.docs
def test_the_page_catalog_holds_only_the_title_and_introduction(gettext_templates):
    pot = polib.pofile(str(gettext_templates / "glossary.pot"))
    assert [entry.msgid.split()[0] for entry in pot] == ["Glossary", "This"]


def table_rows(page_html: str) -> list[tuple[str, str]]:
    """``(English, Korean)`` cell texts of the glossary table, header first."""
    table = re.search(r'<table class="glossary-table.*?</table>', page_html, re.S).group(0)
    rows = []
    for row in re.findall(r"<tr.*?</tr>", table, re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd].*?</t[hd]>", row, re.S)
        ]
        rows.append(tuple(cells))
    return rows


@pytest.mark.docs
@pytest.mark.parametrize("lang, header", [("en", ("English", "Korean")), ("ko", ("영어", "한국어"))])
def test_the_built_page_shows_every_term_of_the_file(site, lang, header):
    page = (site.builds[lang].html / "glossary.html").read_text(encoding="utf-8")
    shown, *rows = table_rows(page)
    assert shown == header
    expected = [(t.english, f"{t.korean} {t.note}".strip()) for t in sorted(TERMS, key=lambda t: t.english.casefold())]
    assert rows == expected
    # Each term is marked with its language, whatever the page's.
    assert page.count('<td lang="en">') == page.count('<td lang="ko">') == len(TERMS)


@pytest.mark.docs
def test_both_editions_show_the_same_table(site):
    en, ko = ((site.builds[lang].html / "glossary.html").read_text(encoding="utf-8") for lang in LANGUAGES)
    assert table_rows(en)[1:] == table_rows(ko)[1:]


# --- the directive, on a small project --------------------------------------

CONF = f"""
import sys
sys.path.insert(0, {str(DOCS / "_ext")!r})
extensions = ["myst_parser", "glossary_table"]
html_theme = "basic"
"""


def small_project(tmp_path, rows):
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Terms\n\n```{glossary-table} terms.csv\n```\n", encoding="utf-8")
    (src / "terms.csv").write_text(HEADER + rows, encoding="utf-8")
    return src


def build(src, out):
    return sphinx(src, "-b", "html", "-W", "-q", str(src), str(out))


@pytest.mark.docs  # runs Sphinx on a small project
def test_an_edit_of_the_file_alone_rebuilds_the_page(tmp_path):
    src = small_project(tmp_path, "sigmoid,시그모이드,yes,,\n")
    out = tmp_path / "out"
    assert build(src, out).returncode == 0
    (src / "terms.csv").write_text(HEADER + "sigmoid,시그모이드,yes,,\nloss,손실,,,\n", encoding="utf-8")
    result = build(src, out)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert table_rows(page)[1:] == [("loss", "손실"), ("sigmoid", "시그모이드")]


@pytest.mark.docs  # runs Sphinx on a small project
def test_a_malformed_file_fails_the_build(tmp_path):
    src = small_project(tmp_path, "sigmoid,,yes,,\n")
    result = build(src, tmp_path / "out")
    assert result.returncode != 0
    assert "empty English or Korean cell" in result.stdout + result.stderr
