"""The {solution} directive (docs/_ext/exercises.py): answers folded until asked for."""

from __future__ import annotations

import pytest
from sitetools import DOCS, sphinx

CONF = f"""
import sys
sys.path.insert(0, {str(DOCS / "_ext")!r})
extensions = ["myst_parser", "exercises"]
html_theme = "basic"
"""

PAGE = """# Exercises

1. What is $1 + 1$?

   ````{solution}
   Add the two numbers.

   ```python
   >>> 1 + 1
   2

   ```
   ````
"""


def build(tmp_path, page):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    return sphinx(src, "-b", "html", "-W", "-q", str(src), str(tmp_path / "out"))


@pytest.mark.docs  # runs Sphinx on a small project
def test_a_solution_is_folded_with_its_body_inside(tmp_path):
    result = build(tmp_path, PAGE)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    start = html.index('<details class="solution">')
    end = html.index("</details>", start)
    folded = html[start:end]
    # Closed until the reader opens it, and the answer is inside the fold.
    assert '<details class="solution" open' not in html
    assert "<summary>Solution</summary>" in folded
    assert "Add the two numbers." in folded and '1</span> <span class="o">+</span>' in folded
    assert "Add the two numbers." not in html[:start]


@pytest.mark.docs  # runs Sphinx on a small project
def test_an_empty_solution_fails_the_build(tmp_path):
    result = build(tmp_path, "# E\n\n````{solution}\n````\n")
    assert result.returncode != 0
    assert "a solution needs a body" in result.stdout + result.stderr
