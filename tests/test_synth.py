"""The source-filter synthesiser: resonators, glottal source, vowels."""

import numpy as np
import pytest
from voice_measures import autocorrelation_f0, lpc_formants

import dlaudio
from dlaudio.synth import (
    default_bandwidths,
    formant_filter,
    glottal_pulse,
    glottal_source,
    resonator_response,
    vowel,
)

SR = 16000
A_MAN = (738, 1372, 2573)  # /a/, men, in dlaudio.datasets.KOREAN_VOWELS
I_MAN = (341, 2219, 3047)  # /i/


def _recursion(freq, bandwidth, sr, n):
    """The resonator as Klatt runs it, one sample at a time: y[n] = A x[n] + B y[n-1] + C y[n-2]."""
    r = np.exp(-np.pi * bandwidth / sr)
    b, c = 2 * r * np.cos(2 * np.pi * freq / sr), -r * r
    a = 1 - b - c
    y = np.zeros(n)
    for k in range(n):
        y[k] = a * (k == 0) + b * (y[k - 1] if k >= 1 else 0) + c * (y[k - 2] if k >= 2 else 0)
    return y


@pytest.mark.parametrize("freq, bandwidth", [(500, 60), (1500, 120), (3000, 200), (7000, 300)])
def test_resonator_closed_form_is_the_recursion(freq, bandwidth):
    h = resonator_response(freq, bandwidth, SR)
    np.testing.assert_allclose(h, _recursion(freq, bandwidth, SR, h.size), rtol=0, atol=1e-12)
    assert abs(h.sum() - 1) < 1e-6  # gain 1 at 0 Hz
    assert np.abs(h[-20:]).max() < 1e-6 * np.abs(h).max()  # rung out: r**n < 1e-9


def test_resonator_peaks_at_its_frequency_with_its_bandwidth():
    h = resonator_response(1000, 80, SR)
    spectrum = np.abs(np.fft.rfft(h, SR))  # 1 Hz bins
    peak = int(np.argmax(spectrum))
    assert abs(peak - 1000) <= 3
    above = np.flatnonzero(spectrum >= spectrum[peak] / np.sqrt(2))  # the 3-dB band
    assert 70 <= above[-1] - above[0] <= 90


def test_formant_filter_peaks_at_the_formants():
    h = formant_filter(A_MAN, SR)
    spectrum = np.abs(np.fft.rfft(h, SR))
    peaks = np.flatnonzero((spectrum[1:-1] > spectrum[:-2]) & (spectrum[1:-1] > spectrum[2:])) + 1
    assert peaks.size == 3
    np.testing.assert_allclose(peaks, A_MAN, rtol=0.01)


def test_formant_filter_is_the_convolution_of_its_resonators():
    bw = default_bandwidths(I_MAN)
    expected = np.convolve(
        np.convolve(resonator_response(I_MAN[0], bw[0], SR), resonator_response(I_MAN[1], bw[1], SR)),
        resonator_response(I_MAN[2], bw[2], SR),
    )
    np.testing.assert_array_equal(formant_filter(I_MAN, SR), expected)


def test_glottal_pulse_shape():
    g = glottal_pulse(100, SR, open_quotient=0.5)
    flow = np.cumsum(g)
    assert g.size == 81  # the open phase, 5 ms, and the closing sample
    assert flow.max() == pytest.approx(1.0, rel=1e-3) and abs(flow[-1]) < 1e-12
    assert np.argmin(g) > np.argmax(g)  # the sharp negative lobe comes at the closure


def test_glottal_source_periods_without_and_with_jitter():
    s = glottal_source(125, 0.5, SR)
    closures = np.flatnonzero(s == s.min())
    assert np.all(np.diff(closures) == 128)
    jittered = glottal_source(125, 0.5, SR, jitter=0.02, rng=0)
    assert not np.array_equal(jittered, s)
    assert autocorrelation_f0(jittered, SR) == pytest.approx(125, rel=0.02)


@pytest.mark.parametrize("f0", [100.0, 150.0, 230.0])
def test_vowel_pitch_is_the_requested_f0(f0):
    y = vowel(A_MAN, f0, 0.4, SR, jitter=0.01, breath=0.1, rng=1)
    assert autocorrelation_f0(y, SR) == pytest.approx(f0, rel=0.02)


def test_vowel_glide_goes_from_start_to_end():
    y = vowel(A_MAN, (100.0, 140.0), 1.0, SR, jitter=0.0, rng=0)
    assert autocorrelation_f0(y[:2000], SR) == pytest.approx(102, rel=0.03)
    assert autocorrelation_f0(y[-2000:], SR) == pytest.approx(138, rel=0.03)


# F3 of a back vowel (o) lies 40 dB down, where LPC places it poorly: its F1 and F2 are checked.
@pytest.mark.parametrize(
    "formants, checked",
    [
        (A_MAN, 3),
        (I_MAN, 3),
        ((453, 847, 2617), 2),
        ((405, 1488, 2625), 3),
    ],
)
def test_lpc_finds_the_formants_of_a_synthetic_vowel(formants, checked):
    y = vowel(formants, 110, 0.4, SR, jitter=0.0, shimmer=0.0, rng=0)
    measured = lpc_formants(y, SR)
    for target, tolerance in list(zip(formants, (0.08, 0.03, 0.02)))[:checked]:
        assert np.min(np.abs(measured - target)) / target < tolerance, (target, measured)


def test_same_seed_same_samples_other_seed_other_samples():
    a = vowel(A_MAN, 120, 0.3, SR, jitter=0.01, breath=0.1, rng=7)
    b = vowel(A_MAN, 120, 0.3, SR, jitter=0.01, breath=0.1, rng=7)
    c = vowel(A_MAN, 120, 0.3, SR, jitter=0.01, breath=0.1, rng=8)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)
    g = np.random.default_rng(3)
    assert not np.array_equal(vowel(A_MAN, 120, 0.3, SR, rng=g), vowel(A_MAN, 120, 0.3, SR, rng=g))


def test_vowel_level_fade_and_length():
    y = vowel(I_MAN, 200, 0.25, SR, peak=0.8, fade=0.01, rng=0)
    assert y.shape == (4000,)
    assert np.abs(y).max() == pytest.approx(0.8)
    assert y[0] == 0.0 and abs(y[-1]) < 1e-3


def test_same_envelope_other_pitch_nearly_the_same_low_mfccs():
    """What the MFCC page shows: the filter sets the low coefficients, the pitch hardly moves them."""

    def low_mfccs(formants, f0):
        y = vowel(formants, f0, 0.5, SR, jitter=0.0, rng=0)
        return dlaudio.mfcc(y=y, sr=SR, n_mfcc=6, n_fft=1024, hop_length=256, n_mels=40)[1:].mean(axis=1)

    a_low, a_high, i_low = low_mfccs(A_MAN, 100), low_mfccs(A_MAN, 140), low_mfccs(I_MAN, 100)
    same_vowel = np.linalg.norm(a_low - a_high)
    other_vowel = np.linalg.norm(a_low - i_low)
    assert same_vowel < other_vowel / 4, (same_vowel, other_vowel)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: resonator_response(8000, 100, SR), ValueError),  # at Nyquist
        (lambda: resonator_response(1000, -5, SR), ValueError),
        (lambda: resonator_response(1000, 100, SR, n=0), ValueError),
        (lambda: resonator_response("1k", 100, SR), TypeError),
        (lambda: formant_filter([], SR), ValueError),
        (lambda: formant_filter([500, 1500], SR, bandwidths=[80]), ValueError),
        (lambda: formant_filter([500, float("nan")], SR), ValueError),
        (lambda: glottal_pulse(100, SR, open_quotient=0), ValueError),
        (lambda: glottal_source(100, 0.1, SR, jitter=0.5), ValueError),
        (lambda: glottal_source((100, 120, 140), 0.1, SR), ValueError),
        (lambda: glottal_source(100, 0.00001, SR), ValueError),
        (lambda: vowel(A_MAN, 100, 0.1, SR, breath=-1), ValueError),
        (lambda: vowel(A_MAN, 100, 0.1, SR, peak=0), ValueError),
        (lambda: vowel(A_MAN, 100, 0.1, SR, rng="seed"), TypeError),
        (lambda: vowel(A_MAN, 100, 0.1, 0), ValueError),
    ],
)
def test_bad_input_is_refused(call, error):
    with pytest.raises(error):
        call()
