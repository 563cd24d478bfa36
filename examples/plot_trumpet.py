r"""
A trumpet phrase: its waveform and its spectrogram
==================================================

A real recording, not a synthetic tone: 5.3 seconds of a jazz trumpet,
one of the six recordings that ship with ``dlaudio`` (``example("trumpet")``).
Above, its samples :math:`y[n]`; below, its spectrogram
:math:`|D[k, t]|^2` in dB with librosa's defaults. Each note draws a stack
of harmonics, one over another at whole multiples of the note's frequency.
"""

# %%
# ``read_audio`` reads the OGG file at its own rate, 22 050 Hz. The licence
# (CC BY 3.0) asks for the attribution, which ``attribution`` gives.

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

print(attribution("trumpet"))
y, sr = read_audio(example("trumpet"))
t = np.arange(y.size) / sr
print(f"{y.size} samples at {sr} Hz: {y.size / sr:.2f} s")

fig, ax = plt.subplots(figsize=(5.2, 2.5), layout="constrained")
ax.plot(t, y, color="C0", linewidth=0.4)
ax.set_xlabel(r"$t$ (s)")
ax.set_ylabel(r"$y[n]$")
ax.set_xlim(0, t[-1])
ax.grid(alpha=0.3)
plt.show()

# %%
# The spectrogram: ``n_fft = 2048``, ``hop_length = 512``, the periodic Hann
# window and centred frames. The dashed line marks frame 20, 0.46 s in,
# where the loudest bin is the note's second harmonic.

n_fft, hop = 2048, 512
S = np.abs(stft(y, n_fft=n_fft, hop_length=hop)) ** 2
S_db = power_to_db(S, ref=np.max)
freqs = fft_frequencies(sr, n_fft)
times = np.arange(S.shape[1]) * hop / sr
frame = 20
strongest = freqs[np.argmax(S[:, frame])]
print(f"frame {frame} ({times[frame]:.2f} s): strongest at {strongest:.0f} Hz")

fig, ax = plt.subplots(figsize=(5.2, 2.9), layout="constrained")
image = ax.pcolormesh(
    times, freqs, S_db, shading="nearest", cmap="magma", vmin=-80, vmax=0
)
ax.axvline(times[frame], color="w", linestyle="--", linewidth=0.8)
ax.set_ylim(0, 5000)
ax.set_xlabel(r"$t$ (s)")
ax.set_ylabel(r"$f$ (Hz)")
fig.colorbar(image, ax=ax, label=r"$|D|^2$ (dB re max)")
plt.show()

# %%
# A synthetic tone draws one line; a played note draws a comb. The lowest
# line of each comb is the note, the lines above it its harmonics, and the
# pauses between notes are dark.
