"""The words of a gallery script found and replaced: text blocks, code comments, printed strings.

Used by ``gallery_translation.py``. Run as a script, it writes the template of
the code catalog: every code comment and printed string of the examples, and
the comments of the notebooks' first and last cells set in ``conf.py``::

    python docs/_ext/gallery_code.py conf.py examples _build/gettext/gallery-code.pot

``make update-po`` runs it, so ``locale/<lang>/LC_MESSAGES/gallery-code.po``
is refreshed like the pages' catalogs.
"""

from __future__ import annotations

import ast
import io
import itertools
import re
import runpy
import sys
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

from docutils.utils import column_width

WIDTH = 79  # the scripts' line length (tests/test_gallery.py)
# sphinx-gallery's text blocks: a "# %%" line (or a line of 20 or more "#"),
# then the comment lines that follow it without a break.
TEXT_BLOCK_HEADER = re.compile(r"# ?%%|#{20,}")
CONFIG_COMMENT = re.compile(r"#\s*sphinx_gallery_")  # settings, not words
LETTER = re.compile(r"[^\W\d_]")  # in any script: a comment or string without one has no words
SECTION_UNDERLINE = re.compile(r"([=\-~^\"'`#*+.:_<>])\1*")
LITERAL = re.compile(r"([A-Za-z]*)('''|\"\"\"|'|\")(.*)\2", re.S)
# A word for line wrapping: inline markup and reST's escaped space ("`h`\ 를")
# stay whole, so a line never breaks inside them.
WORD = re.compile(r"(?:``.*?``|`[^`]*`|\\ |\S)+")
# A word that would start a list, quote or heading at the head of a line (in
# the notebook's Markdown too) is kept on the line before.
BLOCK_START = re.compile(r"[-+*>#]|\d+[.)]")
NOTEBOOK_CELLS = ("first_notebook_cell", "last_notebook_cell")  # sphinx-gallery settings
FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+
FSTRING_END = getattr(tokenize, "FSTRING_END", None)

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

    after_docstring = 0
    if tree and (docstring := ast.get_docstring(tree)) is not None:  # cleaned as inspect.cleandoc does
        start, end = _span(lines, tree.body[0].value)
        found.append(Place("docstring", start, end, docstring))
        after_docstring = end[0]

    text_rows = set()
    row = after_docstring + 1
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

    ``text`` translates a paragraph or title of the docstring and the text
    blocks (the catalog of the example's page); ``code`` a comment paragraph
    or a printed string (the code catalog).
    """
    edits = []
    for place in places(source):
        if place.kind == "docstring":
            new = 'r"""\n' + "\n".join(_rest(place.english, text, WIDTH)) + '\n"""'
        elif place.kind == "text":
            new = "".join(_comment(line) + "\n" for line in _rest(place.english, text, WIDTH - 2))
        elif place.kind == "comment":
            column = place.start[1]
            lines = []
            for paragraph in paragraphs(place.english):
                lines += ([""] if lines else []) + wrap(code(paragraph), WIDTH - column - 2)
            new = ("\n" + " " * column).join(_comment(line) for line in lines)
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


def _comment(line: str) -> str:
    return f"# {line}".rstrip()


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

    def position(row: int, byte: int) -> Position:
        return row, len(lines[row - 1].encode()[:byte].decode())

    return position(node.lineno, node.col_offset), position(node.end_lineno, node.end_col_offset)


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
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project="dlaudio", copyright_holder="dlaudio authors")
    sources = [(conf_py.name, cell) for cell in notebook_cells(conf_py).values()]
    for script in sorted(examples.glob("plot_*.py")):
        sources.append((script.as_posix(), script.read_text(encoding="utf-8")))
    for location, source in sources:
        for message in code_messages(source):
            catalog.add(message, locations=[(location, None)])
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as f:
        write_po(f, catalog, width=76)


if __name__ == "__main__":
    write_template(*map(Path, sys.argv[1:4]))
