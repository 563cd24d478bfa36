"""An ``audio`` directive: compute a sound with dlaudio at build time and put a player on the page.

No package does this: the sounds are the output of the course's own code, made when the page is built, so a page and
its sound cannot drift apart. In MyST::

    ```{audio}
    :name: chirp
    y = dlaudio.chirp(100, 4000, 2.0, sr=16000)
    sr = 16000
    ```

The body is Python run with ``np`` and ``dlaudio`` imported; it leaves the samples in ``y`` and the sample rate in
``sr``. The clip is written as a 16-bit WAV file beside the built pages, so the player works offline, in every
language.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

AUDIO_DIR = "_audio"
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class audio_clip(nodes.General, nodes.Element):
    """A player for the WAV bytes in ``node["wav"]``, saved as ``node["filename"]``."""


def clip_bytes(code: str) -> tuple[bytes, int]:
    """Run ``code`` and return its ``y`` as 16-bit WAV bytes, with the duration in ms."""
    import numpy as np

    import dlaudio

    namespace: dict[str, Any] = {"np": np, "dlaudio": dlaudio}
    exec(compile(code, "<audio directive>", "exec"), namespace)
    if "y" not in namespace or "sr" not in namespace:
        raise ValueError("the audio directive's code must define y (samples) and sr (sample rate)")
    y = np.asarray(namespace["y"], dtype=np.float64)
    peak = float(np.max(np.abs(y))) if y.size else 0.0
    if peak > 1.0:  # a louder clip would clip in 16 bits: scale it, as a player would want
        y = y / peak
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clip.wav"
        dlaudio.write_wav(path, y, namespace["sr"])
        data = path.read_bytes()
    return data, round(1000 * y.size / namespace["sr"])


class AudioDirective(SphinxDirective):
    has_content = True
    option_spec = {"name": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        name = self.options.get("name", "")
        if not NAME.fullmatch(name):
            raise self.error("audio needs :name: with lower-case letters, digits and hyphens")
        try:
            wav, milliseconds = clip_bytes("\n".join(self.content))
        except Exception as error:  # the page author needs the reason, not a traceback
            raise self.error(f"audio {name!r}: {type(error).__name__}: {error}") from None
        filename = f"{self.env.docname.replace('/', '-')}-{name}.wav"
        node = audio_clip(wav=wav, filename=filename, milliseconds=milliseconds)
        self.set_source_info(node)
        return [node]


def visit_audio_html(self, node: audio_clip) -> None:
    target = Path(self.builder.outdir) / AUDIO_DIR / node["filename"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(node["wav"])
    page_dir = posixpath.dirname(self.builder.current_docname)
    src = posixpath.relpath(f"{AUDIO_DIR}/{node['filename']}", page_dir or ".")
    seconds = node["milliseconds"] / 1000
    self.body.append(
        f'<div class="audio-clip"><audio controls preload="metadata" src="{src}" '
        f'data-seconds="{seconds:g}"></audio></div>\n'
    )
    raise nodes.SkipNode


def skip(self, node: audio_clip) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    other_formats = {name: (skip, None) for name in ("latex", "text", "man", "texinfo")}
    app.add_node(audio_clip, html=(visit_audio_html, None), **other_formats)
    app.add_directive("audio", AudioDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
