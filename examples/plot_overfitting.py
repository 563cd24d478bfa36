r"""
Overfitting, and two cures
==========================

The same classifier trained on only 5 speakers (35 clips), with a hidden
layer of 64 neurons and up to 1000 epochs: enough capacity to learn the
training clips by heart. The training loss keeps falling towards 0 while
the validation loss stops falling and turns up. L2 weight decay keeps the
weights smaller, and the validation loss rises much less; early stopping
keeps the weights of the best validation epoch and stops soon after. This is
one split of the speakers with one seed: over several splits and seeds
(chapter 05-2), weight decay leaves the test accuracy within its spread,
while early stopping is ahead of no cure in every run.
"""

# %%
# The starting weights are the course's standard-normal draws divided by the
# square root of the number of rows of each matrix, so that the weighted sums
# start small; with that start the validation loss has a clear minimum.

import matplotlib.pyplot as plt
import numpy as np

import dlaudio

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
    data.speakers, data.labels, (0.05, 0.2, 0.75), groups=data.groups, rng=0
)
scaler = dlaudio.Standardizer().fit(frames.mean(axis=1)[train])
x = scaler.transform(frames.mean(axis=1))
y = dlaudio.one_hot(labels, len(classes))


def run(**cure):
    net = dlaudio.MLP(13, [64], 7, rng=1, output="softmax", bias=True)
    net.weights = [W / np.sqrt(W.shape[0]) for W in net.weights]
    history = net.train(
        x[train],
        y[train],
        epochs=1000,
        eta=0.1,
        batch_size=8,
        shuffle=True,
        rng=1,
        validation=(x[val], y[val]),
        **cure,
    )
    return history, float(np.mean(net.predict(x[test]) == labels[test]))


runs = {
    "plain": run(),
    "l2": run(l2=0.01),
    "early": run(early_stopping=20),
}
for name, (history, accuracy) in runs.items():
    print(
        f"{name:6s} epochs {len(history):4d}, "
        f"best epoch {history.best_epoch:4d}, "
        f"lowest validation loss {min(history.val_loss):.3f}, "
        f"test accuracy {accuracy:.3f}"
    )

# Early stopping draws the same numbers as the plain run until it stops, so
# its curves would hide the plain ones: it is drawn as the epoch it keeps.
plain, l2, early = (runs[name][0] for name in ("plain", "l2", "early"))
best = early.best_epoch
fig, (ax1, ax2, ax3) = plt.subplots(
    3, 1, figsize=(5.2, 6.4), layout="constrained", sharex=True
)
# The smooth plain curves are drawn over the ragged L2 ones.
for history, colour, label, z in (
    (l2, "C2", r"$\lambda = 0.01$", 2),
    (plain, "C0", r"$\lambda = 0$", 3),
):
    t = np.arange(1, len(history) + 1)
    lowest = history.best_epoch
    line = dict(color=colour, label=label, zorder=z)
    ax1.plot(t, history.loss, **line)
    ax2.plot(t, history.val_loss, **line)
    ax2.plot(lowest, history.val_loss[lowest - 1], "o", color=colour)
    ax3.plot(t, history.val_accuracy, **line)
for ax in (ax1, ax2, ax3):
    ax.axvline(best, color="C3", linestyle=":", linewidth=1.5)
    ax.grid(alpha=0.3)
ax1.plot([], [], color="C3", linestyle=":", label=rf"$t = {best}$")
ax1.set_yscale("log")
ax1.set_ylabel(r"$E / n$")
ax1.legend(loc="upper right")
# The validation loss starts near 5; the panel shows its lowest stretch.
ax2.set_ylim(0.9 * min(l2.val_loss), 1.5 * min(plain.val_loss))
ax2.set_ylabel(r"$E / n$")
ax3.set_ylim(0.5, 1)
ax3.set_ylabel(r"$acc$")
ax3.set_xlabel(r"$t$")
ax3.set_xlim(0, len(plain))
for ax, letter in zip((ax1, ax2, ax3), "abc"):
    ax.set_title(f"({letter})", loc="left")
plt.show()

# %%
# (a) The training loss, on a logarithmic scale; (b) the validation loss
# and (c) the validation accuracy, on linear scales, over the same epochs.
# A dot marks the lowest validation loss of each run. Early stopping (patience
# 20) runs exactly as the plain run until it stops, 20 epochs after the
# dotted line, and keeps the weights of the dotted line's epoch.
