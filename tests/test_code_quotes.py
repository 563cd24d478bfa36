"""The pages quote the library's code without its docstrings.

A chapter shows a function's lines next to the equations they compute
(``literalinclude`` with ``:pyobject:``). The API page documents the same
function's parameters and return values; on a chapter page that docstring
would bury the two lines the reader came for, in English on the Korean page
too. So a quoted function that has a docstring is quoted with ``:lines:``
keeping its ``def`` line(s) and its code, and this test computes the exact
line numbers from the source: a docstring that grows or shrinks fails here
with the ``:lines:`` to write, rather than quoting the wrong lines.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sitetools import DOCS

INCLUDE = re.compile(r"```\{literalinclude\} (?P<file>\S+)\n(?P<options>(?::[\w-]+:.*\n)*)")


def quotes() -> list[tuple[str, Path, str, str | None]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for match in INCLUDE.finditer(page.read_text(encoding="utf-8")):
            options = dict(re.findall(r":([\w-]+):\s*(.*)", match["options"]))
            if "pyobject" in options:
                path = (page.parent / match["file"]).resolve()
                found.append((page.name, path, options["pyobject"], options.get("lines")))
    return found


def find(tree: ast.Module, dotted: str) -> ast.FunctionDef | ast.ClassDef:
    nodes = tree.body
    for name in dotted.split("."):
        node = next(n for n in nodes if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name)
        nodes = node.body
    return node


def lines_without_docstring(node: ast.FunctionDef | ast.ClassDef) -> str | None:
    """The ``:lines:`` of the quote that keeps the ``def`` line(s) and the code, or None without a docstring."""
    first = node.body[0]
    if not (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    ):
        return None
    start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    signature_end = first.lineno - start
    code_start = first.end_lineno - start + 2
    return f"{'1' if signature_end == 1 else f'1-{signature_end}'}, {code_start}-"


def test_the_pages_quote_code():
    assert len(quotes()) >= 5  # guards the test below against finding nothing


@pytest.mark.parametrize("page, path, pyobject, lines", quotes(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_a_quoted_function_is_shown_without_its_docstring(page, path, pyobject, lines):
    expected = lines_without_docstring(find(ast.parse(path.read_text(encoding="utf-8")), pyobject))
    assert lines == expected, f"{page}: quote {pyobject} with :lines: {expected}"


REST_MARKUP = re.compile(r":(math|func|class|meth|attr|ref|doc|term):`|``")


@pytest.mark.parametrize("page, path, pyobject, lines", quotes(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_a_quoted_function_shows_no_rest_markup(page, path, pyobject, lines):
    # What a quote keeps (its def line(s) and code, comments included) reads as Python, not as reST.
    node = find(ast.parse(path.read_text(encoding="utf-8")), pyobject)
    start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    body = path.read_text(encoding="utf-8").splitlines()[start - 1 : node.end_lineno]
    kept = []
    for part in (lines or f"1-{len(body)}").split(","):
        first, _, last = part.strip().partition("-")
        kept += body[int(first) - 1 : (int(last) if last else len(body)) if _ else int(first)]
    marked = [line.strip() for line in kept if REST_MARKUP.search(line)]
    assert not marked, f"{page}: the quote of {pyobject} shows reST markup: {marked}"
