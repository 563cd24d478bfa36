r"""
Training the a + b network
==========================

The course's first network, 2-5-1, learns to add two numbers drawn from
[0, 0.5). This example trains it twice from the same initial weights, once
with one sample per update (the course's loop) and once in mini-batches of
32, and draws the loss as training goes on and the predictions on pairs the
network has never seen.
"""

# %%
# The loss, epoch by epoch
# ------------------------
#
# The loss drawn is the one training reports: :math:`E / n`, the loss
# :math:`E = \frac12 \sum (y - a)^2` per sample on the whole data set, after
# each epoch :math:`t`, on a logarithmic scale. First the course's run, one
# sample per update.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import MLP, mean_squared_error, sum_dataset

x, y = sum_dataset(1000, rng=0)
start = MLP(2, [5], 1, rng=1).weights

per_sample = MLP.from_weights(start)
losses_per_sample = per_sample.train(
    x, y, epochs=50, eta=0.1, batch_size=1, exact_loss=True
)

epochs = np.arange(1, 51)
fig, ax = plt.subplots(figsize=(5.2, 3.2), layout="constrained")
ax.plot(epochs, losses_per_sample, linewidth=2)
ax.set_yscale("log")
ax.set_xlabel(r"$t$", fontsize=12)
ax.set_ylabel(r"$E / n$", fontsize=12)
ax.set_xticks([0, 10, 20, 30, 40, 50])
ax.tick_params(labelsize=11)
ax.grid(alpha=0.3, which="major")
plt.show()

# By how much the loss falls in each epoch, as a fraction of its value.
fall = 1 - losses_per_sample[1:] / losses_per_sample[:-1]
print(
    f"E/n after epoch 1: {losses_per_sample[0]:.2e}, "
    f"after epoch 50: {losses_per_sample[-1]:.2e}"
)
print(
    f"fall per epoch: {fall[0]:.1%} at first, {fall.max():.1%} at most "
    f"(epoch {fall.argmax() + 2}), {fall[-1]:.1%} at the end"
)

# %%
# The loss falls slowly at first (by under 3 % per epoch), then quickly once
# the hidden layer has found a useful arrangement (by up to 15 % per epoch,
# around epoch 19), and then ever more slowly as it nears its end value
# (under 2 % per epoch at the end).
#
# One sample or 32 per update
# ---------------------------
#
# Now the same training in mini-batches of 32, shuffled every epoch. An epoch
# is 1000 updates with one sample per update, but only 32 updates with
# batches of 32 (31 full batches and one of 8). So we draw both losses
# against :math:`k`, the number of weight updates made so far, on a
# logarithmic scale.

mini_batch = MLP.from_weights(start)
losses_mini_batch = mini_batch.train(
    x,
    y,
    epochs=50,
    eta=0.1,
    batch_size=32,
    shuffle=True,
    rng=2,
    exact_loss=True,
)
print(
    f"final E/n: per-sample {losses_per_sample[-1]:.2e}, "
    f"mini-batch {losses_mini_batch[-1]:.2e}"
)

n = len(x)
updates_per_epoch = {B: len(range(0, n, B)) for B in (1, 32)}
updates = {B: epochs * u for B, u in updates_per_epoch.items()}
factor = updates_per_epoch[1] / updates_per_epoch[32]
print(f"updates per epoch: {updates_per_epoch}, ratio {factor}")

fig, ax = plt.subplots(figsize=(5.2, 3.2), layout="constrained")
ax.plot(updates[1], losses_per_sample, linewidth=2, label=r"$B = 1$")
ax.plot(updates[32], losses_mini_batch, "--", linewidth=2, label=r"$B = 32$")
# The horizontal distance between the curves at E/n = 1e-3: the same loss,
# reached after `factor` times fewer updates.
level = 1e-3
reach = {
    B: np.interp(-np.log10(level), -np.log10(losses), updates[B])
    for B, losses in ((1, losses_per_sample), (32, losses_mini_batch))
}
ax.annotate(
    "",
    xy=(reach[32], level),
    xytext=(reach[1], level),
    arrowprops={"arrowstyle": "<->", "color": "0.3"},
)
ax.text(
    np.sqrt(reach[1] * reach[32]),
    level * 0.82,
    rf"$\times\,{factor:g}$",
    ha="center",
    va="top",
    fontsize=11,
)
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel(r"$k$", fontsize=12)
ax.set_ylabel(r"$E / n$", fontsize=12)
ax.tick_params(labelsize=11)
ax.grid(alpha=0.3, which="major")
ax.legend(fontsize=11)
plt.show()

# %%
# Epoch by epoch, the two runs lose almost exactly the same: after 50 epochs
# both are at :math:`E / n \approx 2.9 \times 10^{-4}`. But the batch run
# gets there with 31.25 times fewer updates, so its curve lies that factor to
# the left. One mini-batch step adds up the updates of 32 samples, so with the
# same learning rate it moves the weights about as far as 32 per-sample
# steps; and each update costs about the same Python overhead whatever the
# batch size, so fewer updates make each epoch faster.
#
# Predictions on new pairs
# ------------------------
#
# We draw 200 new pairs, the same as on the course page, and compare each
# prediction with the true sum. A perfect adder would put every point on the
# diagonal.

new_x, new_y = sum_dataset(200, rng=1)
predicted = per_sample.forward(new_x)
print(
    f"mean squared error on new pairs: "
    f"{mean_squared_error(new_y, predicted):.2e}"
)
print(f"0.3 + 0.1 -> {per_sample.forward([0.3, 0.1])[0]:.3f}")

fig, ax = plt.subplots(figsize=(3.8, 3.8), layout="constrained")
ax.plot([0, 1], [0, 1], ":", color="0.4")
ax.scatter(new_y[:, 0], predicted[:, 0], s=12, alpha=0.7)
ax.plot(
    [0.4],
    [per_sample.forward([0.3, 0.1])[0]],
    "o",
    color="C3",
    markersize=8,
    label=r"$a_0 = [0.3, 0.1]$",
)
ax.set_xlabel(r"$y = a_{0,1} + a_{0,2}$", fontsize=12)
ax.set_ylabel(r"$a_2$", fontsize=12)
ax.set_xticks([0, 0.5, 1])
ax.set_yticks([0, 0.5, 1])
ax.tick_params(labelsize=11)
ax.set_aspect("equal")
ax.grid(alpha=0.3)
ax.legend(loc="upper left", fontsize=11)
plt.show()

# %%
# The points lie close to the diagonal across the whole range, and the
# network answers :math:`0.3 + 0.1` with about 0.40. The largest misses are
# at the ends, most of all near 1 and less near 0, where the output sigmoid
# flattens and a change of weight moves the prediction least. The training
# loop is explained on the course page :doc:`/training`.

# sphinx_gallery_thumbnail_number = 1
