"""Deltas and the way back from MFCCs to the mel envelope, against librosa.

``delta`` is librosa's Savitzky-Golay derivative (scipy's ``savgol_filter``
with ``mode="interp"``) done with numpy alone; ``mfcc_to_mel`` is
``librosa.feature.inverse.mfcc_to_mel``. Both agree to float64 rounding:
a few units in the last place of the largest value.
"""

from __future__ import annotations

import librosa
import numpy as np
import pytest

from dlaudio import delta, example, melspectrogram, mfcc, mfcc_to_mel, power_to_db, read_audio

RTOL = 1e-13


def relative_error(mine, theirs):
    return float(np.max(np.abs(mine - theirs)) / max(1.0, np.max(np.abs(theirs))))


@pytest.mark.parametrize("width", [3, 5, 7, 9])
@pytest.mark.parametrize("order", [1, 2])
@pytest.mark.parametrize("frames", ["short", "long"])
def test_delta_matches_librosa(width, order, frames):
    rng = np.random.default_rng(width * 10 + order)
    n = width if frames == "short" else 500
    x = 50 * rng.normal(size=(13, n))
    assert relative_error(delta(x, width=width, order=order), librosa.feature.delta(x, width=width, order=order)) < RTOL
    # Time on the first axis, and a 3-D stack (channels, coefficients, time).
    assert (
        relative_error(
            delta(x.T, width=width, order=order, axis=0), librosa.feature.delta(x.T, width=width, order=order, axis=0)
        )
        < RTOL
    )
    x3 = x.reshape(1, 13, n).repeat(2, axis=0)
    assert (
        relative_error(delta(x3, width=width, order=order), librosa.feature.delta(x3, width=width, order=order)) < RTOL
    )


def test_delta_of_speech_mfccs_matches_librosa():
    y, sr = read_audio(example("libri1"), sr=16000)
    C = mfcc(y=y[: 3 * sr], sr=sr, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40)
    for order in (1, 2):
        assert relative_error(delta(C, order=order), librosa.feature.delta(C, order=order)) < RTOL


def test_delta_of_a_one_dimensional_series_and_a_parabola():
    t = np.arange(20.0)
    np.testing.assert_allclose(delta(3 * t + 1), np.full(20, 3.0))
    np.testing.assert_allclose(delta(t**2, order=2), np.full(20, 2.0))  # exact for a polynomial of degree order
    assert delta(np.zeros((4, 9))).shape == (4, 9)
    x = np.arange(9.0)
    before = x.copy()
    delta(x)
    np.testing.assert_array_equal(x, before)  # the input is not changed


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        (dict(width=4), ValueError, "odd"),
        (dict(width=1), ValueError, ">= 3"),
        (dict(width=11), ValueError, "more than the 10 frames"),
        (dict(order=0), ValueError, "order"),
        (dict(width=3, order=3), ValueError, "order"),
        (dict(axis=2), ValueError, "axis"),
        (dict(width=9.0), TypeError, "width must be an integer"),
        (dict(order=True), TypeError, "order must be an integer"),
        (dict(axis="time"), TypeError, "axis must be an integer"),
    ],
)
def test_delta_refuses_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        delta(np.ones((3, 10)), **kwargs)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_delta_refuses_non_finite_features(bad):
    x = np.ones((3, 10))
    x[1, 4] = bad
    with pytest.raises(ValueError, match="features must contain only finite values"):
        delta(x)
    with pytest.raises(TypeError, match="features must be real"):
        delta(np.ones(10) + 1j)
    with pytest.raises(ValueError, match="features must not be empty"):
        delta(np.ones((3, 0)))


@pytest.mark.parametrize("n_mfcc", [1, 5, 13, 40])
@pytest.mark.parametrize("dct_norm", ["ortho", None])
@pytest.mark.parametrize("lifter", [0, 22])
def test_mfcc_to_mel_matches_librosa(n_mfcc, dct_norm, lifter):
    y, sr = read_audio(example("libri1"), sr=16000)
    C = mfcc(y=y[:sr], sr=sr, n_mfcc=n_mfcc, n_fft=512, hop_length=160, n_mels=40, dct_norm=dct_norm, lifter=lifter)
    mine = mfcc_to_mel(C, n_mels=40, dct_norm=dct_norm, lifter=lifter)
    theirs = librosa.feature.inverse.mfcc_to_mel(C, n_mels=40, norm=dct_norm, lifter=lifter)
    assert mine.shape == theirs.shape == (40, C.shape[1])
    # Powers span many decades: compare each one to its own size, and in dB.
    assert float(np.max(np.abs(mine - theirs) / theirs)) < 1e-12
    mine = mfcc_to_mel(C[np.newaxis].repeat(2, axis=0), n_mels=64, ref=2.0, dct_norm=dct_norm, lifter=lifter)
    theirs = librosa.feature.inverse.mfcc_to_mel(
        C[np.newaxis].repeat(2, axis=0), n_mels=64, ref=2.0, norm=dct_norm, lifter=lifter
    )
    assert float(np.max(np.abs(mine - theirs) / theirs)) < 1e-12


def test_all_coefficients_give_the_log_mel_spectrogram_back():
    y, sr = read_audio(example("libri1"), sr=16000)
    M_db = power_to_db(melspectrogram(y=y[:sr], sr=sr, n_fft=512, hop_length=160, n_mels=40))
    C = mfcc(S=M_db, n_mfcc=40)
    np.testing.assert_allclose(power_to_db(mfcc_to_mel(C, n_mels=40), top_db=None), M_db, atol=1e-10)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "words"),
    [
        ((np.ones(13),), {}, ValueError, "n_mfcc, t"),
        ((np.ones((13, 4)),), dict(n_mels=12), ValueError, "more than n_mels=12"),
        ((np.full((13, 4), np.nan),), {}, ValueError, "finite"),
        ((np.ones((13, 4)),), dict(dct_norm="slaney"), ValueError, "dct_norm"),
        ((np.ones((13, 4)),), dict(ref=0.0), ValueError, "ref must be > 0"),
        ((np.ones((13, 4)),), dict(lifter=-1.0), ValueError, "lifter must be >= 0"),
        ((np.ones((13, 4)),), dict(n_mels=40.0), TypeError, "n_mels must be an integer"),
        ((np.ones((13, 4)) * 1j,), {}, TypeError, "mfcc must be real"),
    ],
)
def test_mfcc_to_mel_refuses_bad_input(args, kwargs, error, words):
    with pytest.raises(error, match=words):
        mfcc_to_mel(*args, **kwargs)
