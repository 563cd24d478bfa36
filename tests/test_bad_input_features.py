"""Review rows of the features (bad-input review): the feature cache, absurd sizes, overflowing signals.

Each test names its row (K11, K12, K13, F05, F06, S06, S19). Also: the
batched and blocked ``mfcc_features`` gives each clip's ``mfcc`` (to the bit
for clips that fit one block) and librosa's numbers.
"""

from __future__ import annotations

import errno
import io
import os
import tracemalloc
import warnings
import zipfile

import numpy as np
import pytest
from audio_cases import assert_close, librosa, reference

from dlaudio import mfcc, mfcc_features, power_spectrogram, stft, vowels


@pytest.fixture
def clips():
    data = vowels(2, tokens=1, seed=3)
    return data.waves[:4], data.sr


def _npy(array=None, *, header=None, data=b""):
    """The bytes of an .npy member: a real array, or a header that declares what it likes."""
    out = io.BytesIO()
    if array is not None:
        np.lib.format.write_array(out, np.asarray(array), allow_pickle=False)
    else:
        np.lib.format.write_array_header_1_0(out, header)
        out.write(data)
    return out.getvalue()


def _rewrite(cache, **members):
    """Rewrite the cache ``.npz`` with some members replaced by raw ``.npy`` bytes."""
    with np.load(cache, allow_pickle=False) as archive:
        kept = {name: _npy(archive[name]) for name in archive.files if name not in members}
    with zipfile.ZipFile(cache, "w", zipfile.ZIP_DEFLATED) as out:
        for name, payload in {**kept, **members}.items():
            out.writestr(f"{name}.npy", payload)
    return cache.read_bytes()


def _bomb():
    """A features member that declares 2 GiB of float64 but holds 1 MiB of zeros (a few KiB deflated)."""
    return _npy(header={"descr": "<f8", "fortran_order": False, "shape": (2**28,)}, data=bytes(2**20))


def _peak_bytes(call):
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- K12: matching params and fingerprint are not enough ---------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda x: np.full((1, 2), np.nan),
        lambda x: np.full_like(x, np.nan),
        lambda x: x[:, :-1],
        lambda x: x.astype(np.float32),
        lambda x: x.reshape(x.shape[0], -1, 13),
    ],
    ids=["tiny-nan", "nan", "short-rows", "float32", "3-d"],
)
def test_k12_cached_features_are_checked_not_trusted(tmp_path, clips, damage):
    waves, sr = clips
    cache = tmp_path / "feat.npz"
    good = mfcc_features(waves, sr, cache=cache)
    with np.load(cache, allow_pickle=False) as archive:
        bad = damage(archive["features"])
    before = _rewrite(cache, features=_npy(bad))
    with pytest.raises(ValueError, match=r"feat\.npz.*(shape|not all finite).*delete it"):
        mfcc_features(waves, sr, cache=cache)
    assert cache.read_bytes() == before  # refused, not overwritten
    cache.unlink()
    np.testing.assert_array_equal(mfcc_features(waves, sr, cache=cache), good)


# --- K11: nothing big is read before the small strings match ------------------------------


def test_k11_a_stale_cache_is_replaced_without_inflating_its_features(tmp_path, clips):
    waves, sr = clips
    cache = tmp_path / "feat.npz"
    mfcc_features(waves, sr, frames=3, cache=cache)
    _rewrite(cache, features=_bomb())
    x, peak = _peak_bytes(lambda: mfcc_features(waves, sr, frames=4, cache=cache))  # other params: stale
    assert peak < 2**26, f"read {peak / 2**20:.0f} MiB for a stale cache"
    np.testing.assert_array_equal(x, mfcc_features(waves, sr, frames=4))
    with np.load(cache, allow_pickle=False) as archive:  # rewritten with the new features
        np.testing.assert_array_equal(archive["features"], x)


def test_k11_a_declared_shape_that_does_not_fit_is_refused_before_reading(tmp_path, clips):
    waves, sr = clips
    cache = tmp_path / "feat.npz"
    mfcc_features(waves, sr, cache=cache)
    before = _rewrite(cache, features=_bomb())

    def refused():
        with pytest.raises(ValueError, match=r"feat\.npz.*shape \(268435456,\).*delete it"):
            mfcc_features(waves, sr, cache=cache)

    _, peak = _peak_bytes(refused)
    assert peak < 2**26, f"read {peak / 2**20:.0f} MiB of a cache it then refused"
    assert cache.read_bytes() == before


def test_k11_a_huge_params_string_is_refused_unread(tmp_path, clips):
    waves, sr = clips
    cache = tmp_path / "feat.npz"
    mfcc_features(waves, sr, cache=cache)
    _rewrite(cache, params=_npy(header={"descr": "<U100000000", "fortran_order": False, "shape": ()}))
    with pytest.raises(ValueError, match=r"feat\.npz.*params is not a short string"):
        mfcc_features(waves, sr, cache=cache)


# --- K13: a folder that cannot be written --------------------------------------------------


def test_k13_read_only_cache_folder_returns_the_features_with_a_warning(tmp_path, clips, monkeypatch):
    waves, sr = clips
    folder = tmp_path / "ro"
    folder.mkdir()
    cache = folder / "feat.npz"
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        # chmod does not stop root (the tests may run as root): refuse as a read-only folder would.
        if flags & os.O_CREAT and os.path.dirname(os.fspath(path)) == os.fspath(folder):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    expected = mfcc_features(waves, sr)
    folder.chmod(0o555)
    monkeypatch.setattr(os, "open", refusing)
    try:
        with pytest.warns(UserWarning, match=r"ro/feat\.npz: .*not cached.*Permission denied"):
            x = mfcc_features(waves, sr, cache=cache)
    finally:
        folder.chmod(0o755)
    np.testing.assert_array_equal(x, expected)
    assert list(folder.iterdir()) == []


def test_k13_a_full_disk_still_raises(tmp_path, clips, monkeypatch):
    waves, sr = clips

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "savez", full)
    with pytest.raises(OSError, match="No space left"):
        mfcc_features(waves, sr, cache=tmp_path / "feat.npz")
    assert list(tmp_path.iterdir()) == []


# --- F05, S06: absurd sizes are refused before anything is allocated ----------------------


def test_f05_absurd_frames_is_a_value_error(clips):
    waves, sr = clips
    longest = max(1 + w.size // 512 for w in waves)
    with pytest.raises(ValueError, match=r"frames=1000000000 is more than 10 times the \d+ frames"):
        mfcc_features(waves, sr, frames=10**9)
    with pytest.raises(ValueError, match="frames="):
        mfcc_features(waves, sr, frames=10 * longest + 1)
    assert mfcc_features(waves, sr, frames=10 * longest, layout="frames").shape == (4, 10 * longest, 13)


def test_s06_absurd_n_fft_is_a_value_error():
    y = np.random.default_rng(0).standard_normal(22050)
    for call in (
        lambda: stft(y, n_fft=2**40),
        lambda: power_spectrogram(y, n_fft=2**40),
        lambda: mfcc(y=y, sr=22050, n_fft=2**40),
    ):
        with pytest.raises(
            ValueError,
            match=r"n_fft=1099511627776 is absurdly larger than the signal y "
            r"\(22050 samples\): at most max\(2\*\*16, 2 \* len\(y\)\) = 65536",
        ):
            call()
    with pytest.raises(ValueError, match=r"n_fft=.* signal waves\[1\] \(7 samples\)"):
        mfcc_features([y, y[:7]], 22050, n_fft=2**40)


def test_s06_moderately_long_frames_still_match_librosa():
    y = np.random.default_rng(1).standard_normal(100)
    for n_fft in (4096, 2**16):
        mine = stft(y, n_fft=n_fft, hop_length=64)
        np.testing.assert_array_equal(mine, reference(librosa.stft, y, n_fft=n_fft, hop_length=64))
    long = np.zeros(40000)
    assert stft(long, n_fft=80000, hop_length=40000).shape == (40001, 2)
    with pytest.raises(ValueError, match="n_fft=80002"):
        stft(long, n_fft=80002)


# --- S19, F06: a signal whose power overflows ----------------------------------------------


def _no_runtime_warning(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError) as raised:
            call()
    assert [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)] == []
    return str(raised.value)


def test_s19_a_signal_too_loud_for_float64_power_is_named():
    y = np.full(22050, 1e200)
    message = _no_runtime_warning(lambda: mfcc(y=y, sr=22050))
    assert "y is too loud for float64" in message and "overflows" in message and "S must" not in message
    assert "y is too loud" in _no_runtime_warning(lambda: power_spectrogram(y))
    assert "y is too loud" in _no_runtime_warning(lambda: stft(np.full(4096, 1e306)))


def test_f06_the_loud_clip_is_named_by_its_index(clips):
    waves, sr = clips
    loud = [waves[0], 1e200 * np.ones(3000), waves[2]]
    message = _no_runtime_warning(lambda: mfcc_features(loud, sr))
    assert "waves[1] is too loud for float64" in message and "S must" not in message
    # A clip long enough to be done in blocks of frames: one loud sample in its second block.
    long = np.zeros(200_000)
    long[190_000] = 1e200
    message = _no_runtime_warning(
        lambda: mfcc_features([waves[0], long], sr, n_fft=64, hop_length=1, n_mels=8, n_mfcc=8)
    )
    assert "waves[1] is too loud" in message


def test_s19_f06_a_power_that_fits_but_a_mel_sum_that_overflows():
    # At sr=100 the mel bands span many FFT bins: each mel value sums about 20 times the peak power.
    y = 3e151 * np.sin(2 * np.pi * 10 * np.arange(1000) / 100)
    assert np.isfinite(power_spectrogram(y)).all()
    assert "y is too loud for float64: its mel spectrogram overflows" in _no_runtime_warning(lambda: mfcc(y=y, sr=100))
    assert "waves[1] is too loud" in _no_runtime_warning(lambda: mfcc_features([np.zeros(1000), y], 100))


# --- the batched and blocked path gives mfcc's numbers --------------------------------------


@pytest.mark.parametrize(("n_fft", "hop"), [(2048, 512), (512, 160), (255, 64), (64, 100)])
def test_features_are_each_clips_mfcc(clips, n_fft, hop):
    waves, sr = clips
    rng = np.random.default_rng(2)
    waves = [*waves, rng.standard_normal(1), np.zeros(700), rng.standard_normal(n_fft + 1)]
    kwargs = dict(n_mfcc=13, n_fft=n_fft, hop_length=hop, n_mels=20)
    direct = [mfcc(y=w, sr=sr, **kwargs).T for w in waves]
    longest = max(d.shape[0] for d in direct)
    x = mfcc_features(waves, sr, frames=longest, layout="frames", **kwargs)
    for k, d in enumerate(direct):
        np.testing.assert_array_equal(x[k, : d.shape[0]], d)  # the same operations: to the bit
        np.testing.assert_array_equal(x[k, d.shape[0] :], np.repeat(d[-1:], longest - d.shape[0], axis=0))


def test_a_clip_done_in_blocks_matches_mfcc_and_librosa(clips):
    waves, sr = clips
    # 200 001 frames of 33 bins: more than one block of power-spectrogram values.
    long = np.sin(np.arange(200_000) * 0.01) + 0.1 * np.random.default_rng(3).standard_normal(200_000)
    kwargs = dict(n_mfcc=8, n_fft=64, hop_length=1, n_mels=8)
    x = mfcc_features([waves[0], long], sr, frames=200_001, layout="frames", **kwargs)
    direct = mfcc(y=long, sr=sr, **kwargs)
    theirs = librosa.feature.mfcc(y=long, sr=sr, dtype=np.float64, **kwargs)
    assert_close(x[1].T, direct, 1e-12)
    assert_close(x[1].T, theirs, 1e-12)
