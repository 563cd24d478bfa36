"""Session fixtures: the expensive things the tests share, each made once per run.

- ``site``: both editions built like ``make docs``, in temporary copies of the
  sources (so the tests never touch the developer's ``_build/`` or
  ``docs/auto_examples/`` and always start clean); the site, link, gallery,
  translation and browser tests all read this one build.
- ``gettext_templates`` and ``refreshed_catalogs``: the message templates and
  the Korean catalogs refreshed from them, as ``make update-po`` makes them.
- ``gallery_runs``: every gallery script run once, each in a new interpreter
  as a learner would run it, its globals and figures kept
  (tests/test_examples.py, tests/test_gallery.py).
- ``page_visits``: every page of both editions read once in Chromium, as soon
  as the site is built (tests/page_visits.py, tests/test_browser.py).
- ``course_vowels``: the pages' vowel set and its MFCC frames.

All but the last run in other processes. When a selected test needs one, it
starts in the background as the session starts (or, for the visits, as the
site is done), and the tests that need it run after the others
(``pytest_collection_modifyitems``): the builds, the gallery and the browser
overlap the library's and the site's tests on a second core.
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from page_visits import CHROMIUM
from sitetools import EXAMPLES_DIR, LANGUAGES, ROOT, RUNNING, WIDEST_BLOCKS, copy_sources, examples, sphinx

# The fixtures that run Sphinx for the whole session; a test using one is a
# `docs` test whatever its marks say, and runs after the others.
SPHINX_FIXTURES = ("site", "gettext_templates", "refreshed_catalogs", "page_visits")
# All that the session runs in the background, in the order it starts them.
BACKGROUND = (*SPHINX_FIXTURES, "gallery_runs")


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


def _build_site(sources: dict[str, Path], out: Path) -> Site:
    """Both editions, built side by side into ``out`` (-W --keep-going, gallery executed).

    Each edition is built from its own copy of the sources: sphinx-gallery
    writes the gallery's pages into the source folder (docs/auto_examples/),
    in the build's language.
    """

    def build(lang: str) -> Build:
        src = sources[lang]
        result = sphinx(
            src,
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-d",
            str(src / "_build" / "doctrees"),
            "-c",
            ".",
            "docs",
            str(out / lang),
            "-D",
            f"language={lang}",
        )
        return Build(lang, result, out / lang)

    with ThreadPoolExecutor(len(sources)) as pool:
        builds = dict(zip(sources, pool.map(build, sources)))
    shutil.copy2(sources[LANGUAGES[0]] / "site" / "index.html", out / "index.html")  # the language chooser
    return Site(out, builds)


def _extract_messages(src: Path) -> Path:
    """The message templates (.pot), as `make gettext` writes them."""
    out = src / "_build" / "gettext"
    result = sphinx(src, "-b", "gettext", "-q", "-c", ".", "docs", str(out), "-D", "plot_gallery=0")
    assert result.returncode == 0, result.stdout + result.stderr
    # As `make gettext` does: the gallery scripts' code comments and printed strings.
    template = out / "gallery-code.pot"
    result = sphinx(src, "docs/_ext/gallery_code.py", "conf.py", "examples", str(template), tool="python")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _refresh_catalogs(templates: Future, locale: Path) -> Path:
    """A copy of locale/ refreshed from the current English, as `make update-po` would."""
    shutil.copytree(ROOT / "locale", locale, ignore=shutil.ignore_patterns("*.mo"))
    result = sphinx(ROOT, "update", "-p", str(templates.result()), "-l", "ko", "-d", str(locale), tool="sphinx-intl")
    assert result.returncode == 0, result.stdout + result.stderr
    return locale / "ko" / "LC_MESSAGES"


def _visit_pages(site: Future, folder: Path) -> dict:
    """Every page of the built site read once in Chromium (tests/page_visits.py), as soon as it is built."""
    out = folder / "visits.json"
    result = sphinx(
        ROOT, str(Path(__file__).with_name("page_visits.py")), str(site.result().root), str(out), tool="python"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@dataclass
class Background:
    """The session's builds and runs in other processes, each started at most once, from threads that wait on them."""

    tmp: pytest.TempPathFactory
    pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(len(BACKGROUND), "background"))
    started: dict[str, Future] = field(default_factory=dict)
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self, name: str) -> Future:
        if name not in self.started:
            if name == "site":
                sources = {lang: copy_sources(self.tmp.mktemp(f"src-{lang}")) for lang in LANGUAGES}
                self.started[name] = self.pool.submit(_build_site, sources, self.tmp.mktemp("html"))
            elif name == "gettext_templates":
                src = copy_sources(self.tmp.mktemp("gettext"))
                self.started[name] = self.pool.submit(_extract_messages, src)
            elif name == "gallery_runs":
                building = self.started.get("site")  # started before this, if needed (BACKGROUND's order)
                self.started[name] = self.pool.submit(
                    _run_examples,
                    examples(),
                    self.tmp.mktemp("gallery"),
                    self.stopping,
                    lambda: building is not None and not building.done(),
                )
            elif name == "page_visits":
                self.started[name] = self.pool.submit(_visit_pages, self.start("site"), self.tmp.mktemp("visits"))
            elif name == "refreshed_catalogs":
                templates = self.start("gettext_templates")
                locale = self.tmp.mktemp("locale") / "locale"
                self.started[name] = self.pool.submit(_refresh_catalogs, templates, locale)
            else:
                raise KeyError(name)
        return self.started[name]

    def result(self, name: str):
        return self.start(name).result()

    def stop(self) -> None:
        """End what is still running (a session cut short: -x, Ctrl-C) and wait for the threads."""
        self.stopping.set()
        for future in self.started.values():
            future.cancel()
        for process in list(RUNNING):
            process.kill()
        self.pool.shutdown(wait=True)


def _uses(item, *fixtures) -> bool:
    return bool(set(fixtures) & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the tests by what they use; run those using the builds, then the gallery's runs, last.

    A test using a Sphinx fixture is a `docs` test, one using the gallery's
    runs a `gallery` test, whatever marks it was given: this runs before
    ``-m`` deselects, so ``make test-fast`` never builds the site or runs the
    gallery. The library's tests run first, while the site builds; then the
    site's tests, while the gallery runs; then the gallery's. The stable sort
    keeps the order within each group.
    """
    for item in items:
        if _uses(item, *SPHINX_FIXTURES):
            item.add_marker(pytest.mark.docs)
        if _uses(item, "gallery_runs"):
            item.add_marker(pytest.mark.gallery)
    items.sort(
        key=lambda item: (_uses(item, "page_visits"), _uses(item, "gallery_runs"), _uses(item, *SPHINX_FIXTURES))
    )


@pytest.fixture(scope="session", autouse=True)
def _background(request, tmp_path_factory):
    """Start, in the background, every build and run that a selected test will need."""
    background = Background(tmp_path_factory)
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    if not CHROMIUM:  # the browser's tests skip (or fail, under CI) without it
        needed.discard("page_visits")
    for name in BACKGROUND:
        if name in needed:
            background.start(name)
    yield background
    background.stop()


@pytest.fixture(scope="session")
def site(_background) -> Site:
    """Both editions built like ``make docs``: -W --keep-going, gallery executed."""
    return _background.result("site")


@pytest.fixture(scope="session")
def gettext_templates(_background) -> Path:
    """Message templates (.pot) extracted from the current English source, as `make gettext` writes them."""
    return _background.result("gettext_templates")


@pytest.fixture(scope="session")
def refreshed_catalogs(_background) -> Path:
    """A copy of locale/ refreshed from the current English, as `make update-po` would."""
    return _background.result("refreshed_catalogs")


# --- the gallery scripts, each run once ------------------------------------------


@dataclass
class GalleryRun:
    """One gallery script run on its own (tests/gallery_runner.py): what it wrote, its globals, its figures."""

    name: str
    result: subprocess.CompletedProcess
    pickled: Path

    @property
    def failed(self) -> bool:
        return self.result.returncode != 0

    @functools.cached_property
    def made(self) -> tuple[dict, list]:
        """``(globals, figures shown)``; fails the calling test if the script failed."""
        if self.failed:
            pytest.fail(f"examples/{self.name}.py failed:\n{self.result.stderr}", pytrace=False)
        made = pickle.loads(self.pickled.read_bytes())
        return made["namespace"], made["figures"]


def _run_examples(
    names: list[str], folder: Path, stopping: threading.Event, building: Callable[[], bool]
) -> dict[str, GalleryRun]:
    """Run each script in a new interpreter, one after another, as ``python -W error examples/<name>.py``.

    While the site is ``building``, a script runs below the builds and the tests: the gallery's tests run last,
    so the runs can take the core the others leave idle. Once it is built, they run as the tests do.
    """
    runs = {}
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("PYTHONWARNINGS", None)
    for name in names:
        if stopping.is_set():
            break
        cwd = folder / name
        cwd.mkdir()
        pickled = cwd / "run.pickle"
        with subprocess.Popen(
            [
                sys.executable,
                "-W",
                "error",
                str(Path(__file__).with_name("gallery_runner.py")),
                str(EXAMPLES_DIR / f"{name}.py"),
                str(pickled),
            ],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as process:
            RUNNING.add(process)
            if stopping.is_set():
                process.kill()
            if hasattr(os, "setpriority") and building():
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)
            try:
                stdout, stderr = process.communicate(timeout=300)
            except BaseException:
                process.kill()
                stdout, stderr = process.communicate()
                stderr += "\n(timed out or interrupted)"
            finally:
                RUNNING.discard(process)
        runs[name] = GalleryRun(
            name, subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), pickled
        )
    return runs


@pytest.fixture(scope="session")
def gallery_runs(_background) -> dict[str, GalleryRun]:
    """Every gallery script run once per session, on its own: ``{name: GalleryRun}``.

    The runs start in the background with the session, at a lower priority
    than the builds; the tests that read them run last. The builds of the site
    run every script again, in the Sphinx process (tests/test_site_build.py).
    """
    return _background.result("gallery_runs")


# --- the pages' vowel set ---------------------------------------------------------

#: The pages' recipe (docs/classifier.md, examples/plot_classifier.py): 100
#: synthetic speakers saying each vowel once; MFCCs of 32 ms frames every 10 ms.
COURSE_VOWELS = dict(n_speakers=100, tokens=1, seed=0)
COURSE_MFCC = dict(n_mfcc=13, n_fft=512, hop_length=160, n_mels=40)


@dataclass(frozen=True)
class CourseVowels:
    data: object  # the VowelSet
    frames: object  # (clips, frames, n_mfcc), read-only
    seconds: float  # what making the set and its features took


@pytest.fixture(scope="session")
def course_vowels() -> CourseVowels:
    """The pages' vowel set and its MFCC frames, made once per session (read-only)."""
    import time

    from dlaudio import mfcc_features, vowels

    start = time.perf_counter()
    data = vowels(COURSE_VOWELS["n_speakers"], tokens=COURSE_VOWELS["tokens"], seed=COURSE_VOWELS["seed"])
    frames = mfcc_features(data, data.sr, layout="frames", progress=False, **COURSE_MFCC)
    frames.flags.writeable = False
    return CourseVowels(data, frames, time.perf_counter() - start)


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
