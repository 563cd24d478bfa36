"""The signal makers: what they contain, aliasing, seeds and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_sizes import scaled

from dlaudio import chirp, fft_frequencies, power_spectrogram, pulse_train, tone, white_noise


def peak_frequency(y, sr, n_fft=1024):
    """The frequency of the strongest bin of the middle frame."""
    S = power_spectrogram(y, n_fft=n_fft, hop_length=n_fft // 4)
    return fft_frequencies(sr, n_fft)[np.argmax(S[:, S.shape[1] // 2])]


def test_tone_is_the_formula():
    y = tone(440.0, 0.01, 16000, amplitude=0.3, phase=0.5)
    t = np.arange(160) / 16000
    np.testing.assert_array_equal(y, 0.3 * np.sin(2 * np.pi * 440.0 * t + 0.5))


@settings(max_examples=scaled(25), deadline=None)
@given(st.integers(1, 3999))
def test_a_tone_above_nyquist_is_the_folded_tone(f):
    sr = 8000
    # sin(2 pi (sr - f) n / sr) = sin(2 pi n - 2 pi f n / sr) = -sin(2 pi f n / sr)
    np.testing.assert_allclose(tone(sr - f, 0.01, sr), -tone(f, 0.01, sr), atol=1e-9)
    np.testing.assert_allclose(tone(sr + f, 0.01, sr), tone(f, 0.01, sr), atol=1e-9)


def test_tone_peak_lands_on_its_bin():
    assert peak_frequency(tone(1500.0, 1.0, 16000), 16000, n_fft=512) == 1500.0
    # 7 kHz sampled at 8 kHz comes back at 1 kHz.
    assert peak_frequency(tone(7000.0, 1.0, 8000), 8000, n_fft=512) == 1000.0


def test_chirp_follows_its_instantaneous_frequency():
    sr, n_fft, hop, T = 16000, 1024, 256, 2.0
    t = np.arange(1 + int(T * sr) // hop) * hop / sr
    expected = {"linear": 200.0 + (4000.0 - 200.0) * t / T, "log": 200.0 * 20.0 ** (t / T)}
    for method, f in expected.items():
        S = power_spectrogram(chirp(200.0, 4000.0, T, sr, method=method), n_fft=n_fft, hop_length=hop)
        peaks = fft_frequencies(sr, n_fft)[np.argmax(S, axis=0)]
        inside = slice(4, -4)  # frames that lie wholly inside the signal
        assert np.all(np.abs(peaks[inside] - f[inside]) <= 0.05 * f[inside] + 2 * sr / n_fft), method
    assert not np.allclose(*(chirp(200.0, 4000.0, T, sr, method=m) for m in expected))


def test_chirp_with_equal_ends_is_a_tone():
    np.testing.assert_allclose(chirp(300.0, 300.0, 0.1, 8000), tone(300.0, 0.1, 8000), atol=1e-12)
    np.testing.assert_allclose(chirp(300.0, 300.0, 0.1, 8000, method="log"), tone(300.0, 0.1, 8000), atol=1e-12)


def test_white_noise_is_seeded_and_bounded():
    a = white_noise(1.0, 8000, amplitude=0.25, rng=3)
    np.testing.assert_array_equal(a, white_noise(1.0, 8000, amplitude=0.25, rng=np.random.default_rng(3)))
    assert not np.array_equal(a, white_noise(1.0, 8000, amplitude=0.25, rng=4))
    assert a.shape == (8000,) and np.abs(a).max() <= 0.25 and abs(a.mean()) < 0.01
    # Flat spectrum: the low and high halves hold about the same power.
    S = power_spectrogram(white_noise(5.0, 8000, rng=0), n_fft=256, hop_length=128).mean(axis=1)
    assert 0.9 < S[1:64].sum() / S[64:128].sum() < 1.1


def test_pulse_train_places_a_click_every_period():
    y = pulse_train(100.0, 0.1, 8000, amplitude=0.5)
    np.testing.assert_array_equal(np.flatnonzero(y), np.arange(0, 800, 80))
    assert set(np.unique(y)) == {0.0, 0.5}
    # A period that is not a whole number of samples: clicks at round(k * sr / f0).
    np.testing.assert_array_equal(np.flatnonzero(pulse_train(3000.0, 0.001, 8000)), [0, 3, 5])


def test_lengths_round_duration_times_rate():
    for make in [
        lambda d: tone(100.0, d, 8000),
        lambda d: white_noise(d, 8000, rng=0),
        lambda d: chirp(100.0, 200.0, d, 8000),
        lambda d: pulse_train(100.0, d, 8000),
    ]:
        assert make(0.5).shape == (4000,)
        assert make(1 / 8000).shape == (1,)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: tone(-1.0, 1.0, 8000), ValueError, "freq"),
        (lambda: tone(np.nan, 1.0, 8000), ValueError, "freq"),
        (lambda: tone(100.0, 0.0, 8000), ValueError, "duration"),
        (lambda: tone(100.0, 1e-6, 8000), ValueError, "duration"),
        (lambda: tone(100.0, 1.0, 0), ValueError, "sr"),
        (lambda: tone(100.0, 1.0, -8000), ValueError, "sr"),
        (lambda: tone(100.0, 1.0, 8000.5), TypeError, "sr"),
        (lambda: tone(100.0, 1.0, 8000, amplitude=np.inf), ValueError, "amplitude"),
        (lambda: tone(100.0, 1.0, 8000, phase="0"), TypeError, "phase"),
        (lambda: chirp(0.0, 100.0, 1.0, 8000, method="log"), ValueError, "f0"),
        (lambda: chirp(100.0, 200.0, 1.0, 8000, method="cubic"), ValueError, "method"),
        (lambda: chirp(100.0, -1.0, 1.0, 8000), ValueError, "f1"),
        (lambda: white_noise(1.0, 8000, rng="seed"), TypeError, "rng"),
        (lambda: white_noise(-1.0, 8000), ValueError, "duration"),
        (lambda: pulse_train(0.0, 1.0, 8000), ValueError, "f0"),
    ],
)
def test_bad_input_names_the_argument(call, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        call()
