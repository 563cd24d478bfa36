"""The offline MathJax extension (docs/_ext/offline_mathjax.py)."""

from __future__ import annotations

import pytest
from offline_mathjax import DEFAULT_PARTS, copy_parts, mathjax_source
from sitetools import DOCS, sphinx

CONF = f"""
import sys
sys.path.insert(0, {str(DOCS / "_ext")!r})
extensions = ["sphinx.ext.mathjax", "offline_mathjax"]
html_theme = "basic"
"""


def test_the_package_provides_every_default_part():
    source = mathjax_source()
    for part in DEFAULT_PARTS:
        assert (source / part).exists(), part


def test_copy_keeps_the_layout_and_only_the_named_parts(tmp_path):
    target = copy_parts(mathjax_source(), tmp_path, ["tex-chtml.js", "output/chtml"])
    assert (target / "tex-chtml.js").is_file()
    assert any((target / "output" / "chtml").rglob("*.js"))
    assert not (target / "input").exists()


def test_an_unknown_part_is_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="no-such-part"):
        copy_parts(mathjax_source(), tmp_path, ["no-such-part"])


@pytest.mark.docs  # runs Sphinx on a small project
def test_a_built_page_loads_mathjax_from_the_site(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\n:math:`a^2`\n", encoding="utf-8")
    result = sphinx(src, "-b", "html", "-W", "-q", str(src), str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'src="_static/mathjax/tex-chtml.js' in page
    assert "cdn" not in page.lower()
    assert (tmp_path / "out" / "_static" / "mathjax" / "tex-chtml.js").is_file()
