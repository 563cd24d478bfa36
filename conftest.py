"""pytest set-up shared by the tests, the docstrings and the pages' doctests."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _readable_numpy_output(doctest_namespace):
    # numpy 2 prints scalars as np.float64(0.32); the pages show what a reader
    # sees with numpy's classic printing, and arrays to 8 significant digits.
    doctest_namespace["np"] = np
    with np.printoptions(legacy="1.25"):
        yield
