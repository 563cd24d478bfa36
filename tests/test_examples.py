"""Every gallery script runs on its own, as a learner would run it.

Each script runs once per session, in a new interpreter, as
``python -W error examples/<name>.py`` from an empty folder (the
``gallery_runs`` fixture of conftest.py); tests/test_gallery.py reads the
numbers and figures of the same run.
"""

from __future__ import annotations

import pytest
from sitetools import EXAMPLES_DIR, examples

EXAMPLES = [EXAMPLES_DIR / f"{name}.py" for name in examples()]


def test_there_are_examples():
    assert EXAMPLES


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs_standalone(script, gallery_runs):
    result = gallery_runs[script.stem].result
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
