"""The ``{glossary-table}`` directive: the course's English and Korean terms, read from one file at build time.

The terms live in ``docs/glossary.csv`` and nowhere else: the glossary page
shows them, and the Korean style tests read their list of transliterations
from the same file (``tests/korean_style.py``). Columns:

``english``, ``korean``
    the term in each language; both required, English terms unique.
``transliteration``
    ``yes`` when the Korean is the English word written in Hangul
    (시그모이드 for sigmoid), which is never glossed in English.
``note``
    a remark on the Korean term, in Korean, shown under it.
``avoid``
    variants the course does not use, separated by ``;`` (데이터 세트 for
    데이터셋); not shown, checked against the catalogs by the tests.

In MyST::

    ```{glossary-table} glossary.csv
    ```
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0"

COLUMNS = ("english", "korean", "transliteration", "note", "avoid")
# The column headers are messages of Sphinx's own catalog (sphinx.po), as the
# {solution} summary is: the page's catalog then holds only what the page's
# source says (its title and introduction), and the headers are translated
# once for any page that shows a glossary.
HEADERS = ("English", "Korean")


@dataclass(frozen=True)
class Term:
    english: str
    korean: str
    transliteration: bool
    note: str
    avoid: tuple[str, ...]


def headword(term: str) -> str:
    """The term without its bracketed additions: 정답(목표값) -> 정답, gradient (∂E/∂W) -> gradient."""
    return " ".join(re.sub(r"\([^)]*\)", " ", term).split())


def read_glossary(path: str | Path) -> list[Term]:
    """The terms of a glossary file, in file order; ValueError names the first bad line."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: the columns must be {', '.join(COLUMNS)}")
        terms: list[Term] = []
        seen: set[str] = set()
        for row in reader:
            where = f"{path}, line {reader.line_num}"
            # DictReader puts extra cells under None and fills missing ones with None.
            if None in row or None in row.values():
                raise ValueError(f"{where}: {len(COLUMNS)} cells expected")
            cells = {name: value.strip() for name, value in row.items()}
            if not cells["english"] or not cells["korean"]:
                raise ValueError(f"{where}: an empty English or Korean cell")
            if cells["transliteration"] not in ("", "yes"):
                raise ValueError(f"{where}: transliteration is 'yes' or empty")
            if cells["english"].casefold() in seen:
                raise ValueError(f"{where}: {cells['english']!r} is listed twice")
            seen.add(cells["english"].casefold())
            terms.append(
                Term(
                    english=cells["english"],
                    korean=cells["korean"],
                    transliteration=cells["transliteration"] == "yes",
                    note=cells["note"],
                    avoid=tuple(v.strip() for v in cells["avoid"].split(";") if v.strip()),
                )
            )
    return terms


def _cell(*children: nodes.Node, lang: str | None = None) -> nodes.entry:
    # A paragraph marked untranslatable keeps the cell out of the page's
    # catalog: the table is the same in both editions. The language class
    # becomes the cell's lang attribute (docutils' "language-" convention),
    # so each term is read out in its own language.
    paragraph = nodes.paragraph("", "", *children, translatable=False)
    return nodes.entry("", paragraph, classes=[f"language-{lang}"] if lang else [])


def glossary_table(terms: list[Term]) -> nodes.table:
    """A two-column table, English | Korean, sorted by the English term for look-up."""
    tgroup = nodes.tgroup(cols=2)
    tgroup += [nodes.colspec(colwidth=1), nodes.colspec(colwidth=1)]
    tgroup += nodes.thead("", nodes.row("", *(_cell(nodes.Text(str(_(h)))) for h in HEADERS)))
    body = nodes.tbody()
    for term in sorted(terms, key=lambda t: t.english.casefold()):
        korean: list[nodes.Node] = [nodes.Text(term.korean)]
        if term.note:
            # On a line of its own (CSS); the space keeps it a word apart when copied or read aloud.
            korean += [nodes.Text(" "), nodes.inline(term.note, term.note, classes=["glossary-note"])]
        body += nodes.row("", _cell(nodes.Text(term.english), lang="en"), _cell(*korean, lang="ko"))
    tgroup += body
    return nodes.table("", tgroup, classes=["glossary-table"])


class GlossaryTableDirective(SphinxDirective):
    required_arguments = 1  # the glossary file, relative to the page (or to docs/ with a leading /)

    def run(self) -> list[nodes.Node]:
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        # An edit of the file alone rebuilds the page.
        self.env.note_dependency(relative)
        try:
            terms = read_glossary(path)
        except (OSError, ValueError) as error:
            raise self.error(str(error)) from error
        table = glossary_table(terms)
        self.set_source_info(table)
        return [table]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("glossary-table", GlossaryTableDirective)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
