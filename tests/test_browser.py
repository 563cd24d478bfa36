"""The built site in a real browser: math, offline, language links, Korean search.

Serves the site built by the ``site`` fixture on 127.0.0.1 and drives Debian's
headless Chromium through Playwright. Any request to another host is aborted
and counted as a failure. Without Chromium the tests skip, except under CI
(``CI=true``), where a missing browser fails the run.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

import pytest

pytestmark = [pytest.mark.docs, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHAPTERS = ["neuron", "mlp", "backprop", "worked-example", "training"]
GALLERY = ["auto_examples/index", "auto_examples/plot_sigmoid", "auto_examples/plot_error_attenuation",
           "auto_examples/plot_deriv_matrices", "auto_examples/plot_training"]


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


class Browser:
    """One Chromium page that records foreign requests and console errors."""

    def __init__(self, context):
        self.context = context
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob", "about") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def open(self, url):
        self.page.goto(url, wait_until="load")
        return self.page

    def typeset(self):
        # MathJax typesets after load; wait until it says it is done.
        self.page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20000
        )
        self.page.evaluate("() => MathJax.startup.promise")


@pytest.fixture(scope="module")
def chromium():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium):
    context = chromium.new_context()
    b = Browser(context)
    yield b
    context.close()
    assert not b.foreign, f"requests left 127.0.0.1: {b.foreign}"
    assert not b.errors, f"console errors: {b.errors}"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_equations_are_typeset(server, browser, lang, chapter):
    page = browser.open(f"{server}/{lang}/{chapter}.html")
    browser.typeset()
    assert page.locator("mjx-container").count() > 0
    assert page.locator(".math mjx-container").count() == page.locator(".math").count()
    text = page.inner_text("article")
    for raw in ("$$", "\\(", "\\)", "\\[", "\\frac", "\\sigma"):
        assert raw not in text, f"raw TeX {raw!r} left in {lang}/{chapter}"


def test_equations_are_typeset_over_file_urls(site, browser):
    for lang in ("en", "ko"):
        page = browser.open((site.root / lang / "backprop.html").as_uri())
        browser.typeset()
        assert page.locator("mjx-container").count() > 10


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_loads_without_foreign_requests_or_errors(server, browser, lang):
    for name in ["index", *CHAPTERS, "api", *GALLERY, "search"]:
        browser.open(f"{server}/{lang}/{name}.html")
    browser.open(f"{server}/index.html")


@pytest.mark.parametrize("start, other", [("en", "ko"), ("ko", "en")])
@pytest.mark.parametrize("name", ["backprop", "auto_examples/plot_deriv_matrices", "index"])
def test_language_link_lands_on_the_same_page(server, browser, start, other, name):
    page = browser.open(f"{server}/{start}/{name}.html")
    page.locator("a.language-switch-link").first.click()
    page.wait_for_load_state("load")
    assert page.url == f"{server}/{other}/{name}.html"
    assert page.locator("html").get_attribute("lang") == other


def test_root_index_sends_the_reader_on(server, browser):
    page = browser.open(f"{server}/index.html")
    page.click("#lang-ko")
    page.wait_for_load_state("load")
    assert page.url == f"{server}/ko/index.html"


def search(browser, server, lang, query):
    page = browser.open(f"{server}/{lang}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('.search-summary');"
        " return s && s.innerText.length > 0; }",
        timeout=20000,
    )
    hrefs = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.getAttribute('href'))")
    return {h.split("#")[0].split("?")[0] for h in hrefs}


KOREAN_STEMS = {
    # stem: chapters whose Korean text uses it, always followed by a particle
    "오차": {"backprop.html", "worked-example.html"},
    "손실": {"backprop.html", "training.html"},
    "기울기": {"backprop.html"},
}


@pytest.mark.parametrize("stem", sorted(KOREAN_STEMS))
def test_korean_search_finds_stems_followed_by_particles(site, server, browser, stem):
    found = search(browser, server, "ko", stem)
    assert KOREAN_STEMS[stem] <= found, f"{stem}: found only {sorted(found)}"


def test_korean_search_still_finds_whole_words_and_english(server, browser):
    assert "backprop.html" in search(browser, server, "ko", "역전파")
    assert "backprop.html" in search(browser, server, "en", "backpropagation")
