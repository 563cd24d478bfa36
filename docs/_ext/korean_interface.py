"""The site's interface in Korean where Sphinx's gettext catalog (``sphinx.po``) cannot reach.

* sphinx-copybutton's tooltips come from a table with no Korean: ``ko-copybutton.js``, loaded right after
  ``copybutton.js``, adds one.
* The Python domain writes the index entry "module; dlaudio.mel" in English: :class:`TranslatePairIndexTypes`
  translates the type word ("모듈").
* The search page's summary is patched by ``ko-search-summary.js``, after Sphinx's ``translations.js``.
* furo labels each sidebar switch "Toggle navigation of <title>" in Python: :func:`translate_navigation_labels`
  translates the label.

(furo's template strings are translated by ``docs/_templates/page.html``.) The English build is unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.locale import _
from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).resolve().parent / "korean_interface_static"

#: The type words the Python domain writes in English into "pair" index entries (in Sphinx's catalog).
PAIR_TYPES = ("module", "built-in function")


class TranslatePairIndexTypes(SphinxTransform):
    """``("pair", "module; dlaudio.mel", ...)`` -> ``"모듈; dlaudio.mel"``, before the index is collected (850)."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        words = {word: str(_(word)) for word in PAIR_TYPES}  # unchanged in an English build
        for node in self.document.findall(addnodes.index):
            entries = []
            for entry_type, value, *rest in node["entries"]:
                if entry_type == "pair":
                    first, sep, second = value.partition(";")
                    if sep and first.strip() in words:
                        value = f"{words[first.strip()]};{second}"
                entries.append((entry_type, value, *rest))
            node["entries"] = entries


_NAVIGATION_LABEL = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def translate_navigation_labels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Translate the labels in furo's sidebar tree (made by furo's ``html-page-context`` handler, run first)."""
    tree = context.get("furo_navigation_tree")
    template = str(_("Toggle navigation of %s"))
    if not tree or template == "Toggle navigation of %s":
        return
    context["furo_navigation_tree"] = _NAVIGATION_LABEL.sub(
        lambda m: 'aria-label="' + template.replace("%s", m.group(1)) + '"', tree
    )


def _add_korean_assets(app: Sphinx) -> None:
    if app.config.language == "ko":
        app.config.html_static_path.append(str(STATIC_DIR))
        # After copybutton.js (priority 500), before the page has loaded.
        app.add_js_file("ko-copybutton.js", priority=510)
        app.add_js_file("ko-search-summary.js", priority=900)  # after translations.js


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _add_korean_assets)
    app.add_transform(TranslatePairIndexTypes)
    # After furo's handler (priority 500), which builds the navigation tree.
    app.connect("html-page-context", translate_navigation_labels, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
