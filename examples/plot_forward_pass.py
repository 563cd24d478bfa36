r"""
The forward pass, drawn as a network
====================================

Before any error can travel back, the input has to travel forward. This
example draws two networks of the course as layers of neurons, each neuron
holding the numbers that one forward pass leaves in it: first the 2-3-2-1
network of the multilayer perceptron chapter, then the 2-2-1 network of the
worked example, with every weight written on its connection. Every number is
taken from one ``trace`` of the library.
"""

# %%
# Drawing a network
# -----------------
#
# Each circle is a neuron and each line a weight; a thicker line carries a
# larger weight (in absolute value). The circles of layers 1 and up are
# shaded by their activation: the darker, the closer to 1. The inputs, which
# are not outputs of a sigmoid, are left unshaded. The function below draws
# any ``Trace`` of one sample.

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import CenteredNorm

from dlaudio import MLP, trace
from dlaudio.data import worked_example

RADIUS = 0.45
DY = 1.2  # vertical distance between two neurons of a layer


def position(sizes, layer, index, dx):
    """Where neuron ``index`` of ``layer`` sits: layers left to right."""
    return layer * dx, DY * ((sizes[layer] - 1) / 2 - index)


def edge(start, end):
    """The part of the line from ``start`` to ``end`` outside both circles."""
    (x0, y0), (x1, y1) = start, end
    length = np.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    return (
        [x0 + RADIUS * ux, x1 - RADIUS * ux],
        [y0 + RADIUS * uy, y1 - RADIUS * uy],
    )


def draw_network(ax, t, dx, colors, show_h):
    """Draw the forward pass ``t`` of one sample on ``ax``.

    ``colors(W)`` gives the colour of each weight's line; ``show_h`` also
    writes the weighted sum above each activation.
    """
    sizes = [a.shape[1] for a in t.a]
    for l, W in enumerate(t.W):
        for (i, j), w in np.ndenumerate(W):
            start = position(sizes, l, i, dx)
            end = position(sizes, l + 1, j, dx)
            ax.plot(
                *edge(start, end),
                color=colors(w),
                linewidth=1.5 + 2.5 * abs(w),
                solid_capstyle="butt",
            )
        ax.text(
            l * dx + dx / 2,
            DY * max(sizes) / 2 + 0.1,
            rf"$W_{l}$",
            ha="center",
            va="bottom",
            fontsize=13,
        )
    for l, a in enumerate(t.a):
        for i, value in enumerate(a[0]):
            x, y = position(sizes, l, i, dx)
            fill = "0.93" if l == 0 else plt.cm.Blues(0.1 + 0.6 * value)
            ax.add_patch(
                plt.Circle(
                    (x, y), RADIUS, facecolor=fill, edgecolor="0.2", zorder=2
                )
            )
            if l == 0:
                ax.text(
                    x,
                    y,
                    f"{value:g}",
                    ha="center",
                    va="center",
                    fontsize=12,
                    zorder=4,
                )
            elif show_h:
                ax.text(
                    x,
                    y + 0.15,
                    f"{t.h[l][0, i]:.4f}",
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="0.25",
                    zorder=4,
                )
                ax.text(
                    x,
                    y - 0.12,
                    f"{value:.4f}",
                    ha="center",
                    va="center",
                    fontsize=10,
                    weight="bold",
                    zorder=4,
                )
            else:
                ax.text(
                    x,
                    y,
                    f"{value:.4f}",
                    ha="center",
                    va="center",
                    fontsize=10,
                    zorder=4,
                )
        label = rf"$a_{l}$" if l == 0 or not show_h else rf"$h_{l}$, $a_{l}$"
        ax.text(
            l * dx,
            -DY * max(sizes) / 2 - 0.05,
            label,
            ha="center",
            va="top",
            fontsize=13,
        )
    ax.set_xlim(-RADIUS - 0.1, (len(sizes) - 1) * dx + RADIUS + 0.1)
    ax.set_ylim(-DY * max(sizes) / 2 - 0.5, DY * max(sizes) / 2 + 0.55)
    ax.set_aspect("equal")
    ax.axis("off")


# %%
# The network of the multilayer perceptron chapter
# ------------------------------------------------
#
# ``MLP(2, [3, 2], 1, rng=0)`` has two inputs, hidden layers of three and two
# neurons, and one output, so three weight matrices :math:`W_0, W_1, W_2` of
# shapes 2 by 3, 3 by 2 and 2 by 1. Its weights are random draws of both
# signs, so the colour of a line gives the sign of its weight: red for
# positive, blue for negative, on a scale centred on zero, and a
# weight near zero is a faint grey line. The numbers in the
# circles are the activations :math:`a_l` for the input
# :math:`a_0 = [1.0, 2.0]`, the same numbers the chapter prints.

net = MLP(2, [3, 2], 1, rng=0)
t_mlp = trace(net, [1.0, 2.0], [0.0])
for l, a in enumerate(t_mlp.a):
    print(f"a_{l} = {np.round(a[0], 4)}")

weight_norm = CenteredNorm(
    vcenter=0.0, halfrange=max(np.abs(W).max() for W in t_mlp.W)
)
weight_cmap = plt.get_cmap("coolwarm")

fig, ax = plt.subplots(figsize=(5.6, 3.3), layout="constrained")
draw_network(
    ax,
    t_mlp,
    dx=1.9,
    colors=lambda w: weight_cmap(weight_norm(w)),
    show_h=False,
)
weights = plt.cm.ScalarMappable(weight_norm, weight_cmap)
weights.set_array(np.concatenate([W.ravel() for W in t_mlp.W]))
scale = fig.colorbar(weights, ax=ax, shrink=0.7, pad=0.01)
scale.set_label(r"$W_{l,ij}$", fontsize=12)
scale.ax.tick_params(labelsize=10)
plt.show()

# %%
# Reading from left to right, each column of circles is the previous column
# times a weight matrix, passed through the sigmoid. The zero target given to
# ``trace`` plays no part in the forward pass.
#
# The worked example, every number kept
# -------------------------------------
#
# ``trace`` runs the 2-2-1 network of the worked example on the input
# :math:`a_0 = [1.0, 2.0]` and keeps the weighted sums :math:`h_l` and the
# activations :math:`a_l` of each layer. Here each circle holds two numbers:
# the upper one is its weighted sum, the lower (bold) one its activation. Its
# weights are all positive, so every line is grey, and each is labelled with
# its value, written along the line just above it.

t = trace(*worked_example())

fig, ax = plt.subplots(figsize=(5.0, 2.9), layout="constrained")
draw_network(ax, t, dx=2.6, colors=lambda w: "0.55", show_h=True)
sizes = [a.shape[1] for a in t.a]
for l, W in enumerate(t.W):
    for (i, j), w in np.ndenumerate(W):
        (x0, x1), (y0, y1) = edge(
            position(sizes, l, i, 2.6), position(sizes, l + 1, j, 2.6)
        )
        # Written along the line, just above it: a quarter of the way along
        # a sloping line, where the crossing lines are still apart.
        along = 0.5 if y0 == y1 else 0.25
        length = np.hypot(x1 - x0, y1 - y0)
        x = x0 + along * (x1 - x0) - 0.06 * (y1 - y0) / length
        y = y0 + along * (y1 - y0) + 0.06 * (x1 - x0) / length
        angle = np.degrees(np.arctan2(y1 - y0, x1 - x0))
        ax.text(
            x,
            y,
            f"{w:g}",
            ha="center",
            va="bottom",
            fontsize=11,
            rotation=angle,
            rotation_mode="anchor",
            transform_rotates_text=True,
        )
plt.show()

# %%
# Reading the drawing from left to right is the forward pass:
# :math:`h_1 = a_0 \cdot W_0 = [0.4, 0.85]`, then
# :math:`a_1 = \sigma(h_1) \approx [0.599, 0.701]`, then
# :math:`h_2 = a_1 \cdot W_1 \approx 0.650` and the prediction
# :math:`a_2 = \sigma(h_2) \approx 0.657`. The backward pass, on the course
# page :doc:`/worked-example`, walks the same drawing from right to left.

for l in (1, 2):
    print(
        f"h_{l} = {np.round(t.h[l][0], 4)}   a_{l} = {np.round(t.a[l][0], 4)}"
    )

# sphinx_gallery_thumbnail_number = 2
