"""Exercises whose solutions stay folded until the reader asks for them.

A ``{solution}`` block renders as ``<details class="solution">`` with a
"Solution" summary (translated through Sphinx's catalog, ``sphinx.po``), so
the answer is one click away but not in view while the reader thinks. The
block's content is ordinary page text: it is translated with the page, and
its ``>>>`` examples are doctests like every other on the page.

In MyST, fence it with four backticks so that it can hold code::

    ````{solution}
    Explanation.

    ```python
    >>> 1 + 1
    2

    ```
    ````
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

__version__ = "1.0"

#: The summary line of every folded solution; a message of ``sphinx.po``.
SUMMARY = "Solution"


class solution(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """A folded solution; its children are the solution's body."""


class SolutionDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        if not self.content:
            raise self.error("a solution needs a body: the answer and how to get it")
        node = solution()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_solution_html(self: HTML5Translator, node: solution) -> None:
    self.body.append(
        f'<details class="solution"><summary>{escape(str(_(SUMMARY)))}</summary><div class="solution-body">\n'
    )


def depart_solution_html(self: HTML5Translator, node: solution) -> None:
    self.body.append("</div></details>\n")


def _visit_plain(self: Any, node: solution) -> None:
    """Other formats (text, LaTeX) show the solution unfolded."""


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        solution,
        html=(visit_solution_html, depart_solution_html),
        latex=(_visit_plain, _visit_plain),
        text=(_visit_plain, _visit_plain),
    )
    app.add_directive("solution", SolutionDirective)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
