"""Fixtures that build the site once per test session, from a clean copy.

The builds run in a temporary copy of the sources, so the tests never touch
the developer's ``_build/`` or ``docs/auto_examples/`` and always start clean.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitetools import LANGUAGES, WIDEST_BLOCKS, copy_sources, sphinx


@dataclass
class Build:
    language: str
    result: subprocess.CompletedProcess
    html: Path

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr


@dataclass
class Site:
    root: Path  # the folder holding en/, ko/ and the language chooser index.html
    builds: dict[str, Build]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """Both editions built like ``make docs``: -W --keep-going, gallery executed."""
    src = copy_sources(tmp_path_factory.mktemp("src"))
    out = src / "_build" / "html"
    builds = {}
    for lang in LANGUAGES:
        result = sphinx(
            src, "-b", "html", "-W", "--keep-going", "-d", str(src / "_build" / "doctrees" / lang),
            "-c", ".", "docs", str(out / lang), "-D", f"language={lang}",
        )
        builds[lang] = Build(lang, result, out / lang)
    shutil.copy2(src / "site" / "index.html", out / "index.html")
    return Site(out, builds)


@pytest.fixture(scope="session")
def gettext_templates(tmp_path_factory) -> Path:
    """Message templates (.pot) extracted from the current English source, as `make gettext` writes them."""
    src = copy_sources(tmp_path_factory.mktemp("gettext"))
    out = src / "_build" / "gettext"
    result = sphinx(src, "-b", "gettext", "-q", "-c", ".", "docs", str(out), "-D", "plot_gallery=0")
    assert result.returncode == 0, result.stdout + result.stderr
    # As `make gettext` does: the gallery scripts' code comments and printed strings.
    template = out / "gallery-code.pot"
    result = sphinx(src, "docs/_ext/gallery_code.py", "conf.py", "examples", str(template), tool="python")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def pytest_terminal_summary(terminalreporter):
    """The widest block of each kind per language and width (tests/test_browser.py)."""
    if not WIDEST_BLOCKS:
        return
    terminalreporter.section("widest blocks (content width in a column)")
    for (lang, width, kind), b in sorted(WIDEST_BLOCKS.items()):
        fits = "fits" if b["width"] <= b["column"] + 1 else "scrolls with a cue" if b["cue"] else "CUT OFF"
        terminalreporter.write_line(
            f"{lang} {width:>4}px {kind:<8} {b['width']:>5}px in {b['column']}px ({fits}) "
            f"{b['page']}: {b['text'][:40]!r}"
        )
