r"""
Quantisation: a 4-bit sine and its rounding error
=================================================

With :math:`b` bits a sample is rounded to one of :math:`2^b` levels, a step
:math:`\Delta = 2^{1-b}` apart. The first panel draws 2 ms of a 440 Hz tone
and its 4-bit version; the second, the error, which stays within
:math:`\pm\Delta/2` and has an RMS value close to :math:`\Delta/\sqrt{12}`;
the third, the tone's power over the error's power for 2 to 16 bits against
the rule :math:`6.02\,b + 1.76` dB for a full-scale sine.
"""

# %%
# One second of the tone, its 4-bit version and the error, from
# ``dlaudio.quantise``.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import quantise, tone

sr, bits = 16000, 4
amplitude = 0.9
y = tone(440, 1.0, sr, amplitude=amplitude)
q = quantise(y, bits)
error = q - y
step = 2.0 ** (1 - bits)
rms = float(np.sqrt(np.mean(error**2)))
print(f"step = {step}, largest error = {np.max(np.abs(error)):.4f}")
print(f"RMS error = {rms:.4f}, step / sqrt(12) = {step / np.sqrt(12):.4f}")

# %%
# The signal-to-noise ratio for each number of bits, measured and by the
# rule, lowered by :math:`20 \log_{10} A` because the tone's amplitude
# :math:`A` is 0.9 rather than 1.

all_bits = np.arange(2, 17)
snr = np.array(
    [
        10 * np.log10(np.mean(y**2) / np.mean((quantise(y, b) - y) ** 2))
        for b in all_bits
    ]
)
rule = 6.02 * all_bits + 1.76 + 20 * np.log10(amplitude)
measured, predicted = snr[bits - 2], rule[bits - 2]
print(f"{bits} bits: measured {measured:.1f} dB, rule {predicted:.1f} dB")

shown = slice(0, 32)
t_ms = 1000 * np.arange(y.size) / sr
fig, (ax1, ax2, ax3) = plt.subplots(
    3, 1, figsize=(5.2, 6.2), layout="constrained"
)
ax1.plot(t_ms[shown], y[shown], color="0.55", label=r"$y[n]$")
ax1.step(t_ms[shown], q[shown], where="mid", color="C0", label=r"$Q(y[n])$")
ax1.set_xlabel(r"$t$ (ms)")
ax1.set_ylabel(r"$y$")
ax1.set_yticks(np.arange(-1, 1.01, 0.25))
ax1.legend(loc="upper right", ncols=2)
ax1.grid(alpha=0.3)
ax2.plot(t_ms[shown], error[shown], "o-", color="C1", markersize=3)
for level in (-step / 2, step / 2):
    ax2.axhline(level, color="0.4", linestyle=":", linewidth=1)
ax2.set_xlabel(r"$t$ (ms)")
ax2.set_ylabel(r"$Q(y) - y$")
ax2.set_yticks([-step / 2, 0, step / 2], [r"$-\Delta/2$", "0", r"$\Delta/2$"])
ax2.grid(alpha=0.3)
ax3.plot(
    all_bits, rule, color="0.55", label=r"$6.02\,b + 1.76 + 20 \log_{10} A$"
)
ax3.plot(all_bits, snr, "o", color="C0", markersize=4, label=r"$P_y / P_e$")
ax3.set_xlabel(r"$b$ (bits)")
ax3.set_ylabel(r"$P_y / P_e$ (dB)")
ax3.legend(loc="upper left")
ax3.grid(alpha=0.3)
plt.show()

# %%
# Each extra bit halves the step, so the error's power falls by a factor of
# four: about 6 dB per bit.
