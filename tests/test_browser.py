"""The built site in a real browser: math, offline, language links, Korean search.

Serves the site built by the ``site`` fixture on 127.0.0.1 and drives Debian's
headless Chromium through Playwright. Chromium resolves no host but 127.0.0.1,
so a request to another host fails without leaving the machine, and the
``browser`` fixture fails the test that made it. Without Chromium the tests
skip, except under CI (``CI=true``), where a missing browser fails the run.

The tests share one tab, as a reader going from page to page would: the
browser's cache keeps the site's scripts, styles and fonts, so the hundreds of
page loads cost a third of what a new browser context each would. The
``browser`` fixture puts the tab back as a new one was after each test (blank
page, size, colour scheme, permissions, cookies and storage).
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

import pytest
from sitetools import LANGUAGES, PHONE_COLUMN_PX, WIDEST_BLOCKS, all_pages, page_source, pages_with_math, source_pages

pytestmark = [pytest.mark.docs, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGES_WITH_MATH = pages_with_math()


def _require_chromium():
    if CHROMIUM:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("Chromium is required under CI: install the Debian packages chromium and chromium-driver")
    pytest.skip("Chromium not installed (apt-get install chromium chromium-driver); browser tests skipped")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# Every host name and address but 127.0.0.1 fails to resolve: nothing leaves the machine.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme in ("file", "data", "blob", "about") or parts.hostname == "127.0.0.1")


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
        # MathJax typesets after load; wait until it says it is done.
        self.page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20000)
        self.page.evaluate("() => MathJax.startup.promise")


@pytest.fixture(scope="module")
def chromium():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-gpu",
                "--disable-quic",
                OFFLINE,
            ],
        )
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


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", PAGES_WITH_MATH)
def test_equations_are_typeset(server, browser, lang, chapter):
    page = browser.open(f"{server}/{lang}/{chapter}.html")
    browser.typeset()
    assert page.locator("mjx-container").count() > 0
    assert page.locator(".math mjx-container").count() == page.locator(".math").count()
    # The prose, not the code: a docstring that a page quotes may hold TeX.
    text = page.evaluate(
        "() => { const a = document.querySelector('article').cloneNode(true);"
        " a.querySelectorAll('pre').forEach(p => p.remove()); return a.innerText; }"
    )
    for raw in ("$$", "\\(", "\\)", "\\[", "\\frac", "\\sigma"):
        assert raw not in text, f"raw TeX {raw!r} left in {lang}/{chapter}"


def test_equations_are_typeset_over_file_urls(site, browser):
    for lang in ("en", "ko"):
        page = browser.open((site.root / lang / "backprop.html").as_uri())
        browser.typeset()
        assert page.locator("mjx-container").count() > 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_loads_without_foreign_requests_or_errors_and_fills_a_phone(server, browser, lang):
    # One visit per page, on a 390 px phone (the browser fixture fails the test on a foreign request or a
    # console error): every figure is drawn across the phone's column, as tests/test_gallery.py assumes
    # when it checks that no text in a figure is smaller than 8 px.
    browser.page.set_viewport_size({"width": 390, "height": 844})
    narrow, seen = [], 0
    for name in [*all_pages(), "search"]:
        page = browser.open(f"{server}/{lang}/{name}.html")
        for figure in page.evaluate(PHONE_FIGURES):
            seen += 1
            if not figure["loaded"] or figure["width"] < PHONE_COLUMN_PX:
                narrow.append((name, figure))
    browser.open(f"{server}/index.html")
    assert seen >= 40
    assert not narrow, f"{lang}: figures narrower than {PHONE_COLUMN_PX} px at 390 px: {narrow}"


PAGES_WITH_SOUND = [name for name in source_pages() if "{audio}" in page_source(name)]


def test_some_page_has_sound():
    assert PAGES_WITH_SOUND


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES_WITH_SOUND)
def test_every_sound_on_a_page_plays(server, browser, lang, name):
    page = browser.open(f"{server}/{lang}/{name}.html")
    players = page.locator("audio")
    assert players.count() == page_source(name).count("{audio}")
    for i in range(players.count()):
        player = players.nth(i)
        # The browser decodes the file's header: a missing or broken clip never
        # reaches readyState 1 (metadata) and has no duration.
        player.evaluate("a => new Promise(r => a.readyState >= 1 ? r() : a.addEventListener('loadedmetadata', r))")
        duration = player.evaluate("a => a.duration")
        assert duration == pytest.approx(float(player.get_attribute("data-seconds")), abs=0.01)
        # Each player has its own visible label right above it: a paragraph saying what it
        # plays, never another player (a row of unlabelled players leaves the reader counting).
        label = player.evaluate(
            "a => { const p = a.closest('.audio-clip').previousElementSibling;"
            " return p && p.tagName === 'P' && p.offsetHeight > 0 ? p.innerText.trim() : null; }"
        )
        assert label, f"{lang}/{name}: player {i + 1} has no label paragraph right above it"


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
# A display equation, a table or a code block may be wider than the article's
# column only if it scrolls inside a box of its own that shows it scrolls.
# The scroll cue is concrete: the box (the block or an ancestor inside the
# article) has ``overflow-x: auto`` or ``scroll``, is itself no wider than the
# column, and draws shadows at its cut edges with the "scroll shadow" technique,
# a background of gradients of which at least one is ``background-attachment:
# local`` (the covers that travel with the content and hide the shadow at the
# end the reader has reached). It works without JavaScript, and on phones,
# whose scrollbars are hidden until the reader scrolls.
WIDE_BLOCKS = """() => {
  document.querySelectorAll('article details').forEach(d => { d.open = true; });
  const article = document.querySelector('article[role="main"]') || document.querySelector('article');
  const style = getComputedStyle(article);
  const column = article.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const scrollsWithCue = box => {
    const s = getComputedStyle(box);
    return /auto|scroll/.test(s.overflowX) && box.getBoundingClientRect().width <= column + 1
      && /gradient/.test(s.backgroundImage) && /local/.test(s.backgroundAttachment);
  };
  const kinds = [['equation', 'mjx-container[display="true"]'], ['table', 'table'],
                 ['code', 'div.highlight pre']];
  const blocks = [];
  for (const [kind, selector] of kinds) {
    for (const el of article.querySelectorAll(selector)) {
      if (!el.getClientRects().length) continue;  // not displayed
      // An equation's container is a block as wide as the column: the width is
      // the formula's (mjx-math), or what scrolls. A table or code block: its box
      // or, if more, what overflows it.
      const inner = kind === 'equation' ? el.querySelector('mjx-math') : null;
      const overflow = el.scrollWidth > el.clientWidth + 1 ? el.scrollWidth : 0;
      const width = Math.max(overflow, inner ? inner.getBoundingClientRect().width
                                             : el.getBoundingClientRect().width);
      let cue = false;
      for (let box = el; box && box !== article.parentElement; box = box.parentElement) {
        if (scrollsWithCue(box)) { cue = true; break; }
      }
      const text = (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ');
      blocks.push({kind, width: Math.round(width), cue, text: text.slice(0, 60)});
    }
  }
  return {column: Math.round(column), blocks};
}"""

# A desktop's width and a phone's. Each page is loaded and typeset once, at the
# first, then narrowed to the second: the layout is CSS, and MathJax 3 lays out
# no formula by the width, so this measures what loading the page at 390 px
# does (checked on every page of both editions, both ways round, when this
# replaced one load per width).
WIDTHS = (1400, 390)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", all_pages())
def test_blocks_fit_their_column_or_scroll_visibly(server, browser, lang, name):
    cut = {}
    for width in WIDTHS:
        browser.page.set_viewport_size({"width": width, "height": 900})
        if width == WIDTHS[0]:
            page = browser.open(f"{server}/{lang}/{name}.html")
            if name in PAGES_WITH_MATH or page.locator(".math, span.math, div.math").count():
                browser.typeset()
        found = page.evaluate(WIDE_BLOCKS)
        column, blocks = found["column"], found["blocks"]
        for block in blocks:  # the widest of each kind, reported at the end of the run
            key = (lang, width, block["kind"])
            if key not in WIDEST_BLOCKS or block["width"] > WIDEST_BLOCKS[key]["width"]:
                WIDEST_BLOCKS[key] = dict(block, column=column, page=name)
        too_wide = [b for b in blocks if b["width"] > column + 1 and not b["cue"]]
        if too_wide:
            cut[f"at {width}px, wider than the {column}px column, no scroll cue"] = too_wide
    assert not cut, f"{lang}/{name}: {cut}"


# tests/test_gallery.py holds every figure's text to 8 px or more when the figure is
# drawn across a phone's column, PHONE_COLUMN_PX wide. Here the browser checks that
# premise: at a 390 px viewport every figure of every page (chapters and gallery) is
# drawn at least that wide, so no figure is shrunk below the size its text was checked at.
PHONE_FIGURES = """() => [...document.querySelectorAll(
    'article figure img, article img.sphx-glr-single-img, article img.sphx-glr-multi-img')]
  .filter(img => img.getClientRects().length)
  .map(img => ({src: img.getAttribute('src').split('/').pop(),
                width: Math.round(img.getBoundingClientRect().width), loaded: img.complete}))"""


def test_figures_are_softened_in_dark_mode(server, browser):
    styles = {}
    for scheme in ("light", "dark"):
        browser.page.emulate_media(color_scheme=scheme)
        page = browser.open(f"{server}/en/mel.html")
        styles[scheme] = page.evaluate("() => getComputedStyle(document.querySelector('article figure img')).filter")
    assert styles["light"] == "none", styles
    assert "brightness" in styles["dark"], styles
