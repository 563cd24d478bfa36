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
import types
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
    kept = {
        name: value
        for name, value in namespace.items()
        if not name.startswith("__")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", None) != "__main__"  # the script's own functions and classes
    }
    try:
        made = pickle.dumps({"namespace": kept, "figures": figures})
    except Exception:  # something else that cannot be pickled: leave out what cannot
        kept = {name: value for name, value in kept.items() if _picklable(value)}
        made = pickle.dumps({"namespace": kept, "figures": figures})
    result.write_bytes(made)


def _picklable(value) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
