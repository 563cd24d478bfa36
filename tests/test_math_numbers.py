"""Every decimal number in a page's maths is also shown by a doctest on that page.

A number typed into an equation by hand goes stale when the library or the
data changes; a number a doctest types or prints is checked on every run. So
each decimal number inside maths on a page (``$...$``, ``$$...$$``,
```` ```{math} ```` blocks and ``{math}`` roles, outside code) must appear
among the numbers of that page's doctests, in their sources (an input the
doctest types, such as a learning rate or the course notes' own value) or in
their expected outputs (a value it prints).

What counts as a decimal number: digits with a decimal point (``0.731``,
``.5``, ``1{,}000.5``, with ``{,}`` or ``\\,`` between groups of three digits),
together with a following ``\\times 10^{k}`` when there is one
(``2.95 \\times 10^{-4}`` is the one number 0.000295). Integers are left out:
in the maths they are mostly exponents, indices, sizes, counts and the
constants of a formula (``10^{-3}``, ``x_{t-1}``, ``1 + e^{-h}``, ``20 \\log_{10}``),
which are exact by definition rather than measured, and they would match
almost any doctest by chance. The sign is left out too: in ``1 - 0.25`` the
minus is a subtraction, in ``e^{-0.5}`` the same number is typed either way,
so the check compares magnitudes.

When a number matches: a doctest number (an integer, a decimal or
``1.5e-03``; ``np.float64(0.73)`` shows 0.73) matches a maths number with
``d`` decimals (``d`` less the ``k`` of ``\\times 10^{k}``) when it equals
the maths number after rounding to ``d`` decimals, a tie either way: the
doctest prints ``0.7311`` and the maths shows ``0.73`` or ``0.731``. The same
decimal string is the case where nothing is rounded.

The failure names each number typed by hand, with its page and line.
"""

from __future__ import annotations

import doctest
import re
from decimal import Decimal

import pytest
from sitetools import DOCS

# Directives whose body is Markdown, so maths in it is maths on the page; every other fenced block is code
# (python, audio, literalinclude, plain), except {math}, whose body is maths.
MARKDOWN_DIRECTIVES = {"admonition", "dropdown", "figure", "glossary", "note", "tip", "warning", "important"}
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*(?P<info>\S*)")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?P<body>.+?)(?<!`)\1(?!`)")
MATH_ROLE = re.compile(r"\{math\}`(?P<tex>[^`]+)`")
DISPLAY = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.DOTALL)
# Inline maths may run over lines of its paragraph, not past a blank line.
INLINE = re.compile(r"(?<![\\$])\$(?P<tex>[^\s$](?:(?:[^$\n]|\n(?![ \t]*\n))*[^\s$\\])?)\$(?!\d)")

# A decimal (digits with a point, groups of three after {,} or \,), then an optional "\times 10^{k}".
MATH_NUMBER = re.compile(
    r"(?<![\d.])(?P<number>(?:\d{1,3}(?:(?:\{,\}|\\,)\d{3})+|\d*)\.\d+)(?![\d.])"
    r"(?:\s*\\(?:times|cdot)\s*10\^\{?(?P<power>[-+−]?\d+)\}?)?"
)
# A number in Python source or output: an integer, a decimal, or either with an exponent; "_" may group digits.
PYTHON_NUMBER = re.compile(r"(?<![\w.])(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?![\w])")


def maths(text: str) -> list[tuple[int, str]]:
    """The maths of a MyST page, outside code, as (line number, TeX) pairs.

    Parameters
    ----------
    text : str
        The page's source.

    Returns
    -------
    list of tuple of (int, str)
        Each piece of maths with the line it starts on (1-based).
    """
    found = []
    prose: list[str] = []  # the page with code blocks and code spans blanked, so line numbers stay
    fences: list[tuple[str, str]] = []  # the open fenced blocks: (fence, kind), kind "markdown", "math" or "code"
    for number, line in enumerate(text.split("\n"), start=1):
        fence = FENCE.match(line)
        inside = fences[-1][1] if fences else "markdown"
        if fence and fences and not fence["info"] and fence["fence"].startswith(fences[-1][0][0]):
            if len(fence["fence"]) >= len(fences[-1][0]) and (inside != "markdown" or fence["fence"] == fences[-1][0]):
                fences.pop()
                prose.append("")
                continue
        if inside == "code":
            prose.append("")
            continue
        if inside == "math":
            if not re.match(r"\s*:[\w-]+:", line):  # an option such as :label:
                found.append((number, line))
            prose.append("")
            continue
        if fence:
            directive = re.fullmatch(r"\{(?P<name>[\w-]+)\}.*", fence["info"])
            if directive and directive["name"] == "math":
                kind = "math"
            elif directive and directive["name"] in MARKDOWN_DIRECTIVES:
                kind = "markdown"
            else:
                kind = "code"
            fences.append((fence["fence"], kind))
            prose.append("")
            continue
        for role in MATH_ROLE.finditer(line):
            found.append((number, role["tex"]))
        line = MATH_ROLE.sub("", line)
        prose.append(CODE_SPAN.sub(lambda m: " " * len(m[0]), line))
    joined = "\n".join(prose)
    for match in DISPLAY.finditer(joined):
        found.append((joined.count("\n", 0, match.start()) + 1, match["tex"]))
    inline_text = DISPLAY.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), joined)
    for match in INLINE.finditer(inline_text):
        found.append((inline_text.count("\n", 0, match.start()) + 1, match["tex"]))
    return sorted(found)


def math_numbers(tex: str) -> list[tuple[str, Decimal, int]]:
    """The decimal numbers of a piece of TeX.

    Parameters
    ----------
    tex : str
        The maths.

    Returns
    -------
    list of tuple of (str, Decimal, int)
        Each number as written, its value, and the decimals it shows.
    """
    numbers = []
    for match in MATH_NUMBER.finditer(tex):
        digits = re.sub(r"\{,\}|\\,", "", match["number"])
        power = int(match["power"].replace("−", "-")) if match["power"] else 0
        decimals = len(digits.split(".")[1]) - power
        numbers.append((match[0], Decimal(digits).scaleb(power), decimals))
    return numbers


def doctest_numbers(text: str) -> list[Decimal]:
    """The numbers a page's doctests type or print, as magnitudes.

    Parameters
    ----------
    text : str
        The page's source, read as pytest reads it (``--doctest-glob=*.md``).

    Returns
    -------
    list of Decimal
        Every number in the examples' sources and expected outputs.
    """
    numbers = []
    for example in doctest.DocTestParser().get_examples(text):
        for match in PYTHON_NUMBER.finditer(example.source + "\n" + example.want):
            numbers.append(abs(Decimal(match[0].replace("_", ""))))
    return numbers


def shown_by(value: Decimal, decimals: int, numbers: list[Decimal]) -> bool:
    """Whether some doctest number rounds to ``value`` at ``decimals`` decimals (a tie either way)."""
    half = Decimal(5).scaleb(-decimals - 1)
    return any(abs(number - value) <= half for number in numbers)


def hand_typed(text: str) -> tuple[int, list[tuple[int, str]]]:
    """The number of decimal numbers in a page's maths, and those no doctest shows, with their lines."""
    numbers = doctest_numbers(text)
    count, missing = 0, []
    for line, tex in maths(text):
        position = 0
        for written, value, decimals in math_numbers(tex):
            count += 1
            position = tex.index(written, position)
            if not shown_by(value, decimals, numbers):
                missing.append((line + tex.count("\n", 0, position), written))
    return count, missing


PAGES = sorted(DOCS.glob("*.md"))


def test_the_pages_maths_holds_many_decimal_numbers():
    # Guards the test below against finding nothing, as a broken parser would. Today the maths holds 453
    # decimal numbers, 202 different ones counted once per page (issue 24 counted 194).
    counts = [hand_typed(page.read_text(encoding="utf-8"))[0] for page in PAGES]
    assert sum(counts) >= 400
    assert sum(count > 0 for count in counts) >= 12


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_decimal_number_in_maths_is_shown_by_a_doctest(page):
    count, missing = hand_typed(page.read_text(encoding="utf-8"))
    assert not missing, "typed by hand, no doctest on the page shows it:\n" + "\n".join(
        f"{page.name}:{line}: {written}" for line, written in missing
    )


def test_the_maths_is_found_inline_in_display_in_blocks_and_roles_but_not_in_code():
    text = "\n".join(
        [
            "Inline $x = 0.5$ and a price of $3 and $4, a role {math}`y = 1.25`, `$z = 9.5$` in code, $a = 1 +",
            "0.75$ over two lines.",
            "$$",
            "w = 2.75",
            "$$",
            "```{math}",
            ":label: eq",
            "v = 0.125",
            "```",
            "````{dropdown} Solution",
            "Inside a dropdown $u = 6.5$.",
            "```python",
            ">>> s = '$t = 7.5$'",
            "",
            "```",
            "````",
        ]
    )
    assert maths(text) == [
        (1, "a = 1 +\n0.75"),
        (1, "x = 0.5"),
        (1, "y = 1.25"),
        (3, "\nw = 2.75\n"),
        (8, "v = 0.125"),
        (11, "u = 6.5"),
    ]


def test_decimal_numbers_are_read_with_their_groups_and_powers_of_ten_and_integers_are_not():
    assert math_numbers(r"\eta = 0.1, 1{,}000.5, 12\,345.25, 10^{-3}, x_{t-1}, 2.95 \times 10^{-4}, -2.5") == [
        ("0.1", Decimal("0.1"), 1),
        ("1{,}000.5", Decimal("1000.5"), 1),
        (r"12\,345.25", Decimal("12345.25"), 2),
        (r"2.95 \times 10^{-4}", Decimal("0.000295"), 6),
        ("2.5", Decimal("2.5"), 1),
    ]


def test_a_number_is_shown_by_a_doctest_that_types_or_prints_it_to_the_digits_the_maths_shows():
    page = "\n".join(
        [
            "The rate $\\eta = 0.05$ gives $0.73$, $0.731$, $2.95 \\times 10^{-4}$ and $0.74$, but not $0.8$.",
            "",
            ">>> eta = 0.05",
            ">>> round(0.7311, 4), 2.951e-04",
            "(0.7311, 0.0002951)",
            "",
        ]
    )
    assert hand_typed(page) == (6, [(1, "0.74"), (1, "0.8")])
    assert hand_typed("$x = 1.5$\n\n>>> 1.5\n1.5\n") == (1, [])
    assert hand_typed("$x = 1.5$\n\n>>> 2.5\n2.5\n") == (1, [(1, "1.5")])
    assert hand_typed("$$\nx = 1 +\n1.5\n$$\n\n>>> 2.5\n2.5\n") == (1, [(3, "1.5")])
