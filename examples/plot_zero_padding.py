r"""
Zero padding is not resolution
==============================

Two tones, 1000 Hz and 1100 Hz, at 22 050 Hz. A frame of 256 samples
(bins 86.1 Hz apart) shows one peak. The same frame padded with zeros to
4096 samples gives 16 times as many bins, a smooth curve through the 256
sample spectrum, still with one peak. Only 4096 real samples separate the
two tones.
"""

# %%
# The 256 samples are those of the STFT's frame 10 with a hop of 512
# (centred on sample 5120); the long frame has the same centre.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import fft_frequencies, hann, tone

sr = 22050
two = tone(1000, 0.5, sr=sr) + tone(1100, 0.5, sr=sr)
short = two[5120 - 128 : 5120 + 128] * hann(256)
long = two[5120 - 2048 : 5120 + 2048] * hann(4096)
spectra = {
    "short": (fft_frequencies(sr, 256), np.abs(np.fft.rfft(short))),
    "padded": (fft_frequencies(sr, 4096), np.abs(np.fft.rfft(short, 4096))),
    "long": (fft_frequencies(sr, 4096), np.abs(np.fft.rfft(long)) / 16),
}

fig, ax = plt.subplots(figsize=(5.2, 2.9), layout="constrained")
labels = {
    "short": r"$N = 256$",
    "padded": r"$N = 256 \to 4096$",
    "long": r"$N = 4096$ $(\times 1/16)$",
}
styles = {"short": "o", "padded": "-", "long": "-"}
for name, (freqs, mag) in spectra.items():
    keep = (freqs >= 500) & (freqs <= 1600)
    ax.plot(freqs[keep], mag[keep], styles[name], label=labels[name])
for f in (1000, 1100):
    ax.axvline(f, color="0.5", linestyle="--", linewidth=0.8)
ax.set_xlabel(r"$f$ (Hz)")
ax.set_ylabel(r"$|X(f)|$")
ax.legend(fontsize=9)
plt.show()

# %%
# The padded curve passes through every point of the short spectrum (every
# 16th of its bins is one of them): padding adds bins between the old
# ones, not information. The long frame's peaks, scaled down 16 times to
# share the axes, stand on the two tones.
