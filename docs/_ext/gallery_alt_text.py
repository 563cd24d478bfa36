"""The sphinx-gallery thumbnails' alt text: each image's title, in the page's language.

sphinx-gallery leaves each thumbnail image's alt text empty. In every build it
becomes the title the thumbnail shows, so a reader who cannot see the picture
hears what it is. The titles are already in the build's language: a translated
build runs translated examples (``gallery_translation.py``).
"""

from __future__ import annotations

import html
import re
from typing import Any

from gallery_translation import folders
from sphinx.application import Sphinx

THUMB = '<div class="sphx-glr-thumbcontainer"'
ALT = re.compile(r"^([ \t]*:alt:).*$", re.M)
TITLE = re.compile(r'sphx-glr-thumbnail-title">(.*?)</div>', re.S)


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
    # Sphinx extracts an image's alt text as a message: filled in for the
    # message templates, the titles would reach the gallery index's catalog,
    # to be translated a second time after the examples' own.
    if app.builder.name == "gettext":
        return
    for gallery_dir in folders(app.config.sphinx_gallery_conf.get("gallery_dirs", [])):
        if docname == f"{gallery_dir}/index":
            source[0] = titles_as_alt(source[0])


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.connect("source-read", _on_source_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
