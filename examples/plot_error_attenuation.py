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
# (layer 2) back to the input (layer 0). A bar over a quantity means its mean:
# :math:`\overline{|\mathrm{error}_l|}` is the mean of the absolute values of
# the entries of :math:`\mathrm{error}_l`, and :math:`\overline{|\delta_l|}`
# the same for :math:`\delta_l`. The error at the input layer,
# :math:`\mathrm{error}_0 = \delta_1 \cdot W_0^T`, is not needed for any
# update, but it shows where the relay would go next.

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm

from dlaudio import MLP, trace
from dlaudio.backprop import mean_abs, relay_bounds, row_norms
from dlaudio.data import worked_example

t = trace(*worked_example())
error_sizes = mean_abs(t.error)
delta_sizes = mean_abs(t.delta)
for l in sorted(error_sizes, reverse=True):
    delta_text = f"{delta_sizes[l]:.5f}" if l in delta_sizes else "-"
    print(
        f"layer {l}: |error| = {error_sizes[l]:.5f}   |delta| = {delta_text}"
    )

fig, ax = plt.subplots(figsize=(5.2, 3.4), layout="constrained")
layers = sorted(error_sizes, reverse=True)
delta_layers = sorted(delta_sizes, reverse=True)
ax.plot(
    layers,
    [error_sizes[l] for l in layers],
    "o-",
    label=r"$\overline{|\mathrm{error}_l|}$",
)
ax.plot(
    delta_layers,
    [delta_sizes[l] for l in delta_layers],
    "s--",
    label=r"$\overline{|\delta_l|}$",
)
# Each value is written beside its marker, clear of both lines: the errors
# above and to the right, the deltas below and to the left.
for l in layers:
    ax.annotate(
        f"{error_sizes[l]:.4f}",
        (l, error_sizes[l]),
        fontsize=11,
        textcoords="offset points",
        xytext=(8, 6),
        color="C0",
    )
for l in delta_layers:
    ax.annotate(
        f"{delta_sizes[l]:.4f}",
        (l, delta_sizes[l]),
        fontsize=11,
        textcoords="offset points",
        xytext=(-8, -8),
        ha="right",
        va="top",
        color="C1",
    )
ax.set_yscale("log")
ax.set_ylim(1e-3, 1.5)
ax.set_xticks(layers)
# The error travels from the output (left) to the input (right).
ax.set_xlim(2.5, -0.5)
ax.set_xlabel(r"$l$", fontsize=12)
ax.set_ylabel(r"$\overline{|error_l|}$,  $\overline{|\delta_l|}$", fontsize=12)
ax.tick_params(labelsize=11)
ax.grid(alpha=0.3, which="major")
ax.legend(fontsize=11, loc="upper right")
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
# process a batch of 64 random inputs. For each layer we draw
# :math:`\overline{\|\delta_l\|}`, the mean over the samples of the length
# :math:`\|\delta_l\|` of a sample's delta, on a logarithmic scale.
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

fig, ax = plt.subplots(figsize=(5.2, 3.4), layout="constrained")
layers = sorted(norms, reverse=True)
ax.plot(
    layers,
    [norms[l] for l in layers],
    "o-",
    label=r"$\overline{\|\delta_l\|}$",
)
ax.plot(
    sorted(bounds),
    [bounds[l] for l in sorted(bounds)],
    "v",
    color="C3",
    markersize=8,
    label=r"$\frac{1}{4}\,\|W_l\|_2\,\overline{\|\delta_{l+1}\|}$",
)
for l in bounds:
    ax.plot(
        [l + 1, l], [norms[l + 1], bounds[l]], ":", color="C3", linewidth=1
    )
ax.set_yscale("log")
ax.set_xticks(layers)
ax.set_xlim(max(layers) + 0.4, min(layers) - 0.4)
ax.set_xlabel(r"$l$", fontsize=12)
ax.set_ylabel(r"$\overline{\|\delta_l\|}$", fontsize=12)
ax.tick_params(labelsize=11)
ax.grid(alpha=0.3, which="major")
ax.legend(fontsize=11, loc="lower left")
plt.show()

print(f"|delta_8| / |delta_1| = {norms[8] / norms[1]:.0f}")

# %%
# Every delta lies below the bound of its step, and over seven steps the delta
# of the first layer ends up a small fraction of the last layer's. Since
# :math:`\mathrm{Deriv}_{l-1} = a_{l-1}^T \cdot \delta_l`, the first layers
# receive the smallest updates.
#
# During training
# ---------------
#
# Small updates mean slow learning. We train the deep network on a simple task
# (each of the eight targets is the mean of the eight inputs), one step per
# epoch on the whole data set of 512 samples, and after every epoch :math:`t`
# we record the loss :math:`E / n` and the mean size
# :math:`\overline{|\mathrm{Deriv}_l|}` of the entries of each layer's update.
# The colour of a curve gives its layer :math:`l`, from dark (next to the
# input) to light (next to the output).

task_x = rng.uniform(0, 1, size=(512, 8))
task_y = np.repeat(task_x.mean(axis=1, keepdims=True), 8, axis=1)
epochs = 60
losses = []
outputs = []  # the mean of each output over the data set, after each epoch
sizes = {l: [] for l in range(8)}
for _ in range(epochs):
    losses += list(
        deep.train(
            task_x,
            task_y,
            epochs=1,
            eta=0.004,
            batch_size=len(task_x),
            exact_loss=True,
        )
    )
    after = trace(deep, task_x, task_y)
    outputs.append(after.a[-1].mean(axis=0))
    for l, v in mean_abs(after.deriv).items():
        sizes[l].append(v)
outputs = np.array(outputs)
print(
    f"E/n: t = 1: {losses[0]:.4f}, t = 20: {losses[19]:.4f}, "
    f"t = {epochs}: {losses[-1]:.4f}"
)
print("mean outputs at t = 20:", np.round(outputs[19], 3))

layer_norm = BoundaryNorm(np.arange(-0.5, 8.5), 256)
layer_cmap = plt.get_cmap("viridis")
ts = np.arange(1, epochs + 1)
fig, (top, bottom) = plt.subplots(
    2,
    1,
    figsize=(5.2, 4.8),
    layout="constrained",
    sharex=True,
    height_ratios=[1, 2],
)
top.plot(ts, losses, color="0.2", linewidth=1.8)
top.set_ylim(0, 0.6)
top.set_yticks([0, 0.2, 0.4, 0.6])
top.set_ylabel(r"$E / n$", fontsize=12)
for l in range(8):
    bottom.plot(ts, sizes[l], color=layer_cmap(layer_norm(l)), linewidth=1.8)
bottom.set_yscale("log")
bottom.set_xlabel(r"$t$", fontsize=12)
bottom.set_ylabel(r"$\overline{|\mathrm{Deriv}_l|}$", fontsize=12)
for ax in (top, bottom):
    ax.tick_params(labelsize=11)
    ax.grid(alpha=0.3, which="major")
    ax.axvline(25, color="0.5", linewidth=0.8, linestyle=":")
layer_colors = plt.cm.ScalarMappable(layer_norm, layer_cmap)
layer_colors.set_array(np.arange(8))
scale = fig.colorbar(layer_colors, ax=bottom, ticks=range(8))
scale.set_label(r"$l$", fontsize=12)
scale.ax.tick_params(labelsize=10)
plt.show()

# %%
# For about 20 epochs the loss falls quickly, and every update shrinks with
# it. Then the loss almost stops falling. Seven of the eight outputs have
# settled near 0.5, the mean of the targets, and give nearly the same answer
# for every input: after eight layers of sigmoids the activations hardly
# differ from one sample to the next, so the updates that would fit each
# sample cancel out in the sum over the data set. The input-dependent part of
# the task would have to be learned through the first layers, whose updates
# are the smallest.
#
# What still moves the weights is the seventh output. It started near 0, where
# the sigmoid is flat, so its error of about 0.5 passes back as a tiny delta.
# As that output creeps up (0.004 at :math:`t = 20`, 0.011 at :math:`t = 60`),
# its slope grows, and with it the updates: this is why the curves of layers 1
# to 7 rise again after about :math:`t = 25` (dotted line), to about twice
# their value by :math:`t = 60` for the layers nearest the output, while the
# curve of :math:`\mathrm{Deriv}_0` stays almost flat. From then on
# :math:`\mathrm{Deriv}_7` stays below :math:`\mathrm{Deriv}_6`: only one of
# its eight columns, the one that feeds the seventh output, still receives a
# large update, while the backward pass spreads that output's delta over all
# eight neurons of layer 7, so every column of :math:`\mathrm{Deriv}_6` takes a
# share.
#
# Throughout training, the two layers nearest the output receive the largest
# updates, and :math:`\mathrm{Deriv}_0`, next to the input, stays the smallest
# at every epoch, between about 50 and 1000 times smaller than the largest. The
# layers nearest the input learn slowest. This is the vanishing gradient
# problem, and it is why chapter 06 turns to activation functions whose slope
# is not capped at 1/4.
#
# The worked example's numbers are derived step by step on the course page
# :doc:`/worked-example`.

# sphinx_gallery_thumbnail_number = 2
