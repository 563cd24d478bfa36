"""Convolution speed: one training epoch of chapter 07's CNN, dlaudio against PyTorch.

Both train the same network, conv 3x3 (1 -> 8, padding 1), ReLU, 2x2 max
pooling, conv 3x3 (8 -> 16, padding 1), ReLU, 2x2 max pooling, flatten,
dense with a softmax output, on the same data (rows of 40 mel bands x 50
frames, standard normal: the speed does not depend on the values), from the
same initial weights, with Adam (lr 0.001), batches of 32, the cross-entropy
averaged over each batch, float32, in one process. The runs take turns, one
epoch each per round, and the best of a few rounds counts, so a burst of load
from another process slows a round of both rather than every round of one.

Printed: samples per second of each, dlaudio's ratio to PyTorch, the loss
each reports after its epochs (the same maths from the same start: they
agree to float32 rounding), the time per layer (forward and backward) of
dlaudio's epoch, and the rate of the convolution layers' own arithmetic
(forward product, Deriv, relay) as a fraction of the machine's matrix-multiply
rate (a 1024 x 1024 float32 matmul, measured in the same run).

Run with ``make benchmark`` (PyTorch comes with ``pip install -e ".[bench]"``).
This is a measurement, not a test: nothing here asserts a speed. On shared
machines the ratio moves with the other processes' load; compare runs made
at the same time.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from threadpoolctl import threadpool_limits

from dlaudio import Adam, Conv2d, Dense, Flatten, MaxPool2d, ReLU, Sequential, SoftmaxCrossEntropy, initial_weights

try:
    import torch
except ImportError:  # the optional `bench` extra
    torch = None

N_MELS, N_FRAMES, N_CLASSES = 40, 50, 14
CHANNELS = (8, 16)
BATCH = 32
LR = 1e-3


def numpy_network(rng, dtype=np.float32):
    """The chapter's CNN in dlaudio."""
    c1, c2 = CHANNELS
    flat = c2 * (N_MELS // 4) * (N_FRAMES // 4)
    layers = [
        Conv2d(1, c1, 3, padding=1, in_shape=(1, N_MELS, N_FRAMES), rng=rng),
        ReLU(),
        MaxPool2d(2),
        Conv2d(c1, c2, 3, padding=1, rng=rng),
        ReLU(),
        MaxPool2d(2),
        Flatten(),
        Dense(initial_weights(flat, N_CLASSES, rng, "he", bias=True), bias=True),
        SoftmaxCrossEntropy(),
    ]
    return Sequential(layers, dtype=dtype)


def torch_network(net):
    """The same shapes in PyTorch, starting from ``net``'s weights."""
    c1, c2 = CHANNELS
    conv1, conv2, dense = net.weighted
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, c1, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(c1, c2, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(dense.W.shape[0] - 1, N_CLASSES),
    )
    with torch.no_grad():
        for layer, mine in ((model[0], conv1), (model[3], conv2)):
            layer.weight.copy_(torch.from_numpy(np.ascontiguousarray(mine.kernels)))
            layer.bias.copy_(torch.from_numpy(mine.W[-1].copy()))
        model[7].weight.copy_(torch.from_numpy(np.ascontiguousarray(dense.W[:-1].T)))
        model[7].bias.copy_(torch.from_numpy(dense.W[-1].copy()))
    return model


def torch_epoch(model, optimizer, x, labels):
    """One epoch of PyTorch training in batches of ``BATCH``, in order; returns the mean loss per sample."""
    total = 0.0
    for start in range(0, len(x), BATCH):
        xb = x[start : start + BATCH].view(-1, 1, N_MELS, N_FRAMES)
        loss = torch.nn.functional.cross_entropy(model(xb), labels[start : start + BATCH])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += float(loss.detach()) * len(xb)
    return total / len(x)


def gemm_rate(repeats=10):
    """FLOP/s of a 1024 x 1024 float32 matrix product, the best of ``repeats``."""
    a = np.random.default_rng(0).standard_normal((1024, 1024)).astype(np.float32)
    out = np.empty_like(a)
    np.matmul(a, a, out=out)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        np.matmul(a, a, out=out)
        best = min(best, time.perf_counter() - start)
    return 2 * 1024**3 / best


def conv_flops_per_sample():
    """2 x multiply-adds of the convolutions for one sample: forward, Deriv, and the relay of the second."""
    c1, c2 = CHANNELS
    first = N_MELS * N_FRAMES * (1 * 9 + 1) * c1
    second = (N_MELS // 2) * (N_FRAMES // 2) * (c1 * 9 + 1) * c2
    return 2 * (2 * first + 3 * second)


def layer_times(net, x, y, rounds=5):
    """Best seconds per batch of each layer's forward and backward, over ``rounds`` passes of a few batches."""
    best = {i: [np.inf, np.inf] for i in range(len(net.layers))}
    xb, yb = x[:BATCH], y[:BATCH]
    for _ in range(rounds):
        a, caches = xb, []
        for i, layer in enumerate(net.layers):
            start = time.perf_counter()
            a, cache = layer.forward(a)
            best[i][0] = min(best[i][0], time.perf_counter() - start)
            caches.append(cache)
        g = yb - a
        for i in range(len(net.layers) - 1, -1, -1):
            start = time.perf_counter()
            g = net.layers[i].backward(g, caches[i], relay=i > 0)
            best[i][1] = min(best[i][1], time.perf_counter() - start)
    return best


def blas_description():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: (install threadpoolctl to name the kernel)"
    info = [f"{i['internal_api']} {i.get('architecture', '?')} x{i['num_threads']}" for i in threadpool_info()]
    return "BLAS: " + ", ".join(info)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1024, help="samples per epoch")
    parser.add_argument("--repeats", type=int, default=5, help="epochs timed per method; the best counts")
    parser.add_argument("--threads", type=int, default=1, help="BLAS and PyTorch threads (the same for both)")
    args = parser.parse_args(argv)
    if torch is not None:
        torch.set_num_threads(args.threads)
    with threadpool_limits(args.threads):
        measure(args)


def measure(args):
    """Time the epochs and print the results."""

    rng = np.random.default_rng(0)
    x = rng.standard_normal((args.samples, N_MELS * N_FRAMES)).astype(np.float32)
    labels = rng.integers(0, N_CLASSES, args.samples)
    y = np.eye(N_CLASSES, dtype=np.float32)[labels]
    net = numpy_network(np.random.default_rng(1))
    print(f"numpy {np.__version__}; {blas_description()}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads" if torch else "torch (not installed)")
    print(f"network: {net!r}")

    runs, losses = {}, {}
    mine, adam = net.copy(), Adam(LR)

    def numpy_run():
        losses["dlaudio"] = float(
            mine.train(x, y, epochs=1, optimizer=adam, batch_size=BATCH, reduction="mean").loss[-1]
        )

    runs["dlaudio"] = numpy_run
    if torch is not None:
        model = torch_network(net)
        optimizer = torch.optim.Adam(model.parameters(), lr=LR)
        tx, tl = torch.from_numpy(x), torch.from_numpy(labels)

        def torch_run():
            losses["torch"] = torch_epoch(model, optimizer, tx, tl)

        runs["torch"] = torch_run

    gemm = gemm_rate()
    best = dict.fromkeys(runs, np.inf)
    for _ in range(args.repeats + 1):  # the first round warms up and is timed too; the best counts
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    gemm = max(gemm, gemm_rate())
    rates = {name: args.samples / seconds for name, seconds in best.items()}

    print(f"1024x1024 float32 matmul, best in this run: {gemm / 1e9:.0f} GFLOP/s")
    print()
    conv_rate = rates["dlaudio"] * conv_flops_per_sample()
    for name in runs:
        print(f"{name:8s} {rates[name]:8.0f} samples/s  loss after {args.repeats + 1} epochs {losses[name]:.4f}")
    versus = f"{rates['dlaudio'] / rates['torch']:.2f}x PyTorch CPU" if "torch" in rates else "PyTorch not installed"
    print(
        f"dlaudio: {versus}; its convolutions' arithmetic at {conv_rate / 1e9:.1f} GFLOP/s over the whole epoch, "
        f"{conv_rate / gemm:.0%} of the GEMM rate"
    )
    print()
    print("dlaudio per layer, best ms per batch of 32 (forward, backward):")
    for i, (forward, backward) in layer_times(net.copy(), x, y).items():
        print(f"  {net.layers[i]!r:72s} {forward * 1e3:6.2f} {backward * 1e3:6.2f}")


if __name__ == "__main__":
    main()
