"""The gallery is in course order (docs/_ext/gallery_code.py)."""

from __future__ import annotations

from gallery_code import CourseOrder, chapters, reading_order
from sitetools import DOCS, EXAMPLES_DIR, examples


def test_chapters_are_read_from_the_home_page_in_order():
    names = chapters(DOCS)
    assert names[:2] == ["neuron", "mlp"] and names.index("backprop") < names.index("training")


def test_every_example_is_shown_by_some_chapter():
    assert set(examples()) <= set(reading_order(DOCS))


def test_examples_sort_in_reading_order():
    key = CourseOrder("")  # as sphinx-gallery calls it when it checks the setting
    ordered = sorted((EXAMPLES_DIR / f"{name}.py" for name in examples()), key=key)
    names = [p.stem for p in ordered]
    assert names[0] == "plot_sigmoid"  # chapter 01 comes first
    assert names.index("plot_training") < names.index("plot_waveform") < names.index("plot_mfcc")


def test_an_example_no_chapter_shows_comes_last(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("```{toctree}\n:maxdepth: 1\n\nb\na\n```\n", encoding="utf-8")
    (docs / "a.md").write_text("{doc}`auto_examples/plot_x`", encoding="utf-8")
    (docs / "b.md").write_text("{doc}`auto_examples/plot_y` and auto_examples/plot_x", encoding="utf-8")
    key = CourseOrder(tmp_path / "examples", docs=docs)
    assert sorted(["plot_z.py", "plot_x.py", "plot_y.py"], key=key) == ["plot_y.py", "plot_x.py", "plot_z.py"]
