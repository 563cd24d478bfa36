"""The library served with the site, so a reader can install what the pages run.

The project has no public package index entry, so the site itself carries the
library: at the start of every build this extension packs ``src/dlaudio`` into
a wheel (``dlaudio-<version>-py3-none-any.whl``, the version and dependencies
read from ``pyproject.toml``, the one place they are configured) and writes it
to the root of the built site. A pure-Python wheel is a zip file with three
metadata files, so it is written directly; no build backend runs at docs time.

Pages reach it through two markups:

* the role ``{wheel}`dlaudio``` links to the file (relative to the page), with
  the file name as the link text;
* the directive ``{install-command}`` shows the ``pip install`` line for it.

The theme footer links to it on every page (``docs/_templates/page.html``,
through ``html_context["dlaudio_wheel"]``), and conf.py's first notebook cell
installs it.
"""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0"

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
PACKAGE = ROOT / "src" / "dlaudio"
# A fixed date for every file in the wheel, so that two builds of the same
# sources give the same bytes.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def project_metadata(pyproject: Path = PYPROJECT) -> dict[str, Any]:
    """The ``[project]`` table of pyproject.toml."""
    with pyproject.open("rb") as f:
        return tomllib.load(f)["project"]


def wheel_name(project: dict[str, Any]) -> str:
    return f"{project['name']}-{project['version']}-py3-none-any.whl"


def install_command(project: dict[str, Any]) -> str:
    return f"pip install {wheel_name(project)}"


def _metadata(project: dict[str, Any]) -> str:
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
    ]
    if "license" in project:
        lines.append(f"License: {project['license']}")
    lines += [f"Requires-Dist: {requirement}" for requirement in project["dependencies"]]
    return "\n".join(lines) + "\n"


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(out_dir: Path, package: Path = PACKAGE, pyproject: Path = PYPROJECT) -> Path:
    """Write the library's wheel into ``out_dir`` and return its path."""
    project = project_metadata(pyproject)
    dist_info = f"{project['name']}-{project['version']}.dist-info"
    files: dict[str, bytes] = {}
    for source in sorted(package.rglob("*.py")):
        relative = source.relative_to(package.parent).as_posix()
        files[relative] = source.read_bytes()
    files[f"{dist_info}/METADATA"] = _metadata(project).encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: dlaudio docs\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = [_record_line(path, data) for path, data in files.items()]
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()

    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / wheel_name(project)
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return wheel


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


def _set_context(app: Sphinx) -> None:
    app.config.html_context["dlaudio_wheel"] = wheel_name(project_metadata())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("wheel", wheel_role)
    app.add_directive("install-command", InstallCommand)
    app.connect("builder-inited", _set_context)
    app.connect("builder-inited", _write_wheel)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
