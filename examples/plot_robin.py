r"""
A robin's call: time-frequency detail
=====================================

A robin's call, 2.7 seconds recorded two metres from the bird
(``example("robin")``), as a spectrogram. Its notes are short and their
pitch sweeps by thousands of hertz within a few hundredths of a second, so
the frames are short: ``n_fft = 512`` (23 ms) with a hop of 128 samples
(5.8 ms).
"""

# %%
# The recording is CC BY 3.0; ``attribution`` gives its credit.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import (
    attribution,
    example,
    fft_frequencies,
    power_to_db,
    read_audio,
    stft,
)

print(attribution("robin"))
y, sr = read_audio(example("robin"))
n_fft, hop = 512, 128
S = np.abs(stft(y, n_fft=n_fft, hop_length=hop)) ** 2
S_db = power_to_db(S, ref=np.max)
freqs = fft_frequencies(sr, n_fft)
times = np.arange(S.shape[1]) * hop / sr

# The frames within 30 dB of the loudest one hold the call; in each, the
# loudest bin follows the pitch.
energy = S.sum(axis=0)
loud = 10 * np.log10(energy / energy.max()) > -30
peaks = freqs[np.argmax(S, axis=0)][loud]
low, high = peaks.min(), peaks.max()
print(f"{loud.sum()} loud frames, peaks {low:.0f}-{high:.0f} Hz")

fig, ax = plt.subplots(figsize=(5.2, 2.9), layout="constrained")
image = ax.pcolormesh(
    times, freqs, S_db, shading="nearest", cmap="magma", vmin=-80, vmax=0
)
ax.set_xlabel(r"$t$ (s)")
ax.set_ylabel(r"$f$ (Hz)")
fig.colorbar(image, ax=ax, label=r"$|D|^2$ (dB re max)")
plt.show()

# %%
# Each note is a thin curve, not a comb: the robin whistles nearly pure
# tones and bends them fast. With ``n_fft = 2048`` each frame would span
# 93 ms and smear these bends across several notes.
