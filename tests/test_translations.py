"""Translation gate: the Korean catalogs match the current English source."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from sitetools import ROOT

pytestmark = pytest.mark.docs


# refreshed_catalogs (conftest.py): a copy of locale/ refreshed from the
# current English by `sphinx-intl update`, as `make update-po` would.


def catalogs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.po"))


def test_every_page_has_a_korean_catalog(gettext_templates, refreshed_catalogs):
    pots = {p.relative_to(gettext_templates).with_suffix("") for p in gettext_templates.rglob("*.pot")}
    pos = {p.relative_to(refreshed_catalogs).with_suffix("") for p in catalogs(refreshed_catalogs)}
    assert pots, "no message templates were extracted"
    assert pots <= pos
    # Every committed catalog belongs to a page that still exists.
    # sphinx.po holds the theme's interface strings, not a page's.
    committed = {
        p.relative_to(ROOT / "locale/ko/LC_MESSAGES").with_suffix("")
        for p in catalogs(ROOT / "locale/ko/LC_MESSAGES")
        if p.name != "sphinx.po"
    }
    assert committed == pots, f"stale or missing catalogs: {committed ^ pots}"


def test_catalogs_have_no_untranslated_fuzzy_or_obsolete_entries(refreshed_catalogs):
    problems = []
    for path in catalogs(refreshed_catalogs):
        po = polib.pofile(str(path))
        for kind, entries in (
            ("untranslated", po.untranslated_entries()),
            ("fuzzy", po.fuzzy_entries()),
            ("obsolete", po.obsolete_entries()),
        ):
            problems += [f"{path.name}: {kind}: {e.msgid[:70]!r}" for e in entries]
    assert not problems, "\n".join(problems[:30]) + f"\n... {len(problems)} in all; run `make update-po` and translate"


def test_translations_keep_the_markup_of_the_source(refreshed_catalogs):
    # Inline math, code and roles must survive translation, or the Korean page
    # silently loses an equation.
    for path in catalogs(refreshed_catalogs):
        for entry in polib.pofile(str(path)).translated_entries():
            for token in ("$", "`", ":math:", ":doc:", "{doc}"):
                assert entry.msgid.count(token) == entry.msgstr.count(token), (
                    f"{path.name}: {token!r} count differs in {entry.msgid[:60]!r}"
                )
