r"""
The envelope rebuilt from the first MFCCs
=========================================

One frame of the log-mel spectrogram of a synthetic vowel (formants at 730,
1090 and 2440 Hz, pitch 120 Hz, 40 mel bands at 16 000 Hz), and the frame
rebuilt from its first :math:`k` DCT coefficients,
:math:`D_{[:k]}^T \cdot c_{[:k]}`. A few coefficients already give the
envelope, whose hills are the formants.
"""

# %%
# The frame, its coefficients and the rebuilt curves are computed with
# ``dlaudio``; the horizontal axis is the centre frequency of each mel band.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import (
    dct_matrix,
    mel_frequencies,
    melspectrogram,
    power_to_db,
    vowel,
)

sr, n_mels = 16000, 40
formants = [730, 1090, 2440]
y = vowel(formants, f0=120, duration=0.5, sr=sr, rng=0)
M_db = power_to_db(
    melspectrogram(y=y, sr=sr, n_fft=512, hop_length=160, n_mels=n_mels)
)
frame = M_db[:, 25]
D = dct_matrix(n_mels)
c = D @ frame
centres = mel_frequencies(n_mels + 2, fmin=0.0, fmax=sr / 2)[1:-1]
rebuilt = {k: D[:k].T @ c[:k] for k in (5, 13)}
for k, curve in rebuilt.items():
    print(
        f"k = {k:2d}: largest difference "
        f"{np.max(np.abs(curve - frame)):.1f} dB"
    )

fig, ax = plt.subplots(figsize=(5.2, 3.1), layout="constrained")
ax.plot(
    centres,
    frame,
    color="0.55",
    linewidth=1,
    marker="o",
    markersize=2.5,
    label=r"$m$",
)
for k, style in zip(rebuilt, ("-", "--")):
    ax.plot(
        centres,
        rebuilt[k],
        style,
        linewidth=1.8,
        label=rf"$D_{{[:{k}]}}^T \cdot c_{{[:{k}]}}$",
    )
for i, f in enumerate(formants):
    # One legend entry for the three dotted lines.
    label = r"$F_1, F_2, F_3$" if i == 0 else None
    ax.axvline(f, color="C3", linewidth=1, linestyle=":", label=label)
ax.set_xlabel(r"$f$ (Hz)")
ax.set_ylabel(r"$M_{dB}$ (dB)")
ax.grid(alpha=0.3)
ax.legend(loc="lower left")
plt.show()

# %%
# The dotted lines mark the three formant frequencies :math:`F_1, F_2, F_3`
# the vowel was made with, the resonances of its filter. The rebuilt curves
# follow the hills at the formants and smooth away the ripple of the
# individual harmonics, whose spacing is the pitch.
