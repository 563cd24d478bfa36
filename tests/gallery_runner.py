"""Run one gallery script as a learner would, and keep what it made for the tests.

    python -W error tests/gallery_runner.py examples/plot_x.py result.pickle

runs the script in this new interpreter as ``__main__``, with examples/ first
on the module path, as ``python examples/plot_x.py`` does, except that
``plt.show`` collects the figures instead of showing them. It then pickles the
script's globals and the figures to ``result.pickle`` for tests/test_gallery.py
(the ``gallery_runs`` fixture of conftest.py). Globals that cannot be pickled,
the modules and the script's own functions, are left out; the figures and the
globals are pickled together, so an artist a global names is the one in its
figure.
"""

from __future__ import annotations

import pickle
import runpy
import sys
from pathlib import Path


def main(script: Path, result: Path) -> None:
    import matplotlib.pyplot as plt

    figures = []

    def show(*args, **kwargs):
        figures.extend(plt.figure(n) for n in plt.get_fignums())
        plt.close("all")

    plt.show = show
    sys.path[0] = str(script.parent)
    sys.argv = [str(script)]
    namespace = runpy.run_path(str(script), run_name="__main__")
    kept = {}
    for name, value in namespace.items():
        if name.startswith("__"):
            continue
        try:
            pickle.dumps(value)
        except Exception:  # a module, a function of the script's own
            continue
        kept[name] = value
    result.write_bytes(pickle.dumps({"namespace": kept, "figures": figures}))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
