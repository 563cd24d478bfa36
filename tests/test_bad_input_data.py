"""Hostile and edge input to the data-set modules: rows of the bad-input review.

Each test names its review row. Clip sets must never write outside the
folder they are given, folders must not lose or invent classes silently, and
labels, speakers and features must never be merged or overflow quietly.
"""

import errno
import os
import re
from pathlib import Path

import numpy as np
import pytest

from dlaudio import Clips, Standardizer, encode_labels, load_folder, make_vowels, split_by_speaker
from dlaudio import clips as clips_module
from dlaudio.wav import write_wav


def _everything_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*"))


# --- Clips.write: names from untrusted speakers and labels (C01, C02) ---------------------


@pytest.mark.parametrize("speaker", ["../../escaped", "a/b", "a\\b", "a\0b", "", ".", "..", ".hidden"])
def test_write_refuses_a_speaker_that_is_no_plain_name_and_writes_nothing(tmp_path, speaker):
    """C01/C02: one bad speaker id among good clips; not even the good clips are written."""
    clips = Clips(waves=[np.zeros(100), np.zeros(100)], sr=8000, labels=["a", "a"], speakers=["ok", speaker])
    with pytest.raises(ValueError, match=re.escape(f"speaker {speaker!r} cannot be part of a file name")):
        clips.write(tmp_path / "out")
    assert _everything_under(tmp_path) == []


def test_write_refuses_an_absolute_speaker_path(tmp_path):
    """C02: an absolute path as speaker id would replace the whole target path."""
    speaker = str(tmp_path / "abs")
    clips = Clips(waves=[np.zeros(100)], sr=8000, labels=["a"], speakers=[speaker])
    with pytest.raises(ValueError, match="cannot be part of a file name"):
        clips.write(tmp_path / "out")
    assert _everything_under(tmp_path) == []


@pytest.mark.parametrize("label", [".cache", "a\\b"])
def test_write_refuses_a_hidden_or_backslashed_label(tmp_path, label):
    clips = Clips(waves=[np.zeros(100)] * 2, sr=8000, labels=["a", label], speakers=["s", "s"])
    with pytest.raises(ValueError, match=re.escape(f"label {label!r} cannot be a folder name")):
        clips.write(tmp_path / "out")
    assert _everything_under(tmp_path) == []


def test_write_refuses_a_label_folder_that_links_outside(tmp_path):
    """C01, defence in depth: a target that resolves outside the folder is refused."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a").symlink_to(elsewhere)
    clips = Clips(waves=[np.zeros(100)] * 2, sr=8000, labels=["b", "a"], speakers=["s", "s"])
    with pytest.raises(ValueError, match="outside"):
        clips.write(tmp_path / "out")
    assert _everything_under(elsewhere) == []
    assert not (tmp_path / "out" / "b").exists()


def test_write_still_writes_ordinary_names(tmp_path):
    clips = Clips(waves=[np.zeros(100)] * 2, sr=8000, labels=["아", "a.b"], speakers=["spk 1", "x..y"])
    paths = clips.write(tmp_path / "out")
    assert [p.relative_to(tmp_path / "out").as_posix() for p in paths] == ["아/spk 1_1.wav", "a.b/x..y_1.wav"]


# --- load_folder: hidden entries, unreadable folders, links and pipes (L07, L11, L12, L13, L15)


def _folder(root, *names):
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        write_wav(root / name, np.zeros(100), 8000)
    return root


def test_hidden_folders_and_files_are_skipped(tmp_path):
    """L07 (and L06): .cache/ is not a class; .x.wav and macOS's ._x.wav junk are not read."""
    root = _folder(tmp_path, "a/x.wav", "a/.y.wav", ".cache/z.wav", "a/.git/w.wav")
    (root / "a" / "._x.wav").write_bytes(b"\0\5\26\7 AppleDouble, not a WAV file")
    data = load_folder(root)
    assert data.labels == ["a"]
    assert [p.name for p in data.paths] == ["x.wav"]


@pytest.fixture
def folder_b_unreadable(tmp_path, monkeypatch):
    """root/a and root/b, where listing b fails as for a folder of mode 000 (the tests run as root)."""
    root = _folder(tmp_path, "a/x.wav", "b/y.wav")
    locked = root / "b"
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return root


def test_an_unreadable_class_folder_is_an_error(folder_b_unreadable):
    """L13: a whole class must not vanish without a word."""
    root = folder_b_unreadable
    with pytest.raises(ValueError, match="1 folder") as info:
        load_folder(root)
    assert f"{root / 'b'}: " in str(info.value) and "Permission denied" in str(info.value)


def test_an_unreadable_class_folder_is_named_in_the_warning(folder_b_unreadable):
    root = folder_b_unreadable
    with pytest.warns(UserWarning, match="Permission denied") as record:
        data = load_folder(root, errors="warn")
    assert str(root / "b") in str(record[0].message)
    assert data.labels == ["a"]


@pytest.fixture
def folder_with_link_and_pipe(tmp_path):
    root = _folder(tmp_path, "a/x.wav")
    (root / "a" / "dead.wav").symlink_to(root / "a" / "gone.wav")
    os.mkfifo(root / "a" / "pipe.wav")
    (root / "a" / "notes.txt").symlink_to(root / "nowhere.txt")  # not audio: not reported
    return root


def test_dangling_links_and_pipes_are_reported(folder_with_link_and_pipe):
    """L11: they are never opened (a pipe would block), but they are named."""
    root = folder_with_link_and_pipe
    with pytest.raises(ValueError, match="2 file") as info:
        load_folder(root)
    message = str(info.value)
    assert "dead.wav" in message and "pipe.wav" in message and "notes.txt" not in message
    with pytest.warns(UserWarning, match="dead.wav"):
        data = load_folder(root, errors="warn")
    assert [p.name for p in data.paths] == ["x.wav"]


def test_file_names_reach_read_wav_as_they_are_and_its_message_is_kept(tmp_path, monkeypatch):
    """L12/L15: the name is not encoded on the way, and read_wav's reason is reported."""
    root = _folder(tmp_path, "a/x.wav")
    raw = os.path.join(os.fsencode(root / "a"), b"\xff.wav")
    with open(raw, "wb") as f:
        f.write((root / "a" / "x.wav").read_bytes())
    seen = []

    def read_wav(path, sr=None):
        seen.append(path)
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))

    monkeypatch.setattr(clips_module, "read_wav", read_wav)
    with pytest.raises(ValueError, match="Permission denied") as info:
        load_folder(root)
    assert sorted(os.fsencode(p) for p in seen) == sorted([raw, os.fsencode(root / "a" / "x.wav")])
    assert os.fsdecode(raw) in str(info.value)


# --- labels and speakers given as generators (D03, P02) -----------------------------------


def test_generators_work_as_lists_do():
    assert encode_labels(x for x in ["u", "a", "u"])[0].tolist() == [1, 0, 1]
    assert encode_labels(["u"], classes=(c for c in ("a", "u")))[0].tolist() == [1]
    assert make_vowels(1, tokens=1, labels=(x for x in ["a", "i"])).labels == ["a", "i"]
    clips = Clips(waves=[np.zeros(3)] * 2, sr=8000, labels=iter("ab"), speakers=iter("xy"))
    assert clips.labels == ["a", "b"] and clips.speakers == ["x", "y"]
    speakers, labels = ["ann", "ann", "bob", "bob"], ["a", "i", "a", "i"]
    expected = split_by_speaker(speakers, labels, (0.5, 0.5), rng=0)
    given = split_by_speaker(iter(speakers), iter(labels), iter((0.5, 0.5)), groups=iter("mmmm"), rng=0)
    for a, b in zip(expected, given):
        np.testing.assert_array_equal(a, b)


def test_fractions_from_a_generator_are_named_in_the_error():
    with pytest.raises(ValueError, match=r"\[0\.5, 0\.6\]"):
        split_by_speaker(["a", "b"], ["x", "y"], (f for f in (0.5, 0.6)))


# --- labels that would merge (P03) --------------------------------------------------------


def test_labels_that_print_alike_are_not_merged():
    with pytest.raises(ValueError, match="labels 1 and '1' would both become '1'"):
        encode_labels([1, "1", 1.0, None, "None"])
    with pytest.raises(ValueError, match="labels None and 'None' would both become 'None'"):
        encode_labels([None, "None"])
    with pytest.raises(ValueError, match="speakers 7 and '7'"):
        split_by_speaker([7, "7"], ["a", "a"], (0.5, 0.5))
    with pytest.raises(ValueError, match="labels 1 and '1'"):
        Clips(waves=[np.zeros(3)] * 2, sr=8000, labels=[1, "1"])


def test_ordinary_labels_keep_their_classes():
    indices, classes = encode_labels([3, 1, 3])
    assert classes == ("1", "3") and indices.tolist() == [1, 0, 1]
    indices, classes = encode_labels([np.int64(2), 2, 1.5, 1.5, np.float64(1.5), np.str_("a"), "a"])
    assert classes == ("1.5", "2", "a") and indices.tolist() == [1, 1, 0, 0, 0, 2, 2]
    assert encode_labels([1, 2], classes=("1", "2"))[0].tolist() == [0, 1]


# --- Standardizer: numbers near float max, complex numbers (P06, P07) ---------------------


def test_standardizer_near_float_max_is_finite_and_right():
    """P06: the sums must not overflow (and no RuntimeWarning may escape: pytest makes it an error)."""
    scaler = Standardizer().fit([[1e308], [1.5e308]])
    np.testing.assert_allclose(scaler.mean_, [1.25e308])
    np.testing.assert_allclose(scaler.scale_, [0.25e308])
    np.testing.assert_allclose(scaler.transform([[1e308], [1.5e308]]), [[-1.0], [1.0]])
    wide = np.array([[-1.7e308], [1.7e308], [1.7e308]])
    z = Standardizer().fit_transform(wide)
    small = wide / 1e300
    np.testing.assert_allclose(z, (small - small.mean()) / small.std())


def test_standardizer_gives_numpys_statistics_for_ordinary_data():
    train = np.random.default_rng(1).normal(3.0, 7.0, size=(40, 5))
    scaler = Standardizer().fit(train)
    np.testing.assert_array_equal(scaler.mean_, train.mean(axis=0))
    np.testing.assert_array_equal(scaler.scale_, train.std(axis=0))
    np.testing.assert_array_equal(scaler.transform(train), (train - train.mean(axis=0)) / train.std(axis=0))


def test_standardizer_refuses_a_result_beyond_float_range():
    scaler = Standardizer().fit([[0.0], [1e-300]])
    with pytest.raises(ValueError, match="float range"):
        scaler.transform([[1e308]])


def test_standardizer_refuses_complex_features_and_keeps_its_fit():
    """P07: no silent loss of the imaginary parts."""
    scaler = Standardizer().fit([[1.0], [3.0]])
    with pytest.raises(TypeError, match="x must hold real numbers, got complex values"):
        scaler.fit(np.array([[1 + 2j], [3 + 0j]]))
    with pytest.raises(TypeError, match="complex"):
        scaler.transform(np.array([[1 + 2j]]))
    assert scaler.mean_.tolist() == [2.0] and scaler.scale_.tolist() == [1.0]


# --- make_vowels: sizes checked up front (D02) --------------------------------------------


@pytest.mark.parametrize("duration", [(1e9, 1e9), (0.3, 61.0)])
def test_vowels_refuse_clips_longer_than_a_minute(duration):
    with pytest.raises(ValueError, match="duration"):
        make_vowels(1, duration=duration)
