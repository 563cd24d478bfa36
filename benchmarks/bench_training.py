"""Training speed: dlaudio against a minimal numpy loop, PyTorch and the course's loop.

Every method trains the same network from the same initial weights on the
same data, in one process, for one epoch of mini-batch gradient descent on
E = 1/2 sum (y - a)^2 with the per-epoch loss reported; the table shows the
best samples per second of a few repeats, dlaudio's ratio to each of the
others, the fraction of the machine's matrix-multiply rate (a 1024 x 1024
matmul, measured in the same run) that dlaudio reaches, the fraction of the
speed of its own matrix products done alone (the same shapes, nothing else:
the ceiling for this maths with this BLAS), and dlaudio's peak memory during
an epoch (tracemalloc) next to the size of the data set.

PyTorch is measured when it is installed (``pip install -e ".[bench]"``); the
course's per-sample loop, ``tests/course_reference.py`` (imported by putting
``tests/`` on ``sys.path``), only in float64, as the course wrote it. Run with
``make benchmark``. This is a measurement, not a test: nothing here asserts a
speed. On machines where OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE are set, unset
them for this command only, as the header's BLAS line shows.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from dlaudio import MLP, Adam

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from course_reference import CourseMLP  # noqa: E402

try:
    import torch
except ImportError:  # the optional `bench` extra
    torch = None

#: (name, layer sizes, batch size, samples in the data set)
ROWS = [
    ("2-5-1", [2, 5, 1], 32, 65536),
    ("13-64-32-10", [13, 64, 32, 10], 64, 32768),
    ("40-256-256-10", [40, 256, 256, 10], 128, 16384),
    ("784-512-512-10", [784, 512, 512, 10], 256, 4096),
]
ETA = 0.001  # small steps keep every method in the same regime throughout


def minimal_epoch(weights, x, y, eta, batch_size):
    """The same maths as dlaudio in the fewest numpy lines: one epoch, returns E / n."""
    total = 0.0
    for start in range(0, len(x), batch_size):
        a = [x[start : start + batch_size]]
        for W in weights:
            a.append(1.0 / (1.0 + np.exp(-(a[-1] @ W))))
        error = y[start : start + batch_size] - a[-1]
        total += 0.5 * float(np.vdot(error, error))
        for l in range(len(weights), 0, -1):
            delta = error * a[l] * (1.0 - a[l])
            if l > 1:
                error = delta @ weights[l - 1].T
            weights[l - 1] += eta * (a[l - 1].T @ delta)
    return total / len(x)


def torch_epoch(weights, x, y, eta, batch_size):
    """The same maths with PyTorch's autograd on the CPU: one epoch, returns E / n."""
    total = 0.0
    for start in range(0, len(x), batch_size):
        a = x[start : start + batch_size]
        for W in weights:
            a = torch.sigmoid(a @ W)
        E = 0.5 * ((y[start : start + batch_size] - a) ** 2).sum()
        E.backward()
        with torch.no_grad():
            for W in weights:
                W -= eta * W.grad  # W.grad is dE/dW = -Deriv
                W.grad = None
        total += float(E.detach())
    return total / len(x)


def torch_adam_epoch(weights, optimizer, x, y, batch_size):
    """The same network trained by ``torch.optim.Adam`` for one epoch, returns E / n."""
    total = 0.0
    for start in range(0, len(x), batch_size):
        a = x[start : start + batch_size]
        for W in weights:
            a = torch.sigmoid(a @ W)
        E = 0.5 * ((y[start : start + batch_size] - a) ** 2).sum()
        optimizer.zero_grad()
        E.backward()
        optimizer.step()
        total += float(E.detach())
    return total / len(x)


def products_only_epoch(weights, acts, deltas, steps):
    """Only the matrix products of ``steps`` training steps, on fixed activations and deltas.

    The ceiling for any implementation of the same maths with this BLAS on
    these shapes: forward ``a_l . W_l``, ``Deriv_l = a_l^T . delta_l+1`` and
    the relays ``delta_l+1 . W_l^T`` (none to the inputs).
    """
    for _ in range(steps):
        for l, W in enumerate(weights):
            np.dot(acts[l], W)
            np.dot(acts[l].T, deltas[l + 1])
            if l > 0:
                np.dot(deltas[l + 1], W.T)


def best_rates(runs, repeats):
    """Seconds of the fastest of ``repeats`` epochs of each run, after one warm-up epoch each.

    The runs take turns, one epoch each per round, so a burst of load from
    another process on the machine slows one round of every method rather
    than every round of one method.
    """
    for run in runs.values():
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def gemm_rate(dtype, repeats=10):
    """FLOP/s of a 1024 x 1024 matrix product, the best of ``repeats``."""
    a = np.random.default_rng(0).standard_normal((1024, 1024)).astype(dtype)
    out = np.empty_like(a)
    np.matmul(a, a, out=out)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        np.matmul(a, a, out=out)
        best = min(best, time.perf_counter() - start)
    return 2 * 1024**3 / best


def flops_per_sample(sizes):
    """Multiply-adds x 2 of one sample's forward pass, Derivs and relays (none to the inputs)."""
    products = [n * m for n, m in zip(sizes[:-1], sizes[1:])]
    return 2 * (2 * sum(products) + sum(products[1:]))


def peak_training_memory(net, x, y, batch_size):
    """Peak bytes that numpy allocated during one epoch of ``net.train``, above the data."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    net.train(x, y, epochs=1, eta=ETA, batch_size=batch_size, shuffle=True, rng=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak - base


def blas_description():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: (install threadpoolctl to name the kernel)"
    info = [f"{i['internal_api']} {i.get('architecture', '?')} x{i['num_threads']}" for i in threadpool_info()]
    return "BLAS: " + ", ".join(info)


def measure_row(sizes, batch_size, n, dtype, repeats, course_samples):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 0.5, size=(n, sizes[0])).astype(dtype)
    y = rng.uniform(0.1, 0.9, size=(n, sizes[-1])).astype(dtype)
    start = MLP(sizes[0], sizes[1:-1], sizes[-1], rng=1, dtype=dtype).weights

    net = MLP.from_weights(start, dtype=dtype)
    weights = [W.copy() for W in start]
    runs = {
        "dlaudio": lambda: net.train(x, y, epochs=1, eta=ETA, batch_size=batch_size),
        "minimal": lambda: minimal_epoch(weights, x, y, ETA, batch_size),
    }
    adam_net, adam = MLP.from_weights(start, dtype=dtype), Adam(ETA)
    runs["adam"] = lambda: adam_net.train(x, y, epochs=1, optimizer=adam, batch_size=batch_size)
    if torch is not None:
        tw = [torch.from_numpy(W.copy()).requires_grad_() for W in start]
        tx, ty = torch.from_numpy(x), torch.from_numpy(y)
        runs["torch"] = lambda: torch_epoch(tw, tx, ty, ETA, batch_size)
        tw_adam = [torch.from_numpy(W.copy()).requires_grad_() for W in start]
        torch_adam = torch.optim.Adam(tw_adam, lr=ETA)
        runs["torch_adam"] = lambda: torch_adam_epoch(tw_adam, torch_adam, tx, ty, batch_size)
    acts = [rng.uniform(size=(batch_size, k)).astype(dtype) for k in sizes]
    deltas = [rng.uniform(size=(batch_size, k)).astype(dtype) for k in sizes]
    steps = -(-n // batch_size)
    runs["products"] = lambda: products_only_epoch(start, acts, deltas, steps)
    samples = dict.fromkeys(runs, n)
    if dtype == np.float64:
        m = min(n, course_samples)
        course = CourseMLP(start)
        runs["course"] = lambda: course.train_epoch(x[:m], y[:m], ETA)
        samples["course"] = m
    seconds = best_rates(runs, repeats)
    rates = {name: samples[name] / seconds[name] for name in runs}
    memory = peak_training_memory(MLP.from_weights(start, dtype=dtype), x, y, batch_size)
    return rates, memory, x.nbytes + y.nbytes


def rate_text(rate):
    if rate >= 1e6:
        return f"{rate / 1e6:.2f} M/s"
    if rate >= 1e3:
        return f"{rate / 1e3:.1f} k/s"
    return f"{rate:.0f} /s"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="epochs timed per method; the best counts")
    parser.add_argument("--course-samples", type=int, default=2048, help="samples the slow course loop trains on")
    parser.add_argument("--rows", nargs="+", help="only these networks, e.g. 2-5-1")
    args = parser.parse_args(argv)

    print(f"numpy {np.__version__}; {blas_description()}")
    print(
        f"torch {torch.__version__ if torch else '(not installed)'}"
        + (f", {torch.get_num_threads()} threads" if torch else "")
    )
    # The GEMM rate is measured again before every row; the best one counts.
    gemm = dict.fromkeys((np.float64, np.float32), 0.0)
    measured = []
    for dtype in (np.float64, np.float32):
        for name, sizes, batch_size, n in ROWS:
            if args.rows and name not in args.rows:
                continue
            gemm[dtype] = max(gemm[dtype], gemm_rate(dtype))
            rates, memory, data_bytes = measure_row(sizes, batch_size, n, dtype, args.repeats, args.course_samples)
            measured.append((name, sizes, batch_size, dtype, rates, memory, data_bytes))
            print(f"measured {name} {np.dtype(dtype).name}", file=sys.stderr, flush=True)

    print(
        f"1024x1024 matmul, best in this run: {gemm[np.float64] / 1e9:.0f} GFLOP/s float64, "
        f"{gemm[np.float32] / 1e9:.0f} GFLOP/s float32"
    )
    print()
    header = (
        "| network, batch, dtype | dlaudio | minimal numpy loop | PyTorch CPU autograd | course per-sample loop "
        "| vs PyTorch | vs minimal | vs course | dlaudio GFLOP/s, fraction of GEMM "
        "| fraction of its own matrix products alone | peak memory above the data (data) |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for name, sizes, batch_size, dtype, rates, memory, data_bytes in measured:
        mine = rates["dlaudio"]
        flop_rate = mine * flops_per_sample(sizes)
        cells = [f"{name}, {batch_size}, {np.dtype(dtype).name}"]
        cells += [rate_text(rates[k]) if k in rates else "-" for k in ("dlaudio", "minimal", "torch", "course")]
        cells += [f"{mine / rates[k]:.2f}x" if k in rates else "-" for k in ("torch", "minimal", "course")]
        cells.append(f"{flop_rate / 1e9:.1f}, {flop_rate / gemm[dtype]:.0%}")
        cells.append(f"{mine / rates['products']:.0%}")
        cells.append(f"{memory / 2**20:.1f} MiB ({data_bytes / 2**20:.1f} MiB)")
        print("| " + " | ".join(cells) + " |")
    print()
    print("Adam (Kingma and Ba 2015), lr 0.001, the same networks and data:")
    print()
    print("| network, batch, dtype | dlaudio Adam | PyTorch Adam | vs PyTorch |")
    print("|---|---|---|---|")
    for name, _sizes, batch_size, dtype, rates, _memory, _data_bytes in measured:
        versus = f"{rates['adam'] / rates['torch_adam']:.2f}x" if "torch_adam" in rates else "-"
        torch_rate = rate_text(rates["torch_adam"]) if "torch_adam" in rates else "-"
        print(
            f"| {name}, {batch_size}, {np.dtype(dtype).name} | {rate_text(rates['adam'])} | {torch_rate} | {versus} |"
        )


if __name__ == "__main__":
    main()
