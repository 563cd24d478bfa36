"""Paths, page lists and commands the tests share (pytest puts tests/ on the path).

The page lists come from the source tree, so a page or gallery example added
later is covered by every site test without editing a list here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES_DIR = ROOT / "examples"
GALLERY_DIR = "auto_examples"  # sphinx_gallery_conf["gallery_dirs"] in conf.py
BIN = Path(sys.executable).parent
LANGUAGES = ("en", "ko")
# Folders of docs/ that hold no pages (conf.py's exclude_patterns).
NOT_PAGES = {"_ext", "_static", "_templates", GALLERY_DIR}


def source_pages() -> list[str]:
    """Docnames of the hand-written pages: every .md and .rst under docs/."""
    names = []
    for path in sorted(DOCS.rglob("*")):
        relative = path.relative_to(DOCS)
        if path.suffix in (".md", ".rst") and not NOT_PAGES & set(relative.parts):
            names.append(relative.with_suffix("").as_posix())
    return names


def examples() -> list[str]:
    """Names of the gallery scripts, ``plot_*`` without ``.py``."""
    return sorted(p.stem for p in EXAMPLES_DIR.glob("plot_*.py"))


def gallery_pages() -> list[str]:
    """Docnames of the gallery: its index and one page per example."""
    return [f"{GALLERY_DIR}/index"] + [f"{GALLERY_DIR}/{name}" for name in examples()]


def all_pages() -> list[str]:
    """Every docname of the site."""
    return source_pages() + gallery_pages()


# The content column of a 390 px phone: figures are checked for text readable at this
# width (tests/test_gallery.py) and drawn at least this wide (tests/test_browser.py).
PHONE_COLUMN_PX = 358

# The widest display equation, table and code block met by the browser test,
# by (language, viewport width, kind); conftest.py prints them after the run.
WIDEST_BLOCKS: dict[tuple[str, int, str], dict] = {}


# $x$ or $$ in MyST, :math: or .. math:: in reST; a shell prompt "$ " is not maths.
MATH = re.compile(r"\$\$|\$[^\s$][^$\n]*\$|:math:|\{math\}|\.\. math::")


def page_source(name: str) -> str:
    """The source text of a hand-written page, by docname."""
    path = DOCS / f"{name}.md"
    return (path if path.exists() else DOCS / f"{name}.rst").read_text(encoding="utf-8")


def pages_with_math() -> list[str]:
    """Hand-written pages whose source holds display or inline maths."""
    return [name for name in source_pages() if MATH.search(page_source(name))]


def copy_sources(dest: Path) -> Path:
    """Copy what a docs build reads into ``dest``, leaving generated files behind."""
    generated = shutil.ignore_patterns("*.mo", "__pycache__", "*.egg-info")
    shutil.copy2(ROOT / "conf.py", dest / "conf.py")
    # What the site's wheel is built from: the project's metadata and its long description.
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for folder in ("examples", "locale", "src", "site"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=generated)
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=shutil.ignore_patterns(GALLERY_DIR, "sg_execution_times.rst", "__pycache__"),
    )
    return dest


# The Sphinx processes running now: conftest.py ends any still running when
# the session ends (an interrupted run, or -x), as they may run in the background.
RUNNING: set[subprocess.Popen] = set()


def sphinx(cwd: Path, *args: str, tool: str = "sphinx-build") -> subprocess.CompletedProcess:
    """Run a Sphinx command-line tool of this environment in ``cwd`` (safe from a thread)."""
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("PYTHONWARNINGS", None)
    with subprocess.Popen(
        [str(BIN / tool), *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        RUNNING.add(process)
        try:
            stdout, stderr = process.communicate(timeout=1200)
        except BaseException:
            process.kill()
            process.communicate()
            raise
        finally:
            RUNNING.discard(process)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
