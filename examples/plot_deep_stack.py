r"""
A deep stack at its start
=========================

Chapter 06 feeds the 403 numbers of each vowel clip, its 31 frames of 13
MFCCs, to a deep stack: six hidden layers of 64 neurons and seven softmax
outputs. Before any training, the spread of the initial weights decides
whether the signal still varies at the last hidden layer (first figure) and
whether the error still reaches the first (second figure).
"""

# %%
# The inputs are the clips of the training speakers of the first of three
# speaker folds, standardised, as on the chapter's page.

import matplotlib.pyplot as plt
import numpy as np

import dlaudio
from dlaudio.backprop import row_norms

plt.rc("font", size=12)
data = dlaudio.vowels(100, tokens=1, seed=0)
frames = dlaudio.mfcc_features(
    data, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, layout="frames"
)
train, _ = dlaudio.speaker_folds(
    data.speakers, data.labels, n_folds=3, groups=data.groups, rng=0
)[0]
rows = frames[train].reshape(len(train), -1)
x = dlaudio.Standardizer().fit(rows).transform(rows)
labels, classes = dlaudio.encode_labels(data.labels)
y = dlaudio.one_hot(labels[train], len(classes))


def stack(init, activation):
    """One forward and backward pass of the stack, every quantity kept."""
    net = dlaudio.MLP(
        403,
        [64] * 6,
        7,
        rng=0,
        output="softmax",
        bias=True,
        init=init,
        activation=activation,
    )
    return dlaudio.trace(net, x, y)


# %%
# Activations layer by layer
# --------------------------
#
# The stack has tanh neurons. Each row of histograms is one way of drawing
# the initial weights: the course's standard normal, Glorot and Bengio's
# variance :math:`2 / (n_l + n_{l+1})` and He's :math:`2 / n_l`. Each column
# is one hidden layer, :math:`a_1` to :math:`a_6`; the constant 1 of the
# bias is left out.

inits = {
    "normal": r"$1$",
    "xavier": r"$\frac{2}{n_l + n_{l+1}}$",
    "he": r"$\frac{2}{n_l}$",
}
bins = np.linspace(-1, 1, 41)
histograms = {}
fig, axes = plt.subplots(
    3, 6, figsize=(7, 4.6), layout="constrained", sharex=True, sharey="row"
)
for row, (init, variance) in enumerate(inits.items()):
    t = stack(init, "tanh")
    for l in range(1, 7):
        ax = axes[row, l - 1]
        counts, _, _ = ax.hist(
            t.a[l][:, :-1].ravel(), bins=bins, density=True, color=f"C{row}"
        )
        histograms[init, l] = counts
        ax.set(xticks=[-1, 0, 1], yticks=[])
    axes[row, 0].set_ylabel(
        variance, fontsize=14, rotation=0, ha="right", va="center"
    )
for l in range(1, 7):
    axes[-1, l - 1].set_xlabel(f"$a_{l}$")
fig.supylabel(r"$\mathrm{Var}(W_l)$")
plt.show()

# %%
# With the standard normal, the weighted sums of the first layer spread over
# about 20 on either side of 0, and in every layer four activations in five
# or more lie within 0.05 of -1 or 1, where the tanh is flat. Glorot and
# Bengio's variance keeps the activations in the middle of the range, in
# bells that narrow slowly from layer to layer; only in the first layer,
# whose weighted sums spread over about 1.2, does one activation in eight
# land in the two end bins.
# He's variance, twice as large between the hidden layers of 64, is meant
# for ReLUs: on tanh neurons it spreads the activations over the whole
# range.
#
# The error on its way back
# -------------------------
#
# Now the backward pass of the same stack with three activations, each with
# the start that suits it: the sigmoid and the tanh with Glorot and
# Bengio's, the ReLU with He's. For each layer :math:`l` the line gives
# :math:`\overline{\|\delta_l\|}`, the length of a clip's delta averaged
# over the clips, from the output (:math:`l = 7`) back to the first hidden
# layer, on a logarithmic scale.

neurons = {
    ("sigmoid", "xavier"): r"$\sigma(h)$",
    ("tanh", "xavier"): r"$\tanh(h)$",
    ("relu", "he"): r"$\max(h, 0)$",
}
norms = {}
fig, ax = plt.subplots(figsize=(5.2, 3.6), layout="constrained")
for (activation, init), symbol in neurons.items():
    norms[activation] = row_norms(stack(init, activation).delta)
    layers = sorted(norms[activation], reverse=True)
    ax.plot(layers, [norms[activation][l] for l in layers], "o-", label=symbol)
    ratio = norms[activation][7] / norms[activation][1]
    print(f"{activation}: |delta_7| / |delta_1| = {ratio:.3g}")
# The error travels from the output (left) to the first layer (right).
ax.set(
    yscale="log",
    xticks=layers,
    xlim=(7.4, 0.6),
    xlabel=r"$l$",
    ylabel=r"$\overline{\|\delta_l\|}$",
)
ax.grid(alpha=0.3)
ax.legend()
plt.show()

# %%
# Through the sigmoids, whose slope is at most 1/4, the delta loses at
# least three quarters of its size at every layer: the first hidden layer
# gets about four thousand times less error than the last. Through the tanh
# it loses about half in all, and through the ReLUs, whose slope is 1
# wherever they are on, it keeps its size.
