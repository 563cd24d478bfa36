"""The translated gallery: sphinx-gallery runs the examples in the build's language.

In a translated build (``-D language=ko``), before sphinx-gallery generates the
gallery, this extension writes a translated copy of every example script and
points sphinx-gallery at the copies. The docstring and text blocks come from
the example's page catalog (``locale/<lang>/LC_MESSAGES/auto_examples/
<name>.po``), code comments and printed strings from the code catalog
(``gallery-code.po``, whose template ``python docs/_ext/gallery_code.py``
writes). sphinx-gallery then executes the translated scripts, so everything the
Korean reader gets is Korean: the page's text, its code comments, the printed
output under the code, and the downloadable ``.py``, ``.ipynb`` and ``.zip``
(the notebooks' Markdown without reST's escaped spaces). The code itself is the
same, so the figures are the same.

A message without a translation is a warning (an error under ``-W``) naming
the script and the catalog; the English build is untouched.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from gallery_code import NOTEBOOK_CELLS, normalised, translate
from sphinx.application import Sphinx
from sphinx.util import logging

CODE_CATALOG = "gallery-code.po"
# reST's escaped space glues a particle to inline markup (":math:`h`\ 를");
# Markdown has no such escape, so the notebooks drop it.
ESCAPED_SPACE = re.compile(r"(?<=[`$*])\\ ")

logger = logging.getLogger(__name__)


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
            if self.key(english) not in self.table:
                logger.warning(
                    "%s: no translation of %r in %s; run `make update-po` and translate it",
                    where,
                    english,
                    self.po_file.resolve(),
                    type="gallery_translation",
                )
                return english
            return self.table[self.key(english)]

        return translated


def folders(value: str | list[str]) -> list[str]:
    """sphinx-gallery's ``examples_dirs`` or ``gallery_dirs``: one folder or a list of them."""
    return [value] if isinstance(value, str) else list(value)


def translate_examples(examples: Path, out: Path, catalogs: Path, gallery_dir: str) -> str:
    """Write the translated copy of the examples folder ``examples`` into ``out``, and return ``out``."""
    if out.exists():
        shutil.rmtree(out)
    # Everything as it is (the gallery header's text is translated on the page,
    # by Sphinx), then each script replaced by its translation.
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
    # With the doctrees: Sphinx's own build data, outside the pages even when the
    # doctrees sit inside the output folder (sphinx-build without -d, as on
    # Read the Docs).
    root = Path(app.doctreedir) / "translated-gallery"
    conf["examples_dirs"] = [
        translate_examples(Path(app.srcdir, examples).resolve(), root / gallery_dir, catalogs, gallery_dir)
        for examples, gallery_dir in zip(folders(conf["examples_dirs"]), folders(conf["gallery_dirs"]))
    ]
    cell = Catalog(catalogs / CODE_CATALOG).translator("conf.py")
    for key in NOTEBOOK_CELLS:
        if conf.get(key):
            conf[key] = translate(conf[key], cell, cell)


def markdown_without_escaped_spaces(notebook: Path) -> bool:
    """Drop reST's escaped spaces from a notebook's Markdown cells; True if it changed."""
    content = json.loads(notebook.read_text(encoding="utf-8"))
    changed = False
    for cell in content["cells"]:
        if cell["cell_type"] == "markdown":
            source = [ESCAPED_SPACE.sub("", line) for line in cell["source"]]
            changed |= source != cell["source"]
            cell["source"] = source
    if changed:
        notebook.write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
    return changed


def _fix_notebooks(app: Sphinx) -> None:
    if app.config.language in (None, "en"):
        return
    for gallery_dir in folders(app.config.sphinx_gallery_conf["gallery_dirs"]):
        for notebook in sorted(Path(app.srcdir, gallery_dir).glob("*.ipynb")):
            if markdown_without_escaped_spaces(notebook):
                # sphinx-gallery zipped the script with the notebook as it was.
                with zipfile.ZipFile(notebook.with_suffix(".zip"), "w") as archive:
                    for suffix in (".py", ".ipynb"):
                        archive.write(notebook.with_suffix(suffix), notebook.with_suffix(suffix).name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_gallery.gen_gallery")
    # Before sphinx-gallery's own builder-inited handler (priority 500) generates the gallery.
    app.connect("builder-inited", _translate_gallery, priority=400)
    # After it: the notebooks it wrote are fixed before Sphinx copies them.
    app.connect("builder-inited", _fix_notebooks, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
