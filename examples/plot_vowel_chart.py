r"""
The vowel chart: every speaker a point
======================================

The first two formants of every clip of the data set, one panel per group,
drawn as phoneticians draw a vowel chart: :math:`F_2` growing to the left
and :math:`F_1` growing downwards, so that /i/ sits top left (tongue high
and front) and /a/ at the bottom (jaw open). Each vowel is a cloud, one
point per clip; the letters mark Yang's (1996) group means, the children's
derived from the women's. In the women's panel the clouds of /o/ and /u/
overlap.
"""

# %%
# The formants are the ones each clip was made with (``data.formants``):
# the table's, moved by the speaker's vocal-tract length, their own way of
# saying the vowel, and a little from token to token.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import vowels
from dlaudio.vowelset import CHILD_SCALE, KOREAN_VOWELS

data = vowels(seed=0)
groups = np.array(data.groups)
labels = np.array(data.labels)
names = list(KOREAN_VOWELS)
print(f"{len(data)} clips from {len(set(data.speakers))} speakers")

fig, axes = plt.subplots(
    3, 1, figsize=(5.2, 9.6), sharex=True, sharey=True, layout="constrained"
)
for ax, group in zip(axes, ("man", "woman", "child")):
    for k, name in enumerate(names):
        rows = (groups == group) & (labels == name)
        f1, f2 = data.formants[rows, 0], data.formants[rows, 1]
        ax.scatter(f2, f1, s=7, color=f"C{k}", alpha=0.5, linewidths=0)
        _, ipa, men, women = KOREAN_VOWELS[name]
        mean = {"man": men, "woman": women}.get(
            group, [f * CHILD_SCALE for f in women]
        )
        ax.text(
            mean[1],
            mean[0],
            f"/{ipa}/",
            color=f"C{k}",
            fontsize=11,
            fontweight="bold",
            ha="center",
            va="center",
        )
    ax.set_title(group, loc="left")
    ax.set_ylabel(r"$F_1$ (Hz)")
    ax.grid(alpha=0.3)
axes[0].invert_xaxis()
axes[0].invert_yaxis()
axes[-1].set_xlabel(r"$F_2$ (Hz)")
plt.show()

# %%
# Each speaker's vocal-tract length scales all their formants together,
# so a cloud stretches along a line through the origin: a long tract
# lies up and to the right of a short one. The men's clouds lie closest
# to the origin (the top right corner here), the children's farthest.
# The women's /o/ (F2 1029 Hz) and /u/ (1021 Hz) differ in their means
# only by F1 (499 and 422 Hz), and their clouds overlap.
