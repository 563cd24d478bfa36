r"""
Neighbouring mel bands move together; MFCCs hardly do
=====================================================

Correlation between every pair of rows over the 301 frames of three seconds
of read speech (``example("libri1")``, 16 000 Hz): left, the 40 bands of the
log-mel spectrogram; right, its first 13 MFCCs. Next to the diagonal the
bands correlate at about 0.95; the coefficients, after the DCT, far less.
"""

# %%
# ``np.corrcoef`` treats each row as one variable and each column (frame)
# as one observation.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import (
    attribution,
    example,
    melspectrogram,
    mfcc,
    power_to_db,
    read_audio,
)

print(attribution("libri1"))
sr = 16000
y, _ = read_audio(example("libri1"), sr=sr)
M_db = power_to_db(
    melspectrogram(y=y[: 3 * sr], sr=sr, n_fft=512, hop_length=160, n_mels=40)
)
C = mfcc(S=M_db, n_mfcc=13)
R_mel = np.corrcoef(M_db)
R_mfcc = np.corrcoef(C)
neighbours = {
    "mel": float(np.mean(np.abs(np.diag(R_mel, 1)))),
    "mfcc": float(np.mean(np.abs(np.diag(R_mfcc, 1)))),
}
# The mean size of the correlation between neighbours.
print({name: round(value, 2) for name, value in neighbours.items()})

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5.2, 2.7), layout="constrained")
for ax, R, label in ((ax1, R_mel, r"$n$"), (ax2, R_mfcc, r"$k$")):
    image = ax.imshow(R, cmap="RdBu_r", vmin=-1, vmax=1, origin="lower")
    ax.set_xlabel(label)
    ax.set_ylabel(label)
fig.colorbar(image, ax=(ax1, ax2), label=r"$r$")
plt.show()
