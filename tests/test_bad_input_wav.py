"""Hostile and unusual inputs to read_wav, write_wav and atomic writes: the bad-input review's W and X rows."""

from __future__ import annotations

import builtins
import errno
import os
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import soundfile

from dlaudio import read_wav, write_wav

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def stream_wav(path, declared):
    """A 1000-sample 16-bit WAV whose data chunk announces ``declared`` bytes."""
    soundfile.write(str(path), np.linspace(-0.5, 0.5, 1000), 8000, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    at = data.find(b"data")
    data[at + 4 : at + 8] = struct.pack("<I", declared)
    if declared == 0xFFFFFFFF:  # a pipe writer cannot fill in the RIFF size either
        data[4:8] = struct.pack("<I", declared)
    path.write_bytes(bytes(data))
    return soundfile.read(str(path), dtype="float64")[0]


def denied(monkeypatch, module, function, prefix):
    """Make ``module.function`` refuse paths starting with ``prefix`` as the kernel does for a non-root user.

    root ignores file modes, so under root the chmod in the tests below
    would change nothing; the refusal is then raised where the kernel would
    raise it, and read_wav/write_wav go through their real error path.
    """
    real = getattr(module, function)
    prefix = os.fsdecode(os.fspath(prefix))

    def refuse(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and os.fsdecode(os.fspath(file)).startswith(prefix):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(file))
        return real(file, *args, **kwargs)

    if ROOT:
        monkeypatch.setattr(module, function, refuse)


# W27
@pytest.mark.parametrize(
    ("channels", "expected"),
    [
        ([1.5e308, 1.5e308], 1.5e308),
        ([1.5e308, 1.7e308], 1.6e308),
        ([-1.7e308, -1.6e308, -1.5e308], -1.6e308),
        ([np.finfo(float).max] * 3, np.finfo(float).max),
    ],
)
def test_channels_near_float_max_average_to_finite_samples(tmp_path, channels, expected):
    path = tmp_path / "huge.wav"
    soundfile.write(str(path), np.tile(channels, (4, 1)), 8000, subtype="DOUBLE")
    y, _ = read_wav(path)
    assert np.all(np.isfinite(y))
    np.testing.assert_allclose(y, expected, rtol=1e-15)


def test_ordinary_channels_keep_the_plain_mean(tmp_path):
    data = np.array([[1.5e308, -1.5e308], [0.1, 0.2], [1e-300, 3e-300], [0.3, -0.7]])
    path = tmp_path / "mixed.wav"
    soundfile.write(str(path), data, 8000, subtype="DOUBLE")
    np.testing.assert_array_equal(read_wav(path)[0], data.mean(axis=1))


# W05
def test_the_streaming_size_placeholder_reads_to_the_end(tmp_path):
    path = tmp_path / "stream.wav"
    expected = stream_wav(path, 0xFFFFFFFF)
    y, sr = read_wav(path)
    assert sr == 8000 and y.shape == (1000,)
    np.testing.assert_array_equal(y, expected)


def test_other_sizes_past_the_end_are_still_cut_short(tmp_path):
    path = tmp_path / "cut.wav"
    stream_wav(path, 0xFFFFFFFE)
    with pytest.raises(ValueError, match="cut short") as info:
        read_wav(path)
    assert str(path) in str(info.value)


# W24b
def test_gsm610_is_read(tmp_path):
    path = tmp_path / "gsm.wav"
    soundfile.write(str(path), 0.5 * np.sin(np.arange(4000) / 10), 8000, subtype="GSM610")
    with soundfile.SoundFile(str(path)) as f:
        expected = f.read(f.frames, dtype="float64")
    y, sr = read_wav(path)
    assert sr == 8000 and y.shape == expected.shape and y.shape[0] >= 4000
    np.testing.assert_array_equal(y, expected)
    assert read_wav(path, sr=16000)[0].shape == (2 * y.shape[0],)


# W36
def test_a_symlink_loop_is_named(tmp_path):
    a, b = tmp_path / "a.wav", tmp_path / "b.wav"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(OSError, match="symbolic link loop") as info:
        read_wav(a)
    assert str(a) in str(info.value) and info.value.errno == errno.ELOOP


# W38
def test_an_unreadable_file_says_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "locked.wav"
    write_wav(path, [0.0, 0.5], 8000)
    path.chmod(0)
    denied(monkeypatch, builtins, "open", path)
    with pytest.raises(PermissionError, match="permission denied") as info:
        read_wav(path)
    assert str(path) in str(info.value) and info.value.errno == errno.EACCES


# W39
def test_a_file_in_an_unreadable_folder_says_permission_denied(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "in.wav"
    write_wav(path, [0.0, 0.5], 8000)
    folder.chmod(0)
    try:
        denied(monkeypatch, os, "stat", folder)
        with pytest.raises(PermissionError, match="permission denied") as info:
            read_wav(path)
    finally:
        monkeypatch.undo()
        folder.chmod(0o755)
    assert str(path) in str(info.value) and info.value.errno == errno.EACCES


# W41, W42
def test_file_names_that_are_not_utf8(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.wav")
    soundfile.write(str(tmp_path / "plain.wav"), [0.25, -0.5, 0.75], 8000, subtype="FLOAT")
    with open(name, "wb") as fh:
        fh.write((tmp_path / "plain.wav").read_bytes())
    for path in (name, os.fsdecode(name)):
        y, sr = read_wav(path)
        assert sr == 8000 and y.tolist() == [0.25, -0.5, 0.75]
    for path in (name, os.fsdecode(name)):
        write_wav(path, [0.5, -0.25], 16000, subtype="FLOAT")
        y, sr = read_wav(path)
        assert sr == 16000 and y.tolist() == [0.5, -0.25]
    assert sorted(os.listdir(os.fsencode(tmp_path))) == [b"plain.wav", b"\xff\xfe.wav"]


# W46
def test_an_absurd_resampling_rate_is_refused(tmp_path):
    path = tmp_path / "a.wav"
    write_wav(path, np.zeros(1000), 16000)
    with pytest.raises(ValueError, match=r"\bsr\b"):
        read_wav(path, sr=2**40)
    write_wav(path, np.zeros(10), 1)
    with pytest.raises(ValueError, match=r"\bsr\b") as info:
        read_wav(path, sr=2**31 - 1)  # a valid rate, but 2e10 samples
    assert str(path) in str(info.value)


def test_running_out_of_memory_while_resampling_is_explained(tmp_path, monkeypatch):
    import soxr

    path = tmp_path / "a.wav"
    write_wav(path, np.zeros(1000), 16000)

    def bad_alloc(*args, **kwargs):
        raise MemoryError("std::bad_alloc")

    monkeypatch.setattr(soxr, "resample", bad_alloc)
    with pytest.raises(MemoryError, match=r"sr=22050") as info:
        read_wav(path, sr=22050)
    assert str(path) in str(info.value)


# X05
def test_a_rate_beyond_a_wav_header_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\bsr\b"):
        write_wav(tmp_path / "out.wav", [0.0], 2**31)
    assert os.listdir(tmp_path) == []
    write_wav(tmp_path / "out.wav", [0.0], 2**31 - 1)
    assert read_wav(tmp_path / "out.wav")[1] == 2**31 - 1


# X09, K13
def test_a_read_only_folder_names_the_target(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "o.wav"
    write_wav(path, [0.25], 8000)
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        denied(monkeypatch, os, "open", folder / ".o.wav.")
        with pytest.raises(PermissionError) as info:
            write_wav(path, [0.5], 8000)
    finally:
        folder.chmod(0o755)
    message = str(info.value)
    assert str(path) in message and ".tmp" not in message and info.value.errno == errno.EACCES
    assert path.read_bytes() == before and os.listdir(folder) == ["o.wav"]


# X11, X16, K18
FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    import numpy as np
    from dlaudio import write_wav
    from dlaudio._files import atomic_write

    # As on a full disk: writes beyond 100 kB fail (EFBIG) instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    wav, npz = sys.argv[1:]

    def write_a_wav():
        write_wav(wav, np.zeros(200_000), 16000)

    def save_a_cache():
        with atomic_write(npz) as fh:
            np.savez(fh, x=np.arange(100_000.0))

    for write in (write_a_wav, save_a_cache):
        try:
            write()
        except OSError as err:
            print(type(err).__name__, err.errno, err)
        except BaseException as err:
            print("wrong", type(err).__name__, repr(err))
        else:
            print("no error")
    """
)


def test_a_full_disk_names_the_target_and_keeps_the_old_file(tmp_path):
    wav, npz = tmp_path / "keep.wav", tmp_path / "keep.npz"
    write_wav(wav, [0.25, -0.25], 8000)
    npz.write_bytes(b"old cache")
    before = wav.read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(wav), str(npz)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    for line, name in zip(lines, [wav, npz]):
        assert line.startswith(f"OSError {errno.EFBIG} ") and str(name) in line and ".tmp" not in line, line
        assert "too large" in line
    assert wav.read_bytes() == before and npz.read_bytes() == b"old cache"
    assert sorted(os.listdir(tmp_path)) == ["keep.npz", "keep.wav"]


# X15
@pytest.mark.parametrize("call", [lambda p: read_wav(p), lambda p: write_wav(p, [0.0], 8000)])
def test_a_nul_byte_in_the_path(tmp_path, call):
    path = str(tmp_path / "a\0b.wav")
    with pytest.raises(ValueError, match="NUL") as info:
        call(path)
    assert repr(path) in str(info.value)
    assert os.listdir(tmp_path) == []
