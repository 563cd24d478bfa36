"""The built site in a real browser: every page offline, its maths, figures, sounds and layout; links, Korean search.

Debian's headless Chromium, driven through Playwright, reads the site built by
the ``site`` fixture from 127.0.0.1; it resolves no other host, so a request to
another host fails without leaving the machine, and the test fails. Without
Chromium the tests skip, except under CI (``CI=true``), where a missing
browser fails the run.

Every page of both editions is read once, in the background, as soon as the
site is built (tests/page_visits.py); the tests of every page judge what those
visits found. The other tests share one tab, as a reader going from page to
page would: the browser's cache keeps the site's scripts, styles and fonts.
The ``browser`` fixture puts the tab back as a new one was after each test
(blank page, size, colour scheme, permissions, cookies and storage).
"""

from __future__ import annotations

import html
import os
import re
from urllib.parse import quote

import pytest
from page_visits import CHROMIUM, CHROMIUM_ARGS, TYPESET_DONE, TYPESET_READY, is_foreign, serve
from sitetools import LANGUAGES, PHONE_COLUMN_PX, WIDEST_BLOCKS, all_pages, page_source, pages_with_math, source_pages

pytestmark = [pytest.mark.docs, pytest.mark.browser]

PAGES_WITH_MATH = pages_with_math()


def _require_chromium():
    if CHROMIUM:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is required under CI: install the Debian packages chromium and chromium-driver")
    pytest.skip("Chromium not installed (apt-get install chromium chromium-driver); browser tests skipped")


@pytest.fixture(scope="module")
def server(site):
    with serve(site.root) as base:
        yield base


class Browser:
    """The shared tab, recording the requests to other hosts and the console errors of one test."""

    def __init__(self, context, page):
        self.context, self.page = context, page
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self._listeners = [
            (context, "request", lambda r: is_foreign(r.url) and self.foreign.append(r.url)),
            (page, "console", lambda m: m.type == "error" and self.errors.append(m.text)),
            (page, "pageerror", lambda e: self.errors.append(str(e))),
        ]
        for target, event, listener in self._listeners:
            target.on(event, listener)

    def close(self, viewport):
        """Leave the tab as a new one: blank, its size and colour scheme, no permissions, cookies or storage."""
        try:
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        except Exception:  # a page without storage (about:blank, a failed load)
            pass
        self.page.goto("about:blank")
        for target, event, listener in self._listeners:
            target.remove_listener(event, listener)
        self.context.clear_permissions()
        self.context.clear_cookies()
        if self.page.viewport_size != viewport:
            self.page.set_viewport_size(viewport)
        self.page.emulate_media(media="null", color_scheme="light")  # what a new context emulates

    def open(self, url):
        self.page.goto(url, wait_until="load")
        return self.page

    def typeset(self):
        self.page.wait_for_function(TYPESET_READY, timeout=20000)
        self.page.evaluate(TYPESET_DONE)


@pytest.fixture(scope="module")
def chromium():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab(chromium):
    """The tab the tests share, in a context of its own."""
    context = chromium.new_context()
    page = context.new_page()
    yield context, page, page.viewport_size
    context.close()


@pytest.fixture
def browser(tab):
    context, page, viewport = tab
    b = Browser(context, page)
    yield b
    b.close(viewport)
    assert not b.foreign, f"requests left 127.0.0.1: {b.foreign}"
    assert not b.errors, f"console errors: {b.errors}"


# --- Every page, read once (tests/page_visits.py, in the background) ---------


@pytest.fixture(scope="module")
def page_visits(_background):
    """What one visit to each page of both editions found: ``{lang: {docname: visit}, "root": visit}``."""
    _require_chromium()
    return _background.result("page_visits")


def test_every_page_was_visited(page_visits):
    for lang in LANGUAGES:
        assert set(page_visits[lang]) == {*all_pages(), "search"}, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_loads_without_foreign_requests_or_errors(page_visits, lang):
    visits = {**page_visits[lang], "../index": page_visits["root"]}
    foreign = {name: v["foreign"] for name, v in visits.items() if v["foreign"]}
    errors = {name: v["errors"] for name, v in visits.items() if v["errors"]}
    assert not foreign, f"{lang}: requests left 127.0.0.1: {foreign}"
    assert not errors, f"{lang}: console errors: {errors}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_fills_a_phone(page_visits, lang):
    # At a 390 px phone, every figure (folded solutions opened) is drawn across the phone's column, as
    # tests/test_gallery.py assumes when it checks that no text in a figure is smaller than 8 px.
    figures = [(name, figure) for name, visit in page_visits[lang].items() for figure in visit["figures"]]
    narrow = [(name, f) for name, f in figures if not f["loaded"] or f["width"] < PHONE_COLUMN_PX]
    assert len(figures) >= 40
    assert not narrow, f"{lang}: figures narrower than {PHONE_COLUMN_PX} px at 390 px: {narrow}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", PAGES_WITH_MATH)
def test_equations_are_typeset(page_visits, lang, chapter):
    math = page_visits[lang][chapter].get("math")
    assert math, f"{lang}/{chapter}: no maths on the page"
    assert math["typeset"] > 0
    assert math["spans_typeset"] == math["spans"]
    assert not math["raw"], f"raw TeX {math['raw']} left in {lang}/{chapter}"


def test_equations_are_typeset_over_file_urls(site, browser):
    for lang in ("en", "ko"):
        page = browser.open((site.root / lang / "backprop.html").as_uri())
        browser.typeset()
        assert page.locator("mjx-container").count() > 10


PAGES_WITH_SOUND = [name for name in source_pages() if "{audio}" in page_source(name)]


def test_some_page_has_sound():
    assert PAGES_WITH_SOUND


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES_WITH_SOUND)
def test_every_sound_on_a_page_plays(page_visits, lang, name):
    players = page_visits[lang][name]["sounds"]
    assert len(players) == page_source(name).count("{audio}")
    for i, player in enumerate(players):
        # The length the browser decoded from the file's header (a missing or broken clip has none).
        assert player["duration"] == pytest.approx(player["seconds"], abs=0.01)
        # Each player has its own visible label right above it: a paragraph saying what it
        # plays, never another player (a row of unlabelled players leaves the reader counting).
        assert player["label"], f"{lang}/{name}: player {i + 1} has no label paragraph right above it"


@pytest.mark.parametrize("start, other", [("en", "ko"), ("ko", "en")])
@pytest.mark.parametrize("name", ["backprop", "auto_examples/plot_deriv_matrices", "index"])
def test_language_link_lands_on_the_same_page(server, browser, start, other, name):
    page = browser.open(f"{server}/{start}/{name}.html")
    page.locator("a.language-switch-link").first.click()
    page.wait_for_load_state("load")
    assert page.url == f"{server}/{other}/{name}.html"
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize("width", [1400, 390])
def test_language_chooser_buttons_are_equal_and_words_whole(server, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="ko-KR")
    try:
        page = context.new_page()
        page.goto(f"{server}/index.html")
        heights = [page.locator(f"#lang-{lang}").bounding_box()["height"] for lang in ("en", "ko")]
        assert heights[0] == heights[1], heights
        assert page.evaluate("() => getComputedStyle(document.querySelector('p')).wordBreak") == "keep-all"
    finally:
        context.close()


def test_root_index_sends_the_reader_on(server, browser):
    page = browser.open(f"{server}/index.html")
    page.click("#lang-ko")
    page.wait_for_load_state("load")
    assert page.url == f"{server}/ko/index.html"


def search(browser, server, lang, query):
    page = browser.open(f"{server}/{lang}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('.search-summary'); return s && s.innerText.length > 0; }",
        timeout=20000,
    )
    hrefs = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.getAttribute('href'))")
    if hrefs:  # the summary counts what was listed, in the reader's language
        assert str(len(hrefs)) in page.inner_text(".search-summary")
    return {h.split("#")[0].split("?")[0] for h in hrefs}


# Particles and endings that follow a noun in the Korean pages. The list is
# the test's own, independent of the search extension under test.
PARTICLE = (
    "(?:을|를|이|가|은|는|에|에서|에게|의|와|과|도|로|으로|만|까지|부터|보다|처럼"
    "|입니다|이며|이고|합니다|하면|하는|하고|하여|해서|한|됩니다|된)"
)
HANGUL_WORD_END = "(?![\uac00-\ud7a3])"


def article_text(path):
    text = path.read_text(encoding="utf-8")
    if "<article" not in text:
        return ""
    text = text.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def pages_using(site, stem):
    """Korean pages that use ``stem`` with a particle, and those that use it only so."""
    with_particle, particle_only = set(), set()
    root = site.builds["ko"].html
    for path in root.rglob("*.html"):
        name = path.relative_to(root).as_posix()
        if name.startswith("_") or name in ("search.html", "genindex.html", "py-modindex.html"):
            continue
        text = article_text(path)
        if re.search(stem + PARTICLE + HANGUL_WORD_END, text):
            with_particle.add(name)
            if not re.search(stem + HANGUL_WORD_END, text):
                particle_only.add(name)
    return with_particle, particle_only


@pytest.mark.parametrize("stem", ["오차", "손실", "유도", "책임"])
def test_korean_search_finds_stems_followed_by_particles(site, server, browser, stem):
    with_particle, particle_only = pages_using(site, stem)
    assert with_particle, f"no Korean page uses {stem} with a particle"
    found = search(browser, server, "ko", stem)
    assert with_particle <= found, f"{stem}: missing {sorted(with_particle - found)}"
    if stem in ("유도", "책임"):
        # Pages that never write the bare stem: only stemming can find them.
        assert particle_only, f"no page uses {stem} only with particles"


def test_korean_search_still_finds_whole_words_and_english(server, browser):
    assert "backprop.html" in search(browser, server, "ko", "역전파")
    assert "backprop.html" in search(browser, server, "en", "backpropagation")


def test_copy_button_copies_code_without_prompts_or_output(server, browser):
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = browser.open(f"{server}/en/neuron.html")
    block = page.locator("div.highlight-python").first
    assert ">>> from dlaudio.neuron import" in block.inner_text()
    block.hover()
    block.locator("button.copybtn").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("from dlaudio.neuron import weighted_sum")
    assert ">>>" not in copied and "0.45" not in copied.splitlines()[-1]
    assert copied.splitlines() == [
        "from dlaudio.neuron import weighted_sum, sigmoid, neuron_output",
        "weighted_sum([0.5, 0.3, 0.2], [0.4, 0.7, 0.2])",
        "[round(x * w, 2) for x, w in zip([0.5, 0.3, 0.2], [0.4, 0.7, 0.2])]",
    ]


@pytest.mark.parametrize(
    "lang, copy, icon_title, copied",
    [
        ("en", "Copy", "Copy to clipboard", "Copied!"),
        ("ko", "복사", "클립보드에 복사", "복사했습니다!"),
    ],
)
def test_copy_button_speaks_the_page_language(server, browser, lang, copy, icon_title, copied):
    """sphinx-copybutton has no Korean; docs/_ext/korean_interface.py adds it."""
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = browser.open(f"{server}/{lang}/neuron.html")
    button = page.locator("div.highlight-python button.copybtn").first
    button.wait_for(state="attached")
    assert button.get_attribute("data-tooltip") == copy
    assert button.locator("svg title").text_content() == icon_title
    page.locator("div.highlight-python").first.hover()
    button.click()
    assert button.get_attribute("data-tooltip") == copied
    assert button.locator("svg title").text_content() == copied


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_follows_the_reader_colour_scheme(server, browser, scheme):
    browser.page.emulate_media(color_scheme=scheme)
    page = browser.open(f"{server}/ko/backprop.html")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    r, g, b = [int(v) for v in background[background.index("(") + 1 : background.index(")")].split(",")[:3]]
    assert (r + g + b > 600) == (scheme == "light"), background


def test_mobile_layout_hides_the_sidebar_behind_a_menu(server, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{server}/en/worked-example.html")
        assert page.locator(".mobile-header").is_visible()
        assert (
            not page.locator(".sidebar-drawer").is_visible() or page.locator(".sidebar-drawer").bounding_box()["x"] < 0
        )
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 400, f"page scrolls sideways: {width}px"
    finally:
        context.close()


# --- Content that fits its column ------------------------------------------
#
# A display equation, a table or a code block may be wider than the article's column only if it
# scrolls inside a box of its own that shows it scrolls (tests/page_visits.py says how that is
# measured), at a desktop's width and at a phone's.


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", all_pages())
def test_blocks_fit_their_column_or_scroll_visibly(page_visits, lang, name):
    cut = {}
    for width, found in page_visits[lang][name]["blocks"].items():
        column, blocks = found["column"], found["blocks"]
        for block in blocks:  # the widest of each kind, reported at the end of the run
            key = (lang, int(width), block["kind"])
            if key not in WIDEST_BLOCKS or block["width"] > WIDEST_BLOCKS[key]["width"]:
                WIDEST_BLOCKS[key] = dict(block, column=column, page=name)
        too_wide = [b for b in blocks if b["width"] > column + 1 and not b["cue"]]
        if too_wide:
            cut[f"at {width}px, wider than the {column}px column, no scroll cue"] = too_wide
    assert not cut, f"{lang}/{name}: {cut}"


def test_figures_are_softened_in_dark_mode(server, browser):
    styles = {}
    for scheme in ("light", "dark"):
        browser.page.emulate_media(color_scheme=scheme)
        page = browser.open(f"{server}/en/mel.html")
        styles[scheme] = page.evaluate("() => getComputedStyle(document.querySelector('article figure img')).filter")
    assert styles["light"] == "none", styles
    assert "brightness" in styles["dark"], styles
