"""The Korean gallery's downloads are Korean (docs/_ext/gallery_code.py).

The text of each downloaded script and notebook, its code comments and the
strings it prints are translated; its code is the English code; it still runs
and draws the same figures.
"""

from __future__ import annotations

import ast
import contextlib
import html
import io
import json
import re
import runpy
import zipfile
from pathlib import Path

import gallery_code
import matplotlib
import numpy as np
import polib
import pytest
from docutils.utils import column_width
from gallery_code import code_messages, notebook_cells, places, translate, wrap, write_template
from sitetools import EXAMPLES_DIR, ROOT, examples
from sphinx_gallery.py_source_parser import remove_config_comments, split_code_and_text_blocks

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CODE_CATALOG = ROOT / "locale" / "ko" / "LC_MESSAGES" / "gallery-code.po"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")
# Four Latin words in a row is an English sentence left behind; a gloss such
# as "(weighted sum)" is shorter.
ENGLISH_RUN = re.compile(r"\b[A-Za-z]+(?:[\s,;()'-]+[A-Za-z]+){3,}\b")
PLACEHOLDER = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")  # an f-string's field, format spec included
# What is not prose: reST roles and literals, Markdown maths, placeholders.
MARKUP = re.compile(rf":\w+:`[^`]*`|``.*?``|`[^`]*`|\$[^$]*\$|{PLACEHOLDER.pattern}", re.S)

SCRIPT = '''r"""
A title
=======

The first paragraph,
over two lines.
"""

# %%
# A text block.
#
# .. math:: a = b

import numpy as np

# A comment over
# two lines.
x = np.zeros(3)  # after the code
labels = {"name": "kept"}
print(f"mean {x.mean():.2f} of "
      f"{x.size} values", "done:", x)
print(x, "  ")

# sphinx_gallery_thumbnail_number = 1
'''


# --- the script's words, found and replaced (no build) ----------------------


def test_places_finds_text_comments_and_printed_strings():
    found = [(p.kind, p.english) for p in places(SCRIPT)]
    assert found == [
        ("docstring", "A title\n=======\n\nThe first paragraph,\nover two lines."),
        ("text", "A text block.\n\n.. math:: a = b"),
        ("comment", "A comment over\ntwo lines."),
        ("inline", "after the code"),
        ("string", "mean {x.mean():.2f} of "),
        ("string", "{x.size} values"),
        ("string", "done:"),
    ]
    # Dict keys and values, blank printed strings and settings are code, not words.
    assert code_messages(SCRIPT) == [
        "A comment over two lines.",
        "after the code",
        "mean {x.mean():.2f} of ",
        "{x.size} values",
        "done:",
    ]


def test_translate_changes_the_words_and_nothing_else():
    korean = {
        "A title": "제목",
        "The first paragraph, over two lines.": "첫 문단입니다. " * 12,
        "A text block.": "텍스트 블록입니다.",
        "A comment over two lines.": "두 줄에 걸친 주석입니다.",
        "after the code": "코드 뒤의 주석",
        "mean {x.mean():.2f} of ": "평균 {x.mean():.2f}, ",
        "{x.size} values": "값 {x.size}개",
        "done:": "끝:",
    }
    out = translate(SCRIPT, korean.__getitem__, korean.__getitem__)
    assert "제목\n====\n" in out  # the underline as wide as the Hangul title
    assert "# 텍스트 블록입니다.\n#\n# .. math:: a = b\n" in out
    assert "# 두 줄에 걸친 주석입니다.\nx = np.zeros(3)  # 코드 뒤의 주석\n" in out
    assert 'print(f"평균 {x.mean():.2f}, "\n      f"값 {x.size}개", "끝:", x)' in out
    assert '{"name": "kept"}' in out and "# sphinx_gallery_thumbnail_number = 1" in out
    assert all(column_width(line) <= 79 for line in out.splitlines())
    assert code_skeleton(out) == code_skeleton(SCRIPT)


def test_wrapping_never_breaks_inside_markup_or_before_a_list_marker():
    text = "가나다 :math:`a = b + c`\\ 를 ``x = [1, 2]``\\ 로 계산합니다 - 1. 그리고 끝입니다"
    for width in range(10, 40):
        lines = wrap(text, width)
        assert " ".join(lines) == text
        for line in lines:
            assert line.count("`") % 2 == 0, line
            assert not re.match(r"(-|\d+\.) ", line), line


def test_a_message_without_translation_warns_and_stays_english(tmp_path, monkeypatch):
    po = polib.POFile()
    po.append(polib.POEntry(msgid="A  title", msgstr="제목"))
    po.save(str(tmp_path / "plot_a.po"))
    warnings = []
    monkeypatch.setattr(gallery_code.logger, "warning", lambda *args, **kwargs: warnings.append(args))
    text = gallery_code.Catalog(tmp_path / "plot_a.po", key=gallery_code.normalised).translator("plot_a.py")
    assert text("A title") == "제목"  # found with whitespace normalised
    assert text("Untranslated.") == "Untranslated."
    assert len(warnings) == 1 and "Untranslated." in warnings[0]


# --- the code catalog ------------------------------------------------------


def test_the_code_catalog_holds_exactly_the_extracted_messages(tmp_path):
    # A comment or printed string added to an example without a translation
    # fails here (and in the translation gate, tests/test_translations.py).
    write_template(ROOT / "conf.py", EXAMPLES_DIR, tmp_path / "gallery-code.pot")
    template = {entry.msgid for entry in polib.pofile(str(tmp_path / "gallery-code.pot"))}
    catalog = polib.pofile(str(CODE_CATALOG))
    assert template == {entry.msgid for entry in catalog if not entry.obsolete}
    assert not catalog.untranslated_entries() and not catalog.fuzzy_entries()


def test_the_code_catalog_covers_every_example_and_the_notebook_cells():
    messages = {entry.msgid for entry in polib.pofile(str(CODE_CATALOG))}
    for name in examples():
        assert set(code_messages((EXAMPLES_DIR / f"{name}.py").read_text(encoding="utf-8"))) <= messages
    for cell in notebook_cells(ROOT / "conf.py").values():
        assert set(code_messages(cell)) <= messages


def test_code_translations_keep_every_placeholder_and_are_korean():
    for entry in polib.pofile(str(CODE_CATALOG)).translated_entries():
        assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid
        assert entry.msgstr.count("\\n") == entry.msgid.count("\\n"), entry.msgid
        if ENGLISH_WORD.search(PLACEHOLDER.sub("", entry.msgid)):
            assert HANGUL.search(entry.msgstr), f"no Korean for {entry.msgid!r}"


# --- the downloads of the built site ----------------------------------------


def code_skeleton(source: str) -> str:
    """The script's code: its AST without the docstring and with the printed strings blanked.

    An f-string keeps its placeholders, in any order, so a translation may
    move them but not change them.
    """
    tree = ast.parse(source)
    tree.body[0].value.value = ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            for i, arg in enumerate(node.args):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    node.args[i] = ast.Constant("")
                elif isinstance(arg, ast.JoinedStr):
                    fields = [value for value in arg.values if isinstance(value, ast.FormattedValue)]
                    node.args[i] = ast.JoinedStr(sorted(fields, key=ast.dump))
    return ast.dump(tree)


def comments(cell: str) -> str:
    return "\n".join(line for line in cell.splitlines() if line.startswith("#"))


def uncommented(cell: str) -> list[str]:
    return [line for line in cell.splitlines() if not line.startswith("#")]


def download(site, lang: str, filename: str) -> Path:
    (path,) = (site.builds[lang].html / "_downloads").glob(f"*/{filename}")
    return path


def prose(text: str) -> str:
    return MARKUP.sub(" ", text)


def assert_korean(english: str, korean: str, where: str) -> None:
    """Hangul where the English had words, and no English sentence left."""
    if ENGLISH_WORD.search(prose(english)):
        assert HANGUL.search(korean), f"{where}: no Korean in {korean!r}"
    run = ENGLISH_RUN.search(prose(korean))
    assert not run, f"{where}: English left: {run.group(0)!r}"


@pytest.mark.docs
@pytest.mark.parametrize("name", examples())
def test_korean_downloads_are_not_the_english_ones(site, name):
    for suffix in (".py", ".ipynb", ".zip"):
        english = download(site, "en", name + suffix).read_bytes()
        assert download(site, "ko", name + suffix).read_bytes() != english, suffix
    # The English edition offers the untouched script.
    assert download(site, "en", f"{name}.py").read_text(encoding="utf-8") == (EXAMPLES_DIR / f"{name}.py").read_text(
        encoding="utf-8"
    )


@pytest.mark.docs
@pytest.mark.parametrize("name", examples())
def test_korean_script_has_the_english_code_and_korean_words(site, name):
    english = download(site, "en", f"{name}.py").read_text(encoding="utf-8")
    korean = download(site, "ko", f"{name}.py").read_text(encoding="utf-8")
    assert code_skeleton(korean) == code_skeleton(english)
    english_places, korean_places = places(english), places(korean)
    assert [p.kind for p in korean_places] == [p.kind for p in english_places]
    for en, ko in zip(english_places, korean_places):
        assert_korean(en.english, ko.english, f"{name}.py line {ko.start[0]} ({ko.kind})")
    # The docstring and the comments are wrapped to the scripts' 79 columns.
    docstring = korean_places[0]
    for row, line in enumerate(korean.splitlines(), 1):
        if docstring.start[0] <= row <= docstring.end[0] or line.lstrip().startswith("#"):
            assert column_width(line) <= 79, f"{name}.py line {row}"


@pytest.mark.docs
@pytest.mark.parametrize("name", examples())
def test_korean_notebook_is_the_korean_script(site, name):
    notebook = json.loads(download(site, "ko", f"{name}.ipynb").read_text(encoding="utf-8"))
    english = json.loads(download(site, "en", f"{name}.ipynb").read_text(encoding="utf-8"))
    # nbformat 4: the fields Jupyter requires of a notebook and its cells.
    assert notebook["nbformat"] == 4 and isinstance(notebook["nbformat_minor"], int)
    assert isinstance(notebook["metadata"], dict)
    for cell in notebook["cells"]:
        assert cell["cell_type"] in ("code", "markdown") and isinstance(cell["metadata"], dict)
        assert all(isinstance(line, str) for line in cell["source"])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and "execution_count" in cell
    assert [c["cell_type"] for c in notebook["cells"]] == [c["cell_type"] for c in english["cells"]]

    korean_cells = [(c["cell_type"], "".join(c["source"])) for c in notebook["cells"]]
    english_cells = [(c["cell_type"], "".join(c["source"])) for c in english["cells"]]
    first_cell = notebook_cells(ROOT / "conf.py").get("first_notebook_cell")
    if first_cell:
        # conf.py's first cell, its comments in Korean and its commands as they are.
        (kind, korean_first), (_, english_first) = korean_cells.pop(0), english_cells.pop(0)
        assert kind == "code" and english_first == first_cell.strip()
        assert_korean(comments(english_first), comments(korean_first), f"{name}.ipynb first cell")
        assert uncommented(korean_first) == uncommented(english_first)
    # The code cells, joined, are the Korean script's code.
    script = download(site, "ko", f"{name}.py")
    blocks = split_code_and_text_blocks(script)[1]
    code = [remove_config_comments(block.content).strip() for block in blocks if block.type == "code"]
    assert "\n".join(source for kind, source in korean_cells if kind == "code") == "\n".join(filter(None, code))
    for (kind, en), (_, ko) in zip(english_cells, korean_cells):
        if kind == "markdown":
            assert_korean(en, ko, f"{name}.ipynb")
            assert "\\ " not in ko  # reST's escaped space, which Markdown would show


@pytest.mark.docs
@pytest.mark.parametrize("name", examples())
def test_korean_zip_holds_the_korean_script_and_notebook(site, name):
    with zipfile.ZipFile(download(site, "ko", f"{name}.zip")) as archive:
        assert sorted(archive.namelist()) == [f"{name}.ipynb", f"{name}.py"]
        for member in archive.namelist():
            assert archive.read(member) == download(site, "ko", member).read_bytes()


def run_script(path: Path, monkeypatch, tmp_path) -> tuple[str, list[np.ndarray]]:
    """What a script prints, and the pixels of the figures it shows."""
    pixels = []

    def show(*args, **kwargs):
        for number in plt.get_fignums():
            figure = plt.figure(number)
            figure.canvas.draw()
            pixels.append(np.asarray(figure.canvas.buffer_rgba()).copy())
        plt.close("all")

    monkeypatch.setattr(plt, "show", show)
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(path), run_name="__main__")
    return out.getvalue(), pixels


@pytest.mark.docs
@pytest.mark.parametrize("name", ["plot_sigmoid", "plot_waveform", "plot_aliasing"])
def test_korean_script_runs_and_draws_the_english_figures(site, name, monkeypatch, tmp_path):
    english_out, english_figures = run_script(download(site, "en", f"{name}.py"), monkeypatch, tmp_path)
    korean_out, korean_figures = run_script(download(site, "ko", f"{name}.py"), monkeypatch, tmp_path)
    assert len(korean_figures) == len(english_figures) > 0
    for english, korean in zip(english_figures, korean_figures):
        assert np.array_equal(english, korean)
    # The same numbers, said in Korean.
    assert HANGUL.search(korean_out) and korean_out != english_out
    number = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?")
    assert sorted(number.findall(korean_out)) == sorted(number.findall(english_out))


# --- the Korean gallery pages -------------------------------------------------

OUTPUT_BLOCK = re.compile(r'<div class="sphx-glr-script-out[^"]*">(.*?)</pre>', re.S)
COMMENT_SPAN = re.compile(r'<span class="c1">(.*?)</span>', re.S)


def page_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def printed_words(name: str) -> list[str]:
    """The strings with words that the script prints."""
    source = (EXAMPLES_DIR / f"{name}.py").read_text(encoding="utf-8")
    return [p.english for p in places(source) if p.kind == "string" and ENGLISH_WORD.search(prose(p.english))]


@pytest.mark.docs
@pytest.mark.parametrize("name", examples())
def test_korean_gallery_page_shows_korean_comments_and_output(site, name):
    """sphinx-gallery ran the Korean script: the page's code comments and the
    printed output under the code are Korean wherever the English had words."""
    english = (site.builds["en"].html / "auto_examples" / f"{name}.html").read_text(encoding="utf-8")
    korean = (site.builds["ko"].html / "auto_examples" / f"{name}.html").read_text(encoding="utf-8")
    en_comments = [page_text(c) for c in COMMENT_SPAN.findall(english)]
    ko_comments = [page_text(c) for c in COMMENT_SPAN.findall(korean)]
    assert len(ko_comments) == len(en_comments)
    for en, ko in zip(en_comments, ko_comments):
        if ENGLISH_WORD.search(prose(en)):
            assert HANGUL.search(ko), f"{name}: English comment on the Korean page: {ko!r}"
    ko_output = " ".join(page_text(o) for o in OUTPUT_BLOCK.findall(korean))
    if printed_words(name):
        assert HANGUL.search(ko_output), f"{name}: the printed output is not Korean: {ko_output[:200]!r}"
