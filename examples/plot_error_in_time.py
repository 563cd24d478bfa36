r"""
The error fades back through time
=================================

Backpropagation through time relays the error of the last hidden state
back, one step at a time, as backpropagation relays it back one layer at a
time. This example measures the size of the relayed error at each step
back, for a plain recurrent layer and for an LSTM of the same sizes, and
draws it beside the deep sigmoid network of chapter 02-1.
"""

# %%
# Each layer reads 64 sequences of :math:`T = 50` frames of :math:`F = 13`
# standardised numbers (the size of an MFCC frame) into :math:`H = 32`
# units, and receives the same random error at its last hidden state.
# ``through_time`` keeps the error of every step; ``sizes`` gives its mean
# length over the sequences, and we divide by its value at the last step, so
# that entry :math:`k` is the share of the error left :math:`k` steps back.

import matplotlib.pyplot as plt
import numpy as np

from dlaudio import LSTM, MLP, RNN, trace
from dlaudio.backprop import row_norms

plt.rc("font", size=12)
T, F, H = 50, 13, 32
rng = np.random.default_rng(0)
x = rng.standard_normal((64, T * F))
error = rng.standard_normal((64, H))
rnn = RNN((T, F), H, rng=1).through_time(x, error)
lstm = LSTM((T, F), H, rng=1).through_time(x, error)
left = {
    "rnn_h": rnn.sizes("h")[::-1],
    "lstm_h": lstm.sizes("h")[::-1],
    "lstm_c": lstm.sizes("c")[::-1],
}
left = {name: sizes / sizes[0] for name, sizes in left.items()}
for name, share in left.items():
    print(name, " ".join(f"{share[k]:.2g}" for k in (1, 5, 10, 20, 49)))

# %%
# The deep network of chapter 02-1: eight sigmoid layers of eight neurons,
# weights from the standard normal, 64 random inputs, the same draws. Its
# deltas, from the output back to the first hidden layer, divided by the
# output's.

same = np.random.default_rng(0)  # the draws of chapter 02-1's figure
deep = MLP(8, [8] * 7, 8, rng=same)
norms = row_norms(
    trace(deep, same.uniform(0, 1, (64, 8)), same.uniform(0, 1, (64, 8))).delta
)
layers = sorted(norms, reverse=True)
through_layers = np.array([norms[l] for l in layers]) / norms[layers[0]]
print("layers", " ".join(f"{v:.2g}" for v in through_layers))

fig, (ax_layers, ax_time) = plt.subplots(
    1,
    2,
    figsize=(6.8, 3.4),
    layout="constrained",
    sharey=True,
    width_ratios=[1, 2.2],
)
ax_layers.plot(range(len(layers)), through_layers, "o-", color="C2")
ax_layers.set_xlabel(r"$l$", fontsize=12)
ax_layers.set_ylabel(r"$\|\mathrm{error}\| \,/\, \|\mathrm{error}_{last}\|$")
ax_layers.set_xticks(range(0, len(layers), 2))
k = np.arange(T)
ax_time.plot(k, left["rnn_h"], "-", color="C0", label=r"RNN $h$")
ax_time.plot(k, left["lstm_h"], "--", color="C1", label=r"LSTM $h$")
ax_time.plot(k, left["lstm_c"], "-", color="C3", label=r"LSTM $c$")
ax_time.set_xlabel(r"$k$", fontsize=12)
for ax in (ax_layers, ax_time):
    ax.set_yscale("log")
    ax.grid(alpha=0.3, which="major")
    ax.tick_params(labelsize=11)
ax_time.set_ylim(1e-9, 2)
ax_time.legend(fontsize=11, loc="lower left")
plt.show()

# %%
# Left, :math:`l` counts the layers back from the output; right, :math:`k`
# counts the steps back from the last. Through time the plain RNN's error
# shrinks at every step back, by a factor of about 0.7 at first and faster
# later: 20 steps back less than a thousandth of it is left, 49 steps back
# about :math:`10^{-8}`. The LSTM's
# hidden state keeps less at the first step back (its error returns to the
# previous state only through the gates' deltas, each carrying a gate's
# slope), but its cell state relays the error multiplied only by
# the forget gate, and keeps fifty times more than the RNN 20 steps back,
# and thirty thousand times more 49 steps back. Through the layers of
# chapter 02-1 the delta lost a factor of 172 in seven layers; the RNN loses
# as much in about twelve steps.
