"""Figures numbered per page: the first figure of every chapter is "Fig. 1" ("그림 1")."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

# Sphinx numbers figures across the whole site unless the toctree is
# ``:numbered:``, which would also number the chapters' titles, already named
# 01 to 08. After Sphinx has numbered them (its toctree collector, at the
# default priority), each page's figures are numbered again from 1, in the
# order Sphinx found them; ``{numref}`` and the captions read the new numbers.


def per_page(numbers: dict[str, dict[str, dict[str, tuple[int, ...]]]]) -> list[str]:
    """Renumber ``env.toc_fignumbers`` in place, 1, 2, ... per page and kind; return the pages changed."""
    changed = []
    for docname, kinds in numbers.items():
        for kind, ids in kinds.items():
            order = sorted(ids, key=ids.__getitem__)
            renumbered = {figure_id: (n,) for n, figure_id in enumerate(order, 1)}
            if renumbered != ids:
                kinds[kind] = renumbered
                changed.append(docname)
    return sorted(set(changed))


def _on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return per_page(env.toc_fignumbers) if app.config.numfig else []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-get-updated", _on_env_get_updated, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
