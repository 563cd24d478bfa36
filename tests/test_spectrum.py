"""The DFT, frames, windows, STFT and dB against numpy.fft, scipy and librosa.

Tolerances are relative to the largest magnitude in the reference (an FFT's
rounding grows with its largest value). On this machine the STFT, the
framing, the periodic Hann window and the dB conversions are bit-identical to
librosa 0.11; the bounds leave a few units in the last place for other FFT
builds, and no more.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal
from audio_cases import FFT_HOPS, PARITY, assert_close, edge_cases, librosa, reference, signals, with_examples
from hypothesis import given
from hypothesis import strategies as st

from dlaudio import (
    amplitude_to_db,
    dft,
    dft_matrix,
    fft_frequencies,
    frame,
    hann,
    power_spectrogram,
    power_to_db,
    stft,
    tone,
)

#: stft vs librosa.stft, times max(1, max |D|): a few float64 ulps.
STFT_RTOL = 1e-15
#: dft (an O(N^2) matrix product) vs numpy.fft.rfft, times max(1, max |X|).
DFT_RTOL = 1e-13
#: power_to_db / amplitude_to_db vs librosa, in dB.
DB_ATOL = 1e-12


def stft_pair(y, n_fft, hop_length, **kwargs):
    mine = stft(y, n_fft=n_fft, hop_length=hop_length, **kwargs)
    theirs = reference(librosa.stft, y, n_fft=n_fft, hop_length=hop_length, **kwargs)
    return mine, theirs


@st.composite
def stft_cases(draw):
    n_fft, hop = draw(st.sampled_from(FFT_HOPS))
    y = draw(signals(n_fft, hop))
    center = draw(st.booleans()) if y.size >= n_fft else True
    return y, n_fft, hop, center


@PARITY
@given(stft_cases(), st.sampled_from(["constant", "reflect"]))
@with_examples(*[(case, pad_mode) for case in edge_cases() for pad_mode in ("constant", "reflect")])
def test_stft_matches_librosa(case, pad_mode):
    y, n_fft, hop, center = case
    mine, theirs = stft_pair(y, n_fft, hop, center=center, pad_mode=pad_mode)
    assert mine.dtype == np.complex128
    scale = max(1.0, np.abs(theirs).max())
    if pad_mode == "reflect" and center:
        # librosa 0.11 pads the last frames from a tail of the signal alone; when
        # that tail is shorter than n_fft // 2 (hop_length >= n_fft / 2), its
        # reflection differs from np.pad's on the whole signal in the last frame.
        # dlaudio follows the definition: np.pad(y, n_fft // 2, mode="reflect").
        assert_close(mine[:, :-1], theirs[:, :-1], STFT_RTOL, scale=scale)
        padded = np.pad(y, n_fft // 2, mode="reflect")
        theirs = librosa.stft(padded, n_fft=n_fft, hop_length=hop, center=False)
    assert_close(mine, theirs, STFT_RTOL, scale=scale)


@PARITY
@given(stft_cases(), st.sampled_from(["rectangular", "symmetric", "short"]))
@with_examples(*[(case, kind) for case in edge_cases() for kind in ("rectangular", "symmetric", "short")])
def test_stft_windows_match_librosa(case, kind):
    y, n_fft, hop, center = case
    if kind == "rectangular":
        mine = stft(y, n_fft=n_fft, hop_length=hop, center=center, window="rectangular")
        theirs = reference(librosa.stft, y, n_fft=n_fft, hop_length=hop, center=center, window="boxcar")
    elif kind == "symmetric":
        w = hann(n_fft, periodic=False)
        mine, theirs = stft_pair(y, n_fft, hop, center=center, window=w)
    else:  # a Hann window shorter than the frame, centred and zero-padded
        mine, theirs = stft_pair(y, n_fft, hop, center=center, win_length=n_fft // 2 + 1)
    assert_close(mine, theirs, STFT_RTOL, scale=max(1.0, np.abs(theirs).max()))


@pytest.mark.parametrize(("n_fft", "hop"), FFT_HOPS)
def test_frame_count_is_one_plus_length_over_hop(n_fft, hop):
    for n in range(1, 3 * n_fft, max(1, hop // 3)):
        frames = stft(np.zeros(n), n_fft=n_fft, hop_length=hop).shape[1]
        expected = 1 + n // hop if n_fft % 2 == 0 else 1 + (n - 1) // hop
        assert frames == expected == reference(librosa.stft, np.zeros(n), n_fft=n_fft, hop_length=hop).shape[1]


def test_frame_count_is_not_length_over_hop():
    # The course's segment filter used ceil(n / hop): wrong whenever the hop divides n.
    assert stft(np.zeros(22050 * 3), hop_length=512).shape == (1025, 130)
    assert stft(np.zeros(512 * 10), hop_length=512).shape[1] == 11 != int(np.ceil(512 * 10 / 512))


def test_stft_of_a_tone_peaks_at_its_bin():
    sr, n_fft = 8000, 256
    y = tone(1000.0, 0.5, sr)
    S = power_spectrogram(y, n_fft=n_fft, hop_length=64)
    peak = int(np.argmax(S[:, S.shape[1] // 2]))
    assert fft_frequencies(sr, n_fft)[peak] == 1000.0


def test_hann_windows():
    for n in [1, 2, 3, 4, 255, 2048]:
        np.testing.assert_array_equal(hann(n), scipy.signal.get_window("hann", n, fftbins=True))
        np.testing.assert_allclose(hann(n, periodic=False), np.hanning(n), rtol=0, atol=1e-15)
    assert not np.allclose(hann(2048), np.hanning(2048), rtol=0, atol=1e-6)


@given(st.integers(1, 300), st.integers(1, 50), st.integers(1, 60))
def test_frame_matches_librosa(extra, frame_length, hop):
    y = np.arange(frame_length + extra, dtype=float)
    frames = frame(y, frame_length, hop)
    np.testing.assert_array_equal(frames, librosa.util.frame(y, frame_length=frame_length, hop_length=hop))
    assert not frames.flags.writeable and np.shares_memory(frames, y)


@PARITY
@given(st.integers(1, 200), st.integers(1, 3), st.integers(0, 2**32 - 1))
@with_examples((1, 1, 0), (2, 3, 1), (199, 2, 2), (200, 1, 3))  # one sample, two, a prime, the longest
def test_dft_is_rfft(n, batch, seed):
    x = np.random.default_rng(seed).normal(size=(batch, n))
    expected = np.fft.rfft(x, axis=-1)
    assert_close(dft(x), expected, DFT_RTOL, scale=max(1.0, np.abs(expected).max()))
    assert_close(dft(x[0]), expected[0], DFT_RTOL, scale=max(1.0, np.abs(expected).max()))


def test_dft_matrix_is_unitary_up_to_n():
    F = dft_matrix(64)
    np.testing.assert_allclose(F @ F.conj().T, 64 * np.eye(64), atol=1e-12)
    np.testing.assert_array_equal(F, F.T)


@pytest.mark.parametrize(("sr", "n_fft"), [(22050, 2048), (16000, 400), (8000, 255), (44100, 1)])
def test_fft_frequencies(sr, n_fft):
    np.testing.assert_array_equal(fft_frequencies(sr, n_fft), librosa.fft_frequencies(sr=sr, n_fft=n_fft))


@PARITY
@given(stft_cases(), st.sampled_from([1.0, 2.0, 0.5]))
@with_examples(*[(case, power) for case in edge_cases() for power in (1.0, 2.0, 0.5)])
def test_power_spectrogram_matches_librosa(case, power):
    y, n_fft, hop, center = case
    mine = power_spectrogram(y, n_fft=n_fft, hop_length=hop, center=center, power=power)
    theirs = np.abs(reference(librosa.stft, y, n_fft=n_fft, hop_length=hop, center=center)) ** power
    assert_close(mine, theirs, STFT_RTOL * 4, scale=max(1.0, theirs.max()))


def db_arguments():
    return st.tuples(
        st.sampled_from([1.0, 0.5, 3e-4, np.max, np.median]),
        st.sampled_from([1e-10, 1e-5, 1e-3]),
        st.sampled_from([80.0, 20.0, 0.0, None]),
    )


#: (ref, amin, top_db) met on every run: relative to the loudest value and
#: clipped; to the median, everything clipped to it; a fixed small ref, no clipping.
DB_EDGES = [(np.max, 1e-10, 80.0), (np.median, 1e-5, 0.0), (3e-4, 1e-3, None)]


@PARITY
@given(stft_cases(), db_arguments())
@with_examples(*[(case, arguments) for case in edge_cases() for arguments in DB_EDGES])
def test_power_to_db_matches_librosa(case, arguments):
    y, n_fft, hop, center = case
    ref, amin, top_db = arguments
    S = np.abs(reference(librosa.stft, y, n_fft=n_fft, hop_length=hop, center=center)) ** 2
    expected = librosa.power_to_db(S, ref=ref, amin=amin, top_db=top_db)
    assert_close(power_to_db(S, ref=ref, amin=amin, top_db=top_db), expected, DB_ATOL)


@PARITY
@given(stft_cases(), db_arguments())
@with_examples(*[(case, arguments) for case in edge_cases() for arguments in DB_EDGES])
def test_amplitude_to_db_matches_librosa(case, arguments):
    y, n_fft, hop, center = case
    ref, amin, top_db = arguments
    S = np.abs(reference(librosa.stft, y, n_fft=n_fft, hop_length=hop, center=center))
    expected = librosa.amplitude_to_db(S, ref=ref, amin=amin, top_db=top_db)
    assert_close(amplitude_to_db(S, ref=ref, amin=amin, top_db=top_db), expected, DB_ATOL)
    assert_close(amplitude_to_db(-S, ref=ref, amin=amin, top_db=top_db), expected, DB_ATOL)


def test_top_db_is_measured_from_the_loudest_value_of_the_whole_array():
    loud_and_quiet = np.array([[1.0, 1e-6], [1e-12, 1e-9]])
    np.testing.assert_array_equal(power_to_db(loud_and_quiet), [[0.0, -60.0], [-80.0, -80.0]])
    # The quiet column alone clips relative to its own maximum, -60 dB.
    np.testing.assert_array_equal(power_to_db(loud_and_quiet[:, 1:]), [[-60.0], [-90.0]])
    np.testing.assert_array_equal(power_to_db(loud_and_quiet, top_db=None), [[0.0, -60.0], [-100.0, -90.0]])


def test_db_of_a_number():
    assert power_to_db(100.0) == 20.0
    assert amplitude_to_db(0.1, top_db=None) == -20.0


GOOD_Y = np.linspace(-1.0, 1.0, 4096)


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (lambda: stft(np.array([0.0, np.nan, 1.0])), ValueError, "y"),
        (lambda: stft(np.array([0.0, np.inf])), ValueError, "y"),
        (lambda: stft(np.array([])), ValueError, "y"),
        (lambda: stft(np.zeros((2, 4096))), ValueError, "y"),
        (lambda: stft(np.zeros(4096, dtype=complex)), TypeError, "y"),
        (lambda: stft(["a", "b"]), TypeError, "y"),
        (lambda: stft(GOOD_Y, n_fft=0), ValueError, "n_fft"),
        (lambda: stft(GOOD_Y, n_fft=-2048), ValueError, "n_fft"),
        (lambda: stft(GOOD_Y, n_fft=2048.0), TypeError, "n_fft"),
        (lambda: stft(GOOD_Y, hop_length=0), ValueError, "hop_length"),
        (lambda: stft(GOOD_Y, hop_length=-1), ValueError, "hop_length"),
        (lambda: stft(GOOD_Y, hop_length=None), TypeError, "hop_length"),
        (lambda: stft(GOOD_Y[:100], center=False), ValueError, "n_fft"),
        (lambda: stft(GOOD_Y, win_length=4096), ValueError, "win_length"),
        (lambda: stft(GOOD_Y, window="hamming"), ValueError, "window"),
        (lambda: stft(GOOD_Y, window=np.ones(100)), ValueError, "window"),
        (lambda: stft(GOOD_Y, window=np.full(2048, np.nan)), ValueError, "window"),
        (lambda: stft(GOOD_Y, pad_mode="wrap"), ValueError, "pad_mode"),
        (lambda: stft(GOOD_Y, center="yes"), TypeError, "center"),
        (lambda: power_spectrogram(GOOD_Y, power=0.0), ValueError, "power"),
        (lambda: frame(GOOD_Y, 5000, 512), ValueError, "frame_length"),
        (lambda: frame(GOOD_Y, 512, 0), ValueError, "hop_length"),
        (lambda: hann(0), ValueError, "n"),
        (lambda: hann(8, periodic="no"), TypeError, "periodic"),
        (lambda: dft(np.zeros(0)), ValueError, "x"),
        (lambda: dft(np.zeros((2, 2, 2))), ValueError, "x"),
        (lambda: dft([1.0, np.nan]), ValueError, "x"),
        (lambda: dft(np.ones(4, dtype=complex)), TypeError, "x"),
        (lambda: dft_matrix(0), ValueError, "n"),
        (lambda: fft_frequencies(0, 2048), ValueError, "sr"),
        (lambda: fft_frequencies(22050, 0), ValueError, "n_fft"),
        (lambda: power_to_db([1.0, -1.0]), ValueError, "S"),
        (lambda: power_to_db([1.0, np.nan]), ValueError, "S"),
        (lambda: power_to_db([]), ValueError, "S"),
        (lambda: power_to_db(np.ones(3, dtype=complex)), TypeError, "S"),
        (lambda: power_to_db([1.0], amin=0.0), ValueError, "amin"),
        (lambda: power_to_db([1.0], top_db=-1.0), ValueError, "top_db"),
        (lambda: power_to_db([1.0], ref=0.0), ValueError, "ref"),
        (lambda: power_to_db([1.0], ref=lambda S: np.nan), ValueError, "ref"),
        (lambda: amplitude_to_db(np.ones(3, dtype=complex)), TypeError, "S"),
        (lambda: amplitude_to_db([1.0], amin=-1e-5), ValueError, "amin"),
        (lambda: amplitude_to_db([1.0], top_db=-80.0), ValueError, "top_db"),
    ],
)
def test_bad_input_names_the_argument(call, error, names):
    with pytest.raises(error, match=rf"\b{names}\b"):
        call()


def test_stft_leaves_its_input_alone():
    y = np.linspace(-1.0, 1.0, 5000)
    before = y.copy()
    stft(y, pad_mode="reflect")
    np.testing.assert_array_equal(y, before)
