r"""
A waveform and its samples
==========================

A sound reaches the computer as samples :math:`y[n] = x(n / sr)` of a
continuous pressure curve :math:`x(t)`, taken :math:`sr` times a second. This
example draws the first five milliseconds of a 440 Hz tone: the curve, and the
samples that a 16 000 Hz recording keeps of it.
"""

# %%
# The samples come from ``dlaudio.tone``; the curve is the same tone computed
# at a rate a hundred times higher, which is as close to continuous as a
# figure needs.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import tone

sr = 16000
duration = 0.005
y = tone(440, duration, sr, amplitude=0.5)
t = np.arange(y.size) / sr
fine_sr = 100 * sr
x = tone(440, duration, fine_sr, amplitude=0.5)
fine_t = np.arange(x.size) / fine_sr

print(
    f"{y.size} samples in {1000 * duration:g} ms, "
    f"one every {1e6 / sr:g} microseconds"
)

fig, ax = plt.subplots(figsize=(5.2, 2.7), layout="constrained")
ax.plot(1000 * fine_t, x, color="0.6", linewidth=1, label=r"$x(t)$")
ax.plot(
    1000 * t, y, "o", markersize=3.5, color="C0", label=r"$y[n] = x(n / sr)$"
)
ax.vlines(1000 * t, 0, y, color="C0", linewidth=0.6)
ax.axhline(0, color="0.3", linewidth=0.6)
ax.set_xlabel(r"$t$ (ms)")
ax.set_ylabel(r"$x(t)$, $y[n]$")
ax.grid(alpha=0.3)
ax.legend(loc="upper right")
plt.show()

# %%
# Between two dots the computer knows nothing: the dots are the whole sound.
# At 16 000 Hz a 440 Hz tone gets about 36 samples per cycle, plenty to follow
# the curve; the aliasing example shows what happens when a tone gets fewer
# than two.
