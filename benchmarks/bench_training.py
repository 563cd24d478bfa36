"""Training speed: dlaudio in mini-batches against the course's per-sample loop.

Both train the same network (same initial weights) on the same data, in the
same process, and the table prints samples per second and their ratio. Run
with ``make benchmark``; this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from dlaudio import MLP

# The course's reference code lives with the tests, which hold dlaudio to it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from course_reference import CourseMLP  # noqa: E402


def samples_per_second(run, n_samples, min_time=0.5):
    """Repeat ``run`` (one epoch) until ``min_time`` has passed; best of three."""
    best = 0.0
    for _ in range(3):
        epochs, start = 0, time.perf_counter()
        while True:
            run()
            epochs += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                break
        best = max(best, epochs * n_samples / elapsed)
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-time", type=float, default=0.5, help="seconds per measurement")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 32, 128])
    args = parser.parse_args(argv)

    cases = [("2-5-1", 2, [5], 1, 1000), ("13-64-32-10", 13, [64, 32], 10, 1000), ("784-512-512-10", 784, [512, 512], 10, 256)]
    print(f"{'network':<16}{'method':<22}{'samples/s':>14}{'ratio':>10}")
    for name, n_in, hidden, n_out, n in cases:
        rng = np.random.default_rng(0)
        x = rng.uniform(0, 0.5, size=(n, n_in))
        y = rng.uniform(0.1, 0.9, size=(n, n_out))
        start = MLP(n_in, hidden, n_out, rng=1).weights
        # Small steps keep both runs in the same regime for the whole measurement.
        eta = 0.01
        course = CourseMLP(start)
        base = samples_per_second(lambda: course.train_epoch(x, y, eta), n, args.min_time)
        print(f"{name:<16}{'course loop':<22}{base:>14,.0f}{1.0:>10.1f}")
        for b in args.batch_sizes:
            net = MLP.from_weights(start)
            rate = samples_per_second(lambda: net.train(x, y, epochs=1, eta=eta, batch_size=b), n, args.min_time)
            print(f"{'':<16}{f'dlaudio batch {b}':<22}{rate:>14,.0f}{rate / base:>10.1f}")


if __name__ == "__main__":
    main()
