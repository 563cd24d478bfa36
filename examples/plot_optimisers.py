r"""
Gradient descent, momentum and Adam
===================================

The deep sigmoid stack of chapter 06 (403 inputs, six hidden layers of 64
sigmoid neurons, seven softmax outputs, Glorot and Bengio's start) trained
three times from the same initial weights, with the clips in the same
order: by gradient descent, by gradient descent with momentum, and by Adam.
"""

# %%
# The training clips are those of the first of three speaker folds,
# standardised. Each optimiser gets its own copy of the same network.

import matplotlib.pyplot as plt
import numpy as np

import dlaudio

plt.rc("font", size=12)
data = dlaudio.vowels(100, tokens=1, seed=0)
sequences = dlaudio.mfcc_features(
    data, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, layout="flat"
)
folds = dlaudio.speaker_folds(
    data.speakers, data.labels, n_folds=3, groups=data.groups, rng=0
)
train = folds[0][0]
scaler = dlaudio.Standardizer().fit(sequences[train])
x = scaler.transform(sequences[train])
y = dlaudio.one_hot(dlaudio.encode_labels(data.labels)[0][train], 7)

start = dlaudio.MLP(
    403, [64] * 6, 7, rng=0, output="softmax", bias=True, init="xavier"
)
optimisers = {
    r"$\eta\,\mathrm{Deriv}$": dlaudio.SGD(0.01),
    r"$\eta\,v$": dlaudio.Momentum(0.01, mu=0.9),
    r"$\eta\,\hat{m} / (\sqrt{\hat{v}} + \epsilon)$": dlaudio.Adam(0.001),
}
curves = {}
for step, optimiser in optimisers.items():
    curves[step] = start.copy().train(
        x,
        y,
        epochs=20,
        optimizer=optimiser,
        batch_size=16,
        shuffle=True,
        rng=0,
    )
    print(f"{optimiser}: E/n after 20 epochs {curves[step][-1]:.3f}")

# %%
# The loss :math:`E / n` is the mean cross-entropy per clip, as training
# reports it, after each epoch :math:`t`. Each curve is labelled with the
# step it adds to the weights; the dotted line marks :math:`\ln 7`, the
# loss of a network that gives each of the seven vowels the probability
# 1/7.

epochs = np.arange(1, 21)
fig, ax = plt.subplots(figsize=(5.2, 3.6), layout="constrained")
for step, losses in curves.items():
    ax.plot(epochs, losses, "o-", markersize=4, label=step)
ax.axhline(np.log(7), color="0.4", linestyle=":", linewidth=1.2)
ax.set_yticks(
    [0, 0.5, 1, 1.5, np.log(7)], ["0", "0.5", "1", "1.5", r"$\ln 7$"]
)
ax.set(
    ylim=(0, 2.3), xticks=[1, 5, 10, 15, 20], xlabel=r"$t$", ylabel=r"$E / n$"
)
ax.grid(alpha=0.3)
ax.legend(loc="lower left", fontsize=11)
plt.show()

# %%
# Gradient descent and momentum stay on the plateau at :math:`\ln 7`: the
# error that reaches the first layers is thousands of times smaller than at
# the output, and so are their steps. Momentum multiplies a steady step by
# at most ten, which is not enough. Adam divides every weight's step by the
# recent size of its Deriv, so the first layers move as fast as the last,
# and the loss leaves the plateau within a few epochs.
