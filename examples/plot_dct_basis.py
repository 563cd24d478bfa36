r"""
The DCT basis
=============

The rows of the orthonormal DCT-II matrix :math:`D` for :math:`N = 40` mel
bands. Row :math:`k` is a cosine with :math:`k` half-periods across the
bands; the MFCC :math:`c[k]` is the dot product of a log-mel frame with it.
"""

# %%
# The matrix comes from ``dlaudio.dct_matrix``; its rows have unit length and
# are mutually orthogonal.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import dct_matrix

N = 40
D = dct_matrix(N)
print("D . D^T = I:", bool(np.allclose(D @ D.T, np.eye(N))))

fig, axes = plt.subplots(
    5, 1, figsize=(5.2, 4.6), layout="constrained", sharex=True, sharey=True
)
for k, ax in enumerate(axes):
    ax.plot(
        np.arange(N), D[k], "o-", markersize=2.5, linewidth=1, color=f"C{k}"
    )
    ax.axhline(0, color="0.5", linewidth=0.6)
    ax.set_ylabel(rf"$D[{k}, n]$")
    ax.grid(alpha=0.3)
axes[-1].set_xlabel(r"$n$")
plt.show()

# %%
# Row 0 is flat (the frame's overall level), row 1 compares low bands with
# high ones, and each later row describes finer detail.
