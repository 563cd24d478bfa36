r"""
Short frames or long frames: the resolution trade-off
=====================================================

The same two seconds of the trumpet phrase (``example("trumpet")``), cut
with ``n_fft = 256`` (11.6 ms, bins 86.1 Hz apart) and with
``n_fft = 4096`` (185.8 ms, bins 5.4 Hz apart), both with a hop of 128
samples. Short frames place each onset sharply in time and blur the
harmonics; long frames draw the harmonics as thin lines and smear the
onsets.
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

print(attribution("trumpet"))
y, sr = read_audio(example("trumpet"))
y = y[: 2 * sr]
hop, f_max = 128, 4000

# Each frame length: its bin spacing in Hz and its duration in ms.
for n_fft in (256, 4096):
    print(f"n_fft = {n_fft}: {sr / n_fft:.1f} Hz, {1000 * n_fft / sr:.1f} ms")

fig, axes = plt.subplots(
    1, 2, figsize=(6.0, 2.9), sharey=True, layout="constrained"
)
S_db = {}
for ax, n_fft in zip(axes, (256, 4096)):
    S = np.abs(stft(y, n_fft=n_fft, hop_length=hop)) ** 2
    S_db[n_fft] = power_to_db(S, ref=np.max)
    freqs = fft_frequencies(sr, n_fft)
    keep = freqs <= f_max
    times = np.arange(S.shape[1]) * hop / sr
    image = ax.pcolormesh(
        times,
        freqs[keep],
        S_db[n_fft][keep],
        shading="nearest",
        cmap="magma",
        vmin=-80,
        vmax=0,
        rasterized=True,
    )
    ax.set_title(rf"$n_{{fft}} = {n_fft}$")
    ax.set_xlabel(r"$t$ (s)")
axes[0].set_ylabel(r"$f$ (Hz)")
fig.colorbar(image, ax=axes, label=r"$|D|^2$ (dB re max)")
plt.show()

# %%
# Neither picture is the true one: a frame of :math:`N` samples cannot tell
# apart two tones much closer than :math:`sr / N` Hz, and cannot say where
# within its :math:`N / sr` seconds something happened. The product of the
# two is fixed, so one is bought with the other.
