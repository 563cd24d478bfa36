r"""
The cepstrum of a vowel
=======================

One frame (1024 samples, 64 ms) of the synthetic vowel /a/ at
:math:`f_0 = 120` Hz and :math:`sr = 16000` Hz. Top: its log magnitude
spectrum and the envelope that liftering keeps. Bottom: its cepstrum, the
inverse FFT of the log spectrum, over quefrency; the harmonics, 120 Hz
apart, make a peak at a quefrency of :math:`1/f_0`, about 8.3 ms.
"""

# %%
# The vowel comes from ``dlaudio.vowel``; the cepstrum is two FFTs.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import vowel

sr, n, f0 = 16000, 1024, 120
a = vowel([730, 1090, 2440], f0=f0, duration=0.5, sr=sr, rng=0)
x = a[4000 : 4000 + n] * np.hanning(n)
log_spectrum = np.log(np.abs(np.fft.rfft(x)))
cepstrum = np.fft.irfft(log_spectrum)
lo, hi = sr // 400, sr // 60
peak = lo + int(np.argmax(cepstrum[lo:hi]))
print(f"peak at {1000 * peak / sr:.2f} ms, that is {sr / peak:.1f} Hz")

# %%
# Liftering: keep the quefrencies below 40 samples (2.5 ms), on both ends
# of the symmetric cepstrum, and go back to the frequency axis.

cut = 40
lifter = np.zeros(n)
lifter[:cut] = 1.0
lifter[n - cut + 1 :] = 1.0
envelope = np.fft.rfft(cepstrum * lifter).real
freqs = np.fft.rfftfreq(n, 1 / sr)
quefrency = 1000 * np.arange(n) / sr

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5.2, 4.4), layout="constrained")
ax1.plot(freqs, log_spectrum, color="0.6", linewidth=0.8)
ax1.plot(freqs, envelope, color="C0", linewidth=1.6)
ax1.set_xlim(0, 4000)
ax1.set_xlabel(r"$f$ (Hz)")
ax1.set_ylabel(r"$\ln |X(f)|$")
half = n // 2
ax2.plot(quefrency[1:half], cepstrum[1:half], color="C1", linewidth=0.9)
ax2.axvline(1000 * cut / sr, color="C0", linestyle="--", linewidth=0.9)
ax2.plot(quefrency[peak], cepstrum[peak], "ko", markersize=4)
ax2.set_xlim(0, 20)
ax2.set_ylim(-0.3, 0.6)
ax2.set_xlabel(r"$q$ (ms)")
ax2.set_ylabel(r"$c(q)$")
for ax in (ax1, ax2):
    ax.grid(alpha=0.3)
plt.show()

# %%
# Left of the dashed line lies the envelope (the formants); the dot is the
# pitch peak at :math:`1/f_0`.
