"""The six recordings that ship with the package, reading OGG and FLAC, and the inverse STFT.

Every recording is read as ``librosa.load`` reads it and its features are
librosa's, as the synthetic signals' are (tests/test_mel.py). That the wheel
holds the files and their attribution is checked on the wheel the site
serves (tests/test_course_package.py).
"""

from pathlib import Path

import numpy as np
import pytest
import soundfile
from audio_cases import librosa  # quiets audioread's deprecated imports once

import dlaudio
from dlaudio import attribution, example, istft, read_audio, read_wav, stft, write_wav
from dlaudio.recordings import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
SECONDS = {"trumpet": 5.33, "libri1": 14.84, "libri2": 16.74, "libri3": 13.91, "robin": 2.70, "vibeace": 61.46}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_recording_reads_as_librosa_loads_it(name):
    path = example(name)
    y, sr = read_audio(path)
    theirs, their_sr = librosa.load(path, sr=None)
    assert sr == their_sr == 22050
    assert round(y.size / sr, 2) == SECONDS[name]
    # Vorbis decodes to float32; widening it to float64 changes no number.
    np.testing.assert_array_equal(y, theirs.astype(np.float64))
    assert "CC" in attribution(name) and "http" in attribution(name)


def test_resampling_a_recording_gives_librosas_numbers():
    y, sr = read_audio(example("robin"), sr=16000)
    theirs, _ = librosa.load(example("robin"), sr=16000)
    assert sr == 16000 and y.shape == theirs.shape
    # librosa resamples the float32 samples in float32, dlaudio in float64.
    assert np.max(np.abs(y - theirs)) < 1e-6


def test_the_recordings_features_are_librosas():
    y, sr = read_audio(example("trumpet"))
    mel = dlaudio.melspectrogram(y=y, sr=sr)
    theirs = librosa.feature.melspectrogram(y=y, sr=sr, dtype=np.float64)
    assert np.max(np.abs(mel - theirs)) <= 1e-15 * theirs.max()
    mfcc = dlaudio.mfcc(y=y, sr=sr, n_mfcc=13)
    their_mfcc = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13, dtype=np.float64)
    assert np.max(np.abs(mfcc - their_mfcc)) <= 1e-12 * np.abs(their_mfcc).max()


@pytest.mark.parametrize("name", [None, 3, "Trumpet", "trumpet.ogg", "../trumpet"])
def test_an_unknown_name_is_refused_with_the_names(name):
    error = TypeError if not isinstance(name, str) else ValueError
    with pytest.raises(error, match="trumpet, libri1, libri2, libri3, robin, vibeace"):
        example(name)
    with pytest.raises(error, match="trumpet"):
        attribution(name)


def test_read_audio_reads_flac_and_wav_and_refuses_other_formats(tmp_path):
    y = np.sin(np.arange(4000) / 7.0) * 0.5
    write_wav(tmp_path / "a.wav", y, 8000)
    soundfile.write(tmp_path / "a.flac", y, 8000, subtype="PCM_16")
    soundfile.write(tmp_path / "a.aiff", y, 8000, subtype="PCM_16")
    from_wav, _ = read_audio(tmp_path / "a.wav")
    from_flac, sr = read_audio(tmp_path / "a.flac")
    assert sr == 8000
    np.testing.assert_array_equal(from_flac, from_wav)  # both 16-bit PCM of the same numbers
    with pytest.raises(ValueError, match=r"a\.aiff: a AIFF file, not WAV, FLAC or OGG"):
        read_audio(tmp_path / "a.aiff")
    with pytest.raises(ValueError, match="a OGG file, not WAV"):
        read_wav(example("robin"))  # read_wav stays a WAV reader
    (tmp_path / "short.ogg").write_bytes(example("robin").read_bytes()[:200])
    with pytest.raises(ValueError, match="not a readable WAV, FLAC or OGG file"):
        read_audio(tmp_path / "short.ogg")
    (tmp_path / "empty.flac").write_bytes(b"")
    with pytest.raises(ValueError, match="empty"):
        read_audio(tmp_path / "empty.flac")


def _ogg_page_starts(data: bytes) -> list[int]:
    """Where each page of an Ogg file starts: the test's own walk over the page headers of RFC 3533."""
    starts, position = [], 0
    while position < len(data):
        starts.append(position)
        count = data[position + 26]  # the segment count; the segment table follows the 27-byte header
        position += 27 + count + sum(data[position + 27 : position + 27 + count])
    return starts


@pytest.mark.parametrize("source", ["robin", "written here"])
def test_an_ogg_file_cut_short_is_refused_rather_than_read_shorter(tmp_path, source):
    path = tmp_path / "whole.ogg"
    if source == "robin":
        path.write_bytes(example("robin").read_bytes())
    else:
        tone = 0.5 * np.sin(2 * np.pi * 440 * np.arange(32000) / 16000)
        soundfile.write(path, tone, 16000, format="OGG", subtype="VORBIS")
    data = path.read_bytes()
    whole, _ = read_audio(path)
    starts = _ogg_page_starts(data)
    assert len(starts) >= 3 and whole.size > 16000
    cuts = {
        "inside its last page": (starts[-1] + 40, "is cut off at byte"),
        "after a whole page": (starts[-1], "does not end the stream"),
        "after its first sound page": (starts[3] if len(starts) > 3 else starts[2], "does not end the stream"),
    }
    for where, (size, says) in cuts.items():
        cut = tmp_path / "cut.ogg"
        cut.write_bytes(data[:size])
        # libsndfile alone reads what is left as a shorter sound: the hazard the check is for.
        assert soundfile.info(cut).frames < whole.size, where
        with pytest.raises(ValueError, match=f"cut short: its last Ogg page.* {says}"):
            read_audio(cut)


@pytest.mark.parametrize(
    "n_fft, hop, win_length", [(2048, 512, None), (512, 128, 400), (255, 64, None), (256, 100, 200)]
)
@pytest.mark.parametrize("center", [True, False])
@pytest.mark.parametrize("window", ["hann", "rectangular"])
def test_istft_equals_librosas(n_fft, hop, win_length, center, window):
    y, _ = read_audio(example("robin"))
    y = y[:9000]
    D = stft(y, n_fft=n_fft, hop_length=hop, win_length=win_length, window=window, center=center)
    their_window = "boxcar" if window == "rectangular" else window
    for length in (None, y.size, y.size + 333, 1000):
        kwargs = dict(hop_length=hop, win_length=win_length, n_fft=n_fft, center=center, length=length)
        mine = istft(D, window=window, **kwargs)
        theirs = librosa.istft(D, window=their_window, **kwargs)
        assert mine.shape == theirs.shape
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-15)


def test_istft_gives_the_recording_back():
    y, _ = read_audio(example("trumpet"))
    back = istft(stft(y, n_fft=1024, hop_length=256), hop_length=256, length=y.size)
    assert np.max(np.abs(back - y)) < 1e-14


@pytest.mark.parametrize(
    "D, kwargs, error, match",
    [
        (np.zeros(5, complex), {}, ValueError, "2-D STFT"),
        (np.zeros((1, 3), complex), {}, ValueError, "2-D STFT"),
        (np.full((5, 3), np.nan, complex), {}, ValueError, "finite"),
        (np.zeros((5, 3), complex), {"n_fft": 16}, ValueError, "n_fft=16 needs 1 \\+ n_fft // 2 = 9"),
        (np.zeros((5, 3), complex), {"win_length": 9}, ValueError, "win_length=9 must be <= n_fft=8"),
        (np.zeros((5, 3), complex), {"hop_length": 0}, ValueError, "hop_length"),
        (np.zeros((5, 3), complex), {"length": 2.5}, TypeError, "length"),
        (np.array([["a", "b"], ["c", "d"]]), {}, TypeError, "complex"),
    ],
)
def test_istft_refuses_bad_input(D, kwargs, error, match):
    with pytest.raises(error, match=match):
        istft(D, **kwargs)
