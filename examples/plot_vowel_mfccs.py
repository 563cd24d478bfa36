r"""
The same vowel from different voices
====================================

Mean MFCCs :math:`c[1] \dots c[12]` of the vowels 아 /a/ (solid) and 이 /i/
(dashed), each said by ten speakers of the synthetic data set: men, women
and children, whose pitch ranges the legend gives. The voices differ, but
each vowel keeps its shape, and the two shapes differ: this is what a
classifier can learn from.
"""

# %%
# The clips come from ``dlaudio.vowels`` and the MFCCs from ``dlaudio.mfcc``
# with the usual settings for speech at 16 000 Hz: 32 ms frames every 10 ms,
# 40 mel bands. Coefficient 0, the loudness, is left out.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import mfcc, vowels

data = vowels(n_speakers=10, tokens=1, seed=0)
speech = dict(n_fft=512, hop_length=160, n_mels=40, n_mfcc=13)
colours = {"man": "C0", "woman": "C3", "child": "C2"}
k = np.arange(1, 13)
means = {}
for wave, label, group, speaker in zip(
    data.waves, data.labels, data.groups, data.speakers
):
    if label in ("a", "i"):
        c = mfcc(y=wave, sr=data.sr, **speech)
        means[label, speaker] = (group, c[1:, 2:-2].mean(axis=1))
print(f"{len(means)} clips, vowels {sorted({label for label, _ in means})}")

# %%
# The legend names each colour by the pitches of its group's clips, and each
# line style by its vowel.

pitches = {
    group: data.f0[[g == group for g in data.groups]] for group in colours
}
fig, ax = plt.subplots(figsize=(5.2, 4.0), layout="constrained")
for (label, _), (group, curve) in means.items():
    style = "-" if label == "a" else "--"
    ax.plot(k, curve, style, color=colours[group], linewidth=1.2)
ax.axhline(0, color="0.5", linewidth=0.6)
for group, colour in colours.items():
    low, high = pitches[group].min(), pitches[group].max()
    ax.plot([], [], color=colour, label=rf"$f_0$ {low:.0f}–{high:.0f} Hz")
for label, style in (("a", "-"), ("i", "--")):
    ax.plot([], [], style, color="0.2", label=f"/{label}/")
# Three columns, filled down: the colours on the first row, the styles below.
handles, names = ax.get_legend_handles_labels()
order = [0, 3, 1, 4, 2]
fig.legend(
    [handles[i] for i in order],
    [names[i] for i in order],
    loc="outside lower center",
    ncols=3,
)
ax.set_xticks(k)
ax.set_xlabel(r"$k$")
ax.set_ylabel(r"$\overline{c[k]}$")
ax.grid(alpha=0.3)
plt.show()

# %%
# Colours mark the speaker groups: blue for men, red for women, green for
# children, whose pitch ranges the legend gives. The bar over :math:`c[k]`
# means the average over the frames of a clip. The spread within a vowel
# comes from the speakers' different vocal-tract lengths and voices. At
# :math:`k = 2` every /a/ lies below every /i/; at :math:`k = 1` the groups
# overlap. No single coefficient separates all seven vowels, which is why
# the classifier looks at all of them at once.
