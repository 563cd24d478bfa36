"""The audio directive (docs/_ext/audio_player.py): a sound computed at build time, with a player."""

from __future__ import annotations

import io
import wave

import pytest
from audio_player import clip_bytes
from sitetools import DOCS, sphinx

CONF = f"""
import sys
sys.path.insert(0, {str(DOCS / "_ext")!r})
extensions = ["myst_parser", "audio_player"]
html_theme = "basic"
"""

PAGE = """# Sounds

```{{audio}}
:name: {name}
y = dlaudio.tone(440, duration=0.25, sr=8000, amplitude=0.5)
sr = 8000
```
"""


def test_clip_is_a_16_bit_wav_of_the_samples():
    data, milliseconds = clip_bytes("y = dlaudio.tone(440, 0.5, 8000)\nsr = 8000")
    with wave.open(io.BytesIO(data)) as clip:
        assert clip.getframerate() == 8000
        assert clip.getsampwidth() == 2 and clip.getnchannels() == 1
        assert clip.getnframes() == 4000
    assert milliseconds == 500


def test_a_loud_clip_is_scaled_to_fit_instead_of_failing():
    data, _ = clip_bytes("y = 3 * np.ones(100)\nsr = 8000")
    with wave.open(io.BytesIO(data)) as clip:
        assert clip.getnframes() == 100


def test_code_must_define_y_and_sr():
    with pytest.raises(ValueError, match="must define y"):
        clip_bytes("x = 1")


def build(tmp_path, name):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(PAGE.format(name=name) + "\n```{toctree}\nsub/page\n```\n", encoding="utf-8")
    (src / "sub" / "page.md").write_text(PAGE.format(name="inner"), encoding="utf-8")
    return sphinx(src, "-b", "html", "-W", "-q", str(src), str(tmp_path / "out"))


@pytest.mark.docs  # runs Sphinx on a small project
def test_a_built_page_plays_the_clip_from_the_site(tmp_path):
    result = build(tmp_path, "tone")
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    assert '<audio controls preload="metadata" src="_audio/index-tone.wav"' in (out / "index.html").read_text()
    assert 'src="../_audio/sub-page-inner.wav"' in (out / "sub" / "page.html").read_text()
    assert (out / "_audio" / "index-tone.wav").read_bytes()[:4] == b"RIFF"
    assert (out / "_audio" / "sub-page-inner.wav").is_file()


@pytest.mark.docs  # runs Sphinx on a small project
def test_a_bad_name_fails_the_build(tmp_path):
    result = build(tmp_path, "Bad Name")
    assert result.returncode != 0
    assert "lower-case letters" in result.stdout + result.stderr
