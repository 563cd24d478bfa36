"""Gallery thumbnails get their titles as alt text (docs/_ext/gallery_code.py),
and in the Korean build those titles and tooltips are Korean (the same extension)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
from gallery_code import _on_source_read, titles_as_alt
from sitetools import GALLERY_DIR, LANGUAGES


def thumbnail(name, title, tooltip):
    """A thumbnail as sphinx-gallery 0.22 writes it into the gallery index."""
    return (
        ".. raw:: html\n\n"
        f'    <div class="sphx-glr-thumbcontainer" tooltip="{tooltip}">\n\n'
        ".. only:: html\n\n"
        f"  .. image:: /auto_examples/images/thumb/sphx_glr_{name}_thumb.png\n"
        "    :alt:\n\n"
        f"  :doc:`/auto_examples/{name}`\n\n"
        ".. raw:: html\n\n"
        f'      <div class="sphx-glr-thumbnail-title">{title}</div>\n    </div>\n\n'
    )


def alts(source):
    return re.findall(r"^ *:alt:(.*)$", source, re.M)


def test_each_thumbnail_image_gets_its_title_as_alt_text():
    source = "intro\n" + thumbnail("plot_a", "The sigmoid", "t") + thumbnail("plot_b", "The learner&#x27;s friend", "u")
    out = titles_as_alt(source)
    assert alts(out) == [" The sigmoid", " The learner's friend"]
    assert out.replace(":alt: The sigmoid", ":alt:").replace(":alt: The learner's friend", ":alt:") == source


def hook_app(builder):
    """Just what the source-read hook reads of the Sphinx application."""
    config = SimpleNamespace(sphinx_gallery_conf={"gallery_dirs": "auto_examples"})
    return SimpleNamespace(config=config, builder=SimpleNamespace(name=builder))


@pytest.mark.parametrize(
    "title, builder, alt",
    [("The sigmoid", "html", " The sigmoid"), ("시그모이드", "html", " 시그모이드"), ("The sigmoid", "gettext", "")],
)
def test_the_hook_fills_the_alt_text_in_every_build_but_the_message_templates(title, builder, alt):
    source = [thumbnail("plot_a", title, "t")]
    _on_source_read(hook_app(builder), "auto_examples/index", source)
    assert alts(source[0]) == [alt]
    other = [thumbnail("plot_a", title, "t")]
    _on_source_read(hook_app(builder), "neuron", other)
    assert alts(other[0]) == [""]


# The thumbnails of the built gallery: each image's alt text, and the title shown under it.
BUILT_THUMBNAIL = re.compile(
    r'<div class="sphx-glr-thumbcontainer".*?<img\b[^>]*?\balt="([^"]*)".*?'
    r'<div class="sphx-glr-thumbnail-title">(.*?)</div>',
    re.S,
)
FILE_NAME_LIKE = re.compile(r"plot[_ ]|sphx_glr|_thumb|\.png", re.I)


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_built_gallery_thumbnail_has_its_title_as_alt_text(site, lang):
    page = (site.builds[lang].html / GALLERY_DIR / "index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    images = re.findall(r"<img\b[^>]*>", article)
    thumbnails = BUILT_THUMBNAIL.findall(article)
    assert images and len(thumbnails) == len(images)
    for alt, title in thumbnails:
        alt, title = html.unescape(alt), html.unescape(title).strip()
        assert alt.strip() and not FILE_NAME_LIKE.search(alt), (alt, title)
        assert alt == title
    if lang == "ko":
        # Titles, alt text and tooltips come from the Korean examples.
        assert all(re.search("[\uac00-\ud7a3]", alt) for alt, _ in thumbnails)
        tooltips = re.findall(r'sphx-glr-thumbcontainer" tooltip="([^"]*)"', article)
        assert len(tooltips) == len(thumbnails)
        assert all(re.search("[\uac00-\ud7a3]", tip) for tip in tooltips)
