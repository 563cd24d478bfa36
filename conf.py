"""Sphinx configuration for the dlaudio course.

One configuration for both languages: build with ``-D language=ko`` for the
Korean edition. Paths inside are relative to the source folder ``docs/``
unless noted.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
# Local Sphinx extensions (the Korean search language).
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

project = "dlaudio"
author = "dlaudio authors"
copyright = "2026, dlaudio authors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx_copybutton",
    "sphinx_gallery.gen_gallery",
    "korean_search",
]

root_doc = "index"
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = [
    "_static",
    "_templates",
    "_ext",
    "sg_execution_times.rst",
    "auto_examples/sg_execution_times.rst",
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
]

myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# Translation: catalogs live in locale/ at the repository root.
locale_dirs = ["../locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = False

# Code on the pages is copied without prompts or output.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

autodoc_member_order = "bysource"
autodoc_typehints = "none"
napoleon_numpy_docstring = True
napoleon_google_docstring = False

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "write_computation_times": False,
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    # The running time and the signature line would be new messages for the
    # translators on every build; neither helps a learner.
    "min_reported_time": 10**9,
    "show_signature": False,
}

# MathJax 3 is served from the site itself, so equations render with no
# network (also over file://). The files come from the sphinx-mathjax-offline
# package; only the parts this site can load are copied (see setup below).
mathjax_path = "mathjax/tex-chtml.js"
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml", "input/tex/extensions", "a11y", "ui", "adaptors"]

html_theme = "furo"
html_title = "dlaudio"
html_favicon = "docs/_static/favicon.svg"
html_static_path = ["docs/_static"]
templates_path = ["docs/_templates"]
html_css_files = ["dlaudio.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# The footer credit reads naturally in both languages without the Sphinx clause.
html_show_sphinx = False
html_theme_options = {
    "navigation_with_keys": True,
}
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "language-switch.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}



def _copy_mathjax(app, exception):
    """Copy the offline MathJax files into the built site's _static/mathjax/."""
    if exception is not None or app.builder.format != "html":
        return
    from importlib.metadata import distribution

    from sphinx.util.fileutil import copy_asset

    source = Path(distribution("sphinx-mathjax-offline").locate_file("sphinx-mathjax-offline/static/mathjax"))
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        if (source / part).is_dir():
            copy_asset(source / part, target / part)
        else:
            copy_asset(source / part, target)


def _korean_assets(app):
    if app.config.language == "ko":
        # After Sphinx's translations.js, which it patches.
        app.add_js_file("ko-search-summary.js", priority=900)


def _plain(text):
    """reST inline markup reduced to the plain text sphinx-gallery puts in tooltips."""
    import re

    return re.sub(r":\w+:`([^`]*)`|``([^`]*)``", lambda m: m.group(1) or m.group(2), text)


def _translate_gallery_thumbnails(app, docname, source):
    # sphinx-gallery writes each thumbnail's title and tooltip into raw HTML,
    # which gettext never sees. In a translated build, put in the example's
    # own translated title and introduction from its catalog.
    if app.config.language == "en" or docname != "auto_examples/index":
        return
    import html
    import re

    from babel.messages.pofile import read_po

    catalogs = Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES")

    def translate(block):
        name = re.search(r":doc:`/auto_examples/(\w+)`", block)
        po = catalogs / "auto_examples" / f"{name.group(1)}.po" if name else None
        if po is None or not po.exists():
            return block
        with po.open("rb") as f:
            catalog = read_po(f)
        by_plain = {_plain(m.id): _plain(m.string) for m in catalog if m.id and m.string}

        def swap(match):
            text = html.unescape(match.group(2))
            return match.group(1) + html.escape(by_plain.get(text, text)) + match.group(3)

        block = re.sub(r'(tooltip=")(.*?)(")', swap, block)
        return re.sub(r'(sphx-glr-thumbnail-title">)(.*?)(</div>)', swap, block)

    blocks = source[0].split('<div class="sphx-glr-thumbcontainer"')
    source[0] = '<div class="sphx-glr-thumbcontainer"'.join([blocks[0]] + [translate(b) for b in blocks[1:]])


def setup(app):
    app.connect("source-read", _translate_gallery_thumbnails)
    app.connect("builder-inited", _korean_assets)
    app.connect("build-finished", _copy_mathjax)
