"""Example counts of the property tests, in proportion to the Hypothesis profile.

The profiles are registered in the root conftest.py: "full" (the default,
`make test`) draws Hypothesis's default 100 examples per test, "fast"
(`make test-fast`) 25. A test that needs its own number writes
``settings(max_examples=scaled(30))``: 30 under "full", 8 under "fast", never
fewer than 5. The edge cases a test must always meet are explicit
``@example`` cases, which Hypothesis runs under every profile.
"""

from __future__ import annotations

from hypothesis import settings

#: The examples a test draws by default under the "full" profile.
FULL = 100


def scaled(n: int) -> int:
    """``n`` examples under the "full" profile, in proportion under the loaded one, at least 5."""
    return max(5, round(n * settings.default.max_examples / FULL))
