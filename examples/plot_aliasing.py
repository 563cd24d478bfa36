r"""
Aliasing: a tone above the Nyquist frequency
=============================================

Sampled at :math:`sr = 8000` Hz, a 5000 Hz tone is above the Nyquist
frequency :math:`sr / 2 = 4000` Hz. Its samples are exactly those of a 3000 Hz
tone with the sign flipped: :math:`|5000 - 8000| = 3000`. The first panel
draws both curves through the same samples; the second shows the spectrum of
one second of the samples, whose only peak is at 3000 Hz.
"""

# %%
# The samples and both continuous curves come from ``dlaudio.tone``.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import fft_frequencies, power_to_db, tone

sr = 8000
f_high, f_alias = 5000, abs(5000 - sr * round(5000 / sr))
n = 10
samples = tone(f_high, n / sr, sr)
t = np.arange(n) / sr
fine_sr = 200 * sr
fine_t = np.arange(n * 200) / fine_sr
high = tone(f_high, n / sr, fine_sr)
alias = -tone(f_alias, n / sr, fine_sr)
print(f"alias of {f_high} Hz at sr = {sr} Hz: {f_alias} Hz")
print("samples equal:", bool(np.allclose(samples, -tone(f_alias, n / sr, sr))))

# %%
# The spectrum of one second of the sampled 5000 Hz tone, in dB relative to
# its peak: the peak is at the folded frequency.

second = tone(f_high, 1.0, sr)
spectrum_db = power_to_db(np.abs(np.fft.rfft(second)) ** 2, ref=np.max)
freqs = fft_frequencies(sr, second.size)
peak = freqs[np.argmax(spectrum_db)]
print(f"spectrum peak at {peak:g} Hz")

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5.2, 4.4), layout="constrained")
ax1.plot(
    1000 * fine_t,
    high,
    color="0.55",
    linewidth=0.8,
    label=rf"$\sin(2\pi\,{f_high}\,t)$",
)
ax1.plot(
    1000 * fine_t,
    alias,
    "--",
    color="C1",
    linewidth=1.4,
    label=rf"$-\sin(2\pi\,{f_alias}\,t)$",
)
ax1.plot(1000 * t, samples, "o", color="C0", markersize=5, label=r"$y[n]$")
ax1.set_xlabel(r"$t$ (ms)")
ax1.set_ylabel(r"$x(t)$, $y[n]$")
ax1.legend(loc="upper right", ncols=3)
ax1.set_ylim(-1.5, 1.8)
ax1.grid(alpha=0.3)
ax2.plot(freqs, spectrum_db, color="C0")
ax2.axvline(sr / 2, color="0.4", linestyle=":", linewidth=1)
ax2.annotate(
    r"$f_N = sr/2$",
    xy=(sr / 2, -40),
    xytext=(-60, 0),
    textcoords="offset points",
)
ax2.annotate(
    f"{peak:g} Hz",
    xy=(peak, 0),
    xytext=(-70, -25),
    textcoords="offset points",
    arrowprops={"arrowstyle": "->", "color": "0.3"},
)
ax2.set_xlabel(r"$f$ (Hz)")
ax2.set_ylabel(r"$|X|^2$ (dB re max)")
ax2.set_ylim(-85, 8)
ax2.grid(alpha=0.3)
plt.show()

# %%
# The spectrum ends at the Nyquist frequency: a sampled signal has nothing
# above it to show. A tone that was above it appears folded back below.
