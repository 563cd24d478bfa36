r"""
Log-mel spectrogram and MFCCs of five vowels
============================================

Five synthetic vowels in a row, /ɑ/, /i/, /u/, /ɛ/ and /ɔ/, each with its
own formants and pitch, at 16 000 Hz. Above, the log-mel spectrogram (40
bands); below, its MFCCs :math:`c[1] \dots c[12]`, one column per frame.
Each vowel shows as a block of steady coefficients.
"""

# %%
# Every number comes from ``dlaudio``: ``vowel`` makes the sounds,
# ``melspectrogram`` and ``power_to_db`` the upper image, ``mfcc`` the lower.

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import SymLogNorm

from dlaudio import melspectrogram, mfcc, power_to_db, vowel

sr, hop, duration = 16000, 160, 0.4
speech = dict(sr=sr, n_fft=512, hop_length=hop, n_mels=40)
# The formants are the men's averages that Peterson and Barney (1952)
# measured for these five vowels of American English; the pitches differ.
vowels = [
    ("ɑ", [730, 1090, 2440], 110),
    ("i", [270, 2290, 3010], 130),
    ("u", [300, 870, 2240], 180),
    ("ɛ", [530, 1840, 2480], 220),
    ("ɔ", [570, 840, 2410], 150),
]
y = np.concatenate(
    [
        vowel(f, f0=f0, duration=duration, sr=sr, rng=k)
        for k, (_, f, f0) in enumerate(vowels)
    ]
)
M_db = power_to_db(melspectrogram(y=y, **speech), ref=np.max)
coefficients = mfcc(y=y, n_mfcc=13, **speech)
print("log-mel", M_db.shape, "MFCC", coefficients.shape)

times = np.arange(M_db.shape[1]) * hop / sr
fig, (ax1, ax2) = plt.subplots(
    2, 1, figsize=(5.2, 4.4), layout="constrained", sharex=True
)
top = ax1.pcolormesh(
    times, np.arange(40), M_db, shading="nearest", cmap="magma"
)
fig.colorbar(top, ax=ax1, label=r"$M_{dB}$ (dB re max)")
ax1.set_ylabel(r"$n$")
# Each vowel's name above the middle of its 0.4 s.
for k, (name, _, _) in enumerate(vowels):
    ax1.text(
        (k + 0.5) * duration,
        1.02,
        f"/{name}/",
        transform=ax1.get_xaxis_transform(),
        ha="center",
        va="bottom",
    )
# Coefficient 0 (the level) is left out; the rest span two orders of
# magnitude, so a symmetric logarithmic colour scale (linear within +-10)
# keeps the small ones and their signs visible.
shown = coefficients[1:]
limit = np.max(np.abs(shown))
norm = SymLogNorm(linthresh=10.0, vmin=-limit, vmax=limit)
bottom = ax2.pcolormesh(
    times, np.arange(1, 13), shown, shading="nearest", cmap="RdBu_r", norm=norm
)
fig.colorbar(bottom, ax=ax2, label=r"$c[k]$")
ax2.set_ylabel(r"$k$")
ax2.set_xlabel(r"$t$ (s)")
plt.show()

# %%
# Coefficient 0 is left out of the lower image. It is the sum of the frame's
# log-mel bands (scaled), so it follows the overall level: it changes when
# the sound gets louder, not when the vowel changes, and in every frame here
# it is larger in size than any other coefficient (coefficient 1 comes
# closest). The colour scale of the others is logarithmic beyond 10 in size:
# coefficient 1, the tilt from low to high bands, is the largest of them for
# every vowel.
