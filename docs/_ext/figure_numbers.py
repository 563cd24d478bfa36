"""Figures numbered per page ("Fig. 1", "그림 1" on every chapter): Sphinx numbers them across the site
unless the toctree is ``:numbered:``, which would also number the chapter titles, already named 01 to 08."""

from __future__ import annotations

from typing import Any


def per_page(numbers: dict[str, dict[str, dict[str, tuple[int, ...]]]]) -> list[str]:
    """Renumber ``env.toc_fignumbers`` in place, 1, 2, ... per page and kind, in Sphinx's order; the pages changed."""
    changed = set()
    for docname, kinds in numbers.items():
        for kind, ids in kinds.items():
            renumbered = {figure_id: (n,) for n, figure_id in enumerate(sorted(ids, key=ids.__getitem__), 1)}
            if renumbered != ids:
                kinds[kind] = renumbered
                changed.add(docname)
    return sorted(changed)


def setup(app) -> dict[str, Any]:
    # After Sphinx's toctree collector has numbered the figures (default priority); {numref} reads the result.
    app.connect("env-get-updated", lambda app, env: per_page(env.toc_fignumbers) if app.config.numfig else [], 900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
