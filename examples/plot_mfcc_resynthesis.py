r"""
Speech rebuilt from its first MFCCs
===================================

Three seconds of read speech (``example("libri1")``) at 16 000 Hz, 40 mel
bands, ``n_fft = 512``, a hop of 160 samples. Top: its log-mel spectrogram.
Middle and bottom: the envelope that its first 13 and its first 5 MFCCs
describe, back through the DCT (``mfcc_to_mel``). Each coefficient fewer
smooths the bands of every frame more; time is left as it was.
"""

# %%
# ``mfcc_to_mel`` pads the kept coefficients with zeros, applies
# :math:`D^T` and undoes the dB. The recording is CC BY 4.0.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import (
    attribution,
    example,
    melspectrogram,
    mfcc,
    mfcc_to_mel,
    power_to_db,
    read_audio,
)

print(attribution("libri1"))
sr, hop = 16000, 160
speech = dict(sr=sr, n_fft=512, hop_length=hop, n_mels=40)
y, _ = read_audio(example("libri1"), sr=sr)
y = y[: 3 * sr]
M_db = power_to_db(melspectrogram(y=y, **speech))
rebuilt = {}
for k in (13, 5):
    C = mfcc(S=M_db, n_mfcc=k)
    rebuilt[k] = 10 * np.log10(mfcc_to_mel(C, n_mels=40))
    rms = np.sqrt(np.mean((rebuilt[k] - M_db) ** 2))
    # The root-mean-square distance to the log-mel spectrogram, in dB.
    print(f"{k} coefficients: {rms:.1f} dB from the log-mel spectrogram")

# Each image in dB below its own loudest value, on one colour scale.
times = np.arange(M_db.shape[1]) * hop / sr
fig, axes = plt.subplots(
    3, 1, figsize=(5.2, 5.0), layout="constrained", sharex=True
)
for ax, M, label in zip(
    axes,
    (M_db, rebuilt[13], rebuilt[5]),
    (r"$M_{dB}$", r"$k = 13$", r"$k = 5$"),
):
    image = ax.pcolormesh(
        times,
        np.arange(40),
        M - M.max(),
        shading="nearest",
        cmap="magma",
        vmin=-80,
        vmax=0,
    )
    ax.set_ylabel(r"$n$")
    ax.set_title(label, fontsize=10)
axes[-1].set_xlabel(r"$t$ (s)")
fig.colorbar(image, ax=axes, label=r"dB re max")
plt.show()

# %%
# The page plays the versions of 13 and of 5 coefficients, excited by noise
# (random phase): the pitch is gone from both, and the envelope is left.
