r"""
The phase matters: resynthesis from the magnitude alone
=======================================================

Two seconds of speech (``example("libri1")`` at 16 000 Hz), its STFT
(``n_fft = 512``, hop 128) turned back into a signal by ``istft`` three
ways: with its own phase, with every phase set to 0, and with random
phases. Each result is analysed again and drawn as a spectrogram. Only
the first gives back the magnitudes it was made from.
"""

# %%
# The recording is CC BY 4.0; ``attribution`` gives its credit.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import attribution, example, istft, power_to_db, read_audio, stft

print(attribution("libri1"))
y, sr = read_audio(example("libri1"), sr=16000)
y = y[: 2 * sr]
n_fft, hop = 512, 128
D = stft(y, n_fft=n_fft, hop_length=hop)
magnitude = np.abs(D)
phases = {
    "own": np.angle(D),
    "zero": np.zeros(D.shape),
    "random": 2 * np.pi * np.random.default_rng(0).random(D.shape),
}
signals = {
    name: istft(magnitude * np.exp(1j * phase), hop_length=hop, length=y.size)
    for name, phase in phases.items()
}

# How far each resynthesis's magnitudes are from the ones it was made from.
for name, z in signals.items():
    again = np.abs(stft(z, n_fft=n_fft, hop_length=hop))
    error = np.linalg.norm(again - magnitude) / np.linalg.norm(magnitude)
    print(f"{name}: {error:.3f}")

fig, axes = plt.subplots(
    1, 3, figsize=(6.0, 2.6), sharey=True, layout="constrained"
)
titles = {"own": r"$\angle D$", "zero": r"$0$", "random": r"$U(0, 2\pi)$"}
for ax, (name, z) in zip(axes, signals.items()):
    S_db = power_to_db(
        np.abs(stft(z, n_fft=n_fft, hop_length=hop)) ** 2,
        ref=np.max(magnitude**2),
    )
    times = np.arange(S_db.shape[1]) * hop / sr
    freqs = np.arange(S_db.shape[0]) * sr / n_fft
    image = ax.pcolormesh(
        times,
        freqs,
        S_db,
        shading="nearest",
        cmap="magma",
        vmin=-80,
        vmax=0,
        rasterized=True,
    )
    ax.set_title(titles[name])
    ax.set_xlabel(r"$t$ (s)")
axes[0].set_ylabel(r"$f$ (Hz)")
fig.colorbar(image, ax=axes, label=r"$|D|^2$ (dB)")
plt.show()

# %%
# With its own phase the signal comes back to rounding error. With zero
# or random phases the overlapping frames no longer agree with each other,
# and the harmonics and formants of the voice are smeared.
