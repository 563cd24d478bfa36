"""Audio feature speed: dlaudio against librosa on a 30-second clip at 22 050 Hz.

Two pipelines: STFT + power + dB (n_fft 2048, hop 512), and MFCCs with the
course's parameters (n_fft 2048, hop 512, n_mfcc 13).

Both run in the same process on the same clip (a chirp plus noise made by
``dlaudio.signals``, nothing downloaded). librosa is warmed up first (its
first calls compile and cache), then each pipeline is timed as the best of
several repeats. Prints samples per second and the ratio dlaudio / librosa
(above 1 means dlaudio is faster). librosa comes with the ``test`` extra.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import time

import librosa
import numpy as np

import dlaudio

SR, SECONDS, N_FFT, HOP = 22050, 30.0, 2048, 512


def clip():
    return 0.5 * dlaudio.chirp(50.0, 8000.0, SECONDS, SR, method="log") + 0.1 * dlaudio.white_noise(SECONDS, SR, rng=0)


def pipelines():
    """(name, dlaudio's call, librosa's call), each taking the clip."""
    return [
        (
            "STFT + power + dB",
            lambda y: dlaudio.power_to_db(dlaudio.power_spectrogram(y, n_fft=N_FFT, hop_length=HOP)),
            lambda y: librosa.power_to_db(np.abs(librosa.stft(y, n_fft=N_FFT, hop_length=HOP)) ** 2),
        ),
        (
            "MFCC (n_mfcc=13)",
            lambda y: dlaudio.mfcc(y=y, sr=SR, n_fft=N_FFT, hop_length=HOP, n_mfcc=13),
            lambda y: librosa.feature.mfcc(y=y, sr=SR, n_fft=N_FFT, hop_length=HOP, n_mfcc=13),
        ),
    ]


def best_times(runs, y, repeats):
    """The best time of each run over ``repeats`` rounds; the runs alternate within a
    round, so a busy moment on a shared machine slows them alike."""
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for i, run in enumerate(runs):
            start = time.perf_counter()
            run(y)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="timed runs per pipeline (the best counts)")
    args = parser.parse_args(argv)
    y = clip()
    print(f"{SECONDS:g} s at {SR} Hz, n_fft={N_FFT}, hop_length={HOP}; best of {args.repeats}")
    print(f"{'pipeline':<22}{'dlaudio samples/s':>20}{'librosa samples/s':>20}{'ratio':>8}")
    for name, ours, theirs in pipelines():
        for run in (theirs, ours):  # warm-up: librosa's caches and numba, numpy's FFT plans
            run(y)
            run(y)
        mine, ref = (y.size / t for t in best_times([ours, theirs], y, args.repeats))
        print(f"{name:<22}{mine:>20,.0f}{ref:>20,.0f}{mine / ref:>8.2f}")


if __name__ == "__main__":
    main()
