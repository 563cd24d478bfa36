"""Signals, parameter sets and reference calls shared by the audio tests.

librosa is the reference (a declared test dependency): a missing librosa must
fail the tests, so it is imported plainly, never skipped.
"""

from __future__ import annotations

import warnings

import audioread
import librosa
import numpy as np
from hypothesis import example, settings
from hypothesis import strategies as st
from hypothesis_sizes import scaled

from dlaudio import chirp, pulse_train, tone, white_noise

with warnings.catch_warnings():
    # librosa.load asks audioread for its back ends, which imports the standard
    # library's deprecated aifc/sunau modules: do it once here, quietly, so
    # that the tests' filterwarnings=error sees only warnings about our calls.
    warnings.filterwarnings("ignore", message="'.*' is deprecated", category=DeprecationWarning)
    audioread.available_backends()

#: Hypothesis settings for the parity tests: few examples, each one real work.
PARITY = settings(max_examples=scaled(30), deadline=None)

#: (n_fft, hop_length) pairs: librosa's default, the course's, smaller ones,
#: a non-power of two, an odd n_fft, hop equal to and longer than n_fft.
FFT_HOPS = [(2048, 512), (1024, 256), (512, 128), (400, 160), (255, 64), (64, 64), (32, 40)]


def lengths(n_fft, hop_length):
    """Signal lengths around the edges: shorter than a frame, multiples of the hop and one off."""
    edges = {
        1,
        2,
        hop_length - 1,
        hop_length,
        hop_length + 1,
        n_fft - 1,
        n_fft,
        n_fft + 1,
        3 * hop_length,
        3 * hop_length + 1,
        7 * hop_length - 1,
        20 * hop_length,
        3 * n_fft + 7,
    }
    return sorted(n for n in edges if n >= 1)


def make_signal(n, kind, seed=0, frequency=1000.0, sr=22050):
    """``n`` samples of noise, a tone, a chirp, pulses, or mostly silence ("quiet")."""
    duration = n / sr
    if kind == "noise":
        return white_noise(duration, sr, amplitude=0.9, rng=seed)
    if kind == "tone":
        return tone(frequency, duration, sr, amplitude=0.5, phase=seed % 7)
    if kind == "chirp":
        return chirp(50.0, sr / 2.5, duration, sr)
    if kind == "pulses":
        return pulse_train(frequency, duration, sr)
    # silence with one short burst: most of the dB values sit at the floor
    y = np.zeros(n)
    y[n // 3 : n // 3 + 5] = white_noise(5 / sr, sr, amplitude=1e-3, rng=seed)[: n - n // 3]
    return y


@st.composite
def signals(draw, n_fft, hop_length, sr=22050):
    """A signal of an edge-case length: noise, a tone, a chirp, pulses, or mostly silence."""
    n = draw(st.sampled_from(lengths(n_fft, hop_length)))
    kind = draw(st.sampled_from(["noise", "tone", "chirp", "pulses", "quiet"]))
    seed = draw(st.integers(0, 2**32 - 1))
    frequency = None
    if kind == "tone":
        frequency = draw(st.floats(20.0, sr / 2))
    elif kind == "pulses":
        frequency = draw(st.floats(60.0, 400.0))
    return make_signal(n, kind, seed, frequency, sr)


#: The edges every parity run meets, whatever the profile draws (explicit
#: ``@example`` cases): ``(n_fft, hop_length, length, kind, center)``.
EDGES = [
    (2048, 512, 1, "noise", True),  # one sample, far shorter than a frame
    (2048, 512, 20 * 512, "quiet", False),  # long and mostly silent: the dB floor
    (255, 64, 255, "tone", False),  # an odd n_fft, exactly one frame
    (400, 160, 399, "pulses", True),  # one sample short of a frame, not a power of two
    (512, 128, 7 * 128 - 1, "chirp", False),  # one short of a multiple of the hop
    (64, 64, 20 * 64, "noise", True),  # the hop equal to the frame
    (32, 40, 3 * 32 + 7, "tone", True),  # the hop longer than the frame: reflect's last frame
]


def edge_cases(min_n_fft=1):
    """``(y, n_fft, hop_length, center)`` of each edge whose n_fft is at least ``min_n_fft``."""
    return [
        (make_signal(n, kind, frequency=126.0 if kind == "pulses" else 1000.0), n_fft, hop, center)
        for n_fft, hop, n, kind, center in EDGES
        if n_fft >= min_n_fft
    ]


def with_examples(*arguments):
    """Hypothesis's ``@example(*args)`` once for each tuple of ``arguments``."""

    def decorate(test):
        for args in reversed(arguments):
            test = example(*args)(test)
        return test

    return decorate


def reference(function, *args, **kwargs):
    """Call librosa with its "n_fft is too large" warning for short signals silenced.

    That warning is librosa's, about inputs the tests choose on purpose; any
    other warning still fails the test (pytest runs with filterwarnings=error).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="n_fft=.* is too large", category=UserWarning)
        return function(*args, **kwargs)


def assert_close(actual, expected, atol, *, scale=1.0):
    """Same shape, and ``max |actual - expected| <= atol * scale``; report the difference."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    diff = float(np.max(np.abs(actual - expected))) if actual.size else 0.0
    assert diff <= atol * scale, f"max difference {diff:.3g} > {atol:.3g} * {scale:.3g}"
    return diff


__all__ = [
    "EDGES",
    "FFT_HOPS",
    "PARITY",
    "assert_close",
    "edge_cases",
    "librosa",
    "lengths",
    "make_signal",
    "reference",
    "signals",
    "with_examples",
]
