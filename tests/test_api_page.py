"""The API page documents every public module of the library."""

from __future__ import annotations

import re

from sitetools import DOCS, ROOT


def public_modules() -> set[str]:
    return {p.stem for p in (ROOT / "src" / "dlaudio").glob("*.py") if not p.stem.startswith("_")}


def test_every_public_module_is_on_the_api_page():
    documented = set(re.findall(r"automodule:: dlaudio\.(\w+)", (DOCS / "api.rst").read_text(encoding="utf-8")))
    assert public_modules() <= documented, sorted(public_modules() - documented)
