"""Sphinx configuration for the dlaudio course.

One configuration for both languages: build with ``-D language=ko`` for the
Korean edition (``sphinx-build -c . docs OUT``). Build behaviour lives in the
extensions under ``docs/_ext/``, each with its own test; this file only
configures.

Two bases for paths, as Sphinx defines them:
- relative to the SOURCE folder ``docs/``: ``exclude_patterns``,
  ``locale_dirs``, and sphinx-gallery's ``examples_dirs``/``gallery_dirs``;
- relative to THIS file's folder, the repository root: ``html_static_path``,
  ``templates_path``, ``html_favicon``, and the ``sys.path`` entries below.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
# The project's own Sphinx extensions (docs/_ext/).
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from course_package import project_metadata, wheel_name  # noqa: E402 (needs the path above)

project = "dlaudio"
# The version is configured once, in pyproject.toml; the wheel the site serves
# (docs/_ext/course_package.py) and the notebooks' install cell name it.
release = version = project_metadata()["version"]
WHEEL = wheel_name(project_metadata())
html_context = {"dlaudio_wheel": WHEEL}  # the footer's link to it (docs/_templates/page.html)
author = "dlaudio authors"
copyright = "2026, dlaudio authors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx_copybutton",
    "sphinx_design",  # {dropdown}: exercise solutions folded until asked for
    "sphinx_gallery.gen_gallery",
    "gallery_code",  # translated examples (pages and downloads), thumbnails' alt text, course order
    "korean_search",  # Korean search language and its search-page script
    "korean_interface",  # Korean copy button; "module" in the index translated
    "offline_mathjax",  # MathJax served with the site; sets mathjax_path
    "audio_player",  # {audio} directive: a sound computed at build time, with a player
    "course_package",  # the library's wheel served with the site; {wheel}, {install-command}
    "figure_numbers",  # figures numbered per page: each chapter starts at "Fig. 1"
]

root_doc = "index"
# Figures are numbered per page ("Fig. 1", "그림 1", docs/_ext/figure_numbers.py)
# and captions say their point.
numfig = True
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

# attrs_inline: spans marked with their language, [역전파]{.language-ko}, as the glossary has.
myst_enable_extensions = ["dollarmath", "amsmath", "attrs_inline"]
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
    # Course order: by the first chapter that shows each example (docs/_ext).
    "within_subsection_order": "gallery_code.CourseOrder",
    "image_scrapers": ("matplotlib",),
    # A second, 2x image for sharp figures on phones and high-density screens.
    "image_srcset": ["2x"],
    "matplotlib_animations": False,
    # The running time and the signature line would be new messages for the
    # translators on every build; neither helps a learner.
    "min_reported_time": 10**9,
    "show_signature": False,
    # A downloaded notebook starts by installing the library it imports.
    "first_notebook_cell": (
        # The comment does not name the file, so a new version needs no new translation.
        "# This notebook needs dlaudio, the course's library. Download its wheel\n"
        "# (the .whl file named below) from the home page of the course site into\n"
        "# the folder of this notebook, then run this cell once.\n"
        f"%pip install {WHEEL} matplotlib"
    ),
}

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
