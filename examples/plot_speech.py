r"""
Read speech beside a synthetic vowel: log-mel spectrogram and MFCCs
===================================================================

Three seconds of read English speech from LibriSpeech
(``example("libri1")``), at 16 000 Hz, beside one second of the course's
synthetic vowel /a/. Both get the same 40 mel bands, ``n_fft = 512`` and a
hop of 160 samples (10 ms). Above about 2.8 kHz the real voice keeps energy
that the synthetic vowel lacks. The second figure shows the speech's first
13 MFCCs.
"""

# %%
# ``read_audio`` resamples the 22 050 Hz recording to 16 000 Hz, as for the
# vowels. The recording is CC BY 4.0; ``attribution`` gives its credit.

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import SymLogNorm

from dlaudio import (
    attribution,
    example,
    melspectrogram,
    mfcc,
    power_to_db,
    read_audio,
    vowel,
)

print(attribution("libri1"))
sr, hop = 16000, 160
speech = dict(sr=sr, n_fft=512, hop_length=hop, n_mels=40)
y, _ = read_audio(example("libri1"), sr=sr)
y = y[: 3 * sr]
a = vowel([730, 1090, 2440], f0=110, duration=1.0, sr=sr, rng=0)
M_speech = power_to_db(melspectrogram(y=y, **speech), ref=np.max)
M_vowel = power_to_db(melspectrogram(y=a, **speech), ref=np.max)
print("speech", M_speech.shape, "vowel", M_vowel.shape)

# The upper third of the bands (27 to 39, above 2766 Hz): how many of
# their values sit at the floor, 80 dB below the loudest?
upper = slice(27, 40)
at_floor = {
    "speech": float(np.mean(M_speech[upper] <= -80 + 1e-9)),
    "vowel": float(np.mean(M_vowel[upper] <= -80 + 1e-9)),
}
print({name: round(share, 2) for name, share in at_floor.items()})

fig, (ax1, ax2) = plt.subplots(
    1,
    2,
    figsize=(5.2, 2.9),
    layout="constrained",
    sharey=True,
    width_ratios=[3, 1],
)
for ax, M in ((ax1, M_speech), (ax2, M_vowel)):
    times = np.arange(M.shape[1]) * hop / sr
    image = ax.pcolormesh(
        times,
        np.arange(40),
        M,
        shading="nearest",
        cmap="magma",
        vmin=-80,
        vmax=0,
    )
    ax.set_xlabel(r"$t$ (s)")
ax1.set_ylabel(r"$n$")
fig.colorbar(image, ax=ax2, label=r"$M_{dB}$ (dB re max)")
plt.show()

# %%
# The speech's MFCCs, one column per 10 ms frame. Coefficient 0, the level,
# is left out, as for the vowels; the colour scale is logarithmic beyond 10
# in size.

coefficients = mfcc(y=y, n_mfcc=13, **speech)
print("MFCC", coefficients.shape)
shown = coefficients[1:]
limit = np.max(np.abs(shown))
times = np.arange(shown.shape[1]) * hop / sr
fig, ax = plt.subplots(figsize=(5.2, 2.6), layout="constrained")
image = ax.pcolormesh(
    times,
    np.arange(1, 13),
    shown,
    shading="nearest",
    cmap="RdBu_r",
    norm=SymLogNorm(linthresh=10.0, vmin=-limit, vmax=limit),
)
fig.colorbar(image, ax=ax, label=r"$c[k]$")
ax.set_ylabel(r"$k$")
ax.set_xlabel(r"$t$ (s)")
plt.show()

# %%
# A steady vowel's columns repeat one another; the speech's change every few
# frames, as one sound follows another.
