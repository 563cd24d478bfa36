r"""
The gates of an LSTM over one clip
==================================

An LSTM of 16 units is trained on the log-mel frames of four Korean
diphthongs and their reverses, said by a few speakers. Then one clip, the
diphthong 야 (/ja/), is run through it step by step, and every gate of
every unit is drawn over time, under the clip's log-mel spectrogram.
"""

# %%
# Each clip is 50 frames of 40 log-mel bands; every other frame is kept, so
# the layer reads :math:`T = 25` frames of :math:`F = 40` numbers. The
# network is the LSTM, a dense layer with a bias and the softmax output,
# trained with Adam on the mean cross-entropy.

import matplotlib.pyplot as plt
import numpy as np

import dlaudio
from dlaudio.recurrent import sequence_rows

plt.rc("font", size=12)
pairs = ("ja", "a-i", "jo", "o-i", "wa", "a-u", "ui", "i-eu")
data = dlaudio.make_diphthongs(6, tokens=1, labels=pairs, seed=0)
images = dlaudio.log_mel_features(data, frames=50)
frames = images.reshape(-1, 40, 50).transpose(0, 2, 1)[:, ::2]
x = sequence_rows(frames)
x = ((x - x.mean()) / x.std()).astype(np.float32)
classes = list(data.classes)
labels = np.array([classes.index(name) for name in data.labels])
rng = np.random.default_rng(0)
lstm = dlaudio.LSTM((25, 40), 16, rng=rng)
net = dlaudio.Sequential(
    [
        lstm,
        dlaudio.Dense(
            dlaudio.initial_weights(16, 8, rng, "xavier", bias=True),
            bias=True,
        ),
        dlaudio.SoftmaxCrossEntropy(),
    ],
    dtype=np.float32,
)
history = net.train(
    x,
    dlaudio.one_hot(labels, 8),
    epochs=30,
    batch_size=16,
    shuffle=True,
    rng=0,
    optimizer=dlaudio.Adam(1e-2),
    reduction="mean",
)
print(f"training accuracy: {np.mean(net.predict(x) == labels):.3f}")

# %%
# ``unroll`` runs one clip and keeps every step: the gates :math:`i, f, g,
# o`, the cell :math:`c_t` and the hidden state :math:`h_t`, each an array
# of :math:`T \times H`. The layer the network trained is the one in
# ``net.layers``: it computes with the network's weights.

clip = data.labels.index("ja")
run = net.layers[0].unroll(x[clip])
# The clip ends before the 25th step: after it, its frames are silence.
silent = np.ptp(images[clip].reshape(40, 50)[:, ::2], axis=0) == 0
end = int(np.argmax(silent))
for name in ("i", "f"):
    during = run.gates[name][0, :end].mean()
    after = run.gates[name][0, end:].mean()
    print(f"mean {name}: {during:.2f} during the clip, {after:.2f} after it")

fig, axes = plt.subplots(
    6, 1, figsize=(6.4, 9.0), layout="constrained", sharex=True
)
spectrogram = images[clip].reshape(40, 50)[:, ::2]
spectrogram = spectrogram - spectrogram.max()  # 0 dB at the loudest
shown = axes[0].imshow(
    spectrogram, origin="lower", aspect="auto", cmap="magma"
)
axes[0].set_ylabel(r"$m$")
bar = fig.colorbar(shown, ax=axes[0])
bar.set_label("dB")
rows = [
    ("i", run.gates["i"][0], "viridis", (0, 1)),
    ("f", run.gates["f"][0], "viridis", (0, 1)),
    ("g", run.gates["g"][0], "RdBu_r", (-1, 1)),
    ("o", run.gates["o"][0], "viridis", (0, 1)),
    ("c", run.c[0], "RdBu_r", None),
]
for ax, (name, values, cmap, limits) in zip(axes[1:], rows):
    if limits is None:
        largest = np.abs(values).max()
        limits = (-largest, largest)
    shown = ax.imshow(
        values.T,
        origin="lower",
        aspect="auto",
        cmap=cmap,
        vmin=limits[0],
        vmax=limits[1],
    )
    ax.set_ylabel(r"$j$")
    bar = fig.colorbar(shown, ax=ax)
    bar.set_label(f"${name}$")
axes[-1].set_xlabel(r"$t$")
plt.show()

# %%
# From top to bottom: the clip's log-mel spectrogram (band :math:`m`, 0 dB
# at its loudest), then the input gate, the forget gate, the candidate, the
# output gate and the cell, each unit :math:`j` a row. While the formants of
# 야 glide (the first steps), the candidate :math:`g` changes from step to
# step and the cell fills. Once the clip is over, the input gates fall (0.77
# on average during the clip, 0.44 after it) and the forget gates rise
# (from 0.77 to 0.87): little new comes in, and the cell holds what it
# heard until the last step, where the dense layer reads :math:`h_T`.
