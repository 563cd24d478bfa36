"""Translated gallery downloads: each example's .py, .ipynb and .zip in the build's language."""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_gallery.notebook import jupyter_notebook, save_notebook
from sphinx_gallery.py_source_parser import (
    Block,
    remove_config_comments,
    remove_ignore_blocks,
    split_code_and_text_blocks,
)

from gallery_code import NOTEBOOK_CELLS, normalised, translate
from gallery_i18n import gallery_dirs

# sphinx-gallery writes each example's .py, .ipynb and .zip into the gallery
# folder once, in English, and the build copies them to _downloads/. In a
# translated build this extension rewrites those copies: the docstring and text
# blocks from the example's page catalog (locale/<lang>/LC_MESSAGES/
# auto_examples/<name>.po), code comments and printed strings from the code
# catalog (gallery-code.po, written by `python docs/_ext/gallery_code.py`), and
# the notebook rebuilt from the translated script with sphinx-gallery's own
# functions. The gallery folder, which the English build reads, is not touched.
CODE_CATALOG = "gallery-code.po"
# reST's escaped space glues a particle to inline markup (":math:`h`\ 를");
# Markdown has no such escape, so the notebook drops it.
ESCAPED_SPACE = re.compile(r"(?<=`)\\ ")

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
                    where, english, self.po_file.resolve(), type="gallery_downloads",
                )
                return english
            return self.table[self.key(english)]

        return translated


def notebook_blocks(script: Path, gallery_conf: dict[str, Any]) -> list[Block]:
    """The script's blocks as sphinx-gallery puts them in a notebook (gen_rst._clean_script_blocks)."""
    blocks = []
    for kind, content, line in split_code_and_text_blocks(script)[1]:
        content = remove_ignore_blocks(content)
        if gallery_conf["remove_config_comments"]:
            content = remove_config_comments(content)
        if kind == "text":
            content = ESCAPED_SPACE.sub("", content)
        blocks.append(Block(kind, content, line))
    return blocks[:-1] if blocks[-1].content.isspace() else blocks


def translate_downloads(
    script: Path, downloads: dict[str, Path], text: Callable, code: Callable, gallery_conf: dict[str, Any]
) -> None:
    """Write the translated script, notebook and zip over the English copies in ``downloads``."""
    translated = translate(script.read_text(encoding="utf-8"), text, code)
    try:
        ast.parse(translated)
    except SyntaxError as err:
        logger.warning("the translated %s is not Python: %s", script.name, err, type="gallery_downloads")
    py = downloads[".py"]
    py.write_text(translated, encoding="utf-8")
    if ".ipynb" in downloads:
        blocks = notebook_blocks(py, gallery_conf)
        save_notebook(jupyter_notebook(blocks, gallery_conf, script.parent), downloads[".ipynb"])
    if ".zip" in downloads:
        with zipfile.ZipFile(downloads[".zip"], "w") as archive:
            for suffix in (".py", ".ipynb"):
                if suffix in downloads:
                    archive.write(downloads[suffix], script.with_suffix(suffix).name)


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.config.language in (None, "en") or app.builder.format != "html":
        return
    catalogs = Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES")
    code = Catalog(catalogs / CODE_CATALOG)
    gallery_conf = dict(app.config.sphinx_gallery_conf)
    for key in NOTEBOOK_CELLS:
        if gallery_conf.get(key):
            cell = code.translator("conf.py")
            gallery_conf[key] = translate(gallery_conf[key], cell, cell)

    # Sphinx's table of downloads: source path (relative to the source folder) -> its copy.
    copies = {Path(src): Path(app.outdir, "_downloads", dest) for src, (_, dest) in app.env.dlfiles.items()}
    for gallery_dir in gallery_dirs(app):
        for src in sorted(copies):
            if src.parent != Path(gallery_dir) or src.suffix != ".py":
                continue
            script = Path(app.srcdir, src)
            downloads = {s: copies[src.with_suffix(s)] for s in (".py", ".ipynb", ".zip") if src.with_suffix(s) in copies}
            text = Catalog(catalogs / gallery_dir / f"{src.stem}.po", key=normalised)
            translate_downloads(script, downloads, text.translator(src.name), code.translator(src.name), gallery_conf)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.connect("build-finished", _on_build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
