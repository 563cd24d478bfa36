"""Serve a trimmed copy of MathJax 3 with the site, so equations render with no network.

Sphinx loads MathJax from a CDN. The package sphinx-mathjax-offline ships MathJax 3, but its own extension copies all
of it (50 MB) into every build; this one copies the parts a CHTML page with TeX input loads and points ``mathjax_path``
at them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset

DEFAULT_PARTS = ["tex-chtml.js", "output/chtml", "input/tex/extensions", "a11y", "ui", "adaptors"]
ENTRY = "tex-chtml.js"


def mathjax_source() -> Path:
    """The MathJax folder inside the installed sphinx-mathjax-offline package."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("offline_mathjax needs the package sphinx-mathjax-offline (the docs extra)")
    source = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"
    if not (source / ENTRY).is_file():
        raise RuntimeError(f"no {ENTRY} in {source}: sphinx-mathjax-offline changed its layout")
    return source


def copy_parts(source: Path, static_dir: Path, parts) -> Path:
    """Copy each part (a file or a folder, relative to ``source``) to ``static_dir/mathjax``."""
    target = static_dir / "mathjax"
    for part in parts:
        if not (source / part).exists():
            raise RuntimeError(f"offline_mathjax_parts names {part!r}, which {source} does not have")
        # copy_asset copies a folder's contents into its destination, a file into that folder.
        copy_asset(source / part, target / part if (source / part).is_dir() else (target / part).parent)
    return target


def _copy_after_build(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        copy_parts(mathjax_source(), Path(app.outdir) / "_static", app.config.offline_mathjax_parts)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("offline_mathjax_parts", DEFAULT_PARTS, "html")
    # The copy and the path Sphinx loads it from, set in one place.
    app.connect("config-inited", lambda app, config: setattr(config, "mathjax_path", f"mathjax/{ENTRY}"))
    app.connect("build-finished", _copy_after_build)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
