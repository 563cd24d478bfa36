r"""
Frames, hop and the centring pad
================================

Which samples each frame of the STFT holds, for a signal of 16 samples
cut with ``n_fft = 8`` and ``hop_length = 4``, centred as librosa does:
``n_fft // 2 = 4`` zeros are added on each side (the grey bands), so there
are ``1 + 16 // 4 = 5`` frames and frame :math:`t` is centred on sample
:math:`t \cdot hop`. Each frame is drawn as the Hann window that weights
its samples.
"""

# %%
# The padded signal holds the sample numbers, -1 in the padding, so that
# ``frame`` shows which samples each frame takes.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import frame, hann

n, n_fft, hop = 16, 8, 4
pad = n_fft // 2
numbers = np.pad(np.arange(n), pad, constant_values=-1)
frames = frame(numbers, frame_length=n_fft, hop_length=hop)
print(frames.T.astype(int))
window = hann(n_fft)

fig, ax = plt.subplots(figsize=(5.2, 2.9), layout="constrained")
ax.axvspan(-pad - 0.5, -0.5, color="0.85")
ax.axvspan(n - 0.5, n + pad - 0.5, color="0.85")
for t in range(frames.shape[1]):
    start = t * hop - pad
    samples = np.arange(start, start + n_fft)
    ax.plot(samples, t + 0.8 * window, "o-", markersize=3)
    ax.plot([t * hop], [t + 0.8], "k|", markersize=10)
ax.set_xticks(np.arange(-pad, n + pad, 2))
ax.set_yticks(np.arange(frames.shape[1]))
ax.set_xlabel(r"$n$")
ax.set_ylabel(r"$t$")
plt.show()

# %%
# Frame :math:`t` covers samples :math:`t \cdot hop - 4` to
# :math:`t \cdot hop + 3`, and its window peaks (weight 1) on sample
# :math:`t \cdot hop`. The first and the last frames are half padding.
