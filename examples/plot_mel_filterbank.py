r"""
The mel filterbank
==================

Forty triangular filters, evenly spaced on the mel scale from 0 Hz to the
Nyquist frequency, drawn over frequency in hertz at :math:`sr = 16000` Hz
and :math:`n_{fft} = 512`. Evenly spaced in mel means narrow at low
frequencies and wide at high ones. With librosa's default normalisation
(``norm="slaney"``) every triangle has the same area, so the wide ones are
low; without it (``norm=None``) every triangle peaks at 1.
"""

# %%
# Both filterbanks come from ``dlaudio.mel_filterbank``; each row of the
# matrix is one filter, sampled at the frequencies of the FFT bins.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import fft_frequencies, mel_filterbank

sr, n_fft, n_mels = 16000, 512, 40
freqs = fft_frequencies(sr, n_fft)
slaney = mel_filterbank(sr, n_fft, n_mels=n_mels)
peak_one = mel_filterbank(sr, n_fft, n_mels=n_mels, norm=None)
areas = slaney.sum(axis=1) * (sr / n_fft)
print(
    f"{n_mels} filters over {freqs.size} bins; "
    f"areas from {areas.min():.3f} to {areas.max():.3f}"
)

fig, (ax1, ax2) = plt.subplots(
    2, 1, figsize=(5.2, 4.2), layout="constrained", sharex=True
)
colors = plt.cm.viridis(np.linspace(0, 0.9, n_mels))
for i in range(n_mels):
    ax1.plot(freqs, peak_one[i], color=colors[i], linewidth=0.9)
    ax2.plot(freqs, slaney[i], color=colors[i], linewidth=0.9)
ax1.set_ylabel(r"$F_{mel}[i, k]$, norm = None")
ax2.set_ylabel(r"$F_{mel}[i, k]$, norm = slaney")
ax2.set_xlabel(r"$f_k$ (Hz)")
for ax in (ax1, ax2):
    ax.grid(alpha=0.3)
ax2.set_xlim(0, sr / 2)
plt.show()

# %%
# Below about 1000 Hz the Slaney mel scale is linear, so the first filters
# are equally wide; above it they widen in proportion to their frequency.
