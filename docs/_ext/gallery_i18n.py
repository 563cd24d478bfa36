"""The sphinx-gallery thumbnails in each language: translated titles and tooltips, titles as alt text."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from sphinx.application import Sphinx

# sphinx-gallery writes each thumbnail's title and tooltip into raw HTML inside
# the gallery index, where gettext never sees them. In a translated build this
# extension puts in each example's own translated title and introduction, taken
# from that example's catalog.
THUMB = '<div class="sphx-glr-thumbcontainer"'
# sphinx-gallery leaves each thumbnail image's alt text empty; in every build
# it becomes the title the thumbnail shows, so a reader who cannot see the
# picture hears what it is, in the page's language.
ALT = re.compile(r"^([ \t]*:alt:).*$", re.M)
TITLE = re.compile(r'sphx-glr-thumbnail-title">(.*?)</div>', re.S)
ROLE_OR_LITERAL = re.compile(r":\w+:`([^`]*)`|``([^`]*)``")


def plain(text: str) -> str:
    """reST inline markup reduced to plain text for a tooltip: no roles, literals or escapes."""
    return ROLE_OR_LITERAL.sub(lambda m: m.group(1) or m.group(2), text).replace("\\ ", "")


def key(text: str) -> str:
    """Letters and digits only: the same for a message and for sphinx-gallery's own
    clean-up of it, however much of the markup that clean-up kept."""
    return re.sub(r"[\W_]+", "", plain(text))


def plain_translations(po_file: Path) -> dict[str, str]:
    """``{key of the English: plain translation}`` for every translated message of a catalog."""
    with po_file.open("rb") as f:
        catalog = read_po(f)
    return {key(m.id): plain(m.string) for m in catalog if m.id and m.string}


def translate_thumbnails(source: str, gallery_dir: str, catalogs: Path) -> str:
    """Swap each thumbnail's title and tooltip for its translation, where one exists.

    ``catalogs`` is the ``LC_MESSAGES`` folder of the target language; the
    example linked as ``:doc:`/<gallery_dir>/<name>``` is looked up in
    ``<catalogs>/<gallery_dir>/<name>.po``.
    """
    link = re.compile(rf":doc:`/{re.escape(gallery_dir)}/(\w+)`")

    def translate(block: str) -> str:
        name = link.search(block)
        po_file = catalogs / gallery_dir / f"{name.group(1)}.po" if name else None
        if po_file is None or not po_file.exists():
            return block
        table = plain_translations(po_file)

        def swap(match: re.Match) -> str:
            text = html.unescape(match.group(2))
            return match.group(1) + html.escape(table.get(key(text), text)) + match.group(3)

        block = re.sub(r'(tooltip=")(.*?)(")', swap, block)
        return re.sub(r'(sphx-glr-thumbnail-title">)(.*?)(</div>)', swap, block)

    first, *thumbnails = source.split(THUMB)
    return THUMB.join([first] + [translate(block) for block in thumbnails])


def titles_as_alt(source: str) -> str:
    """Give each thumbnail image its thumbnail's title (as shown, so translated if it was) as alt text."""

    def fill(block: str) -> str:
        title = TITLE.search(block)
        if title is None:
            return block
        alt = " ".join(html.unescape(title.group(1)).split())
        return ALT.sub(lambda m: f"{m.group(1)} {alt}", block, count=1)

    first, *thumbnails = source.split(THUMB)
    return THUMB.join([first] + [fill(block) for block in thumbnails])


def gallery_dirs(app: Sphinx) -> list[str]:
    dirs = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    return [dirs] if isinstance(dirs, str) else list(dirs)


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    for gallery_dir in gallery_dirs(app):
        if docname != f"{gallery_dir}/index":
            continue
        if app.config.language not in (None, "en"):
            catalogs = Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES")
            source[0] = translate_thumbnails(source[0], gallery_dir, catalogs)
        # Sphinx extracts an image's alt text as a message: filled in for the
        # message templates, the titles would reach the gallery index's
        # catalog, to be translated a second time after the examples' own.
        if app.builder.name != "gettext":
            source[0] = titles_as_alt(source[0])


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.connect("source-read", _on_source_read)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
