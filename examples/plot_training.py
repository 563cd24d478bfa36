r"""
Training the a + b network
==========================

The course's first network, 2-5-1, learns to add two numbers drawn from
[0, 0.5). This example trains it twice from the same initial weights, once
with one sample per update (the course's loop) and once in mini-batches of
32, and draws the loss after every epoch and the predictions on pairs the
network has never seen.
"""

# %%
# Two runs from the same start
# ----------------------------
#
# The loss drawn is the one training reports: :math:`E / n`, the loss
# :math:`E = \frac12 \sum (y - a)^2` per sample on the whole data set, after
# each epoch :math:`t`.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import MLP, mean_squared_error, sum_dataset

x, y = sum_dataset(1000, rng=0)
start = MLP(2, [5], 1, rng=1).weights

per_sample = MLP.from_weights(start)
losses_per_sample = per_sample.train(x, y, epochs=50, eta=0.1, batch_size=1, exact_loss=True)

mini_batch = MLP.from_weights(start)
losses_mini_batch = mini_batch.train(x, y, epochs=50, eta=0.1, batch_size=32, shuffle=True, rng=2, exact_loss=True)

epochs = np.arange(1, 51)
fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
ax.plot(epochs, losses_per_sample, label=r"$B = 1$")
ax.plot(epochs, losses_mini_batch, "--", label=r"$B = 32$")
ax.set_yscale("log")
ax.set_xlabel(r"$t$")
ax.set_ylabel(r"$E / n$")
ax.grid(alpha=0.3, which="both")
ax.legend()
plt.show()

print(f"final E/n: per-sample {losses_per_sample[-1]:.2e}, mini-batch {losses_mini_batch[-1]:.2e}")

# %%
# Both runs follow nearly the same curve: a slow start while the hidden layer
# finds a useful arrangement, then a steep fall. One mini-batch step adds up
# the updates of 32 samples, so with the same learning rate it moves the
# weights about as far as 32 per-sample steps, with 32 times fewer updates.
#
# Predictions on new pairs
# ------------------------
#
# We draw 200 new pairs and compare each prediction with the true sum. A
# perfect adder would put every point on the diagonal.

new_x, new_y = sum_dataset(200, rng=3)
predicted = per_sample.forward(new_x)
print(f"mean squared error on new pairs: {mean_squared_error(new_y, predicted):.2e}")
print(f"0.3 + 0.1 -> {per_sample.forward([0.3, 0.1])[0]:.3f}")

fig, ax = plt.subplots(figsize=(4.2, 4.2), layout="constrained")
ax.plot([0, 1], [0, 1], ":", color="0.4")
ax.scatter(new_y[:, 0], predicted[:, 0], s=10, alpha=0.7)
ax.plot([0.4], [per_sample.forward([0.3, 0.1])[0]], "o", color="C3", label=r"$a_0 = [0.3, 0.1]$")
ax.set_xlabel(r"$y = a_{0,1} + a_{0,2}$")
ax.set_ylabel(r"$a_2$")
ax.set_aspect("equal")
ax.grid(alpha=0.3)
ax.legend(loc="upper left")
plt.show()

# %%
# The points hug the diagonal across the whole range, and the network answers
# :math:`0.3 + 0.1` with about 0.40. The largest misses are at the ends, near
# 0 and 1, where the output sigmoid flattens and a change of weight moves the
# prediction least. The training loop is explained on the course page
# :doc:`/training`.

# sphinx_gallery_thumbnail_number = 2
