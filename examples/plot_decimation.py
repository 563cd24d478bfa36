r"""
Lowering the sample rate: keeping every third sample, or filtering first
========================================================================

A chirp rises from 100 Hz to 11 000 Hz in two seconds at
:math:`sr = 22\,050` Hz. Lowered to :math:`sr / 3 = 7350` Hz, it can only
hold frequencies below :math:`3675` Hz. Keeping every third sample (top)
folds everything above back below: the line climbs, turns down, and climbs
again. ``dlaudio.resample`` (bottom), the soxr resampler that ``read_wav``
uses, removes those frequencies first: the line stops at :math:`3675` Hz.
"""

# %%
# The chirp, its naive decimation and its resampled version.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import (
    chirp,
    fft_frequencies,
    power_spectrogram,
    power_to_db,
    resample,
)

sr, k = 22050, 3
low_sr = sr // k
y = chirp(100, 11000, 2.0, sr, amplitude=0.5)
naive = y[::k]
filtered = resample(y, sr, low_sr)
print(f"{low_sr} Hz: {naive.size} and {filtered.size} samples")

# %%
# The two spectrograms, in dB relative to the loudest bin of each, and the
# loudest frequency of a frame near the end.

n_fft, hop = 512, 128
freqs = fft_frequencies(low_sr, n_fft)
spectrograms = {
    name: power_to_db(
        power_spectrogram(x, n_fft=n_fft, hop_length=hop), ref=np.max
    )
    for name, x in (("naive", naive), ("resampled", filtered))
}
times = np.arange(spectrograms["naive"].shape[1]) * hop / low_sr
late = spectrograms["naive"].shape[1] - 5
late_peak = freqs[np.argmax(spectrograms["naive"][:, late])]
print(f"at {times[late]:.2f} s the naive version peaks at {late_peak:.0f} Hz")
late_level = np.max(spectrograms["resampled"][:, late])
print(f"the resampled version, at most {late_level:.0f} dB")

fig, axes = plt.subplots(
    2, 1, figsize=(5.2, 5.0), layout="constrained", sharex=True
)
for ax, name in zip(axes, spectrograms):
    image = ax.pcolormesh(
        times,
        freqs,
        spectrograms[name],
        shading="nearest",
        cmap="magma",
        vmin=-80,
        vmax=0,
    )
    ax.set_ylabel(r"$f$ (Hz)")
    fig.colorbar(image, ax=ax, label=r"$|D|^2$ (dB re max)")
axes[0].set_title(r"$y[3n]$")
axes[1].set_title(r"$\mathrm{resample}(y)$")
axes[1].set_xlabel(r"$t$ (s)")
plt.show()

# %%
# Above 3675 Hz the naive version is wrong: the chirp's frequency
# :math:`f` comes back at :math:`|f - k \cdot 7350|`, the nearest fold.
