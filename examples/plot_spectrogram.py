r"""
Spectrograms of a chirp and of a pulse train
============================================

The spectrogram is the power of the short-time Fourier transform,
:math:`|D[k, t]|^2`, in dB, with time across and frequency up. A chirp, whose
frequency rises steadily from 100 Hz to 8000 Hz, draws one rising line. A
pulse train, a click repeated 126 times a second, draws a comb of steady
harmonics, one every 126 Hz.
"""

# %%
# Both use librosa's defaults: ``n_fft = 2048``, ``hop_length = 512``, the
# periodic Hann window and centred frames, at 22 050 Hz.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import chirp, fft_frequencies, power_to_db, pulse_train, stft

sr, n_fft, hop = 22050, 2048, 512
freqs = fft_frequencies(sr, n_fft)


def spectrogram_db(y):
    """Power spectrogram in dB re its loudest value, as on the page."""
    return power_to_db(
        np.abs(stft(y, n_fft=n_fft, hop_length=hop)) ** 2, ref=np.max
    )


def show(S_db, y_max):
    times = np.arange(S_db.shape[1]) * hop / sr
    fig, ax = plt.subplots(figsize=(5.2, 2.9), layout="constrained")
    image = ax.pcolormesh(
        times, freqs, S_db, shading="nearest", cmap="magma", vmin=-80, vmax=0
    )
    ax.set_ylim(0, y_max)
    ax.set_xlabel(r"$t$ (s)")
    ax.set_ylabel(r"$f$ (Hz)")
    fig.colorbar(image, ax=ax, label=r"$|D|^2$ (dB re max)")
    return fig


sweep = chirp(100, 8000, 2.0, sr)
S_sweep = spectrogram_db(sweep)
print(f"chirp: {S_sweep.shape[1]} frames of {S_sweep.shape[0]} bins")
show(S_sweep, sr / 2)
plt.show()

# %%
# The vertical stripes at the two ends are the chirp switching on and off.
# The first and last frames reach into the zeros of the padding; the chirp
# ends in the middle of a fast cycle, and that jump from sound to silence
# has energy at every frequency. It starts gently, a slow cycle rising from
# 0, so its first stripe is faint and short.

edges = (S_sweep > -60).mean(axis=0)
print(
    f"bins above -60 dB: first frame {edges[0]:.2f}, "
    f"middle {edges[S_sweep.shape[1] // 2]:.2f}, last {edges[-1]:.2f}"
)

# %%
# The pulse train's harmonics all have the same height. At 22 050 Hz a click
# every 175 samples is exactly 126 clicks a second, so the comb is exact and
# the gaps between the teeth hold only the Hann window's small leakage.

pulses = pulse_train(126, 1.0, sr)
S_pulses = spectrogram_db(pulses)
print(f"pulse train: {S_pulses.shape[1]} frames")
show(S_pulses, 2000)
plt.show()
