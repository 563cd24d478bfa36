"""Every page of both editions read once in headless Chromium; what each visit found, as JSON.

    python tests/page_visits.py SITE_ROOT OUT.json

Run by conftest.py as soon as the site is built, in the background: the two
editions are read side by side, one browser tab each, while the other tests
run. tests/test_browser.py then judges what was found, one test per page, so a
page costs one load where three tests each loaded it before (its layout at
two widths, its maths, its figures on a phone and its sounds are all measured
in that one visit).

Each visit loads the page at a desktop's width, waits for MathJax when the
page has maths, measures, then narrows the tab to a phone's width and measures
again: the layout is CSS, and MathJax 3 lays out no formula by the width, so
this measures what loading the page at 390 px does (checked on every page of
both editions, both ways round, when one load replaced one per width).
Chromium resolves no host but 127.0.0.1, so a request to another host fails
without leaving the machine; the visit records it, and every console error.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from sitetools import LANGUAGES, all_pages

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Every host name and address but 127.0.0.1 fails to resolve: nothing leaves the machine.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
    OFFLINE,
]
# A desktop's width and a phone's (the phone's content column is sitetools.PHONE_COLUMN_PX).
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return not (parts.scheme in ("file", "data", "blob", "about") or parts.hostname == "127.0.0.1")


# MathJax typesets after load; this waits until it says it is done.
TYPESET_READY = "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
TYPESET_DONE = "() => MathJax.startup.promise"

# The maths, as typeset, and what is left of TeX in the prose (not the code: a docstring a page quotes may hold TeX).
MATH = """() => {
  const a = document.querySelector('article').cloneNode(true);
  a.querySelectorAll('pre').forEach(p => p.remove());
  const text = a.innerText;
  return {typeset: document.querySelectorAll('mjx-container').length,
          spans: document.querySelectorAll('.math').length,
          spans_typeset: document.querySelectorAll('.math mjx-container').length,
          raw: ['$$', '\\\\(', '\\\\)', '\\\\[', '\\\\frac', '\\\\sigma'].filter(t => text.includes(t))};
}"""

# A display equation, a table or a code block may be wider than the article's
# column only if it scrolls inside a box of its own that shows it scrolls.
# The scroll cue is concrete: the box (the block or an ancestor inside the
# article) has ``overflow-x: auto`` or ``scroll``, is itself no wider than the
# column, and draws shadows at its cut edges with the "scroll shadow" technique,
# a background of gradients of which at least one is ``background-attachment:
# local`` (the covers that travel with the content and hide the shadow at the
# end the reader has reached). It works without JavaScript, and on phones,
# whose scrollbars are hidden until the reader scrolls. Folded solutions are
# opened first: their blocks must fit too.
WIDE_BLOCKS = """() => {
  document.querySelectorAll('article details').forEach(d => { d.open = true; });
  const article = document.querySelector('article[role="main"]') || document.querySelector('article');
  if (!article) return null;  // the language chooser
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

# Every figure of the page (chapters and gallery) as drawn: tests/test_gallery.py holds
# figure text to 8 px when the figure is drawn across a phone's column.
FIGURES = """() => [...document.querySelectorAll(
    'article figure img, article img.sphx-glr-single-img, article img.sphx-glr-multi-img')]
  .filter(img => img.getClientRects().length)
  .map(img => ({src: img.getAttribute('src').split('/').pop(),
                width: Math.round(img.getBoundingClientRect().width), loaded: img.complete}))"""

# Each player: the length the browser decodes from the file's header (a missing or broken
# clip never reaches readyState 1 and has no duration), the length the page says, and the
# visible paragraph right above it that says what it plays.
SOUNDS = """async () => {
  const players = [...document.querySelectorAll('audio')];
  const found = [];
  for (const a of players) {
    // A clip that fails to load or never says its length is reported with no duration (NaN), not waited for.
    await new Promise(r => { if (a.readyState >= 1) return r(); a.addEventListener('loadedmetadata', r);
                             a.addEventListener('error', r); setTimeout(r, 10000); });
    const p = a.closest('.audio-clip') && a.closest('.audio-clip').previousElementSibling;
    found.push({duration: a.duration, seconds: parseFloat(a.dataset.seconds),
                label: p && p.tagName === 'P' && p.offsetHeight > 0 ? p.innerText.trim() : null});
  }
  return found;
}"""


async def read_edition(browser, folder: str, names: list[str]) -> dict[str, dict]:
    """Visit each page of one edition (under the URL ``folder``) in one tab, as a reader going from page to page."""
    context = await browser.new_context(viewport=DESKTOP)
    page = await context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    context.on("request", lambda r: is_foreign(r.url) and foreign.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    found = {}
    for name in names:
        foreign.clear()
        errors.clear()
        await page.set_viewport_size(DESKTOP)
        await page.goto(f"{folder}/{name}.html", wait_until="load")
        visit: dict = {}
        if await page.locator(".math").count():
            await page.wait_for_function(TYPESET_READY, timeout=20000)
            await page.evaluate(TYPESET_DONE)
            visit["math"] = await page.evaluate(MATH)
        visit["sounds"] = await page.evaluate(SOUNDS)
        visit["blocks"] = {DESKTOP["width"]: await page.evaluate(WIDE_BLOCKS)}
        await page.set_viewport_size(PHONE)
        visit["blocks"][PHONE["width"]] = await page.evaluate(WIDE_BLOCKS)
        visit["figures"] = await page.evaluate(FIGURES)
        visit["foreign"], visit["errors"] = list(foreign), list(errors)
        found[name] = visit
    await context.close()
    return found


async def read_site(root: Path) -> dict:
    from playwright.async_api import async_playwright

    names = [*all_pages(), "search"]
    with serve(root) as base:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            editions = await asyncio.gather(*(read_edition(browser, f"{base}/{lang}", names) for lang in LANGUAGES))
            chooser = await read_edition(browser, base, ["index"])  # the language chooser at the site's root
            await browser.close()
    return {**dict(zip(LANGUAGES, editions)), "root": chooser["index"]}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path):
    """The folder ``root`` served on 127.0.0.1 from a thread; yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


if __name__ == "__main__":
    if hasattr(os, "nice"):
        # Below everything else of the test session (the gallery's runs are at 10): the visits' tests run last.
        os.nice(19)
    site_root, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.write_text(json.dumps(asyncio.run(read_site(site_root))), encoding="utf-8")
