r"""
Kernels and feature maps of a small convolutional network
=========================================================

Chapter 07's network on log-mel spectrograms of four Korean diphthongs and
their reverses: two 3 × 3 convolutions, each followed by a ReLU and 2 × 2
max pooling, then a softmax. It is trained on 8 of 12 synthetic speakers and
tested on the other 4. The figures show a diphthong and its reverse, the
eight kernels the first layer learns, and what those kernels make of one
clip.
"""

# %%
# The data set and its log-mel spectrograms: 40 mel bands and 40 frames of
# 10 ms per clip, standardised with the training clips' mean and spread.

import matplotlib.pyplot as plt
import numpy as np

import dlaudio

plt.rc("font", size=12)
pairs = ["ja", "a-i", "jo", "o-i", "wa", "a-u", "ui", "i-eu"]
data = dlaudio.make_diphthongs(
    12, tokens=2, labels=pairs, duration=(0.3, 0.4), seed=0
)
images = dlaudio.log_mel_features(data, frames=40)
labels, classes = dlaudio.encode_labels(data.labels)
targets = dlaudio.one_hot(labels, len(classes))
train, test = dlaudio.speaker_folds(
    data.speakers, data.labels, n_folds=3, groups=data.groups, rng=0
)[0]
mean, spread = images[train].mean(), images[train].std()
x = ((images - mean) / spread).astype(np.float32)
print(f"{len(train)} training clips, {len(test)} test clips")

# %%
# The network, and ten epochs of Adam on batches of 16.

rng = np.random.default_rng(0)
net = dlaudio.Sequential(
    [
        dlaudio.Conv2d(1, 8, 3, padding=1, in_shape=(1, 40, 40), rng=rng),
        dlaudio.ReLU(),
        dlaudio.MaxPool2d(2),
        dlaudio.Conv2d(8, 16, 3, padding=1, rng=rng),
        dlaudio.ReLU(),
        dlaudio.MaxPool2d(2),
        dlaudio.Flatten(),
        dlaudio.Dense(
            dlaudio.initial_weights(16 * 10 * 10, 8, rng, "he", bias=True),
            bias=True,
        ),
        dlaudio.SoftmaxCrossEntropy(),
    ],
    dtype=np.float32,
)
history = net.train(
    x[train],
    targets[train],
    epochs=10,
    batch_size=16,
    shuffle=True,
    rng=0,
    optimizer=dlaudio.Adam(3e-3),
    reduction="mean",
)
accuracy = np.mean(net.predict(x[test]) == labels[test])
print(f"accuracy on the 4 held-out speakers: {accuracy:.3f}")

# %%
# A diphthong and its reverse from the same test speaker: /ja/ (ㅑ) and
# /ai/ (아이). The same two sounds for the same times, in opposite orders.
# Each spectrogram is drawn in dB below its own loudest value.

speaker = data.speakers[test[0]]
ja = data.labels.index("ja", data.speakers.index(speaker))
ai = data.labels.index("a-i", data.speakers.index(speaker))
fig, axes = plt.subplots(
    1, 2, figsize=(6.4, 3.2), sharey=True, layout="constrained"
)
for ax, clip, name in zip(axes, (ja, ai), ("/ja/", "/ai/")):
    image = images[clip].reshape(40, 40)
    shown = ax.imshow(
        image - image.max(), origin="lower", aspect="auto", cmap="magma"
    )
    ax.set(title=name, xlabel=r"$t$")
axes[0].set_ylabel(r"$m$")
fig.colorbar(shown, ax=axes, label="dB")
plt.show()

# %%
# The first layer's eight kernels, ``net.layers[0].kernels``: 3 × 3
# weights each, mel bands up, time to the right. Red weights add what lies
# under them, blue ones subtract it.

kernels = net.layers[0].kernels[:, 0]
limit = np.abs(kernels).max()
fig, axes = plt.subplots(2, 4, figsize=(6.4, 3.6), layout="constrained")
for k, ax in enumerate(axes.flat):
    shown = ax.imshow(
        kernels[k],
        origin="lower",
        cmap="RdBu_r",
        vmin=-limit,
        vmax=limit,
    )
    ax.set_title(f"$k = {k + 1}$")
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(shown, ax=axes, label=r"$W$")
plt.show()

# %%
# The feature maps of the /ja/ clip: the ReLU of each kernel's weighted
# sums, :math:`\max(h, 0)`, one map per kernel, each the size of the input
# (padding 1).

h, _ = net.layers[0].forward(x[[ja]])
maps = np.maximum(h[:, 0], 0)
fig, axes = plt.subplots(
    3, 3, figsize=(6.4, 6.0), sharex=True, sharey=True, layout="constrained"
)
image = images[ja].reshape(40, 40)
axes[0, 0].imshow(
    image - image.max(), origin="lower", aspect="auto", cmap="magma"
)
axes[0, 0].set_title("$a_0$")
for k, ax in enumerate(axes.flat[1:]):
    shown = ax.imshow(
        maps[k],
        origin="lower",
        aspect="auto",
        cmap="viridis",
        vmin=0,
        vmax=maps.max(),
    )
    ax.set_title(f"$k = {k + 1}$")
for ax in axes[-1]:
    ax.set_xlabel(r"$t$")
for ax in axes[:, 0]:
    ax.set_ylabel(r"$m$")
fig.colorbar(shown, ax=axes, label=r"$\max(h, 0)$")
plt.show()

# %%
# Each map marks where its kernel's pattern lies in the clip: some along
# the steady formant bands, some along the strokes of the glide, where the
# formants move, some at the end of the clip, where the sound stops.
