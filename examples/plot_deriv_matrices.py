r"""
The Deriv matrices: who takes the blame
=======================================

Each weight's update is the product of two numbers: the activation that flowed
into the weight and the delta of the neuron it feeds,
:math:`\mathrm{Deriv} = a^T \cdot \delta`. This example draws the two update
matrices of the course's worked 2-2-1 example and then shows the principle the
course notes state: the weights of the input that spoke louder take the larger
correction.
"""

# %%
# The two matrices of the worked example
# --------------------------------------
#
# ``trace`` computes :math:`\mathrm{Deriv}_0` (input to hidden, 2 by 2) and
# :math:`\mathrm{Deriv}_1` (hidden to output, 2 by 1) of the fully specified
# worked example. Each cell shows its value. Each row is labelled with the
# activation it belongs to and each column with the delta it belongs to, so
# every cell is the product of its row's and its column's label. All the
# updates are positive, so the colour scale runs from 0 (white) to the largest
# update (dark); it is shared by both matrices, so equal colours mean equal
# updates.

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import Normalize

from dlaudio import trace
from dlaudio.backprop import deriv
from dlaudio.data import worked_example

t = trace(*worked_example())
matrices = {0: t.deriv[0], 1: t.deriv[1]}
for l, D in matrices.items():
    print(f"Deriv_{l} =\n{np.round(D, 5)}")

norm = Normalize(vmin=0.0, vmax=max(D.max() for D in matrices.values()))
fig, axes = plt.subplots(
    1, 2, figsize=(5.4, 3.0), layout="constrained", width_ratios=[2, 1]
)
for ax, (l, D) in zip(axes, matrices.items()):
    image = ax.imshow(D, cmap="Blues", norm=norm)
    for (i, j), value in np.ndenumerate(D):
        # Light text on the darkest cells keeps every value readable.
        dark = value > 0.6 * norm.vmax
        ax.text(
            j,
            i,
            f"{value:.5f}",
            ha="center",
            va="center",
            fontsize=11,
            color="white" if dark else "black",
        )
    ax.set_title(
        rf"$\mathrm{{Deriv}}_{l} = a_{l}^T \cdot \delta_{l + 1}$", fontsize=12
    )
    ax.set_xticks(range(D.shape[1]), [f"{v:.5f}" for v in t.delta[l + 1][0]])
    digits = 1 if l == 0 else 4  # the inputs 1.0 and 2.0; activations
    ax.set_yticks(range(D.shape[0]), [f"{v:.{digits}f}" for v in t.a[l][0]])
    ax.set_xlabel(rf"$\delta_{l + 1}$", fontsize=12)
    ax.set_ylabel(rf"$a_{l}$", fontsize=12)
    ax.tick_params(labelsize=10)
scale = fig.colorbar(image, ax=axes, shrink=0.8)
scale.set_label(r"$\mathrm{Deriv}_{l,ij}$", fontsize=12)
scale.ax.tick_params(labelsize=10)
plt.show()

# %%
# Read :math:`\mathrm{Deriv}_0` by rows. The first row belongs to the first
# input, :math:`a_{0,1} = 1.0`; the second row to the second input,
# :math:`a_{0,2} = 2.0`. Both rows are multiplied by the same deltas, so the
# second row is exactly twice the first. In :math:`\mathrm{Deriv}_1` the second
# hidden neuron, which fired a little more strongly (0.70 against 0.60), gets
# the slightly larger update.
#
# The louder input
# ----------------
#
# Now we vary the second input, :math:`a_0 = [1, x]`, for :math:`x` from 0 to
# 4, and keep the worked example's hidden deltas :math:`\delta_1`. The row of
# :math:`\mathrm{Deriv}_0` that belongs to :math:`x` grows in proportion to
# :math:`x`, while the row of the first input does not move. We write
# :math:`\mathrm{Deriv}_0[i, j]` for the entry in row :math:`i` and column
# :math:`j`.

delta1 = t.delta[1]
xs = np.linspace(0.0, 4.0, 41)
# shape (41, 2, 2): one Deriv_0 for each x
rows = np.array([deriv(np.array([[1.0, x]]), delta1) for x in xs])

# %%
# In the whole network, changing :math:`x` also changes the forward pass and
# with it every delta. But the two rows of :math:`\mathrm{Deriv}_0` are always
# the same deltas multiplied by the two inputs, so their ratio is exactly
# :math:`x`: the right panel traces the full network for each :math:`x`.

ratios = np.array(
    [trace(worked_example()[0], [1.0, x], [1.0]).deriv[0] for x in xs]
)
ratio = ratios[:, 1, :] / ratios[:, 0, :]

fig, (left, right) = plt.subplots(
    1, 2, figsize=(5.6, 3.2), layout="constrained"
)
for j, style in zip(range(2), ("-", "--")):
    left.plot(
        xs,
        rows[:, 0, j],
        style,
        color="C0",
        linewidth=1.8,
        label=rf"$[1, {j + 1}]$",
    )
    left.plot(
        xs,
        rows[:, 1, j],
        style,
        color="C3",
        linewidth=1.8,
        label=rf"$[2, {j + 1}]$",
    )
left.axvline(2.0, color="0.6", linewidth=0.8, linestyle=":")
left.set_xlabel(r"$x$", fontsize=12)
left.set_ylabel(r"$\mathrm{Deriv}_0[i, j]$", fontsize=12)
left.set_yticks([0, 0.01, 0.02, 0.03])
left.legend(fontsize=10, title=r"$[i, j]$", title_fontsize=10)
right.plot(xs[1::4], ratio[1::4, 0], "o", color="C2", label=r"$j = 1$")
right.plot(xs[3::4], ratio[3::4, 1], "s", color="C1", label=r"$j = 2$")
right.plot(xs, xs, ":", color="0.3", label=r"$x$")
right.set_xlabel(r"$x$", fontsize=12)
right.set_ylabel(
    r"$\mathrm{Deriv}_0[2, j] \,/\, \mathrm{Deriv}_0[1, j]$", fontsize=12
)
right.legend(fontsize=10)
for ax in (left, right):
    ax.set_xticks([0, 1, 2, 3, 4])
    ax.tick_params(labelsize=10)
    ax.grid(alpha=0.3)
plt.show()

# %%
# At :math:`x = 2`, the worked example's input, the second row is twice the
# first: the weights of the input that spoke louder are held more
# responsible and corrected more. The weights of an input of 0 take no
# correction at all, since nothing flowed through them. The worked example
# derives these matrices number by number on the course page
# :doc:`/worked-example`.

# sphinx_gallery_thumbnail_number = 1
