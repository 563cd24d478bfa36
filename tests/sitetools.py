"""Paths and commands the tests share (importable because pytest puts tests/ on the path)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LANGUAGES = ("en", "ko")


def copy_sources(dest: Path) -> Path:
    """Copy what a docs build reads into ``dest``, leaving generated files behind."""
    generated = shutil.ignore_patterns("*.mo", "__pycache__", "*.egg-info")
    shutil.copy2(ROOT / "conf.py", dest / "conf.py")
    for folder in ("examples", "locale", "src", "site"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=generated)
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=shutil.ignore_patterns("auto_examples", "sg_execution_times.rst", "__pycache__"),
    )
    return dest


def sphinx(src: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [str(BIN / "sphinx-build"), *args],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
