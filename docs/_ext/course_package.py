"""The library's wheel served with the site, so a reader can install what the pages run.

The project is on no package index, and Sphinx cannot build a wheel: at the start of every HTML build the project's own
build backend (setuptools) builds it, offline, into the root of the site. Pages link to it with the role
``{wheel}`dlaudio``` and show its ``pip install`` line with the directive ``{install-command}``; the footer
(``docs/_templates/page.html``, through conf.py's ``html_context``) and the notebooks' first cell name it too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
# A fixed date for every file in the wheel (2026-01-01): two builds of the same sources, same bytes.
SOURCE_DATE_EPOCH = "1767225600"


def project_metadata(pyproject: Path = PYPROJECT) -> dict[str, Any]:
    """The ``[project]`` table of pyproject.toml."""
    with pyproject.open("rb") as f:
        return tomllib.load(f)["project"]


def wheel_name(project: dict[str, Any]) -> str:
    return f"{project['name']}-{project['version']}-py3-none-any.whl"


def install_command(project: dict[str, Any]) -> str:
    return f"pip install {wheel_name(project)}"


def build_wheel(out_dir: Path, root: Path = ROOT) -> Path:
    """Build the library's wheel into ``out_dir`` with its build backend, offline, and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # From a copy: the backend writes build/ and *.egg-info beside the sources, and builds running side by side
        # must not share them.
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(root / name, tmp)
        shutil.copytree(root / "src", Path(tmp) / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
        command += ["--quiet", "--wheel-dir", str(out_dir), tmp]
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"the library's wheel could not be built:\n{result.stdout}{result.stderr}")
    return out_dir / wheel_name(project_metadata(root / "pyproject.toml"))


def wheel_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{wheel}`dlaudio```: a link to the wheel at the site's root."""
    env = inliner.document.settings.env
    if text.strip() != "dlaudio":
        message = inliner.reporter.error(
            f"the wheel role names the package it links to: write {{wheel}}`dlaudio`, got {text!r}",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    filename = wheel_name(project_metadata())
    # Relative to the page, so the link works from a folder or a zip as well.
    prefix = "../" * env.docname.count("/")
    link = nodes.reference(rawtext, "", refuri=prefix + filename, classes=["wheel-download"])
    link += nodes.literal(filename, filename)
    return [link], []


class InstallCommand(SphinxDirective):
    """The ``pip install`` line for the wheel, as a console block."""

    def run(self) -> list[nodes.Node]:
        command = install_command(project_metadata())
        block = nodes.literal_block(command, f"$ {command}", language="console")
        # Not a message for the translators: the same command in every language.
        block["translatable"] = False
        self.set_source_info(block)
        return [block]


def _write_wheel(app: Sphinx) -> None:
    if app.builder.format == "html":
        build_wheel(Path(app.outdir))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("wheel", wheel_role)
    app.add_directive("install-command", InstallCommand)
    app.connect("builder-inited", _write_wheel)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
