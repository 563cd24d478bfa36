"""Audio feature speed: dlaudio against librosa on a 30-second clip at 22 050 Hz, and on a data set.

Two pipelines: STFT + power + dB (n_fft 2048, hop 512), and MFCCs with the
course's parameters (n_fft 2048, hop 512, n_mfcc 13).

Both run in the same process on the same clip (a chirp plus noise made by
``dlaudio.signals``, nothing downloaded). librosa is warmed up first (its
first calls compile and cache), then each pipeline is timed as the best of
several repeats. Prints samples per second and the ratio dlaudio / librosa
(above 1 means dlaudio is faster). librosa comes with the ``test`` extra.
This is a measurement, not a test.

Then the data-set case: ``mfcc_features`` on the 700 clips of
``dlaudio.vowels()`` with the parameters of the classifier page, against a
loop of ``librosa.feature.mfcc`` over the same clips; and the peak memory
(tracemalloc, the clip itself included) of ``mfcc_features`` on one
10-minute clip at 44.1 kHz, as a multiple of the size of its float64 samples.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

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


#: The MFCC call of docs/classifier.md.
VOWEL_MFCC = dict(n_mfcc=13, n_fft=512, hop_length=160, n_mels=40)


def data_set_times(repeats):
    """Best seconds of ``mfcc_features`` and of a per-clip librosa loop on ``vowels()``."""
    data = dlaudio.vowels()

    def ours(waves):
        return dlaudio.mfcc_features(waves, data.sr, layout="frames", **VOWEL_MFCC)

    def theirs(waves):
        return [librosa.feature.mfcc(y=w, sr=data.sr, **VOWEL_MFCC) for w in waves]

    theirs(data.waves[:2])  # warm-up
    return len(data.waves), best_times([ours, theirs], data.waves, repeats)


def peak_memory(minutes=10.0, sr=44100):
    """Peak traced memory while ``mfcc_features`` runs on one long clip, the clip included,
    over the size of its samples."""
    tracemalloc.start()
    try:
        y = 0.1 * dlaudio.white_noise(60.0 * minutes, sr, rng=0)
        tracemalloc.reset_peak()  # the clip stays counted, not the making of it
        dlaudio.mfcc_features([y], sr, n_mfcc=13)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / y.nbytes, y.nbytes


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
    n_clips, (mine, ref) = data_set_times(max(5, args.repeats // 3))
    print(
        f"mfcc_features, {n_clips} clips of vowels(): {mine:.3f} s; librosa.feature.mfcc loop: {ref:.3f} s; "
        f"ratio {ref / mine:.2f}"
    )
    ratio, size = peak_memory()
    print(
        f"mfcc_features, one 10-minute clip at 44.1 kHz ({size / 2**20:.0f} MiB of float64): "
        f"peak traced memory, the clip included, {ratio:.2f} x the clip"
    )


if __name__ == "__main__":
    main()
