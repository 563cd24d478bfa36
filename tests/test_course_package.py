"""The library served with the site (docs/_ext/course_package.py, the wheel built by
the project's build backend): a reader who downloads the wheel from the home page
can install it and run the first doctest."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import pytest
from course_package import build_wheel, install_command, project_metadata, wheel_name
from sitetools import GALLERY_DIR, LANGUAGES, ROOT, examples, source_pages

PROJECT = project_metadata()
WHEEL = wheel_name(PROJECT)


def test_the_wheel_installs_offline_and_runs_the_first_doctest(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    assert wheel.name == WHEEL == f"dlaudio-{PROJECT['version']}-py3-none-any.whl"
    target = tmp_path / "installed"
    pip = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr
    # The installed copy, not src/, answers: the path and the metadata are the wheel's.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import importlib.metadata as m, dlaudio\n"
        "print(dlaudio.__file__)\n"
        "print(m.version('dlaudio'))\n"
        # The extras (docs, test, bench) are declared too, each under its marker.
        "print(sorted(r for r in m.requires('dlaudio') if 'extra ==' not in r))\n"
        "print(f'{dlaudio.neuron_output([0.5, 0.3, 0.2], [0.4, 0.7, 0.2]):.4f}')\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    path, version, requires, number = run.stdout.splitlines()
    assert path.startswith(str(target))
    assert version == PROJECT["version"]
    assert requires == str(sorted(PROJECT["dependencies"]))
    assert number == "0.6106"


def test_the_wheel_holds_every_module_and_is_reproducible(tmp_path):
    first = build_wheel(tmp_path / "a")
    second = build_wheel(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    modules = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "dlaudio").rglob("*.py")}
    assert modules and modules <= names
    assert {n for n in names if n.endswith(".py")} == modules
    # The six recordings (dlaudio.example) and their attribution travel in the wheel.
    sounds = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "dlaudio" / "sounds").iterdir()}
    assert len(sounds) == 12 and sounds <= names


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_offers_the_wheel_and_the_install_command(site, lang):
    build = site.builds[lang]
    assert build.result.returncode == 0, build.log
    assert (build.html / WHEEL).read_bytes()[:2] == b"PK"
    home = (build.html / "index.html").read_text(encoding="utf-8")
    assert f'href="{WHEEL}"' in home
    assert install_command(PROJECT) in re.sub(r"<[^>]+>", "", home)


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_footer_links_to_the_wheel(site, lang):
    html = site.builds[lang].html
    for name in source_pages() + [f"{GALLERY_DIR}/{examples()[0]}"]:
        page = (html / f"{name}.html").read_text(encoding="utf-8")
        footer = page[page.index('<div class="get-the-library">') :]
        link = re.search(r'href="([^"]+\.whl)"', footer).group(1)
        assert (html / name).parent.joinpath(link).resolve() == (html / WHEEL).resolve()
        assert "#get-the-library" in footer


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_downloaded_notebook_starts_by_installing_the_library(site, lang):
    # The Korean notebook is rewritten in Korean (docs/_ext/gallery_code.py); its command stays.
    notebooks = sorted(site.builds[lang].html.glob(f"_downloads/*/{examples()[0]}.ipynb"))
    assert notebooks
    cells = json.loads(notebooks[0].read_text(encoding="utf-8"))["cells"]
    first_code = next(cell for cell in cells if cell["cell_type"] == "code")
    assert f"%pip install {WHEEL}" in "".join(first_code["source"])


@pytest.mark.docs  # runs Sphinx on a small project
def test_the_wheel_role_names_its_package(tmp_path):
    from sitetools import DOCS, sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(DOCS / '_ext')!r})\n"
        "extensions = ['myst_parser', 'course_package']\nhtml_theme = 'basic'\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Get it\n\nDownload {wheel}`numpy`.\n", encoding="utf-8")
    result = sphinx(src, "-b", "html", "-W", "-q", str(src), str(tmp_path / "out"))
    assert result.returncode != 0
    assert "write {wheel}`dlaudio`, got 'numpy'" in result.stdout + result.stderr
