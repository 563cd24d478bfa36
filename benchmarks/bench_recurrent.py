"""Recurrent training speed: dlaudio's LSTM against ``torch.nn.LSTM``, one epoch, same data and weights.

Chapter 08's classifier: an LSTM over T frames of F features (H units, the
last hidden state), a dense layer with a bias and a softmax output, trained
with Adam on the mean cross-entropy in mini-batches. Both sides start from
the same weights and see the same batches in the same order, in one process,
in float32; the table shows the best samples per second of a few epochs
each (taken in turns, so a burst of load from another process slows a round
of both rather than every epoch of one) and dlaudio's ratio to PyTorch.

Before timing, the script asserts that the two compute the same thing, in
float64: the LSTM's outputs, Derivs and relayed errors against PyTorch's
autograd on a (130 steps, batch 8, 13 inputs, 64 units) sequence, and one
whole training epoch of the classifier (weights after every Adam step).

What limits dlaudio is written under the table: the epoch is split into its
matrix products alone (the ceiling for this maths with this BLAS) and the
cost of one step of the Python loop with next to no arithmetic (the fixed
overhead of the twenty-odd numpy calls of a step, forward and backward).

Both sides run on ``--threads`` threads, 1 by default: the products of a
step are far too small to gain from a second thread, and OpenBLAS's
threads and PyTorch's OpenMP threads, spinning while they wait, take the
cores from each other when both run in one process (on a shared two-core
machine this made both sides 7 to 14 times slower in our runs).

PyTorch is the optional ``bench`` extra (``pip install -e ".[bench]"``).
Run with ``make benchmark``; where OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE are
set, unset them for this command only
(``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benchmarks/bench_recurrent.py``).
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from dlaudio import LSTM, Adam, Dense, Sequential, SoftmaxCrossEntropy, one_hot

try:
    import torch
except ImportError:  # the optional `bench` extra
    torch = None


def blas_description() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: (install threadpoolctl to name the kernel)"
    info = [f"{i['internal_api']} {i.get('architecture', '?')} x{i['num_threads']}" for i in threadpool_info()]
    return "BLAS: " + ", ".join(info)


# -- the same weights on both sides -----------------------------------------------------


def dlaudio_classifier(T, F, H, classes, rng, dtype):
    """The chapter's network: LSTM (last state) -> dense with bias -> softmax."""
    rng = np.random.default_rng(rng)
    lstm = LSTM((T, F), H, rng=rng)
    limit = np.sqrt(6 / (H + classes))
    W = np.vstack([rng.uniform(-limit, limit, size=(H, classes)), np.zeros((1, classes))])
    return Sequential([lstm, Dense(W, bias=True), SoftmaxCrossEntropy()], dtype=dtype)


def torch_lstm_from(W, F, H, dtype):
    """A ``torch.nn.LSTM`` holding dlaudio's ``W``: weight_ih = W[:F].T, weight_hh = W[F:F+H].T, one bias.

    PyTorch keeps two biases, whose sum is the one bias; an optimiser moves
    each of them by a step, so their sum twice as far as dlaudio's one bias
    row. ``bias_hh_l0`` is therefore held at 0 and not trained: the same
    function with the same parameters, trained the same way.
    """
    lstm = torch.nn.LSTM(F, H, batch_first=True).to(dtype)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(np.ascontiguousarray(W[:F].T)))
        lstm.weight_hh_l0.copy_(torch.from_numpy(np.ascontiguousarray(W[F : F + H].T)))
        lstm.bias_ih_l0.copy_(torch.from_numpy(np.ascontiguousarray(W[F + H])))
        lstm.bias_hh_l0.zero_()
    lstm.bias_hh_l0.requires_grad_(False)
    return lstm


class TorchClassifier(torch.nn.Module if torch else object):
    """``torch.nn.LSTM`` + ``Linear``: the same network, the same weights as a dlaudio one."""

    def __init__(self, net):
        super().__init__()
        lstm, dense = net.weighted
        T, F, H = lstm.T, lstm.F, lstm.H
        dtype = torch.float64 if net.dtype == np.float64 else torch.float32
        self.T, self.F = T, F
        self.lstm = torch_lstm_from(lstm.W, F, H, dtype)
        self.linear = torch.nn.Linear(H, dense.n_out).to(dtype)
        with torch.no_grad():
            self.linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(dense.W[:-1].T)))
            self.linear.bias.copy_(torch.from_numpy(np.ascontiguousarray(dense.W[-1])))

    def forward(self, x):
        out, _ = self.lstm(x.view(x.shape[0], self.T, self.F))
        return self.linear(out[:, -1])

    def dlaudio_weights(self):
        """The weights in dlaudio's layout, one flat array like ``Sequential.W_all``."""
        l = self.lstm
        W = torch.cat([l.weight_ih_l0.T, l.weight_hh_l0.T, (l.bias_ih_l0 + l.bias_hh_l0)[None]])
        D = torch.cat([self.linear.weight.T, self.linear.bias[None]])
        return torch.cat([W.reshape(-1), D.reshape(-1)]).detach().numpy()


def trainable(model):
    return [p for p in model.parameters() if p.requires_grad]


def dlaudio_epoch(net, optimizer, x, y, batch_size):
    return net.train(x, y, epochs=1, batch_size=batch_size, optimizer=optimizer, reduction="mean")


def torch_epoch(model, optimizer, x, labels, batch_size):
    loss = torch.nn.CrossEntropyLoss()
    for start in range(0, len(x), batch_size):
        optimizer.zero_grad()
        E = loss(model(x[start : start + batch_size]), labels[start : start + batch_size])
        E.backward()
        optimizer.step()


# -- the two agree before anything is timed ------------------------------------------


def check_layer_against_torch(T=130, n=8, F=13, H=64):
    """Largest relative difference of outputs, Derivs and relayed errors, float64, against autograd."""
    rng = np.random.default_rng(0)
    lstm = LSTM((T, F), H, rng=rng, output="sequence")
    lstm.W[-1] = rng.normal(size=4 * H)  # biases not 0, so that they are checked too
    x = rng.normal(size=(n, T * F))
    error = rng.normal(size=(n, T * H))
    out, steps = lstm.forward(x)
    relayed = lstm.backward(error, steps)
    reference = torch_lstm_from(lstm.W, F, H, torch.float64)
    xt = torch.tensor(x.reshape(n, T, F), requires_grad=True)
    ht, _ = reference(xt)
    # E = sum(out * error): its gradient is the Deriv of a backward pass handed `error`.
    (ht.reshape(n, T * H) * torch.from_numpy(error)).sum().backward()
    grad = np.vstack(
        [reference.weight_ih_l0.grad.numpy().T, reference.weight_hh_l0.grad.numpy().T, reference.bias_ih_l0.grad[None]]
    )
    pairs = [
        (out, ht.detach().numpy().reshape(n, T * H)),
        (lstm.deriv, grad),
        (relayed, xt.grad.numpy().reshape(n, -1)),
    ]
    return max(float(np.max(np.abs(a - b)) / np.max(np.abs(b))) for a, b in pairs)


def check_epoch_against_torch(T=20, F=6, H=16, classes=4, n=96, batch_size=32):
    """Largest difference of the weights after each of a few Adam steps, float64 (relative to the largest)."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(n, T * F))
    labels = rng.integers(0, classes, n)
    net = dlaudio_classifier(T, F, H, classes, 2, np.float64)
    model = TorchClassifier(net)
    mine, theirs = Adam(1e-2), torch.optim.Adam(trainable(model), lr=1e-2)
    worst = 0.0
    for start in range(0, n, batch_size):
        rows = slice(start, start + batch_size)
        dlaudio_epoch(net, mine, x[rows], one_hot(labels[rows], classes), batch_size)
        torch_epoch(model, theirs, torch.from_numpy(x[rows]), torch.from_numpy(labels[rows]), batch_size)
        W = model.dlaudio_weights()
        worst = max(worst, float(np.max(np.abs(net.W_all - W)) / np.max(np.abs(W))))
    return worst


# -- what limits it --------------------------------------------------------------------------


def products_only(T, F, H, classes, n, batch_size, dtype, rng=0):
    """Seconds of only the matrix products of one dlaudio epoch: the ceiling for this maths with this BLAS."""
    rng = np.random.default_rng(rng)
    W = rng.normal(size=(F + H + 1, 4 * H)).astype(dtype)
    D = rng.normal(size=(H + 1, classes)).astype(dtype)
    X = rng.normal(size=(batch_size * T, F)).astype(dtype)
    Z = rng.normal(size=(T, batch_size, 4 * H)).astype(dtype)
    h = rng.normal(size=(batch_size, H)).astype(dtype)
    hs = rng.normal(size=(batch_size * T, H)).astype(dtype)
    d = rng.normal(size=(batch_size, classes)).astype(dtype)
    start = time.perf_counter()
    for _ in range(0, n, batch_size):
        np.dot(X, W[:F])  # the input part of every step, at once
        for _t in range(T):
            np.dot(h, W[F : F + H])  # forward, step by step
        np.dot(h, D[:-1])
        np.dot(h.T, d)
        np.dot(d, D[:-1].T)
        WhT = np.ascontiguousarray(W[F : F + H].T)
        for t in range(T):
            np.dot(Z[t], WhT)  # BPTT, step by step
        Zr = Z.reshape(-1, 4 * H)
        np.dot(X.T, Zr)
        np.dot(hs.T, Zr)
    return time.perf_counter() - start


def step_overhead(T, repeats=5):
    """Seconds per time step (forward and backward) of an LSTM with one unit, one input, a batch of one."""
    lstm = LSTM((T, 1), 1, rng=0)
    x = np.zeros((1, T))
    error = np.ones((1, 1))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        out, steps = lstm.forward(x)
        lstm.backward(error, steps, relay=False)
        best = min(best, time.perf_counter() - start)
    return best / T


def best_times(runs, repeats):
    """Seconds of the fastest of ``repeats`` runs of each, after one warm-up each, taking turns."""
    for run in runs.values():
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50, help="T, frames per sequence")
    parser.add_argument("--features", type=int, default=40, help="F, features per frame")
    parser.add_argument("--hidden", type=int, default=64, help="H, LSTM units")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--samples", type=int, default=2048, help="samples per epoch")
    parser.add_argument("--repeats", type=int, default=5, help="epochs timed per side; the best counts")
    parser.add_argument("--threads", type=int, default=1, help="BLAS and PyTorch threads (default 1, see below)")
    args = parser.parse_args(argv)
    if torch is not None:
        torch.set_num_threads(args.threads)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        run(args)
    else:
        with threadpool_limits(args.threads):
            run(args)


def run(args):
    T, F, H, C, B, n = args.steps, args.features, args.hidden, args.classes, args.batch, args.samples

    print(f"numpy {np.__version__}; {blas_description()}")
    if torch is None:
        print("torch (not installed): pip install -e '.[bench]' to compare; nothing measured")
        return
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")

    layer_difference = check_layer_against_torch()
    epoch_difference = check_epoch_against_torch()
    assert layer_difference < 1e-12, f"dlaudio's LSTM differs from torch.nn.LSTM by {layer_difference:.1e}"
    assert epoch_difference < 1e-10, f"a training epoch differs from PyTorch's by {epoch_difference:.1e}"
    print(
        f"float64 agreement with PyTorch: LSTM outputs, Derivs, relayed errors (130 steps, batch 8, 13 inputs, "
        f"64 units) within {layer_difference:.1e}; weights after 3 Adam steps within {epoch_difference:.1e}"
    )

    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, T * F)).astype(np.float32)
    labels = rng.integers(0, C, n)
    y = one_hot(labels, C).astype(np.float32)
    net = dlaudio_classifier(T, F, H, C, 0, np.float32)
    model = TorchClassifier(net)
    mine, theirs = Adam(1e-3), torch.optim.Adam(trainable(model), lr=1e-3)
    xt, lt = torch.from_numpy(x), torch.from_numpy(labels)
    runs = {
        "dlaudio": lambda: dlaudio_epoch(net, mine, x, y, B),
        "torch": lambda: torch_epoch(model, theirs, xt, lt, B),
        "products": lambda: products_only(T, F, H, C, n, B, np.float32),
    }
    best = best_times(runs, args.repeats)
    rate = {k: n / s for k, s in best.items()}
    per_step = step_overhead(T)
    batches = -(-n // B)
    overhead = per_step * T * batches
    rest = max(best["dlaudio"] - best["products"] - overhead, 0.0)

    print()
    print(f"One epoch: {n} sequences of {T} x {F}, LSTM {H} units (last state) -> dense -> softmax of {C}, batch {B},")
    print("Adam, mean cross-entropy, float32, the same weights and batches; best of", args.repeats, "epochs")
    print()
    print("| network | dlaudio | PyTorch CPU (torch.nn.LSTM + Linear) | dlaudio vs PyTorch |")
    print("|---|---|---|---|")
    print(
        f"| LSTM {T}x{F} -> {H} -> {C}, batch {B}, float32 | {rate['dlaudio']:,.0f} samples/s "
        f"| {rate['torch']:,.0f} samples/s | {rate['dlaudio'] / rate['torch']:.2f}x |"
    )
    print()
    print(
        f"What limits dlaudio: of its {best['dlaudio'] * 1e3:.0f} ms per epoch, the matrix products alone take "
        f"{best['products'] * 1e3:.0f} ms ({best['products'] / best['dlaudio']:.0%}); one time step of the Python "
        f"loop with next to no arithmetic (1 unit, batch 1) costs {per_step * 1e6:.0f} us forward and backward, "
        f"{overhead * 1e3:.0f} ms over the epoch's {T * batches} steps ({overhead / best['dlaudio']:.0%}). The rest, "
        f"{rest * 1e3:.0f} ms ({rest / best['dlaudio']:.0%}), is the element-wise arithmetic of the gates: some 20 "
        f"numpy calls a step on ({B}, {H}) to ({B}, {4 * H}) blocks, each too small to amortise its call, where "
        "PyTorch fuses the step in C++. Other processes share this machine: the ratio varies from run to run."
    )
    print(f"measured on {time.strftime('%Y-%m-%d %H:%M')}", file=sys.stderr)


if __name__ == "__main__":
    main()
