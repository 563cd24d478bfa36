"""The gallery-thumbnail translation extension (docs/_ext/gallery_i18n.py)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import polib
import pytest

from gallery_i18n import _on_source_read, plain, titles_as_alt, translate_thumbnails
from sitetools import GALLERY_DIR, LANGUAGES


def write_catalog(folder, name, pairs):
    po = polib.POFile()
    for english, korean in pairs.items():
        po.append(polib.POEntry(msgid=english, msgstr=korean))
    (folder / "auto_examples").mkdir(parents=True, exist_ok=True)
    po.save(str(folder / "auto_examples" / f"{name}.po"))


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


def test_plain_drops_roles_and_literals():
    assert plain("the :math:`\\sigma` of ``dlaudio``") == "the \\sigma of dlaudio"


def test_title_and_tooltip_are_translated_and_escaped(tmp_path):
    write_catalog(tmp_path, "plot_a", {
        "The sigmoid": "시그모이드",
        "Its slope, :math:`a (1 - a)`, is the learner's friend.": "기울기 :math:`a (1 - a)`는 학습의 '친구'입니다.",
    })
    source = "intro\n" + thumbnail("plot_a", "The sigmoid", "Its slope, a (1 - a), is the learner&#x27;s friend.")
    out = translate_thumbnails(source, "auto_examples", tmp_path)
    assert '<div class="sphx-glr-thumbnail-title">시그모이드</div>' in out
    assert 'tooltip="기울기 a (1 - a)는 학습의 &#x27;친구&#x27;입니다."' in out
    assert out.startswith("intro\n")


def test_an_example_without_catalog_or_message_is_left_alone(tmp_path):
    write_catalog(tmp_path, "plot_a", {"Other": "다른"})
    source = thumbnail("plot_a", "Kept title", "kept") + thumbnail("plot_b", "No catalog", "none")
    assert translate_thumbnails(source, "auto_examples", tmp_path) == source


def test_only_the_named_gallery_is_looked_up(tmp_path):
    write_catalog(tmp_path, "plot_a", {"The sigmoid": "시그모이드"})
    source = thumbnail("plot_a", "The sigmoid", "t").replace("/auto_examples/", "/other_gallery/")
    assert translate_thumbnails(source, "auto_examples", tmp_path) == source


def test_a_tooltip_that_kept_some_markup_still_finds_its_translation(tmp_path):
    # sphinx-gallery keeps ``literal`` after "(" in a tooltip; the catalog's
    # message is matched on its letters and digits alone.
    write_catalog(tmp_path, "plot_a", {
        'Forty filters (``norm="slaney"``) at :math:`N = 40`.': 'N = 40\\ 개의 필터(``norm="slaney"``)',
    })
    source = thumbnail("plot_a", "t", 'Forty filters (``norm=&quot;slaney&quot;``) at N = 40.')
    out = translate_thumbnails(source, "auto_examples", tmp_path)
    assert 'tooltip="N = 40개의 필터(norm=&quot;slaney&quot;)"' in out


def test_each_thumbnail_image_gets_its_title_as_alt_text():
    source = "intro\n" + thumbnail("plot_a", "The sigmoid", "t") + thumbnail("plot_b", "The learner&#x27;s friend", "u")
    out = titles_as_alt(source)
    assert alts(out) == [" The sigmoid", " The learner's friend"]
    assert out.replace(":alt: The sigmoid", ":alt:").replace(":alt: The learner's friend", ":alt:") == source


def test_the_alt_text_is_the_translated_title(tmp_path):
    write_catalog(tmp_path, "plot_a", {"The sigmoid and its slope": "시그모이드와 그 기울기"})
    source = thumbnail("plot_a", "The sigmoid and its slope", "t")
    assert alts(titles_as_alt(translate_thumbnails(source, "auto_examples", tmp_path))) == [" 시그모이드와 그 기울기"]


def hook_app(tmp_path, language, builder):
    """Just what the source-read hook reads of the Sphinx application."""
    config = SimpleNamespace(
        language=language, locale_dirs=["locale"], sphinx_gallery_conf={"gallery_dirs": "auto_examples"},
    )
    return SimpleNamespace(config=config, srcdir=tmp_path, builder=SimpleNamespace(name=builder))


@pytest.mark.parametrize(
    "language, builder, alt",
    [("en", "html", " The sigmoid"), ("ko", "html", " 시그모이드"), ("en", "gettext", "")],
)
def test_the_hook_fills_the_alt_text_in_every_build_but_the_message_templates(tmp_path, language, builder, alt):
    write_catalog(tmp_path / "locale" / "ko" / "LC_MESSAGES", "plot_a", {"The sigmoid": "시그모이드"})
    source = [thumbnail("plot_a", "The sigmoid", "t")]
    _on_source_read(hook_app(tmp_path, language, builder), "auto_examples/index", source)
    assert alts(source[0]) == [alt]
    other = [thumbnail("plot_a", "The sigmoid", "t")]
    _on_source_read(hook_app(tmp_path, language, builder), "neuron", other)
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
        assert all(re.search("[\uac00-\ud7a3]", alt) for alt, _ in thumbnails)
