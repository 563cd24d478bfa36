"""The gallery in the reader's language and in the course's order; sphinx-gallery does neither.

* **Translated.** In a translated build (``-D language=ko``), sphinx-gallery runs copies of the examples with
  their words translated: the docstring and text blocks from the example's page catalog
  (``auto_examples/<name>.po``), code comments and printed strings from the code catalog (``gallery-code.po``).
  So the page, the printed output and the downloads (``.py``, ``.ipynb``, ``.zip``) are in the reader's
  language; the code, hence every figure, is the same. A missing translation is a warning.
* **Thumbnails with alt text**: the title each shows (sphinx-gallery leaves it empty).
* **In course order** (conf.py's ``within_subsection_order``): by the first chapter of the home page's toctree
  that shows each example.

Run as a script, it writes the code catalog's template (``make update-po``)::

    python docs/_ext/gallery_code.py conf.py examples _build/gettext/gallery-code.pot
"""

from __future__ import annotations

import ast
import html
import io
import itertools
import json
import re
import runpy
import shutil
import sys
import tokenize
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Any

from babel.messages import catalog as babel
from babel.messages.pofile import read_po, write_po
from docutils.utils import column_width
from sphinx.application import Sphinx
from sphinx.util import logging

WIDTH = 79  # the scripts' line length (tests/test_gallery.py)
# sphinx-gallery's text blocks: a "# %%" line (or 20 or more "#"), then the comment lines that follow without a break.
TEXT_BLOCK_HEADER = re.compile(r"# ?%%|#{20,}")
CONFIG_COMMENT = re.compile(r"#\s*sphinx_gallery_")  # settings, not words
LETTER = re.compile(r"[^\W\d_]")  # in any script: a comment or string without one has no words
SECTION_UNDERLINE = re.compile(r"([=\-~^\"'`#*+.:_<>])\1*")
LITERAL = re.compile(r"([A-Za-z]*)('''|\"\"\"|'|\")(.*)\2", re.S)
# A word for line wrapping: inline markup and reST's escaped space ("`h`\ 를") stay whole, so a line never breaks
# inside them.
WORD = re.compile(r"(?:``.*?``|`[^`]*`|\\ |\S)+")
# A word that would start a list, quote or heading at the head of a line (in the notebook's Markdown too) is kept on
# the line before.
BLOCK_START = re.compile(r"[-+*>#]|\d+[.)]")
NOTEBOOK_CELLS = ("first_notebook_cell", "last_notebook_cell")  # sphinx-gallery settings
FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+
FSTRING_END = getattr(tokenize, "FSTRING_END", None)
CODE_CATALOG = "gallery-code.po"
# reST's escaped space glues a particle to inline markup (":math:`h`\ 를"); Markdown has no such escape, so the
# notebooks drop it.
ESCAPED_SPACE = re.compile(r"(?<=[`$*])\\ ")
logger = logging.getLogger(__name__)
UNTRANSLATED = "%s: no translation of %r in %s; run `make update-po` and translate it"
# A thumbnail of a gallery index (sphinx-gallery 0.22), and the home page's chapters.
THUMB = '<div class="sphx-glr-thumbcontainer"'
ALT = re.compile(r"^([ \t]*:alt:).*$", re.M)
TITLE = re.compile(r'sphx-glr-thumbnail-title">(.*?)</div>', re.S)
TOCTREE = re.compile(r"```\{toctree\}\n(.*?)```", re.S)
REFERENCE = re.compile(r"auto_examples/(plot_\w+)")
DOCS = Path(__file__).resolve().parent.parent

Translate = Callable[[str], str]
Position = tuple[int, int]  # (row from 1, column), as tokenize counts them


@dataclass
class Place:
    """A stretch of a script that holds words: what it says in English, and where."""

    kind: str  # "docstring", "text" (a text block), "comment", "inline" (a comment after code) or "string"
    start: Position
    end: Position
    english: str


def normalised(text: str) -> str:
    """Whitespace collapsed, as Sphinx writes a paragraph into a catalog."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    return [normalised(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def places(source: str) -> list[Place]:
    """Every place in a script (or a notebook cell) whose words are translated, in order."""
    lines = io.StringIO(source).readlines()
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a notebook cell such as "%pip install ...": comments only
        tree = None
    found = []

    row = 1  # where the text blocks may start
    if tree and (docstring := ast.get_docstring(tree)) is not None:  # cleaned as inspect.cleandoc does
        start, end = _span(lines, tree.body[0].value)
        found.append(Place("docstring", start, end, docstring))
        row = end[0] + 1

    text_rows = set()
    while row <= len(lines):
        if not TEXT_BLOCK_HEADER.match(lines[row - 1]):
            row += 1
            continue
        last = row + 1
        while last <= len(lines) and lines[last - 1].startswith("#"):
            last += 1
        text = dedent("".join(line[1:] for line in lines[row : last - 1])).strip()
        if text:
            found.append(Place("text", (row + 1, 0), (last, 0), text))
        text_rows.update(range(row, last))
        row = last

    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    comment = None
    for token in tokens:
        skipped = token.start[0] in text_rows or CONFIG_COMMENT.match(token.string)
        if token.type != tokenize.COMMENT or skipped or not LETTER.search(token.string):
            continue
        words = re.sub(r"^# ?", "", token.string)
        if token.line[: token.start[1]].strip():  # after code on the same line
            found.append(Place("inline", token.start, token.end, words))
        elif comment and token.start == (comment.end[0] + 1, comment.start[1]):
            comment.end, comment.english = token.end, f"{comment.english}\n{words}"
        else:
            comment = Place("comment", token.start, token.end, words)
            found.append(comment)

    if tree:
        printed = [_span(lines, arg) for arg in _printed_literals(tree)]
        offsets = _offsets(lines)
        for start, end in _literals(tokens):
            if any(a <= start and end <= b for a, b in printed):
                literal = source[offsets[start[0] - 1] + start[1] : offsets[end[0] - 1] + end[1]]
                prefix, quote, body = LITERAL.fullmatch(literal).groups()
                if LETTER.search(re.sub(r"\{[^{}]*\}", "", body)):  # placeholders aside
                    body_start = (start[0], start[1] + len(prefix) + len(quote))
                    found.append(Place("string", body_start, (end[0], end[1] - len(quote)), body))

    return sorted(found, key=lambda place: place.start)


def code_messages(source: str) -> list[str]:
    """The messages of the code catalog in a script: comment paragraphs and printed strings."""
    messages = []
    for place in places(source):
        if place.kind in ("comment", "inline"):
            messages += paragraphs(place.english)
        elif place.kind == "string":
            messages.append(place.english)
    return messages


def translate(source: str, text: Translate, code: Translate) -> str:
    """The script with its words translated, its code untouched.

    ``text`` translates the docstring's and text blocks' paragraphs and titles, ``code`` a comment paragraph or a
    printed string.
    """
    edits = []
    for place in places(source):
        if place.kind == "docstring":
            new = 'r"""\n' + "\n".join(_rest(place.english, text, WIDTH)) + '\n"""'
        elif place.kind == "text":
            new = "".join(f"# {line}".rstrip() + "\n" for line in _rest(place.english, text, WIDTH - 2))
        elif place.kind == "comment":
            column = place.start[1]
            lines = []
            for paragraph in paragraphs(place.english):
                lines += ([""] if lines else []) + wrap(code(paragraph), WIDTH - column - 2)
            new = ("\n" + " " * column).join(f"# {line}".rstrip() for line in lines)
        elif place.kind == "inline":
            new = "# " + code(normalised(place.english))
        else:
            new = code(place.english)
        edits.append((place.start, place.end, new))
    return _replace(source, edits)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns (a Hangul syllable takes two), broken between words."""
    lines = [""]
    for word in WORD.findall(text):
        if lines[-1] and column_width(f"{lines[-1]} {word}") > width and not BLOCK_START.fullmatch(word):
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".lstrip()
    return lines


def _rest(english: str, translate: Translate, width: int) -> list[str]:
    """A reST text block translated paragraph by paragraph, titles underlined to their new width."""
    out = []
    for paragraph in re.split(r"\n\s*\n", english.strip()):
        lines = paragraph.splitlines()
        if len(lines) == 2 and SECTION_UNDERLINE.fullmatch(lines[1]):
            title = translate(normalised(lines[0]))
            out += [title, lines[1][0] * column_width(title)]
        elif paragraph.startswith(".. math::"):
            out += lines  # display maths: no words
        else:
            out += wrap(translate(normalised(paragraph)), width)
        out.append("")
    return out[:-1]


def _printed_literals(tree: ast.AST) -> Iterator[ast.expr]:
    """The string and f-string arguments of every ``print`` call."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            for arg in node.args:
                if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    yield arg


def _literals(tokens: list[tokenize.TokenInfo]) -> Iterator[tuple[Position, Position]]:
    """Start and end of each string literal; implicitly joined literals one by one."""
    depth, start = 0, None
    for token in tokens:
        if token.type == tokenize.STRING and depth == 0:
            yield token.start, token.end
        elif token.type == FSTRING_START:
            depth += 1
            start = token.start if depth == 1 else start
        elif token.type == FSTRING_END:
            depth -= 1
            if depth == 0:
                yield start, token.end


def _span(lines: list[str], node: ast.expr) -> tuple[Position, Position]:
    """A node's start and end in characters (``ast`` counts UTF-8 bytes)."""
    start = node.lineno, len(lines[node.lineno - 1].encode()[: node.col_offset].decode())
    end = node.end_lineno, len(lines[node.end_lineno - 1].encode()[: node.end_col_offset].decode())
    return start, end


def _offsets(lines: list[str]) -> list[int]:
    """Where each line starts in the source, in characters."""
    return list(itertools.accumulate(map(len, lines), initial=0))


def _replace(source: str, edits: list[tuple[Position, Position, str]]) -> str:
    offsets = _offsets(io.StringIO(source).readlines())
    for start, end, new in sorted(edits, reverse=True):
        a, b = offsets[start[0] - 1] + start[1], offsets[end[0] - 1] + end[1]
        source = source[:a] + new + source[b:]
    return source


def notebook_cells(conf_py: Path) -> dict[str, str]:
    """The notebooks' first and last cells that ``conf.py`` sets, by their sphinx-gallery key."""
    path = sys.path[:]  # conf.py adds to it
    try:
        gallery_conf = runpy.run_path(str(conf_py)).get("sphinx_gallery_conf", {})
    finally:
        sys.path[:] = path
    return {key: gallery_conf[key] for key in NOTEBOOK_CELLS if gallery_conf.get(key)}


def write_template(conf_py: Path, examples: Path, pot: Path) -> None:
    """The code catalog's template: messages of every example and notebook cell, by file."""
    catalog = babel.Catalog(project="dlaudio", copyright_holder="dlaudio authors")
    sources = [(conf_py.name, cell) for cell in notebook_cells(conf_py).values()]
    for script in sorted(examples.glob("plot_*.py")):
        sources.append((script.as_posix(), script.read_text(encoding="utf-8")))
    for location, source in sources:
        for message in code_messages(source):
            catalog.add(message, locations=[(location, None)])
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as f:
        write_po(f, catalog, width=76)


class Catalog:
    """The translated, non-fuzzy messages of one catalog, looked up by ``key(English)``."""

    def __init__(self, po_file: Path, key: Callable[[str], str] = str):
        self.po_file, self.key, self.table = po_file, key, {}
        if po_file.exists():
            with po_file.open("rb") as f:
                self.table = {key(m.id): m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}

    def translator(self, where: str) -> Callable[[str], str]:
        """A translating function; a message it lacks is a warning (an error under -W) and stays English."""

        def translated(english: str) -> str:
            if self.key(english) in self.table:
                return self.table[self.key(english)]
            logger.warning(UNTRANSLATED, where, english, self.po_file.resolve(), type="gallery_translation")
            return english

        return translated


def folders(value: str | list[str]) -> list[str]:
    """sphinx-gallery's ``examples_dirs`` or ``gallery_dirs``: one folder or a list of them."""
    return [value] if isinstance(value, str) else list(value)


def translate_examples(examples: Path, out: Path, catalogs: Path, gallery_dir: str) -> str:
    """Write the translated copy of the examples folder ``examples`` into ``out``, and return ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    # Everything as it is (Sphinx translates the gallery header's text), then each script translated.
    shutil.copytree(examples, out, ignore=shutil.ignore_patterns("__pycache__"))
    code = Catalog(catalogs / CODE_CATALOG)
    for script in sorted(out.rglob("*.py")):
        text = Catalog(catalogs / gallery_dir / f"{script.stem}.po", key=normalised)
        translated = translate(
            script.read_text(encoding="utf-8"), text.translator(script.name), code.translator(script.name)
        )
        try:
            ast.parse(translated)
        except SyntaxError as err:
            logger.warning("the translated %s is not Python: %s", script.name, err, type="gallery_translation")
        script.write_text(translated, encoding="utf-8")
    return str(out)


def _translate_gallery(app: Sphinx) -> None:
    if app.config.language in (None, "en"):
        return
    conf = app.config.sphinx_gallery_conf
    catalogs = Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES")
    # With the doctrees: Sphinx's build data, outside the pages even when the doctrees sit inside the output folder
    # (sphinx-build without -d, as on Read the Docs).
    root = Path(app.doctreedir) / "translated-gallery"
    conf["examples_dirs"] = [
        translate_examples(Path(app.srcdir, examples).resolve(), root / gallery_dir, catalogs, gallery_dir)
        for examples, gallery_dir in zip(folders(conf["examples_dirs"]), folders(conf["gallery_dirs"]))
    ]
    cell = Catalog(catalogs / CODE_CATALOG).translator("conf.py")
    for key in NOTEBOOK_CELLS:
        if conf.get(key):
            conf[key] = translate(conf[key], cell, cell)


def _fix_notebooks(app: Sphinx) -> None:
    """Drop reST's escaped spaces from the notebooks' Markdown cells, and zip them again."""
    if app.config.language in (None, "en"):
        return
    for gallery_dir in folders(app.config.sphinx_gallery_conf["gallery_dirs"]):
        for notebook in sorted(Path(app.srcdir, gallery_dir).glob("*.ipynb")):
            text = notebook.read_text(encoding="utf-8")
            content = json.loads(text)
            for cell in content["cells"]:
                if cell["cell_type"] == "markdown":
                    cell["source"] = [ESCAPED_SPACE.sub("", line) for line in cell["source"]]
            if content != json.loads(text):
                notebook.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
                # sphinx-gallery zipped the script with the notebook as it was.
                with zipfile.ZipFile(notebook.with_suffix(".zip"), "w") as archive:
                    for suffix in (".py", ".ipynb"):
                        archive.write(notebook.with_suffix(suffix), notebook.with_suffix(suffix).name)


def titles_as_alt(source: str) -> str:
    """Give each thumbnail image of a gallery index its thumbnail's title as alt text."""

    def fill(block: str) -> str:
        title = TITLE.search(block)
        if title is None:
            return block
        alt = " ".join(html.unescape(title.group(1)).split())
        return ALT.sub(lambda m: f"{m.group(1)} {alt}", block, count=1)

    first, *thumbnails = source.split(THUMB)
    return THUMB.join([first] + [fill(block) for block in thumbnails])


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    # Not for the message templates: the titles would reach the index's catalog, to be translated twice.
    if app.builder.name == "gettext":
        return
    for gallery_dir in folders(app.config.sphinx_gallery_conf.get("gallery_dirs", [])):
        if docname == f"{gallery_dir}/index":
            source[0] = titles_as_alt(source[0])


def chapters(docs: Path) -> list[str]:
    """The pages of the home page's toctrees, in reading order."""
    names = []
    for block in TOCTREE.findall((docs / "index.md").read_text(encoding="utf-8")):
        names += [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
    return names


def reading_order(docs: Path) -> dict[str, int]:
    """``{example name: rank}`` in the order the chapters first show or link each example."""
    order: dict[str, int] = {}
    for page in chapters(docs):
        path = docs / f"{page}.md"
        if path.exists():
            for name in REFERENCE.findall(path.read_text(encoding="utf-8")):
                order.setdefault(name, len(order))
    return order


class CourseOrder:
    """Sort key: examples in course order; any example no chapter shows comes last, by name."""

    def __init__(self, src_dir, docs=DOCS):
        # sphinx-gallery passes the examples folder (or ""); the chapters are those of docs/.
        self.order = reading_order(Path(docs))

    def __call__(self, filename) -> tuple[int, str]:
        name = Path(filename).stem
        return (self.order.get(name, len(self.order)), name)

    def __repr__(self) -> str:  # sphinx-gallery hashes the configuration by its repr
        return f"<{type(self).__name__}>"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_gallery.gen_gallery")
    # Before sphinx-gallery's own builder-inited handler (priority 500) generates the gallery.
    app.connect("builder-inited", _translate_gallery, priority=400)
    # After it: the notebooks it wrote are fixed before Sphinx copies them.
    app.connect("builder-inited", _fix_notebooks, priority=600)
    app.connect("source-read", _on_source_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    write_template(*map(Path, sys.argv[1:4]))
