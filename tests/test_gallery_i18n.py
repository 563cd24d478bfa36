"""The gallery-thumbnail translation extension (docs/_ext/gallery_i18n.py)."""

from __future__ import annotations

import polib

from gallery_i18n import plain, translate_thumbnails

def write_catalog(folder, name, pairs):
    po = polib.POFile()
    for english, korean in pairs.items():
        po.append(polib.POEntry(msgid=english, msgstr=korean))
    (folder / "auto_examples").mkdir(parents=True, exist_ok=True)
    po.save(str(folder / "auto_examples" / f"{name}.po"))


def thumbnail(name, title, tooltip):
    head = f'<div class="sphx-glr-thumbcontainer" tooltip="{tooltip}">'
    return (
        f"{head}\n:doc:`/auto_examples/{name}`\n"
        f'<div class="sphx-glr-thumbnail-title">{title}</div>\n</div>\n'
    )


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
