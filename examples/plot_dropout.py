r"""
Dropout and the gap between training and validation
====================================================

The classifier of chapter 06 (403 inputs, 64 ReLUs with He's start, seven
softmax outputs, Adam) trained on only 10 speakers, so that the loss on
other speakers stays well above the training loss: once as it is, and once
with a dropout layer after the hidden layer that switches off 30 % of its
units at every step.
"""

# %%
# The network with dropout is the same network with one more layer. Its
# training loss is measured twice: during training, from the passes with
# units dropped, and after each epoch on the whole network
# (``exact_loss=True``). The validation loss is always that of the whole
# network.

import matplotlib.pyplot as plt
import numpy as np

import dlaudio

plt.rc("font", size=12)
data = dlaudio.vowels(100, tokens=1, seed=0)
features = dlaudio.mfcc_features(
    data, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, layout="flat"
)
targets = dlaudio.one_hot(dlaudio.encode_labels(data.labels)[0], 7)
few, val, _ = dlaudio.split_by_speaker(
    data, fractions=(0.1, 0.2, 0.7), groups=data.groups, rng=0
)
features = dlaudio.Standardizer().fit(features[few]).transform(features)


def fit(p, exact):
    """Train the network with dropout rate p; return its History."""
    mlp = dlaudio.MLP(
        403,
        [64],
        7,
        rng=0,
        output="softmax",
        bias=True,
        init="he",
        activation="relu",
    )
    layers = mlp.layers[:2] + [dlaudio.Dropout(p, rng=0)] + mlp.layers[2:]
    return dlaudio.Sequential(layers).train(
        features[few],
        targets[few],
        epochs=100,
        optimizer=dlaudio.Adam(0.001),
        batch_size=16,
        shuffle=True,
        rng=0,
        validation=(features[val], targets[val]),
        exact_loss=exact,
    )


runs = {}
for p in (0.0, 0.3):
    for exact in (False, True):
        runs[p, exact] = history = fit(p, exact)
        print(
            f"p = {p}, whole network {exact}: "
            f"training loss {history.loss[-1]:.4f}, "
            f"validation loss {history.val_loss[-1]:.3f}"
        )

# %%
# One colour per dropout rate :math:`p`. Dotted: the training loss measured
# while units are dropped; solid: the training loss of the whole network;
# dashed: the validation loss. Without dropout the dotted and the solid
# curves coincide.

t = np.arange(1, 101)
fig, ax = plt.subplots(figsize=(5.2, 3.8), layout="constrained")
for colour, p in (("C0", 0.0), ("C3", 0.3)):
    ax.plot(t, runs[p, False].loss, ":", color=colour, linewidth=1.2)
    ax.plot(
        t,
        runs[p, True].loss,
        "-",
        color=colour,
        linewidth=1.6,
        label=f"$p = {p:g}$",
    )
    ax.plot(t, runs[p, True].val_loss, "--", color=colour, linewidth=2)
ax.set(yscale="log", xlabel=r"$t$", ylabel=r"$E / n$")
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %%
# With dropout, the loss measured while units are dropped stays above the
# other training curves, several times above them in the later epochs, and
# jumps with each epoch's masks, so the gap to the validation loss looks
# much smaller. The whole network, the one that answers, fits its training
# clips as well as the network without dropout, and its validation loss is
# about the same: above the other's in most epochs, a little below it in
# the last.
