"""The home page's road map lists every chapter, in the order the sidebar reads them."""

from __future__ import annotations

import re

from sitetools import DOCS

ROAD_MAP = re.compile(r"^\| \{doc\}`[^<`]+<([\w-]+)>` \|", re.M)
TOCTREE = re.compile(r"```\{toctree\}\n(.*?)```", re.S)


def toctrees(home: str) -> dict[str, list[str]]:
    """``{caption: pages}`` for each toctree of the home page."""
    trees = {}
    for block in TOCTREE.findall(home):
        caption = re.search(r"^:caption: (.+)$", block, re.M)
        pages = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
        trees[caption.group(1) if caption else ""] = pages
    return trees


def test_the_road_map_lists_every_chapter_in_order():
    # Only the Chapters toctree: the Reference one (gallery, API, glossary) has
    # no row in the road map.
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert ROAD_MAP.findall(home) == toctrees(home)["Chapters"]


def test_the_toctrees_are_hidden_so_the_road_map_is_the_list():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    blocks = TOCTREE.findall(home)
    assert blocks and all(":hidden:" in block for block in blocks)
