r"""
The forward pass of the 2-2-1 network
=====================================

Before any error can travel back, the input has to travel forward. This
example draws the worked example's network as layers of neurons, with every
weight on its connection and every weighted sum and activation in its neuron,
all taken from one ``trace`` of the library.
"""

# %%
# One forward pass, every number kept
# -----------------------------------
#
# ``trace`` runs the network on the input :math:`a_0 = [1.0, 2.0]` and keeps
# the weighted sums :math:`h_l` and the activations :math:`a_l` of each layer.
# In the drawing, each circle is a neuron: the upper number is its weighted
# sum, the lower its activation. Each line is a weight, and its label is the
# weight's value; a thicker line carries a larger weight.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import trace
from dlaudio.data import worked_example

t = trace(*worked_example())
sizes = [a.shape[1] for a in t.a]


def position(layer, index):
    """Where neuron ``index`` of ``layer`` sits: layers left to right, centred."""
    return layer * 3.0, (sizes[layer] - 1) / 2 - index


fig, ax = plt.subplots(figsize=(6.8, 3.8), layout="constrained")
for l, W in enumerate(t.W):
    for (i, j), w in np.ndenumerate(W):
        (x0, y0), (x1, y1) = position(l, i), position(l + 1, j)
        ax.plot([x0, x1], [y0, y1], color="0.55", linewidth=1 + 3 * abs(w), zorder=1)
        # Label each weight a third of the way along its line, where lines part.
        ax.text(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3, f"{w:g}", fontsize=9, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}, zorder=3)
for l, a in enumerate(t.a):
    for i, value in enumerate(a[0]):
        x, y = position(l, i)
        # Inputs are not activations of a sigmoid; only layers 1 and up are shaded by a.
        fill = "0.93" if l == 0 else plt.cm.Blues(0.1 + 0.6 * value)
        ax.add_patch(plt.Circle((x, y), 0.42, facecolor=fill, edgecolor="0.2", zorder=2))
        if l == 0:
            ax.text(x, y, f"{value:g}", ha="center", va="center", fontsize=10, zorder=4)
        else:
            ax.text(x, y + 0.12, f"{t.h[l][0, i]:.4f}", ha="center", va="center", fontsize=8, color="0.25", zorder=4)
            ax.text(x, y - 0.14, f"{value:.4f}", ha="center", va="center", fontsize=10, weight="bold", zorder=4)
    ax.text(l * 3.0, -1.35, rf"$a_{l}$" if l == 0 else rf"$h_{l}$, $a_{l}$", ha="center", fontsize=11)
for l in range(len(t.W)):
    ax.text(l * 3.0 + 1.5, 1.2, rf"$W_{l}$", ha="center", fontsize=11)
ax.set_xlim(-0.8, 6.8)
ax.set_ylim(-1.6, 1.5)
ax.set_aspect("equal")
ax.axis("off")
plt.show()

# %%
# Reading the drawing from left to right is the forward pass:
# :math:`h_1 = a_0 \cdot W_0 = [0.4, 0.85]`, then
# :math:`a_1 = \sigma(h_1) \approx [0.599, 0.701]`, then
# :math:`h_2 = a_1 \cdot W_1 \approx 0.650` and the prediction
# :math:`a_2 = \sigma(h_2) \approx 0.657`. The darker a neuron, the closer its
# activation is to 1 (the inputs are left unshaded). The backward pass, on the course page
# :doc:`/worked-example`, walks the same drawing from right to left.

for l in (1, 2):
    print(f"h_{l} = {np.round(t.h[l][0], 4)}   a_{l} = {np.round(t.a[l][0], 4)}")
