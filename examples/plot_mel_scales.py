r"""
Two mel scales
==============

Slaney's mel scale (librosa's default) and HTK's, from 0 Hz to 8000 Hz.
Slaney's values are multiplied by :math:`1000/15` so that both scales give
1000 mel at 1000 Hz. Below 1000 Hz Slaney's scale is the straight line
:math:`m = f` and HTK's lies above it; above 1000 Hz Slaney's rises faster.
"""

# %%
# Both curves come from ``dlaudio.hz_to_mel``; the dashed line is
# :math:`m = f`.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import hz_to_mel

f = np.linspace(0.0, 8000.0, 801)
slaney = hz_to_mel(f) * 1000.0 / 15.0
htk = hz_to_mel(f, htk=True)
gap = slaney - htk
widest = np.argmax(np.abs(gap))
print(
    f"at 1000 Hz: {slaney[100]:.1f} and {htk[100]:.1f}; "
    f"widest gap {gap[widest]:.0f} at {f[widest]:.0f} Hz"
)

fig, ax = plt.subplots(figsize=(5.2, 3.4), layout="constrained")
ax.plot(f, f, color="0.6", linestyle="--", linewidth=0.9)
ax.plot(f, slaney, color="C0", label=r"$\frac{1000}{15}\, m_{Slaney}(f)$")
ax.plot(f, htk, color="C1", label=r"$m_{HTK}(f)$")
ax.plot([1000.0], [1000.0], "ko", markersize=4)
ax.set_xlabel(r"$f$ (Hz)")
ax.set_ylabel(r"$m$ (mel)")
ax.set_xlim(0, 8000)
ax.set_ylim(0, 3200)
ax.grid(alpha=0.3)
ax.legend(loc="lower right")
plt.show()

# %%
# The two curves cross only at 0 Hz and at 1000 Hz, where both scales are
# anchored.
