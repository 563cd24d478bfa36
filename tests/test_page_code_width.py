"""The code on the pages fits the project's line length (120 columns, as ruff holds the library).

A longer line overflows the code block even on a desktop and must be scrolled
sideways; tests/test_browser.py checks that a block wider than its column at
least shows that it scrolls. A printed line that would be longer is wrapped
by the code that prints it (``textwrap.fill``), so the output shown is the
output the doctest checks.
"""

from __future__ import annotations

import re

import pytest
from sitetools import DOCS

LINE_LENGTH = 120
FENCE = re.compile(r"^(`{3,}|~{3,})\s*(\S*)")
CODE = {"", "python", "pycon", "text", "console", "bash", "{code-block}"}


def code_lines(text: str):
    """``(line number, line)`` of every line inside a fenced code block (not a directive's body)."""
    fence = kind = None
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if fence is None and match:
            fence, kind = match[1], match[2]
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is not None and kind in CODE:
            yield number, line


def test_the_fence_reader_finds_code_and_skips_directives():
    text = "```python\n>>> 1\n```\n\n```{figure} a.png\n:alt: x\n```\n\n````text\n```\nb\n````\n"
    assert list(code_lines(text)) == [(2, ">>> 1"), (10, "```"), (11, "b")]


@pytest.mark.parametrize("page", sorted(path.name for path in DOCS.glob("*.md")))
def test_code_lines_on_the_pages_fit_120_columns(page):
    long = [
        (n, len(line)) for n, line in code_lines((DOCS / page).read_text(encoding="utf-8")) if len(line) > LINE_LENGTH
    ]
    assert not long, f"{page}: lines longer than {LINE_LENGTH} columns (line, length): {long}"
