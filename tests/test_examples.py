"""Every gallery script runs on its own, as a learner would run it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sitetools import EXAMPLES_DIR, examples

EXAMPLES = [EXAMPLES_DIR / f"{name}.py" for name in examples()]


def test_there_are_examples():
    assert EXAMPLES


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_runs_standalone(script, tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run(
        [sys.executable, "-W", "error", "-W", "ignore:FigureCanvasAgg is non-interactive:UserWarning", str(script)], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
