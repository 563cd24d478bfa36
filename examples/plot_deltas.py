r"""
An MFCC and its delta over read speech
======================================

The first MFCC after the level, :math:`c_1`, of three seconds of read speech
(``example("libri1")``, 16 000 Hz, 40 mel bands, a hop of 10 ms), and its
delta: the slope of a straight line fitted to the 9 frames (90 ms) around
each frame. The delta is large where :math:`c_1` changes fast, at the
boundaries between sounds, and near 0 where it holds still.
"""

# %%
# ``delta`` is librosa's ``feature.delta``, width 9, first order.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import attribution, delta, example, mfcc, read_audio

print(attribution("libri1"))
sr, hop = 16000, 160
y, _ = read_audio(example("libri1"), sr=sr)
C = mfcc(y=y[: 3 * sr], sr=sr, n_mfcc=13, n_fft=512, hop_length=hop, n_mels=40)
d = delta(C, width=9)
times = np.arange(C.shape[1]) * hop / sr

fig, (ax1, ax2) = plt.subplots(
    2, 1, figsize=(5.2, 3.8), layout="constrained", sharex=True
)
ax1.plot(times, C[1], color="C0", linewidth=1.0)
ax1.set_ylabel(r"$c_1$")
ax2.plot(times, d[1], color="C1", linewidth=1.0)
ax2.axhline(0, color="0.6", linewidth=0.6)
ax2.set_ylabel(r"$\Delta c_1$")
ax2.set_xlabel(r"$t$ (s)")
plt.show()

# %%
# Stacked under the 13 MFCCs, the deltas and the delta-deltas make 39
# numbers per frame.

features = np.vstack([C, d, delta(C, width=9, order=2)])
print(features.shape)
