r"""
The error fades as it travels back
==================================

Backpropagation sends the output error back through the network, one layer at
a time. At every step it is multiplied by the slope of the sigmoid, which is
never more than 1/4, and by the weights. This example measures how much of the
error is left at each layer: first in the course's worked 2-2-1 example, then
in a deeper network, and finally over the course of training.
"""

# %%
# The worked example
# ------------------
#
# ``trace`` runs one forward and one backward pass of the fully specified 2-2-1
# network of the worked example and keeps every intermediate. We draw the
# average size of the error and of the delta at each layer, from the output
# (layer 2) back to the input (layer 0). The error at the input layer,
# :math:`error_0 = \delta_1 \cdot W_0^T`, is not needed for any update, but it
# shows where the relay would go next.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import MLP, trace
from dlaudio.data import worked_example
from dlaudio.magnitudes import mean_abs, relay_bounds, row_norms

t = trace(*worked_example())
error_sizes = mean_abs(t.error)
delta_sizes = mean_abs(t.delta)
for l in sorted(error_sizes, reverse=True):
    delta_text = f"{delta_sizes[l]:.5f}" if l in delta_sizes else "-"
    print(f"layer {l}: |error| = {error_sizes[l]:.5f}   |delta| = {delta_text}")

fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
layers = sorted(error_sizes, reverse=True)
ax.plot(layers, [error_sizes[l] for l in layers], "o-", label=r"$\overline{|error_l|}$")
ax.plot(sorted(delta_sizes, reverse=True), [delta_sizes[l] for l in sorted(delta_sizes, reverse=True)],
        "s--", label=r"$\overline{|\delta_l|}$")
for l in layers:
    ax.annotate(f"{error_sizes[l]:.4f}", (l, error_sizes[l]), textcoords="offset points", xytext=(6, 6))
for l, v in delta_sizes.items():
    ax.annotate(f"{v:.4f}", (l, v), textcoords="offset points", xytext=(6, -14), color="C1")
ax.set_yscale("log")
ax.set_xticks(layers)
ax.set_xlim(2.3, -0.4)  # the error travels from the output (left) to the input (right)
ax.set_xlabel(r"$l$")
ax.grid(alpha=0.3, which="both")
ax.legend()
plt.show()

# %%
# From the output to the hidden layer the error shrinks by a factor of about
# nine: the delta keeps only the sigmoid's slope (about 0.23) of it, and the
# two weights of 0.5 carry that back. From the hidden layer to the input it
# shrinks again, by more than ten.
#
# A deeper network
# ----------------
#
# The same happens at every layer of a deep sigmoid network. Here eight layers
# of eight neurons, with weights drawn from the standard normal distribution,
# process a batch of 64 random inputs. For each layer we draw the average
# length :math:`\|\delta_l\|` of a sample's delta, on a logarithmic scale.
#
# Beside each step we draw the most that step can let through. Because the
# slope is at most 1/4,
#
# .. math:: \|\delta_l\| \le \tfrac14 \, \|W_l\|_2 \, \|\delta_{l+1}\| ,
#
# where :math:`\|W_l\|_2` is the largest factor by which :math:`W_l^T` can
# stretch a vector. Wherever the weights stretch by less than four, each step
# is bound to shrink the delta.

rng = np.random.default_rng(0)
deep = MLP(8, [8] * 7, 8, rng=rng)
x = rng.uniform(0, 1, size=(64, 8))
y = rng.uniform(0, 1, size=(64, 8))
deep_trace = trace(deep, x, y)
norms = row_norms(deep_trace.delta)
bounds = relay_bounds(deep_trace)

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
layers = sorted(norms, reverse=True)
ax.plot(layers, [norms[l] for l in layers], "o-", label=r"$\overline{\|\delta_l\|}$")
ax.plot(sorted(bounds), [bounds[l] for l in sorted(bounds)], "v", color="C3",
        label=r"$\frac{1}{4}\,\|W_l\|_2\,\overline{\|\delta_{l+1}\|}$")
for l in bounds:
    ax.plot([l + 1, l], [norms[l + 1], bounds[l]], ":", color="C3", linewidth=0.8)
ax.set_yscale("log")
ax.set_xticks(layers)
ax.set_xlim(max(layers) + 0.4, min(layers) - 0.4)
ax.set_xlabel(r"$l$")
ax.grid(alpha=0.3, which="both")
ax.legend()
plt.show()

print(f"|delta_8| / |delta_1| = {norms[8] / norms[1]:.0f}")

# %%
# Every delta lies below the bound of its step, and over seven steps the delta
# of the first layer ends up a small fraction of the last layer's. Since
# :math:`Deriv_{l-1} = a_{l-1}^T \cdot \delta_l`, the first layers receive the
# smallest updates.
#
# During training
# ---------------
#
# Small updates mean slow learning. We train the deep network on a simple task
# (each target is the mean of the inputs), one step per epoch on the whole
# data set, and after every epoch :math:`t` we measure the average size of
# each layer's update :math:`Deriv_l`.

task_x = rng.uniform(0, 1, size=(512, 8))
task_y = np.repeat(task_x.mean(axis=1, keepdims=True), 8, axis=1)
epochs = 60
sizes = {l: [] for l in range(8)}
for _ in range(epochs):
    deep.train(task_x, task_y, epochs=1, eta=0.004, batch_size=len(task_x))
    for l, v in mean_abs(trace(deep, task_x, task_y).deriv).items():
        sizes[l].append(v)

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
colors = plt.cm.viridis(np.linspace(0, 0.9, 8))
for l in range(8):
    ax.plot(range(1, epochs + 1), sizes[l], color=colors[l], label=rf"$Deriv_{l}$")
ax.set_yscale("log")
ax.set_xlabel(r"$t$")
ax.grid(alpha=0.3, which="both")
ax.legend(ncol=2, fontsize="small")
plt.show()

# %%
# Throughout training, the layers nearest the output receive the largest
# updates, and :math:`Deriv_0`, next to the input, stays the smallest at every
# epoch, one to two orders of magnitude below the last layers. The layers
# nearest the input learn slowest. This is the vanishing gradient problem, and
# it is why later chapters meet activation functions whose slope is not capped
# at 1/4.
#
# The worked example's numbers are derived step by step on the course page
# :doc:`/worked-example`.

# sphinx_gallery_thumbnail_number = 2
