"""The home page's road map lists every chapter, in the order the sidebar reads them."""

from __future__ import annotations

import re

from gallery_order import chapters
from sitetools import DOCS

ROAD_MAP = re.compile(r"^\| \{doc\}`[^<`]+<([\w-]+)>` \|", re.M)


def test_the_road_map_lists_every_chapter_in_order():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = ROAD_MAP.findall(home)
    in_toctree = [name for name in chapters(DOCS) if name not in ("api", "auto_examples/index")]
    assert listed == in_toctree


def test_the_toctrees_are_hidden_so_the_road_map_is_the_list():
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```\{toctree\}\n(.*?)```", home, re.S)
    assert blocks and all(":hidden:" in block for block in blocks)
