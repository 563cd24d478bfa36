r"""
The sigmoid and its slope
=========================

The sigmoid :math:`\sigma(h) = 1/(1 + e^{-h})` squeezes the weighted sum
:math:`h` of a neuron into the interval (0, 1). Its slope,
:math:`\sigma'(h) = \sigma(h)\,(1 - \sigma(h))`, says how much the output
moves when :math:`h` moves a little. Learning in the later chapters follows
this slope, so it is worth seeing where it is steep and where it is flat.
"""

# %%
# Both curves are computed by ``dlaudio``: the sigmoid from the weighted sum,
# and the slope from the activation :math:`a = \sigma(h)`, as the library
# writes it.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import sigmoid, sigmoid_slope

h = np.linspace(-8.0, 8.0, 401)
a = sigmoid(h)
slope = sigmoid_slope(a)

# %%
# The slope is largest where the sigmoid crosses one half, at :math:`h = 0`,
# and its value there is exactly 1/4. Far from zero the sigmoid flattens and
# its slope falls towards 0.

peak = int(np.argmax(slope))
print(f"largest slope {slope[peak]:.4f} at h = {h[peak]:.1f}")

fig, ax = plt.subplots(figsize=(5.2, 3.2), layout="constrained")
ax.plot(h, a, linewidth=2, label=r"$\sigma(h)$")
ax.plot(h, slope, "--", linewidth=2, label=r"$\sigma'(h) = a\,(1 - a)$")
ax.axhline(0.25, color="0.6", linewidth=0.8, linestyle=":")
ax.plot([h[peak]], [slope[peak]], "o", color="C1")
ax.annotate(
    r"$\sigma'(0) = 1/4$",
    xy=(h[peak], slope[peak]),
    xytext=(1.8, 0.42),
    fontsize=11,
    arrowprops={"arrowstyle": "->", "color": "0.3"},
)
ax.set_xlabel(r"$h$", fontsize=12)
ax.set_ylabel(r"$\sigma(h)$,  $\sigma'(h)$", fontsize=12)
ax.set_xticks([-8, -4, 0, 4, 8])
ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
ax.set_ylim(-0.05, 1.05)
ax.tick_params(labelsize=11)
ax.grid(alpha=0.3)
ax.legend(loc="upper left", fontsize=11)
plt.show()

# %%
# Because the slope never exceeds 1/4, a signal that passes back through a
# sigmoid is multiplied by at most 1/4. The backpropagation chapter returns to
# this fact.
