"""pytest set-up shared by the tests, the docstrings and the pages' doctests."""

import os

import numpy as np
import pytest
from hypothesis import settings
from threadpoolctl import threadpool_limits

# One BLAS thread in every process of a test run, unless OPENBLAS_NUM_THREADS
# says otherwise. `make test` builds the site and runs the gallery in other
# processes beside the tests (tests/conftest.py); with each process's BLAS
# spread over every core, OpenBLAS's idle threads spin on the cores the other
# processes need, and a doctest of a few seconds took minutes. numpy is loaded
# by now (pytest-doctestplus imports it), so this process is limited through
# threadpoolctl; the processes it starts read the variable.
if "OPENBLAS_NUM_THREADS" not in os.environ:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    threadpool_limits(limits=1, user_api="blas")

# How many examples each property test draws. "full", the default (`make test`,
# plain pytest), is Hypothesis's own 100; "fast" (`make test-fast`, which passes
# --hypothesis-profile=fast) a quarter of that. A test that sets its own number
# scales it to the profile (tests/hypothesis_sizes.py); the edge cases each test
# must always see are explicit @example cases, run under every profile.
settings.register_profile("full", max_examples=100)
settings.register_profile("fast", max_examples=25)
settings.load_profile("full")


@pytest.fixture(autouse=True)
def _readable_numpy_output(doctest_namespace):
    # numpy 2 prints scalars as np.float64(0.32); the pages show what a reader
    # sees with numpy's classic printing, and arrays to 8 significant digits.
    doctest_namespace["np"] = np
    with np.printoptions(legacy="1.25"):
        yield
