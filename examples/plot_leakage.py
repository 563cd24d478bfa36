r"""
Spectral leakage: rectangular and Hann windows
===============================================

An 800-sample DFT at 8000 Hz has bins every 10 Hz. A 1005 Hz tone falls
half-way between two of them, so it does not fit a whole number of cycles in
the frame, and its power leaks into every bin. Fading the frame in and out
with the Hann window keeps the power near the tone.
"""

# %%
# Both spectra are computed with ``dlaudio.dft`` (the DFT as a matrix
# product) and shown in dB relative to their own peak.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import dft, fft_frequencies, hann, power_to_db, tone

sr, n = 8000, 800
y = tone(1005, n / sr, sr)
freqs = fft_frequencies(sr, n)
windows = {"rectangular": np.ones(n), "Hann": hann(n)}
spectra = {
    name: power_to_db(np.abs(dft(y * w)) ** 2, ref=np.max, top_db=None)
    for name, w in windows.items()
}
at_1500 = freqs == 1500
for name, db in spectra.items():
    print(f"{name:12s} window: {db[at_1500][0]:7.1f} dB at 1500 Hz")

fig, ax = plt.subplots(figsize=(5.2, 3.1), layout="constrained")
ax.plot(
    freqs, spectra["rectangular"], color="C1", linewidth=1, label=r"$w[n] = 1$"
)
ax.plot(
    freqs,
    spectra["Hann"],
    color="C0",
    linewidth=1,
    label=r"$w[n] = \frac{1}{2} - \frac{1}{2}\cos(2\pi n / N)$",
)
ax.set_xlim(0, 3000)
ax.set_ylim(-160, 5)
ax.set_xlabel(r"$f$ (Hz)")
ax.set_ylabel(r"$|X|^2$ (dB re max)")
ax.grid(alpha=0.3)
ax.legend(loc="upper right")
plt.show()

# %%
# Near the tone the Hann window's peak is a little wider, the price of the
# fade; everywhere else its spectrum lies tens of dB below the rectangular
# one. This is why every STFT in this course, as in librosa, windows its
# frames with the Hann window.
