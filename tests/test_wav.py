"""WAV files: round trips, librosa.load parity, damaged files and atomic writes."""

from __future__ import annotations

import os

import numpy as np
import pytest
import soundfile
from audio_cases import assert_close, librosa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_sizes import scaled

from dlaudio import chirp, quantise, read_wav, resample, tone, white_noise, write_wav
from dlaudio.wav import PCM_SUBTYPES

#: read_wav(sr=...) vs librosa.load(sr=..., dtype=float64): the same soxr call.
RESAMPLE_ATOL = 1e-15
#: read_wav (float64) vs librosa.load's default float32 output.
FLOAT32_ATOL = 1e-6

FILES = settings(max_examples=scaled(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def some_sound(sr=44100, seconds=0.5):
    return 0.45 * chirp(100.0, 3000.0, seconds, sr) + 0.45 * white_noise(seconds, sr, rng=1)


@pytest.mark.parametrize("subtype", list(PCM_SUBTYPES))
def test_pcm_round_trip_within_half_a_step(tmp_path, subtype):
    bits = PCM_SUBTYPES[subtype]
    x = np.concatenate([[0.0, -1.0, 0.5, -0.5], white_noise(0.2, 8000, amplitude=0.99, rng=2)])
    path = tmp_path / "x.wav"
    write_wav(path, x, 8000, subtype=subtype)
    y, sr = read_wav(path)
    assert sr == 8000 and y.dtype == np.float64
    assert soundfile.info(str(path)).subtype == subtype
    assert_close(y, x, 2.0**-bits)
    np.testing.assert_array_equal(y[:4], [0.0, -1.0, 0.5, -0.5])
    assert y.max() < 1.0


def test_full_scale_saturates_to_the_largest_code(tmp_path):
    path = tmp_path / "full.wav"
    write_wav(path, [1.0, -1.0], 8000)
    np.testing.assert_array_equal(soundfile.read(str(path), dtype="int16")[0], [32767, -32768])


def test_float_round_trip(tmp_path):
    x = np.array([0.0, 1.5, -2.0, 1e-3, 1.0 / 3.0])
    write_wav(tmp_path / "f.wav", x, 96000, subtype="FLOAT")
    y, sr = read_wav(tmp_path / "f.wav")
    assert sr == 96000
    np.testing.assert_array_equal(y, x.astype(np.float32))


@pytest.mark.parametrize("channels", [2, 3, 6])
def test_several_channels_are_averaged_like_librosa(tmp_path, channels):
    data = np.stack([white_noise(0.1, 16000, amplitude=0.5, rng=c) for c in range(channels)], axis=1)
    path = str(tmp_path / "multi.wav")
    soundfile.write(path, data, 16000, subtype="PCM_24")
    y, sr = read_wav(path)
    stored = soundfile.read(path)[0]
    np.testing.assert_array_equal(y, stored.mean(axis=1))
    expected, _ = librosa.load(path, sr=None, dtype=np.float64)
    assert_close(y, expected, RESAMPLE_ATOL)


@pytest.mark.parametrize(
    ("native", "target"), [(44100, 22050), (48000, 22050), (16000, 22050), (22050, 16000), (8000, 8000)]
)
@pytest.mark.parametrize("subtype", ["PCM_16", "FLOAT"])
def test_resampling_matches_librosa_load(tmp_path, native, target, subtype):
    path = str(tmp_path / "r.wav")
    write_wav(path, some_sound(native), native, subtype=subtype)
    y, sr = read_wav(path, sr=target)
    assert sr == target
    expected64, _ = librosa.load(path, sr=target, dtype=np.float64)
    assert_close(y, expected64, RESAMPLE_ATOL)
    expected32, sr32 = librosa.load(path, sr=target)  # librosa's default: float32
    assert sr32 == target
    assert_close(y, expected32, FLOAT32_ATOL)


@FILES
@given(st.integers(1, 600), st.sampled_from([(48000, 22050), (16000, 22050), (8000, 22050), (22050, 16000)]))
def test_resampled_length_is_librosas_for_any_length(tmp_path, n, rates):
    # soxr returns a sample more or less than ceil(n * ratio) for many lengths;
    # librosa pads or trims to exactly that, and so must read_wav.
    native, target = rates
    path = str(tmp_path / "short.wav")
    write_wav(path, white_noise(n / native, native, amplitude=0.5, rng=n), native, subtype="FLOAT")
    expected, _ = librosa.load(path, sr=target, dtype=np.float64)
    assert_close(read_wav(path, sr=target)[0], expected, RESAMPLE_ATOL)


def test_no_resampling_unless_asked(tmp_path):
    path = tmp_path / "native.wav"
    write_wav(path, some_sound(44100), 44100)
    assert read_wav(path)[1] == 44100
    assert librosa.load(path)[1] == 22050  # what the pages warn about


@pytest.fixture(scope="module")
def valid_wav_bytes(tmp_path_factory):
    path = tmp_path_factory.mktemp("valid") / "valid.wav"
    write_wav(path, some_sound(8000, 0.05), 8000)
    return path.read_bytes()


def assert_clear_error(path, error=ValueError):
    with pytest.raises(error) as info:
        read_wav(path)
    assert str(path) in str(info.value)
    return str(info.value)


@FILES
@given(st.data())
def test_truncated_files_give_a_clear_error(tmp_path, valid_wav_bytes, data):
    cut = data.draw(st.integers(0, len(valid_wav_bytes) - 1))
    path = tmp_path / "cut.wav"
    path.write_bytes(valid_wav_bytes[:cut])
    message = assert_clear_error(path)
    assert any(word in message for word in ["empty", "cut short", "not a readable WAV", "no samples"])


@FILES
@given(st.binary(min_size=0, max_size=2000))
def test_random_bytes_give_a_clear_error(tmp_path, blob):
    path = tmp_path / "noise.wav"
    path.write_bytes(blob)
    assert_clear_error(path)


@FILES
@given(st.binary(min_size=1, max_size=200))
def test_a_damaged_header_gives_a_clear_error(tmp_path, valid_wav_bytes, blob):
    path = tmp_path / "damaged.wav"
    path.write_bytes(valid_wav_bytes[:12] + blob)  # a RIFF/WAVE start, then garbage
    assert_clear_error(path)


def test_specific_messages(tmp_path, valid_wav_bytes):
    assert "no such file" in assert_clear_error(tmp_path / "missing.wav", FileNotFoundError)
    (tmp_path / "empty.wav").write_bytes(b"")
    assert "empty" in assert_clear_error(tmp_path / "empty.wav")
    (tmp_path / "cut.wav").write_bytes(valid_wav_bytes[:-10])
    assert "cut short" in assert_clear_error(tmp_path / "cut.wav")
    assert "not a file" in assert_clear_error(tmp_path)
    soundfile.write(str(tmp_path / "x.flac"), np.zeros(100), 8000)
    assert "FLAC" in assert_clear_error(tmp_path / "x.flac")
    soundfile.write(str(tmp_path / "nothing.wav"), np.zeros(0), 8000)
    assert "no samples" in assert_clear_error(tmp_path / "nothing.wav")
    soundfile.write(str(tmp_path / "nan.wav"), np.array([0.0, np.nan]), 8000, subtype="FLOAT")
    assert "NaN" in assert_clear_error(tmp_path / "nan.wav")


@pytest.mark.parametrize(
    ("samples", "sr", "subtype", "error", "name"),
    [
        ([0.0, np.nan], 8000, "PCM_16", ValueError, "samples"),
        ([0.0, np.inf], 8000, "FLOAT", ValueError, "samples"),
        ([], 8000, "PCM_16", ValueError, "samples"),
        (np.zeros((10, 2)), 8000, "PCM_16", ValueError, "samples"),
        ([0.5, 1.5], 8000, "PCM_16", ValueError, "samples"),
        ([0.0], 0, "PCM_16", ValueError, "sr"),
        ([0.0], -8000, "PCM_16", ValueError, "sr"),
        ([0.0], 8000.0, "PCM_16", TypeError, "sr"),
        ([0.0], 8000, "MP3", ValueError, "subtype"),
        ([0.0], 8000, "PCM_S8", ValueError, "subtype"),
    ],
)
def test_bad_writes_leave_nothing_behind(tmp_path, samples, sr, subtype, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        write_wav(tmp_path / "out.wav", samples, sr, subtype=subtype)
    assert os.listdir(tmp_path) == []


def test_read_wav_checks_sr(tmp_path):
    write_wav(tmp_path / "a.wav", [0.0, 0.1], 8000)
    with pytest.raises(ValueError, match=r"\bsr\b"):
        read_wav(tmp_path / "a.wav", sr=0)
    with pytest.raises(TypeError, match=r"\bsr\b"):
        read_wav(tmp_path / "a.wav", sr=22050.0)


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_wav(tmp_path / "no" / "out.wav", [0.0], 8000)


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "keep.wav"
    write_wav(path, [0.25, -0.25], 8000)
    before = path.read_bytes()

    def fail_halfway(file, data, samplerate, **kwargs):
        file.write(b"RIFF half a header")
        raise OSError("disk full")

    monkeypatch.setattr(soundfile, "write", fail_halfway)
    with pytest.raises(OSError, match="disk full"):
        write_wav(path, np.zeros(1000), 8000)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["keep.wav"]


def test_write_replaces_an_existing_file(tmp_path):
    path = tmp_path / "again.wav"
    write_wav(path, [0.5] * 10, 8000)
    write_wav(path, [-0.5] * 3, 16000)
    y, sr = read_wav(path)
    assert sr == 16000 and y.tolist() == [-0.5] * 3
    assert os.listdir(tmp_path) == ["again.wav"]


def test_quantise_keeps_what_a_pcm_file_keeps(tmp_path):
    y = tone(440, 0.05, 8000, amplitude=0.7)
    for bits, subtype in ((8, "PCM_U8"), (16, "PCM_16")):
        path = tmp_path / f"q{bits}.wav"
        write_wav(path, y, 8000, subtype=subtype)
        assert np.array_equal(quantise(y, bits), read_wav(path)[0])
    assert np.array_equal(quantise([1.0, -1.0, 0.0], 3), [0.75, -1.0, 0.0])
    with pytest.raises(ValueError, match="bits"):
        quantise(y, 33)
    with pytest.raises(ValueError, match="samples"):
        quantise([1.5], 8)


def test_resample_is_what_read_wav_does_and_removes_what_would_alias(tmp_path):
    y = chirp(100, 7000, 0.5, 16000, amplitude=0.5)
    path = tmp_path / "chirp.wav"
    write_wav(path, y, 16000, subtype="FLOAT")
    assert np.allclose(resample(y.astype(np.float32), 16000, 6000), read_wav(path, sr=6000)[0])
    high = tone(3000, 1.0, 16000)  # above the new Nyquist frequency, 2000 Hz
    assert np.sqrt(np.mean(resample(high, 16000, 4000) ** 2)) < 0.01 < np.sqrt(np.mean(high[::4] ** 2))
    assert np.array_equal(resample(y, 16000, 16000), y)
    with pytest.raises(ValueError, match="target_sr"):
        resample(y, 16000, 0)
