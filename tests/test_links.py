"""Every internal link and anchor of both built editions resolves."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitetools import GALLERY_DIR, LANGUAGES

pytestmark = pytest.mark.docs


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(attrs[key])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def walk(root: Path):
    """Yield (page, link, problem) for each broken internal link under ``root``."""
    cache: dict[Path, _Page] = {}

    def parsed(path):
        if path not in cache:
            cache[path] = parse(path)
        return cache[path]

    for page_path in sorted(root.rglob("*.html")):
        for link in parsed(page_path).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data", "javascript") or parts.netloc:
                continue
            target = page_path if not parts.path else (page_path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                yield page_path, link, "missing file"
                continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in parsed(target).ids:
                yield page_path, link, "missing anchor"


def test_every_internal_link_resolves(site):
    root = site.root
    pages = list(root.rglob("*.html"))
    assert len(pages) > 20
    broken = [f"{p.relative_to(root)} -> {link} ({why})" for p, link, why in walk(root)]
    assert not broken, "\n".join(broken[:40])


def test_link_walker_finds_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#x">b</a><a href="#top">top</a><a id="top"></a>')
    (tmp_path / "b.html").write_text('<p id="y"></p><a href="missing.html">m</a>')
    problems = {(p.name, link, why) for p, link, why in walk(tmp_path)}
    assert problems == {("a.html", "b.html#x", "missing anchor"), ("b.html", "missing.html", "missing file")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_gallery_code_links_the_library_to_the_api_reference(site, lang):
    # sphinx-gallery's own code links: names of dlaudio in an example's code
    # go to their entry in the API reference, in both editions.
    html = site.builds[lang].html
    page = (html / GALLERY_DIR / "plot_training.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="\.\./api\.html#(dlaudio\.[\w.]+)"', page))
    assert "dlaudio.network.MLP" in targets
    api = (html / "api.html").read_text(encoding="utf-8")
    assert all(f'id="{target}"' in api for target in targets)
