"""Order the gallery as the course is read: by the first chapter page that shows each example.

sphinx-gallery sorts by file name, title or size; the course's order lives in
the home page's toctree, so the key is read from there and a new chapter needs
no renaming of scripts.
"""

from __future__ import annotations

import re
from pathlib import Path

# Used by conf.py as sphinx_gallery_conf["within_subsection_order"]; sphinx-gallery
# instantiates it with the examples folder and sorts the examples by its keys.
TOCTREE = re.compile(r"```\{toctree\}\n(.*?)```", re.S)
REFERENCE = re.compile(r"auto_examples/(plot_\w+)")
DOCS = Path(__file__).resolve().parent.parent


def chapters(docs: Path) -> list[str]:
    """The pages of the home page's toctrees, in reading order."""
    names = []
    for block in TOCTREE.findall((docs / "index.md").read_text(encoding="utf-8")):
        names += [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
    return names


def reading_order(docs: Path) -> dict[str, int]:
    """``{example name: rank}`` in the order the chapters first show or link each example."""
    order: dict[str, int] = {}
    for page in chapters(docs):
        path = docs / f"{page}.md"
        if path.exists():
            for name in REFERENCE.findall(path.read_text(encoding="utf-8")):
                order.setdefault(name, len(order))
    return order


class CourseOrder:
    """Sort key: examples in course order; any example no chapter shows comes last, by name."""

    def __init__(self, src_dir, docs=DOCS):
        # sphinx-gallery passes the examples folder (or "" when it checks the
        # setting); the chapters are always those of this extension's docs/.
        self.order = reading_order(Path(docs))

    def __call__(self, filename) -> tuple[int, str]:
        name = Path(filename).stem
        return (self.order.get(name, len(self.order)), name)

    def __repr__(self) -> str:
        # sphinx-gallery hashes the configuration by its repr.
        return f"<{type(self).__name__}>"
