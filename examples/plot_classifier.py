r"""
Learning to hear vowels
=======================

The classifier of chapter 05-1 trained on the MFCCs of the synthetic Korean
vowels: 60 training speakers, 20 validation speakers, 20 test speakers that
the network never hears. The first figure follows training epoch by epoch;
the second counts the test clips by true vowel (rows) and answer (columns).
"""

# %%
# Features: the 13 MFCCs of each clip averaged over its frames, standardised
# with the training speakers' statistics. Network: 13 inputs, 16 sigmoid
# neurons, 7 softmax outputs, with biases.

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

import dlaudio
from dlaudio.vowelset import KOREAN_VOWELS

data = dlaudio.vowels(100, tokens=1, seed=0)
frames = dlaudio.mfcc_features(
    data.waves,
    data.sr,
    n_mfcc=13,
    n_fft=512,
    hop_length=160,
    n_mels=40,
    layout="frames",
)
labels, classes = dlaudio.encode_labels(data.labels)
train, val, test = dlaudio.split_by_speaker(
    data.speakers, data.labels, groups=data.groups, rng=0
)
scaler = dlaudio.Standardizer().fit(frames.mean(axis=1)[train])
x = scaler.transform(frames.mean(axis=1))
y = dlaudio.one_hot(labels, len(classes))
net = dlaudio.MLP(13, [16], 7, rng=0, output="softmax", bias=True)
history = net.train(
    x[train],
    y[train],
    epochs=50,
    eta=0.05,
    batch_size=16,
    shuffle=True,
    rng=0,
    validation=(x[val], y[val]),
)
predicted = net.predict(x[test])
accuracy = float(np.mean(predicted == labels[test]))
print(f"test accuracy on {len(test)} clips: {accuracy:.3f}")

# The legends name the curves by the rows of ``x`` they are computed on; the
# dot is the trained network's accuracy on the test speakers.
epochs = np.arange(1, len(history) + 1)
fig, (ax1, ax2) = plt.subplots(
    2, 1, figsize=(5.2, 4.6), layout="constrained", sharex=True
)
ax1.plot(epochs, history.loss, label="x[train]")
ax1.plot(epochs, history.val_loss, "--", label="x[val]")
ax1.set_yscale("log")
ax1.set_ylabel(r"$E / n$")
ax1.legend(prop={"family": "monospace"})
ax1.grid(alpha=0.3, which="both")
ax2.plot(epochs, history.accuracy, label="x[train]")
ax2.plot(epochs, history.val_accuracy, "--", label="x[val]")
ax2.plot(len(history), accuracy, "o", color="C3", label="x[test]")
ax2.set_ylim(0.5, 1.01)
ax2.set_xlabel(r"$t$")
ax2.set_ylabel(r"$acc$")
ax2.legend(loc="lower right", prop={"family": "monospace"})
ax2.grid(alpha=0.3)
plt.show()

# %%
# The confusion matrix: entry :math:`(i, j)` counts the test clips of vowel
# :math:`i` that the network called :math:`j`. The vowels are named by their
# IPA symbols, which need no Korean font: /a/ 아, /e/ 에, /ʌ/ 어, /ɨ/ 으,
# /i/ 이, /o/ 오, /u/ 우.

confusion = np.zeros((len(classes), len(classes)), dtype=int)
np.add.at(confusion, (labels[test], predicted), 1)
print(confusion)

fig, ax = plt.subplots(figsize=(4.6, 4.0), layout="constrained")
image = ax.imshow(confusion, cmap="Blues", vmin=0)
for (i, j), count in np.ndenumerate(confusion):
    if count:
        colour = "white" if count > confusion.max() / 2 else "black"
        ax.text(j, i, str(count), ha="center", va="center", color=colour)
ipa = [f"/{KOREAN_VOWELS[label][1]}/" for label in classes]
ax.set_xticks(range(len(classes)), ipa)
ax.set_yticks(range(len(classes)), ipa)
ax.set_xlabel(r"$\hat{y}$")
ax.set_ylabel(r"$y$")
# Counts are whole numbers, and so are the colour bar's ticks.
bar = fig.colorbar(image, ax=ax, label=r"$n$")
bar.locator = MaxNLocator(integer=True)
plt.show()

# %%
# Almost every clip lies on the diagonal. The few mistakes fall between the
# vowels whose formants lie closest in the table.
