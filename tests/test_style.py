"""Lint, format and docstring style, as checks that ``make test`` runs.

Three checks:

1. ``ruff check`` and ``ruff format --check`` pass over all code: the library,
   the tests, the docs extensions, the gallery, the benchmarks and the two
   configuration files. The rules are in ``pyproject.toml`` (line length 120;
   ``examples/ruff.toml`` keeps the gallery at 79, read in a page column).
2. Every public object has a numpydoc docstring that numpydoc's own
   validator accepts. *Public* means: whatever ``dlaudio.__all__`` names; every
   function and class in the ``__all__`` of a public module (a module of
   ``src/dlaudio`` whose name does not start with ``_``); and every method,
   property, class method and ``__call__`` of those classes whose name does not
   start with ``_``, inherited ones included when the class that defines them is
   dlaudio's own (a private base such as ``optim._Optimiser`` is documented
   where a learner meets it, on the public class). Constants are not objects
   with their own docstring and are left out.
3. The library's type hints agree with its docstrings: numpydoc compares the
   signature with the Parameters section (PR01-PR03); a function annotated
   ``-> None`` documents no Returns section, and one annotated with a type
   documents a Returns section whose type is that annotation.

The numpydoc checks enforced (``CHECKS``) are the ones a learner reading the
API page notices: a docstring at all (GL08); a one-line summary, capitalised,
ending in a period (SS01-SS04, SS06); well-formed layout and sections in the
right order (GL01-GL03, GL05-GL07, GL10); every parameter documented, none
unknown, in the signature's order, each with a type and a description that
is a sentence (PR01-PR10); a Returns section when a value is returned, with the
type on its first line and a description ending in a period (RT01-RT03, RT05),
and a Yields section for a generator or context manager (YD01).

Not enforced, on purpose:

- SA01 (See Also): the API page is one page, ordered by chapter, and the
  docstrings already name the functions they work with in their text.
- EX01 (Examples): many functions have doctests, but a shape check or an error
  class does not gain from one, and an example made up to satisfy a rule is
  noise; the pages are where the course's examples live.
- ES01 (extended summary): a short function with a clear summary needs no
  second paragraph; requiring one invites filler.
- SS05 (infinitive verb): the course's summaries are often noun phrases in the
  notes' words ("Slope of the sigmoid...", "Labels to class indices...",
  "MFCCs of every clip...") which read well on the page; numpydoc takes a
  plural noun for a verb in the third person, and the rule would only reword
  them.
- RT04 (a return description starts with a capital letter): some start with
  a dtype ("float64 dB values of the same shape"), written as numpy writes it.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import types

import pytest
from numpydoc.docscrape import FunctionDoc
from numpydoc.validate import validate
from sitetools import ROOT

import dlaudio

RUFF_PATHS = ["src", "tests", "docs/_ext", "examples", "benchmarks", "conftest.py", "conf.py"]

CHECKS = {
    "GL01",
    "GL02",
    "GL03",
    "GL05",
    "GL06",
    "GL07",
    "GL08",
    "GL10",
    "SS01",
    "SS02",
    "SS03",
    "SS04",
    "SS06",
    "PR01",
    "PR02",
    "PR03",
    "PR04",
    "PR05",
    "PR06",
    "PR07",
    "PR08",
    "PR09",
    "PR10",
    "RT01",
    "RT02",
    "RT03",
    "RT05",
    "YD01",
}


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *RUFF_PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_check():
    result = _ruff("check", "--no-cache", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def public_modules() -> list[str]:
    """The names of the library's public modules, ``dlaudio`` first."""
    stems = sorted(p.stem for p in (ROOT / "src" / "dlaudio").glob("*.py") if not p.stem.startswith("_"))
    return ["dlaudio", *(f"dlaudio.{stem}" for stem in stems)]


def _members(cls: type) -> dict[str, object]:
    """The public methods and properties of ``cls``, inherited ones from dlaudio's own classes included."""
    found = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("dlaudio"):
            continue
        for name, value in vars(base).items():
            if name.startswith("_") and name != "__call__":
                continue
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            if isinstance(value, property) or inspect.isfunction(value):
                found[name] = value
    return found


def public_objects() -> dict[str, object]:
    """Every public function, class, method and property, by the dotted name numpydoc imports."""
    objects: dict[str, object] = {}
    seen: set[int] = set()

    def add(path: str, obj: object) -> None:
        key = id(obj.fget if isinstance(obj, property) else obj)
        if key in seen:
            return
        seen.add(key)
        objects[path] = obj
        if inspect.isclass(obj):
            for name, member in _members(obj).items():
                add(f"{path}.{name}", member)

    for module_name in public_modules():
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                add(f"{module_name}.{name}", obj)
            elif isinstance(obj, types.ModuleType) and module_name == "dlaudio":
                # dlaudio.loss is a module callable as its function loss.
                add(f"dlaudio.{name}.{name}", getattr(obj, name))
    return objects


PUBLIC = public_objects()


def test_found_the_public_objects():
    # Guards the tests below against passing because they found nothing.
    assert len(PUBLIC) > 100, len(PUBLIC)
    found = {id(obj.fget if isinstance(obj, property) else obj) for obj in PUBLIC.values()}
    samples = [dlaudio.Adam.step, dlaudio.Sequential.mode, dlaudio.MLP, dlaudio.MLP.weights.fget, dlaudio.loss.loss]
    assert [obj for obj in samples if id(obj) not in found] == []
    # Everything dlaudio exports (vowels is make_vowels under a second name; loss is found as loss.loss).
    exported = [getattr(dlaudio, name) for name in dlaudio.__all__ if name != "loss"]
    assert [obj for obj in exported if id(obj) not in found] == []


def _errors(path: str) -> list[str]:
    report = validate(path)
    return [f"{code} {message}" for code, message in report["errors"] if code in CHECKS]


@pytest.mark.parametrize("path", sorted(PUBLIC))
def test_docstring(path):
    errors = _errors(path)
    assert not errors, f"{path}:\n  " + "\n  ".join(errors)


def _returns_hint(obj: object):
    func = obj.fget if isinstance(obj, property) else obj
    if not inspect.isfunction(func) or func.__name__ == "__init__":
        return inspect.Signature.empty
    return inspect.signature(func).return_annotation


@pytest.mark.parametrize(
    "path", sorted(p for p, o in PUBLIC.items() if _returns_hint(o) is not inspect.Signature.empty)
)
def test_return_hint_matches_the_docstring(path):
    obj = PUBLIC[path]
    func = obj.fget if isinstance(obj, property) else obj
    doc = FunctionDoc(func)
    hint = _returns_hint(obj)
    documented = bool(doc["Returns"] or doc["Yields"])
    if hint in (None, "None"):
        assert not documented, f"{path} is annotated -> None but documents a return value"
    elif not isinstance(obj, property):
        # A property's value is described in its summary, as numpydoc does.
        assert documented, f"{path} is annotated -> {hint} but has no Returns section"
        # One value returned: its documented type is the annotation ("list of ..." refines "list").
        expected = hint.replace("np.", "numpy.")
        if len(doc["Returns"]) == 1:
            written = doc["Returns"][0].type
            # "pathlib.Path" documents a hint written "Path" after `from pathlib import Path`.
            head = written.split(" ")[0]
            assert written == expected or written.startswith(expected + " ") or head.endswith("." + expected), (
                path,
                hint,
                written,
            )
