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

fig, ax = plt.subplots(figsize=(5.2, 3.6), layout="constrained")
styles = {"plain": "C0", "l2": "C2", "early": "C3"}
labels_tex = {
    "plain": r"$\lambda = 0$",
    "l2": r"$\lambda = 0.01$",
    "early": r"$\lambda = 0$, stop",
}
for name, (history, _) in runs.items():
    t = np.arange(1, len(history) + 1)
    ax.plot(t, history.loss, color=styles[name], linewidth=1, alpha=0.6)
    ax.plot(
        t,
        history.val_loss,
        "--",
        color=styles[name],
        linewidth=1.6,
        label=labels_tex[name],
    )
best = runs["early"][0].best_epoch
ax.axvline(best, color="C3", linestyle=":", linewidth=1)
ax.set_yscale("log")
ax.set_xscale("log")
ax.set_xlabel(r"$t$")
ax.set_ylabel(r"$E / n$")
ax.grid(alpha=0.3, which="both")
ax.legend()
plt.show()

# %%
# Solid lines are the training loss, dashed lines the validation loss; the
# dotted line marks the epoch whose weights early stopping keeps.
