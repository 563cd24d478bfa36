"""Mel scale, filterbank, mel spectrogram, DCT and MFCC against librosa, and the common mistakes.

librosa builds its mel filterbank in float32 unless told ``dtype=np.float64``.
So there are two references:

- librosa with ``dtype=np.float64``: the same computation as dlaudio. Mel
  spectrograms agree to the bit here, MFCCs to the rounding of a DCT done by
  FFT (scipy) instead of by matrix (dlaudio).
- librosa's defaults: its filter weights are rounded to float32 twice (the
  triangle is stored in float32, then scaled by the Slaney norm in float32),
  a relative error of at most (1 + 2**-24)**2 - 1 each. All weights and
  powers are >= 0, so every mel value is off by at most that relative
  amount: ``20 * log10(1 + 2**-24)`` = 5.2e-7 dB after the log, and every
  MFCC by at most that times the largest row sum of ``|DCT|`` (and the
  lifter's largest factor). Those bounds are asserted.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.fft
from audio_cases import FFT_HOPS, PARITY, assert_close, edge_cases, librosa, reference, signals, with_examples
from hypothesis import given
from hypothesis import strategies as st

from dlaudio import (
    EmptyMelFilterWarning,
    chirp,
    dct_matrix,
    hann,
    hz_to_mel,
    mel_filterbank,
    mel_frequencies,
    mel_to_hz,
    melspectrogram,
    mfcc,
    power_spectrogram,
    power_to_db,
    pulse_train,
    white_noise,
)

#: mel_filterbank vs librosa.filters.mel(dtype=np.float64).
FILTERBANK_ATOL = 4e-16
#: hz_to_mel / mel_to_hz / mel_frequencies vs librosa, relative.
SCALE_RTOL = 1e-15
#: melspectrogram vs librosa (float64 filters), relative to the largest value.
MEL_RTOL = 1e-15
#: power_to_db(melspectrogram) vs librosa (float64 filters), dB.
LOGMEL_ATOL = 1e-12
#: mfcc vs librosa (float64 filters), relative to max(1, the largest |coefficient|).
MFCC_RTOL = 1e-14
#: What float32 filter weights can do to a dB value (see the module docstring), plus rounding.
FLOAT32_FILTER_DB = 20 * np.log10(1 + 2.0**-24) + LOGMEL_ATOL
#: mfcc of float32 input vs librosa's all-float32 pipeline (the issue asks for 1e-3).
FLOAT32_INPUT_ATOL = 1e-3

SAMPLE_RATES = [8000, 16000, 22050, 44100, 48000]
N_MELS = [1, 13, 20, 40, 64, 128]


def with_warnings(function, *args, **kwargs):
    """``(result, [warning categories])`` of one call, every warning recorded."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [w.category for w in caught if "n_fft=" not in str(w.message)]


@st.composite
def mel_parameters(draw, n_fft):
    """Keyword arguments of the filterbank: sr, n_mels, fmin, fmax, htk, norm."""
    sr = draw(st.sampled_from(SAMPLE_RATES))
    n_mels = draw(st.sampled_from([n for n in N_MELS if n <= 1 + n_fft // 2]))
    fmin = draw(st.sampled_from([0.0, 20.0, 300.0]))
    fmax = draw(st.sampled_from([None, sr / 2, sr / 3, 0.9 * sr / 2]))
    return dict(
        sr=sr,
        n_mels=n_mels,
        fmin=fmin,
        fmax=fmax,
        htk=draw(st.booleans()),
        norm=draw(st.sampled_from(["slaney", None])),
    )


@st.composite
def filterbank_cases(draw):
    """An n_fft and the filterbank's keyword arguments for it."""
    n_fft = draw(st.sampled_from([16, 255, 256, 400, 512, 1024, 2048, 4096]))
    return n_fft, draw(mel_parameters(n_fft))


#: Filterbanks met on every run: the shortest frame with one filter; an odd
#: n_fft with more filters than its bins can fill (empty filters warn); the
#: longest frame up to the Nyquist frequency; HTK's scale without normalisation.
FILTERBANK_EDGES = [
    (16, dict(sr=48000, n_mels=1, fmin=0.0, fmax=None, htk=False, norm="slaney")),
    (255, dict(sr=8000, n_mels=128, fmin=300.0, fmax=8000 / 3, htk=True, norm=None)),
    (4096, dict(sr=44100, n_mels=128, fmin=20.0, fmax=44100 / 2, htk=False, norm="slaney")),
    (512, dict(sr=16000, n_mels=40, fmin=0.0, fmax=0.9 * 16000 / 2, htk=True, norm=None)),
]


@PARITY
@given(filterbank_cases())
@with_examples(*[(case,) for case in FILTERBANK_EDGES])
def test_filterbank_matches_librosa(case):
    n_fft, kwargs = case
    mine, warned = with_warnings(mel_filterbank, n_fft=n_fft, **kwargs)
    theirs, librosa_warned = with_warnings(librosa.filters.mel, n_fft=n_fft, dtype=np.float64, **kwargs)
    assert_close(mine, theirs, FILTERBANK_ATOL)
    # Empty filters: a warning exactly when librosa warns, of our own class.
    assert warned == [EmptyMelFilterWarning] * len(librosa_warned)


def test_empty_filters_warn():
    with pytest.warns(EmptyMelFilterWarning, match="empty.*Raise n_fft or lower n_mels"):
        M = mel_filterbank(16000, 256, n_mels=128)
    assert np.any(M.max(axis=1) == 0)


@PARITY
@given(st.lists(st.floats(0.0, 30000.0), min_size=1, max_size=20), st.booleans())
# 0 Hz, the Slaney scale's break at 1 kHz and either side of it, the top of the range.
@with_examples(
    *[(freqs, htk) for freqs in ([0.0], [1000.0], [999.999, 1000.0, 1000.001], [0.0, 30000.0]) for htk in (False, True)]
)
def test_mel_scale_matches_librosa(freqs, htk):
    f = np.array(freqs)
    assert_close(
        hz_to_mel(f, htk=htk), librosa.hz_to_mel(f, htk=htk), SCALE_RTOL, scale=max(1.0, hz_to_mel(f, htk=htk).max())
    )
    m = hz_to_mel(f, htk=htk)
    assert_close(mel_to_hz(m, htk=htk), librosa.mel_to_hz(m, htk=htk), SCALE_RTOL, scale=max(1.0, f.max()))
    assert_close(mel_to_hz(m, htk=htk), f, 1e-12, scale=max(1.0, f.max()))
    assert hz_to_mel(freqs[0], htk=htk) == librosa.hz_to_mel(freqs[0], htk=htk)


def test_slaney_and_htk_scales():
    assert hz_to_mel(1000.0) == librosa.hz_to_mel(1000.0) == pytest.approx(15.0, abs=1e-14)
    assert hz_to_mel(1000.0, htk=True) == pytest.approx(1000.0, abs=0.02)
    np.testing.assert_array_equal(
        mel_frequencies(40, 50.0, 8000.0, htk=True), librosa.mel_frequencies(40, fmin=50.0, fmax=8000.0, htk=True)
    )


@st.composite
def feature_cases(draw):
    """A signal and the keyword arguments of melspectrogram / mfcc (STFT and filterbank)."""
    n_fft, hop = draw(st.sampled_from([fh for fh in FFT_HOPS if fh[0] >= 255]))
    y = draw(signals(n_fft, hop))
    kwargs = draw(mel_parameters(n_fft))
    kwargs.update(n_fft=n_fft, hop_length=hop, center=True if y.size < n_fft else draw(st.booleans()))
    return y, kwargs


#: Filterbank settings paired in turn with the signal edges (audio_cases.EDGES).
MEL_EDGES = [
    dict(sr=22050, n_mels=128, fmin=0.0, fmax=None, htk=False, norm="slaney"),
    dict(sr=16000, n_mels=40, fmin=20.0, fmax=8000.0, htk=True, norm=None),
    dict(sr=8000, n_mels=13, fmin=300.0, fmax=8000 / 3, htk=False, norm=None),
]


def feature_edges():
    """``(y, kwargs)`` of every signal edge with an n_fft of a mel spectrogram, met on every run."""
    cases = edge_cases(min_n_fft=255)
    return [
        (y, dict(MEL_EDGES[k % len(MEL_EDGES)], n_fft=n_fft, hop_length=hop, center=center))
        for k, (y, n_fft, hop, center) in enumerate(cases)
    ]


@PARITY
@given(feature_cases())
@with_examples(*[(case,) for case in feature_edges()])
def test_melspectrogram_matches_librosa(case):
    y, kwargs = case
    mine, _ = with_warnings(melspectrogram, y=y, **kwargs)
    theirs, _ = with_warnings(librosa.feature.melspectrogram, y=y, dtype=np.float64, **kwargs)
    assert_close(mine, theirs, MEL_RTOL, scale=max(1.0, theirs.max()))
    assert (
        mine.shape[1]
        == reference(
            librosa.stft, y, n_fft=kwargs["n_fft"], hop_length=kwargs["hop_length"], center=kwargs["center"]
        ).shape[1]
    )
    assert_close(power_to_db(mine), librosa.power_to_db(theirs), LOGMEL_ATOL)
    defaults, _ = with_warnings(librosa.feature.melspectrogram, y=y, **kwargs)  # float32 filters
    assert_close(power_to_db(mine), librosa.power_to_db(defaults), FLOAT32_FILTER_DB)


def mfcc_arguments(kwargs, n_mfcc, dct_norm="ortho"):
    """``(ours, librosa's)`` mfcc keywords: the filterbank's norm is mel_norm, the DCT's dct_norm / norm."""
    common = {k: v for k, v in kwargs.items() if k != "norm"}
    common.update(n_mfcc=n_mfcc, mel_norm=kwargs["norm"])
    return dict(common, dct_norm=dct_norm), dict(common, norm=dct_norm)


@PARITY
@given(feature_cases(), st.sampled_from([1, 5, 13, 20, 40]), st.sampled_from(["ortho", None]), st.sampled_from([0, 22]))
@with_examples(
    *[
        (case, n_mfcc, dct_norm, lifter)
        for case in feature_edges()
        for n_mfcc, dct_norm, lifter in [(13, "ortho", 0), (1, None, 22), (40, "ortho", 22)]
    ]
)
def test_mfcc_matches_librosa(case, n_mfcc, dct_norm, lifter):
    y, kwargs = case
    ours, theirs_args = mfcc_arguments(kwargs, min(n_mfcc, kwargs["n_mels"]), dct_norm)
    mine, _ = with_warnings(mfcc, y=y, lifter=lifter, **ours)
    theirs, _ = with_warnings(librosa.feature.mfcc, y=y, lifter=lifter, dtype=np.float64, **theirs_args)
    assert_close(mine, theirs, MFCC_RTOL, scale=max(1.0, np.abs(theirs).max()))
    # librosa's defaults (float32 filters): the dB bound, through the DCT and the lifter.
    defaults, _ = with_warnings(librosa.feature.mfcc, y=y, lifter=lifter, **theirs_args)
    gain = np.abs(dct_matrix(kwargs["n_mels"], norm=dct_norm)).sum(axis=1).max() * (1 + lifter / 2)
    assert_close(mine, defaults, FLOAT32_FILTER_DB * gain)


def test_the_course_call():
    sr = 22050
    y = 0.5 * chirp(60.0, 6000.0, 3.0, sr) + 0.05 * white_noise(3.0, sr, rng=7)
    mine = mfcc(y=y, sr=sr, n_fft=2048, hop_length=512, n_mfcc=13)
    assert mine.shape == (13, 1 + y.size // 512)
    theirs = librosa.feature.mfcc(y=y, sr=sr, n_fft=2048, hop_length=512, n_mfcc=13, dtype=np.float64)
    assert_close(mine, theirs, MFCC_RTOL, scale=np.abs(theirs).max())
    assert_close(
        mfcc(y=y, sr=sr), librosa.feature.mfcc(y=y, sr=sr, dtype=np.float64), MFCC_RTOL, scale=np.abs(theirs).max()
    )


@PARITY
@given(feature_cases())
@with_examples(*[(case,) for case in feature_edges()])
def test_float32_input(case):
    y, kwargs = case
    y32 = y.astype(np.float32)
    ours, theirs_args = mfcc_arguments(kwargs, min(13, kwargs["n_mels"]))
    mine, _ = with_warnings(mfcc, y=y32, **ours)
    theirs, _ = with_warnings(librosa.feature.mfcc, y=y32, **theirs_args)
    assert theirs.dtype == np.float32 and mine.dtype == np.float64
    assert_close(mine, theirs, FLOAT32_INPUT_ATOL)


def test_mfcc_from_a_log_mel_spectrogram():
    y = white_noise(1.0, 16000, rng=3)
    log_mel = power_to_db(melspectrogram(y=y, sr=16000, n_mels=40))
    np.testing.assert_array_equal(mfcc(S=log_mel, n_mfcc=13), mfcc(y=y, sr=16000, n_mels=40, n_mfcc=13))
    assert_close(
        mfcc(S=log_mel, n_mfcc=13),
        librosa.feature.mfcc(S=log_mel, n_mfcc=13),
        MFCC_RTOL,
        scale=np.abs(log_mel).max() * 40,
    )


def test_melspectrogram_from_a_spectrogram():
    y = white_noise(1.0, 16000, rng=4)
    S = power_spectrogram(y, n_fft=512, hop_length=128)
    np.testing.assert_array_equal(
        melspectrogram(S=S, sr=16000, n_fft=512, n_mels=40),
        melspectrogram(y=y, sr=16000, n_fft=512, hop_length=128, n_mels=40),
    )


@pytest.mark.parametrize(("n", "norm"), [(1, "ortho"), (13, "ortho"), (128, "ortho"), (40, None), (128, None)])
def test_dct_matrix_is_scipys_dct(n, norm):
    x = np.random.default_rng(n).normal(size=(n, 7)) * 50
    expected = scipy.fft.dct(x, axis=0, type=2, norm=norm)
    assert_close(dct_matrix(n, norm=norm) @ x, expected, 1e-14, scale=np.abs(expected).max())
    if norm == "ortho":
        assert_close(dct_matrix(n) @ dct_matrix(n).T, np.eye(n), 1e-14)


# The common mistakes: each is one real argument; the table below is what the
# chapter prints. Each must move the MFCCs further from librosa than the
# parity tolerance, or the parity tests could not catch it; and librosa given
# the same mistake must agree with us again.
MISTAKES = {
    "symmetric window": (dict(window=hann(2048, periodic=False)), dict(window=np.hanning(2048))),
    "reflect padding": (dict(pad_mode="reflect"), dict(pad_mode="reflect")),
    "HTK mel scale": (dict(htk=True), dict(htk=True)),
    "no filter normalisation": (dict(mel_norm=None), dict(mel_norm=None)),
    "magnitude, not power": (dict(power=1.0), dict(power=1.0)),
    "no top_db clipping": (dict(top_db=None), None),
    "DCT without ortho": (dict(dct_norm=None), dict(norm=None)),
}


@pytest.fixture(scope="module")
def spoken():
    """A voiced sound: a 120 Hz pulse train gliding in pitch, a noisy onset, then silence."""
    sr = 22050
    voiced = pulse_train(120.0, 0.6, sr) + 0.3 * chirp(300.0, 2500.0, 0.6, sr, method="log")
    y = np.concatenate([0.02 * white_noise(0.1, sr, rng=5), 0.5 * voiced, np.zeros(sr // 5)])
    return y, sr


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_mistake_is_caught(spoken, mistake):
    y, sr = spoken
    ours, theirs = MISTAKES[mistake]
    correct = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13)
    wrong = mfcc(y=y, sr=sr, n_mfcc=13, **ours)
    scale = np.abs(correct).max()
    assert np.abs(wrong - correct).max() > 100 * FLOAT32_FILTER_DB * scale
    if theirs is None:  # librosa's mfcc has no top_db: give it the unclipped log-mel itself
        S = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr, dtype=np.float64), top_db=None)
        same = librosa.feature.mfcc(S=S, n_mfcc=13)
    else:
        same = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13, dtype=np.float64, **theirs)
    assert_close(wrong, same, MFCC_RTOL, scale=max(1.0, np.abs(same).max()))


GOOD_Y = white_noise(0.5, 22050, rng=0)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: mel_filterbank(22050, 2048, n_mels=0), ValueError, "n_mels"),
        (lambda: mel_filterbank(22050, 2048, n_mels=-5), ValueError, "n_mels"),
        (lambda: mel_filterbank(22050, 64, n_mels=128), ValueError, "n_mels"),
        (lambda: mel_filterbank(22050, 2048, fmin=5000.0, fmax=4000.0), ValueError, "fmin"),
        (lambda: mel_filterbank(22050, 2048, fmin=4000.0, fmax=4000.0), ValueError, "fmin"),
        (lambda: mel_filterbank(22050, 2048, fmin=-1.0), ValueError, "fmin"),
        (lambda: mel_filterbank(22050, 2048, fmax=12000.0), ValueError, "fmax"),
        (lambda: mel_filterbank(22050, 2048, fmax=np.nan), ValueError, "fmax"),
        (lambda: mel_filterbank(22050, 2048, norm="l2"), ValueError, "norm"),
        (lambda: mel_filterbank(22050, 2048, htk="yes"), TypeError, "htk"),
        (lambda: mel_filterbank(0, 2048), ValueError, "sr"),
        (lambda: mel_filterbank(22050, 0), ValueError, "n_fft"),
        (lambda: hz_to_mel([100.0, np.nan]), ValueError, "frequencies"),
        (lambda: hz_to_mel(-1.0), ValueError, "frequencies"),
        (lambda: mel_to_hz([np.inf]), ValueError, "mels"),
        (lambda: mel_frequencies(0), ValueError, "n_mels"),
        (lambda: melspectrogram(y=GOOD_Y, S=np.ones((1025, 3))), ValueError, "y"),
        (lambda: melspectrogram(), ValueError, "y"),
        (lambda: melspectrogram(S=np.ones((513, 10))), ValueError, "n_fft"),
        (lambda: melspectrogram(S=np.ones(1025)), ValueError, "S"),
        (lambda: melspectrogram(S=-np.ones((1025, 3))), ValueError, "S"),
        (lambda: melspectrogram(S=np.full((1025, 3), np.nan)), ValueError, "S"),
        (lambda: melspectrogram(y=np.array([0.0, np.nan])), ValueError, "y"),
        (lambda: melspectrogram(y=GOOD_Y, n_fft=0), ValueError, "n_fft"),
        (lambda: melspectrogram(y=GOOD_Y, hop_length=0), ValueError, "hop_length"),
        (lambda: mfcc(y=GOOD_Y, n_mfcc=0), ValueError, "n_mfcc"),
        (lambda: mfcc(y=GOOD_Y, n_mfcc=129), ValueError, "n_mfcc"),
        (lambda: mfcc(y=GOOD_Y, n_mfcc=30, n_mels=20), ValueError, "n_mfcc"),
        (lambda: mfcc(y=GOOD_Y, n_mels=0), ValueError, "n_mels"),
        (lambda: mfcc(y=GOOD_Y, dct_norm="l2"), ValueError, "dct_norm"),
        (lambda: mfcc(y=GOOD_Y, lifter=-1), ValueError, "lifter"),
        (lambda: mfcc(y=GOOD_Y, norm=None), TypeError, "norm"),
        (lambda: mfcc(y=GOOD_Y, n_mfc=13), TypeError, "n_mfc"),
        (lambda: mfcc(y=GOOD_Y, top_db=-1.0), ValueError, "top_db"),
        (lambda: mfcc(y=GOOD_Y, fmax=20000.0), ValueError, "fmax"),
        (lambda: mfcc(S=np.ones((20, 5)), n_mfcc=21), ValueError, "n_mfcc"),
        (lambda: mfcc(S=np.ones(20)), ValueError, "S"),
        (lambda: mfcc(y=GOOD_Y, S=np.ones((20, 5))), ValueError, "y"),
        (lambda: dct_matrix(0), ValueError, "n"),
        (lambda: dct_matrix(8, type=3), ValueError, "type"),
        (lambda: dct_matrix(8, norm="forward"), ValueError, "norm"),
    ],
)
def test_bad_input_names_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
