"""Search results quote the pages' equations as plain text, not as TeX.

Sphinx's search page shows a stretch of each matching page's text; the maths
in that text is the TeX MathJax has not yet typeset ("\\(\\delta_l\\)"). The
script ``search_math_static/search-math.js`` wraps ``Search.htmlToText`` so
each equation becomes a readable line ("δ_l") first. It is loaded deferred on
every page, in both languages, and acts only where ``Search`` exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0"

STATIC_DIR = Path(__file__).resolve().parent / "search_math_static"
SCRIPT = "search-math.js"


def _add_script(app: Sphinx) -> None:
    app.config.html_static_path.append(str(STATIC_DIR))
    # Deferred: runs after the search page's searchtools.js, before the search.
    app.add_js_file(SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _add_script)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
