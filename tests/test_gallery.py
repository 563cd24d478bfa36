"""The gallery draws what the library computes: numbers, figure counts, both languages."""

from __future__ import annotations

import runpy

import matplotlib
import numpy as np
import pytest

from sitetools import EXAMPLES_DIR, GALLERY_DIR, LANGUAGES, examples

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from dlaudio import trace  # noqa: E402
from dlaudio.data import worked_example  # noqa: E402
from dlaudio.magnitudes import mean_abs  # noqa: E402

EXAMPLES = examples()


def run_example(name, monkeypatch, tmp_path):
    """Run an example as a script; return its globals and the figures it showed."""
    shown = []

    def show(*args, **kwargs):
        shown.extend(plt.figure(n) for n in plt.get_fignums())
        for fig in shown:
            assert fig.get_size_inches()[0] <= 7.0, "figures wider than 7 inches are shrunk on the page"
        plt.close("all")

    monkeypatch.setattr(plt, "show", show)
    monkeypatch.chdir(tmp_path)
    namespace = runpy.run_path(str(EXAMPLES_DIR / f"{name}.py"), run_name="__main__")
    return namespace, shown


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every example run once as a script: ``{name: (globals, figures shown)}``."""
    with pytest.MonkeyPatch.context() as mp:
        return {name: run_example(name, mp, tmp_path_factory.mktemp(name)) for name in EXAMPLES}


@pytest.fixture(scope="module")
def worked():
    return trace(*worked_example())


def test_the_issue_examples_exist():
    assert {"plot_sigmoid", "plot_error_attenuation", "plot_deriv_matrices", "plot_training", "plot_forward_pass"} <= set(EXAMPLES)


def test_attenuation_numbers_are_the_trace_values(runs, worked):
    ns, figures = runs["plot_error_attenuation"]
    assert len(figures) == 3
    assert ns["error_sizes"] == mean_abs(worked.error)
    assert ns["delta_sizes"] == mean_abs(worked.delta)
    assert ns["error_sizes"][2] == pytest.approx(0.34307, abs=5e-6)
    assert ns["error_sizes"][1] == pytest.approx(0.03866, abs=5e-6)
    # Each drawn step respects the bound that sigma' <= 1/4 puts on it.
    for l, bound in ns["bounds"].items():
        assert ns["norms"][l] <= bound
    # The deep network's delta shrinks towards the input.
    assert ns["norms"][1] < ns["norms"][8] / 10
    # Early layers learn slowest at every epoch.
    sizes = ns["sizes"]
    for epoch in range(ns["epochs"]):
        assert sizes[0][epoch] == min(sizes[l][epoch] for l in sizes)


def test_deriv_matrices_are_the_trace_values(runs, worked):
    ns, figures = runs["plot_deriv_matrices"]
    assert len(figures) == 2
    for l in (0, 1):
        assert np.array_equal(ns["matrices"][l], worked.deriv[l])
    # The annotated cells show exactly these numbers.
    texts = {t.get_text() for t in figures[0].axes[0].texts} | {t.get_text() for t in figures[0].axes[1].texts}
    assert texts == {f"{v:.5f}" for D in ns["matrices"].values() for v in D.ravel()}
    # Shared scale, centred on zero.
    images = [ax.images[0] for ax in figures[0].axes[:2]]
    assert images[0].norm is images[1].norm and images[0].norm.vcenter == 0.0
    xs, rows = ns["xs"], ns["rows"]
    assert np.allclose(rows[:, 0, :], rows[0, 0, :])  # the first input's row stays
    assert np.allclose(rows[:, 1, :], xs[:, None] * worked.delta[1])  # grows with x
    assert np.allclose(ns["ratio"][1:], xs[1:, None])


def test_training_example_reaches_the_course_result(runs):
    ns, figures = runs["plot_training"]
    assert len(figures) == 2
    assert ns["losses_per_sample"][-1] < 5e-4 and ns["losses_mini_batch"][-1] < 5e-4
    assert ns["per_sample"].forward([0.3, 0.1])[0] == pytest.approx(0.4, abs=0.01)


def test_sigmoid_example(runs):
    ns, figures = runs["plot_sigmoid"]
    assert len(figures) == 1
    assert ns["slope"].max() == pytest.approx(0.25) and ns["h"][ns["peak"]] == pytest.approx(0.0)


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_gallery_holds_every_figure(site, lang, runs):
    html = site.builds[lang].html
    for name in EXAMPLES:
        _, figures = runs[name]
        page = (html / GALLERY_DIR / f"{name}.html").read_text(encoding="utf-8")
        images = sorted((html / "_images").glob(f"sphx_glr_{name}_[0-9][0-9][0-9].png"))
        assert len(images) == len(figures), name
        for image in images:
            assert image.name in page
        assert f"sphx_glr_{name}_thumb.png" in (html / GALLERY_DIR / "index.html").read_text(encoding="utf-8")
        # Downloads of the script and the notebook are offered.
        assert f"{name}.py" in page and f"{name}.ipynb" in page


@pytest.mark.docs
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_and_examples_link_both_ways(site, lang):
    html = site.builds[lang].html
    worked_page = (html / "worked-example.html").read_text(encoding="utf-8")
    for name in ("plot_error_attenuation", "plot_deriv_matrices"):
        assert f'href="auto_examples/{name}.html' in worked_page
        assert 'href="../worked-example.html' in (html / GALLERY_DIR / f"{name}.html").read_text(encoding="utf-8")
    assert 'href="auto_examples/plot_training.html' in (html / "training.html").read_text(encoding="utf-8")


def test_forward_pass_diagram_shows_the_trace_values(runs, worked):
    ns, figures = runs["plot_forward_pass"]
    assert len(figures) == 1
    texts = {t.get_text() for t in figures[0].axes[0].texts}
    for l in (1, 2):
        for i in range(worked.a[l].shape[1]):
            assert f"{worked.h[l][0, i]:.4f}" in texts and f"{worked.a[l][0, i]:.4f}" in texts
    for W in worked.W:
        assert {f"{w:g}" for w in W.ravel()} <= texts


def test_waveform_marks_the_samples_of_the_tone(runs):
    ns, figures = runs["plot_waveform"]
    assert len(figures) == 1
    dots = figures[0].axes[0].lines[1]
    assert np.array_equal(dots.get_ydata(), ns["y"])
    assert np.allclose(dots.get_xdata(), 1000 * np.arange(ns["y"].size) / ns["sr"])


def test_aliasing_example_folds_5000_hz_to_3000_hz(runs):
    ns, figures = runs["plot_aliasing"]
    assert len(figures) == 1
    assert ns["f_alias"] == 3000 and ns["peak"] == 3000.0
    assert np.allclose(ns["samples"], ns["alias"][::200])  # the dashed curve passes through every dot


def test_leakage_example_shows_the_hann_window_leaking_less(runs):
    ns, figures = runs["plot_leakage"]
    assert len(figures) == 1
    rect, hann = (ns["spectra"][name][ns["at_1500"]][0] for name in ("rectangular", "Hann"))
    assert rect == pytest.approx(-41.3, abs=0.05) and hann == pytest.approx(-110.3, abs=0.05)


def test_spectrogram_example_draws_the_chirp_rising_and_the_comb(runs):
    ns, figures = runs["plot_spectrogram"]
    assert len(figures) == 2
    sweep_peaks = ns["freqs"][np.argmax(ns["S_sweep"], axis=0)]
    assert np.all(np.diff(sweep_peaks[2:-2]) >= 0)  # the line only rises
    comb = ns["S_pulses"][:, ns["S_pulses"].shape[1] // 2]
    harmonics = [int(np.argmin(np.abs(ns["freqs"] - 126 * h))) for h in range(1, 10)]
    assert np.all(comb[harmonics] > -3)  # every harmonic within 3 dB of the loudest
