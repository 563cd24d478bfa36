"""The gallery draws what the library computes: numbers, figure counts, both languages.

Every script runs once per session, on its own (the ``gallery_runs`` fixture of
conftest.py, shared with tests/test_examples.py); the tests read the globals
and figures that run left.
"""

from __future__ import annotations

import functools

import matplotlib
import numpy as np
import pytest
from sitetools import EXAMPLES_DIR, GALLERY_DIR, LANGUAGES, PHONE_COLUMN_PX, examples

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import CenteredNorm, TwoSlopeNorm  # noqa: E402
from matplotlib.path import Path  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Affine2D  # noqa: E402

import dlaudio  # noqa: E402
from dlaudio import (  # noqa: E402
    LSTM,
    MLP,
    RNN,
    chirp,
    hz_to_mel,
    melspectrogram,
    mfcc,
    power_to_db,
    quantise,
    resample,
    sum_dataset,
    tone,
    trace,
    vowel,
)
from dlaudio.backprop import mean_abs  # noqa: E402
from dlaudio.data import worked_example  # noqa: E402
from dlaudio.vowelset import KOREAN_VOWELS  # noqa: E402

EXAMPLES = examples()
# The examples of chapters 01-02, held to the figure rules of issue 13 below.
CHAPTER_01_02 = ["plot_sigmoid", "plot_forward_pass", "plot_error_attenuation", "plot_deriv_matrices", "plot_training"]
DIVERGING = {
    "RdBu",
    "RdGy",
    "PuOr",
    "PiYG",
    "PRGn",
    "BrBG",
    "RdYlBu",
    "RdYlGn",
    "Spectral",
    "coolwarm",
    "bwr",
    "seismic",
    "berlin",
    "managua",
    "vanimo",
}


class Runs:
    """``runs[name]`` is ``(globals, figures shown)`` of the script's one run; a
    script that failed fails only the tests that read it."""

    def __init__(self, gallery_runs):
        self.gallery_runs = gallery_runs

    def __getitem__(self, name):
        return self.gallery_runs[name].made


@pytest.fixture(scope="module")
def runs(gallery_runs):
    """Every example run once as a script: ``{name: (globals, figures shown)}``."""
    return Runs(gallery_runs)


@pytest.fixture(scope="module")
def worked():
    return trace(*worked_example())


def test_the_issue_examples_exist():
    assert {
        "plot_sigmoid",
        "plot_error_attenuation",
        "plot_deriv_matrices",
        "plot_training",
        "plot_forward_pass",
    } <= set(EXAMPLES)


def test_attenuation_numbers_are_the_trace_values(runs, worked):
    ns, figures = runs["plot_error_attenuation"]
    assert len(figures) == 3
    assert ns["error_sizes"] == mean_abs(worked.error)
    assert ns["delta_sizes"] == mean_abs(worked.delta)
    assert ns["error_sizes"][2] == pytest.approx(0.34307, abs=5e-6)
    assert ns["error_sizes"][1] == pytest.approx(0.03866, abs=5e-6)
    # "shrinks by a factor of about nine ... again, by more than ten"
    errors = ns["error_sizes"]
    assert 8.5 < errors[2] / errors[1] < 9.5 and errors[1] / errors[0] > 10
    # Each drawn step respects the bound that sigma' <= 1/4 puts on it.
    for l, bound in ns["bounds"].items():
        assert ns["norms"][l] <= bound
    # The deep network's delta shrinks at every step towards the input, 172-fold
    # in all (the backpropagation page prints this ratio).
    norms = ns["norms"]
    assert all(norms[l] < norms[l + 1] for l in range(1, 8))
    assert round(norms[8] / norms[1]) == 172


def test_attenuation_during_training_is_what_the_text_says(runs):
    ns, figures = runs["plot_error_attenuation"]
    sizes = np.array([ns["sizes"][l] for l in range(8)])  # (layer, epoch)
    losses, outputs = np.array(ns["losses"]), ns["outputs"]
    top, bottom = figures[2].axes[:2]
    assert np.array_equal(top.lines[0].get_ydata(), losses)
    for l in range(8):
        assert np.array_equal(bottom.lines[l].get_ydata(), sizes[l])
    # Early layers learn slowest: Deriv_0 is the smallest at every epoch,
    # "between about 50 and 1000 times smaller than the largest", and the two
    # layers nearest the output hold the largest update.
    assert (sizes[0] == sizes.min(axis=0)).all()
    ratio = sizes.max(axis=0) / sizes[0]
    assert 45 < ratio.min() < 55 and 950 < ratio.max() < 1100
    assert set(sizes.argmax(axis=0)) <= {6, 7}
    # The loss falls quickly for about 20 epochs, then almost stops.
    assert losses[0] == pytest.approx(0.56, abs=0.005) and losses[19] == pytest.approx(0.16, abs=0.005)
    assert losses[19] - losses[-1] < 0.01
    # Seven outputs settle near 0.5; the seventh creeps up from near 0.
    settled = np.delete(outputs[19:], 6, axis=1)
    assert np.all(np.abs(settled - 0.5) < 0.025)
    assert outputs[19, 6] == pytest.approx(0.004, abs=5e-4) and outputs[-1, 6] == pytest.approx(0.011, abs=5e-4)
    assert np.all(np.diff(outputs[19:, 6]) > 0)
    # ... so the updates of layers 1 to 7 grow again after t = 25, about
    # twofold by t = 60 near the output, while Deriv_0 stays almost flat; from
    # then on Deriv_7 stays below Deriv_6, only its seventh column still large.
    growth = sizes[:, -1] / sizes[:, 29]
    assert np.all(growth[1:] > 1.15) and np.all((1.8 < growth[4:]) & (growth[4:] < 2.3))
    assert 0.95 < growth[0] < 1.05
    crossed = sizes[6] > sizes[7]
    assert not crossed[:24].any() and crossed[24:].all()
    columns = np.abs(ns["after"].deriv[7]).mean(axis=0)
    assert columns[6] > 5 * np.delete(columns, 6).max()


def test_deriv_matrices_are_the_trace_values(runs, worked):
    ns, figures = runs["plot_deriv_matrices"]
    assert len(figures) == 2
    for l in (0, 1):
        assert np.array_equal(ns["matrices"][l], worked.deriv[l])
    # The annotated cells show exactly these numbers.
    texts = {t.get_text() for t in figures[0].axes[0].texts} | {t.get_text() for t in figures[0].axes[1].texts}
    assert texts == {f"{v:.5f}" for D in ns["matrices"].values() for v in D.ravel()}
    # Every update is positive: one shared sequential scale from zero.
    images = [ax.images[0] for ax in figures[0].axes[:2]]
    assert images[0].norm is images[1].norm and images[0].norm.vmin == 0.0
    assert all(np.array_equal(image.get_array(), ns["matrices"][l]) for l, image in enumerate(images))
    # Rows are labelled with their activations, columns with their deltas.
    for l, ax in enumerate(figures[0].axes[:2]):
        rows = [float(label.get_text()) for label in ax.get_yticklabels()]
        columns = [float(label.get_text()) for label in ax.get_xticklabels()]
        assert np.allclose(rows, worked.a[l][0], atol=5e-5)
        assert np.allclose(columns, worked.delta[l + 1][0], atol=5e-6)
    xs, rows = ns["xs"], ns["rows"]
    assert np.allclose(rows[:, 0, :], rows[0, 0, :])  # the first input's row stays
    assert np.allclose(rows[:, 1, :], xs[:, None] * worked.delta[1])  # grows with x
    assert np.allclose(ns["ratio"][1:], xs[1:, None])


def test_training_example_reaches_the_course_result(runs):
    ns, figures = runs["plot_training"]
    assert len(figures) == 3
    assert ns["losses_per_sample"][-1] < 5e-4 and ns["losses_mini_batch"][-1] < 5e-4
    assert ns["per_sample"].forward([0.3, 0.1])[0] == pytest.approx(0.4, abs=0.01)
    # The course's loss curve: under 3 % per epoch at first, up to 15 %
    # around epoch 19, under 2 % at the end (the caption on the training page).
    fall = ns["fall"]
    assert fall[0] < 0.03 and fall.max() == pytest.approx(0.15, abs=0.005) and fall[-1] < 0.02
    assert fall.argmax() + 2 == 19
    assert np.array_equal(figures[0].axes[0].lines[0].get_ydata(), ns["losses_per_sample"])
    # The largest misses on the page's new pairs are at the ends, most of all near 1.
    x, y = sum_dataset(200, rng=1)
    assert np.array_equal(ns["new_y"], y)
    miss = np.abs(ns["predicted"] - y)[:, 0]
    ends = {"low": y[:, 0] < 0.2, "high": y[:, 0] > 0.8}
    middle = ~(ends["low"] | ends["high"])
    assert miss[ends["high"]].mean() > 3 * miss[ends["low"]].mean() > 3 * miss[middle].mean()


def test_batch_size_figure_is_drawn_against_updates(runs):
    ns, figures = runs["plot_training"]
    ax = figures[1].axes[0]
    assert ax.get_xlabel() == r"$k$" and ax.get_xscale() == "log"
    n = len(ns["x"])
    per_epoch = {1: n, 32: -(-n // 32)}
    assert ns["updates_per_epoch"] == per_epoch == {1: 1000, 32: 32}
    epochs = np.arange(1, 51)
    for line, B, losses in zip(ax.lines, (1, 32), ("losses_per_sample", "losses_mini_batch")):
        assert np.array_equal(line.get_xdata(), epochs * per_epoch[B])
        assert np.array_equal(line.get_ydata(), ns[losses])
    # "Epoch by epoch the two runs lose almost the same": within 3 %.
    assert np.allclose(ns["losses_mini_batch"], ns["losses_per_sample"], rtol=0.03)
    assert ns["factor"] == 31.25 and any(t.get_text() == r"$\times\,31.25$" for t in ax.texts)


def test_sigmoid_example(runs):
    ns, figures = runs["plot_sigmoid"]
    assert len(figures) == 1
    assert ns["slope"].max() == pytest.approx(0.25) and ns["h"][ns["peak"]] == pytest.approx(0.0)


def test_network_diagram_is_the_mlp_chapters_network(runs):
    # The MLP chapter's MLP(2, [3, 2], 1, rng=0) on the input [1.0, 2.0].
    ns, figures = runs["plot_forward_pass"]
    net = MLP(2, [3, 2], 1, rng=0)
    net.forward([1.0, 2.0])
    ax = figures[0].axes[0]
    texts = [t.get_text() for t in ax.texts]
    for a in net.activations[1:]:
        assert all(f"{v:.4f}" in texts for v in a[0])
    assert len(ax.lines) == sum(W.size for W in net.weights) == 14
    assert np.array_equal(np.sort(ns["weights"].get_array()), np.sort(np.concatenate([W.ravel() for W in net.weights])))


@pytest.mark.parametrize("name", EXAMPLES)
def test_figures_are_at_most_7_inches_wide(runs, name):
    _, figures = runs[name]
    for number, fig in enumerate(figures, 1):
        width = fig.get_size_inches()[0]
        assert width <= 7.0, f"{name} figure {number} is {width} in wide: wider than 7 inches is shrunk on the page"


# Figure rules (issue 13) for the examples of chapters 01-02.


@functools.cache
def drawn(fig):
    """Draw ``fig`` (closed by plt.show in the tests) and return its renderer; once per figure, for every test."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def outline(text, renderer):
    """The rotated rectangle a text covers, in display coordinates."""
    rotation, rotates = text.get_rotation(), text.get_transform_rotates_text()
    kept = text._rotation
    text.set_rotation(0)
    text.set_transform_rotates_text(False)
    box = text.get_window_extent(renderer).padded(-1)
    text.set_rotation(kept)
    text.set_transform_rotates_text(rotates)
    anchor = text.get_transform().transform(text.get_unitless_position())
    corners = [(box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1), (box.x0, box.y0)]
    return Path(Affine2D().rotate_deg_around(*anchor, rotation).transform(corners), closed=True)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_axis_and_colourbar_is_labelled(runs, name):
    _, figures = runs[name]
    for number, fig in enumerate(figures, 1):
        drawn(fig)
        for ax in fig.axes:
            where = f"{name} figure {number}"
            bar = getattr(ax, "_colorbar", None)
            if bar is not None:
                long_axis = ax.yaxis if bar.orientation == "vertical" else ax.xaxis
                assert long_axis.get_label_text(), f"{where}: colourbar without a label"
            elif ax.axison:  # a diagram (axis off) has no axes to label
                for axis in (ax.xaxis, ax.yaxis):
                    shown = any(label.get_visible() and label.get_text() for label in axis.get_ticklabels())
                    assert axis.get_label_text() or not shown, f"{where}: unlabelled {axis.axis_name} axis"


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_value_label_is_drawn_over_a_line(runs, name):
    _, figures = runs[name]
    for number, fig in enumerate(figures, 1):
        renderer = drawn(fig)
        for ax in fig.axes:
            for text in ax.texts:
                if not text.get_text().strip():
                    continue
                box = outline(text, renderer)
                for line in ax.lines:
                    if line.get_linestyle() in ("None", "", " "):
                        continue  # markers only
                    path = line.get_transform().transform_path(line.get_path())
                    assert not path.intersects_path(box, filled=True), (
                        f"{name} figure {number}: {text.get_text()!r} drawn over a line"
                    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_colormaps_fit_the_data(runs, name):
    # Sequential for data of one sign; diverging only for signed data, centred on 0.
    _, figures = runs[name]
    for number, fig in enumerate(figures, 1):
        mappables = [image for ax in fig.axes for image in ax.images]
        mappables += [ax._colorbar.mappable for ax in fig.axes if hasattr(ax, "_colorbar")]
        for mappable in mappables:
            data = np.asarray(mappable.get_array())
            diverging = mappable.get_cmap().name.removesuffix("_r") in DIVERGING
            signed = data.min() < 0 < data.max()
            assert diverging == signed, (
                f"{name} figure {number}: {mappable.get_cmap().name} for data in [{data.min()}, {data.max()}]"
            )
            if diverging:
                norm = mappable.norm
                assert (isinstance(norm, (CenteredNorm, TwoSlopeNorm)) and norm.vcenter == 0) or norm.vmin == -norm.vmax


@pytest.mark.parametrize("name", EXAMPLES)
def test_figures_are_readable_on_a_phone(runs, name):
    # Shown across a 390 px phone's column, no text is smaller than 8 px.
    _, figures = runs[name]
    for number, fig in enumerate(figures, 1):
        drawn(fig)
        px_per_inch = PHONE_COLUMN_PX / fig.get_size_inches()[0]
        for text in fig.findobj(Text):
            if text.get_visible() and text.get_text().strip():
                size = text.get_fontsize() / 72 * px_per_inch
                assert size >= 8, f"{name} figure {number}: {text.get_text()!r} is {size:.1f} px on a phone"


@pytest.mark.parametrize("name", EXAMPLES)
def test_script_lines_fit_79_columns(name):
    for number, line in enumerate((EXAMPLES_DIR / f"{name}.py").read_text(encoding="utf-8").splitlines(), 1):
        assert len(line) <= 79, f"{name}.py:{number} is {len(line)} columns"


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
    assert len(figures) == 2
    texts = {t.get_text() for t in figures[1].axes[0].texts}
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
    # "The jump from sound to silence at the end has energy at every frequency; the start is gentler."
    edges = ns["edges"]
    assert np.array_equal(edges, (ns["S_sweep"] > -60).mean(axis=0))
    assert edges[-1] > 0.9 and edges[len(edges) // 2] < edges[0] < 0.5
    assert np.array_equal(figures[0].axes[0].collections[0].get_array(), ns["S_sweep"])
    comb = ns["S_pulses"][:, ns["S_pulses"].shape[1] // 2]
    harmonics = [int(np.argmin(np.abs(ns["freqs"] - 126 * h))) for h in range(1, 10)]
    assert np.all(comb[harmonics] > -3)  # every harmonic within 3 dB of the loudest


def test_vowel_mfccs_separate_a_from_i_at_k_2(runs):
    ns, figures = runs["plot_vowel_mfccs"]
    assert len(figures) == 1 and len(ns["means"]) == 20
    c2 = {label: [curve[1] for (lab, _), (_, curve) in ns["means"].items() if lab == label] for label in ("a", "i")}
    assert max(c2["a"]) < min(c2["i"])
    c1 = {label: [curve[0] for (lab, _), (_, curve) in ns["means"].items() if lab == label] for label in ("a", "i")}
    assert max(c1["a"]) > min(c1["i"])  # "at k = 1 the groups overlap"


def test_vowel_mfccs_legend_names_every_colour_and_style(runs):
    ns, figures = runs["plot_vowel_mfccs"]
    data = ns["data"]
    texts = [t.get_text() for t in figures[0].legends[0].get_texts()]
    ranges = []
    for group in ("man", "woman", "child"):
        f0 = data.f0[[g == group for g in data.groups]]
        ranges.append(rf"$f_0$ {f0.min():.0f}–{f0.max():.0f} Hz")
    assert sorted(texts) == sorted([*ranges, "/a/", "/i/"])
    # Each colour in the legend is the colour its group's curves are drawn in.
    ax = figures[0].axes[0]
    colours = {line.get_color() for line in ax.lines if len(line.get_xdata()) == 12}
    assert colours == set(ns["colours"].values())


def test_mfcc_example_names_the_vowels_and_leaves_out_c0(runs):
    ns, figures = runs["plot_mfcc"]
    assert len(figures) == 1
    y, speech = ns["y"], ns["speech"]
    expected = mfcc(y=y, n_mfcc=13, **speech)
    assert np.array_equal(ns["coefficients"], expected)
    top, bottom = figures[0].axes[:2]
    assert np.array_equal(top.collections[0].get_array(), power_to_db(melspectrogram(y=y, **speech), ref=np.max))
    assert np.array_equal(bottom.collections[0].get_array(), expected[1:])  # c[1] ... c[12]
    # The vowels are named above the middle of each one's stretch.
    assert [t.get_text() for t in top.texts] == ["/ɑ/", "/i/", "/u/", "/ɛ/", "/ɔ/"]
    middles = (np.arange(5) + 0.5) * len(y) / len(ns["vowels"]) / speech["sr"]
    assert np.allclose([t.get_position()[0] for t in top.texts], middles)
    # "In every frame c[0] is larger in size than any other coefficient (c[1] comes closest)",
    # and c[1] is the largest of the rest.
    assert np.all(np.abs(expected[0]) > np.abs(expected[1:]).max(axis=0))
    assert np.all(np.argmax(np.abs(expected[1:]), axis=0) == 0)


def test_envelope_example_draws_the_rebuilt_frame_and_names_the_formants(runs):
    ns, figures = runs["plot_envelope"]
    assert len(figures) == 1
    ax = figures[0].axes[0]
    D, c, frame = ns["D"], ns["c"], ns["frame"]
    for k in (5, 13):
        (line,) = [line for line in ax.lines if line.get_label().endswith(f"c_{{[:{k}]}}$")]
        assert np.allclose(line.get_ydata(), D[:k].T @ c[:k])
    assert np.allclose(D.T @ c, frame)
    # The dotted lines are the formants the vowel was made with, with one legend entry.
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert [line.get_xdata()[0] for line in dotted] == ns["formants"]
    assert r"$F_1, F_2, F_3$" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_classifier_example_recognises_held_out_speakers(runs):
    ns, figures = runs["plot_classifier"]
    assert len(figures) == 2
    assert ns["accuracy"] >= 0.9
    # "The few mistakes fall between the vowels whose formants lie closest in the table."
    closest = [{"o", "u"}, {"a", "eo"}, {"e", "eu"}]
    classes = ns["classes"]
    for i, j in zip(*np.nonzero(ns["confusion"] - np.diag(np.diag(ns["confusion"])))):
        assert {classes[i], classes[j]} in closest
    assert ns["confusion"].sum() == len(ns["test"]) and np.trace(ns["confusion"]) / len(ns["test"]) == ns["accuracy"]
    # The drawn curves are the trainer's own numbers.
    history = ns["history"]
    top, bottom = figures[0].axes
    curves = {ax: {line.get_label(): line for line in ax.lines} for ax in (top, bottom)}
    assert np.array_equal(curves[top]["x[train]"].get_ydata(), history.loss)
    assert np.array_equal(curves[top]["x[val]"].get_ydata(), history.val_loss)
    assert np.array_equal(curves[bottom]["x[train]"].get_ydata(), history.accuracy)
    assert np.array_equal(curves[bottom]["x[val]"].get_ydata(), history.val_accuracy)
    # The dot is the test accuracy, at the last epoch; no line without a meaning (the old 0.95).
    test_dot = curves[bottom]["x[test]"]
    assert list(test_dot.get_xdata()) == [len(history)] and list(test_dot.get_ydata()) == [ns["accuracy"]]
    assert len(bottom.lines) == 3 and all(ax.get_legend() for ax in (top, bottom))
    # The confusion matrix: the vowels by their IPA symbols, whole numbers on the colour bar.
    matrix, bar = figures[1].axes
    assert np.array_equal(matrix.images[0].get_array(), ns["confusion"])
    ipa = [f"/{KOREAN_VOWELS[label][1]}/" for label in ns["classes"]]
    for axis in (matrix.xaxis, matrix.yaxis):
        assert [t.get_text() for t in axis.get_ticklabels()] == ipa
    drawn(figures[1])
    ticks = [t for t in bar.get_yticks() if bar.get_ylim()[0] <= t <= bar.get_ylim()[1]]
    assert len(ticks) >= 3 and all(float(t).is_integer() for t in ticks)


def test_overfitting_example_shows_what_its_text_says(runs):
    ns, figures = runs["plot_overfitting"]
    assert len(figures) == 1
    plain, l2, early = (ns["runs"][name][0] for name in ("plain", "l2", "early"))
    # Without a cure the training loss goes to 0 and the validation loss turns up.
    assert plain.loss[-1] < 0.01 and plain.val_loss[-1] > min(plain.val_loss)
    # With L2 "the validation loss rises much less"; early stopping stops soon after the best epoch.
    assert l2.val_loss[-1] - min(l2.val_loss) < (plain.val_loss[-1] - min(plain.val_loss)) / 2
    assert early.stopped_early and len(early) == early.best_epoch + 20
    # "Early stopping runs exactly as the plain run until it stops": so it is drawn as its epoch only.
    n = len(early)
    for series in ("loss", "val_loss", "val_accuracy"):
        assert np.array_equal(getattr(early, series), getattr(plain, series)[:n])
    # Three panels over a linear epoch axis: training loss, validation loss, validation accuracy.
    ax1, ax2, ax3 = figures[0].axes
    assert ax1.get_yscale() == "log" and all(ax.get_xscale() == "linear" for ax in (ax1, ax2, ax3))
    for ax, series in ((ax1, "loss"), (ax2, "val_loss"), (ax3, "val_accuracy")):
        curves = {line.get_label(): line.get_ydata() for line in ax.lines if len(line.get_ydata()) > 2}
        assert np.array_equal(curves[r"$\lambda = 0$"], getattr(plain, series))
        assert np.array_equal(curves[r"$\lambda = 0.01$"], getattr(l2, series))
        # The dotted line is the epoch early stopping keeps.
        dotted = [line for line in ax.lines if line.get_linestyle() == ":" and len(line.get_xdata()) == 2]
        assert [line.get_xdata()[0] for line in dotted] == [early.best_epoch]
    # A dot marks each run's lowest validation loss.
    dots = sorted((line.get_xdata()[0], line.get_ydata()[0]) for line in ax2.lines if line.get_marker() == "o")
    assert dots == sorted((h.best_epoch, min(h.val_loss)) for h in (plain, l2))
    # One legend names every line.
    assert [t.get_text() for t in ax1.get_legend().get_texts()] == [
        r"$\lambda = 0.01$",
        r"$\lambda = 0$",
        f"$t = {early.best_epoch}$",
    ]


def test_deep_stack_example_draws_the_library_s_traces(runs):
    ns, figures = runs["plot_deep_stack"]
    assert len(figures) == 2
    assert ns["x"].shape == (462, 403)
    grid = figures[0].axes
    for row, init in enumerate(("normal", "xavier", "he")):
        net = MLP(403, [64] * 6, 7, rng=0, output="softmax", bias=True, init=init, activation="tanh")
        t = trace(net, ns["x"], ns["y"])
        for l in range(1, 7):
            expected, _ = np.histogram(t.a[l][:, :-1], bins=ns["bins"], density=True)
            bars = [patch.get_height() for patch in grid[6 * row + l - 1].patches]
            assert np.allclose(bars, expected) and np.allclose(ns["histograms"][init, l], expected)
    width = np.diff(ns["bins"])[0]
    # With the standard normal, "in every layer four activations in five or more lie
    # within 0.05 of -1 or 1" (the two end bins) ...
    assert all((ns["histograms"]["normal", l][[0, -1]] * width).sum() > 0.8 for l in range(1, 7))
    # ... with Glorot and Bengio's, "one activation in eight" in the first layer only.
    ends = [(ns["histograms"]["xavier", l][[0, -1]] * width).sum() for l in range(1, 7)]
    assert round(1 / ends[0]) == 8 and max(ends[1:]) < 0.02
    # ... and Glorot and Bengio's bells narrow from layer to layer, from the second on.
    centres = (ns["bins"][:-1] + ns["bins"][1:]) / 2
    spreads = [np.sqrt(np.sum(ns["histograms"]["xavier", l] * width * centres**2)) for l in range(2, 7)]
    assert all(a > b for a, b in zip(spreads, spreads[1:]))
    # The second figure draws row_norms of the trace: the ratios the chapter prints.
    lines = figures[1].axes[0].lines
    for line, activation in zip(lines, ("sigmoid", "tanh", "relu")):
        norms = ns["norms"][activation]
        assert np.array_equal(line.get_ydata(), [norms[l] for l in range(7, 0, -1)])
    ratios = {activation: norms[7] / norms[1] for activation, norms in ns["norms"].items()}
    assert f"{ratios['sigmoid']:.3g} {ratios['tanh']:.3g} {ratios['relu']:.3g}" == "4.41e+03 2.16 1.01"


def test_optimisers_example_starts_all_three_from_the_same_weights(runs):
    ns, figures = runs["plot_optimisers"]
    assert len(figures) == 1
    start = MLP(403, [64] * 6, 7, rng=0, output="softmax", bias=True, init="xavier")
    assert np.array_equal(ns["start"].W_all, start.W_all)  # the copies trained, the start untouched
    lines = figures[0].axes[0].lines
    curves = list(ns["curves"].values())
    for line, history in zip(lines, curves):
        assert np.array_equal(line.get_ydata(), history.loss)
    sgd, momentum, adam = (history.loss for history in curves)
    # Gradient descent and momentum stay on the plateau at ln 7; Adam leaves it (the chapter's numbers).
    assert abs(sgd[-1] - np.log(7)) < 0.05 and abs(momentum[-1] - np.log(7)) < 0.05
    assert f"{sgd[-1]:.3f} {momentum[-1]:.3f} {adam[-1]:.3f}" == "1.969 1.971 0.770"


def test_dropout_example_measures_the_training_loss_both_ways(runs):
    ns, figures = runs["plot_dropout"]
    assert len(figures) == 1
    lines = figures[0].axes[0].lines
    for k, p in enumerate((0.0, 0.3)):
        running, whole, validation = lines[3 * k : 3 * k + 3]
        assert np.array_equal(running.get_ydata(), ns["runs"][p, False].loss)
        assert np.array_equal(whole.get_ydata(), ns["runs"][p, True].loss)
        assert np.array_equal(validation.get_ydata(), ns["runs"][p, True].val_loss)
        # The two measurements train the same network: the same validation losses.
        assert np.array_equal(ns["runs"][p, False].val_loss, ns["runs"][p, True].val_loss)
    plain, dropped = ns["runs"][0.0, True], ns["runs"][0.3, True]
    # Without dropout the two training losses coincide; with it the one measured
    # with units dropped ends several times above the whole network's, which ends
    # where the plain network's does; the validation losses end together.
    assert ns["runs"][0.0, False].loss[-1] == pytest.approx(plain.loss[-1], rel=0.05)
    assert ns["runs"][0.3, False].loss[-1] > 5 * dropped.loss[-1]
    assert dropped.loss[-1] == pytest.approx(plain.loss[-1], rel=0.25)
    assert dropped.val_loss[-1] == pytest.approx(plain.val_loss[-1], rel=0.1)
    assert f"{ns['runs'][0.3, False].loss[-1]:.4f} {dropped.loss[-1]:.4f}" == "0.0899 0.0024"
    # "several times above them in the later epochs": the median ratio over the last fifty is 7 ...
    ratio = ns["runs"][0.3, False].loss / dropped.loss
    assert ratio.min() > 1 and round(float(np.median(ratio[50:])), 1) == 7.0
    # ... and the validation loss with dropout is "above the other's in most epochs" (77 of 100).
    assert np.sum(dropped.val_loss > plain.val_loss) == 77


def test_conv_kernels_example_draws_the_network_s_own_kernels_and_maps(runs):
    ns, figures = runs["plot_conv_kernels"]
    assert len(figures) == 3
    net, data, images = ns["net"], ns["data"], ns["images"]
    # Figure 1: the spectrograms of /ja/ and /ai/ by one held-out speaker, each in dB below its own maximum.
    ja, ai = ns["ja"], ns["ai"]
    assert (data.labels[ja], data.labels[ai]) == ("ja", "a-i") and data.speakers[ja] == data.speakers[ai]
    assert ja in ns["test"] and ai in ns["test"]
    first = dlaudio_log_mel(data, ja)
    drawn = figures[0].axes[0].images[0].get_array()
    assert np.allclose(drawn, first - first.max())
    assert np.allclose(images[ja].reshape(40, 40), first)  # the rows the network reads
    # Figure 2: the first layer's kernels as trained, on one colour scale centred on 0.
    kernels = net.layers[0].kernels[:, 0]
    shown = [ax.images[0] for ax in figures[1].axes if ax.images]
    assert len(shown) == 8
    for k, image in enumerate(shown):
        assert np.array_equal(image.get_array(), kernels[k])
        assert image.norm.vmin == -image.norm.vmax == -np.abs(kernels).max()
    # Figure 3: the ReLU of the first layer's weighted sums for the /ja/ clip.
    h, _ = net.layers[0].forward(ns["x"][[ja]])
    maps = [ax.images[0].get_array() for ax in figures[2].axes if ax.images][1:]
    assert len(maps) == 8
    for k, drawn_map in enumerate(maps):
        assert np.allclose(drawn_map, np.maximum(h[k, 0], 0))
    # The network it draws has learned the order on speakers it never heard.
    assert ns["accuracy"] >= 0.95


def dlaudio_log_mel(data, clip):
    """The clip's log-mel spectrogram (40 bands x 40 frames) as the library computes it on its own."""
    from dlaudio import log_mel_features

    return log_mel_features([data.waves[clip]], data.sr, frames=40).reshape(40, 40)


def test_error_in_time_example_draws_the_library_s_sizes(runs):
    ns, figures = runs["plot_error_in_time"]
    T, F, H = 50, 13, 32
    rng = np.random.default_rng(0)
    x, error = rng.standard_normal((64, T * F)), rng.standard_normal((64, H))
    rnn = RNN((T, F), H, rng=1).through_time(x, error).sizes()[::-1]
    lstm = LSTM((T, F), H, rng=1).through_time(x, error)
    time_axis = figures[0].axes[1]
    for line, sizes in zip(time_axis.lines, (rnn, lstm.sizes("h")[::-1], lstm.sizes("c")[::-1])):
        np.testing.assert_allclose(line.get_ydata(), sizes / sizes[0], rtol=1e-12)
    # What the text says: the RNN keeps less than a thousandth 20 steps back, about 1e-8 at 49,
    # and the LSTM's cell a hundred times more at 20, ten thousand times more at 49.
    assert rnn[20] / rnn[0] < 1e-3 and 5e-9 < rnn[49] / rnn[0] < 2e-8
    cell = lstm.sizes("c")[::-1] / lstm.sizes("c")[-1]
    assert cell[20] > 30 * rnn[20] / rnn[0] and cell[49] > 1e4 * rnn[49] / rnn[0]
    # The layers beside it are chapter 02-1's: delta_1 is 172 times shorter than delta_8.
    assert round(1 / ns["through_layers"][-1]) == 172


def test_lstm_gates_example_draws_one_clip_s_unrolled_gates(runs):
    ns, figures = runs["plot_lstm_gates"]
    run = ns["net"].layers[0].unroll(ns["x"][ns["clip"]])
    images = [ax.images[0] for ax in figures[0].axes if ax.images]
    assert len(images) == 6
    for image, values in zip(images[1:], (*(run.gates[k][0] for k in "ifgo"), run.c[0])):
        np.testing.assert_array_equal(image.get_array(), values.T)
    assert ns["end"] == 21
    i, f = run.gates["i"][0], run.gates["f"][0]
    assert f"{i[:21].mean():.2f} {i[21:].mean():.2f} {f[:21].mean():.2f} {f[21:].mean():.2f}" == "0.77 0.44 0.77 0.87"


def test_trumpet_example_draws_the_recording_and_its_spectrogram(runs):
    from dlaudio import example, fft_frequencies, power_to_db, read_audio, stft

    ns, figures = runs["plot_trumpet"]
    assert len(figures) == 2
    y, sr = read_audio(example("trumpet"))
    wave = figures[0].axes[0].lines[0]
    assert np.array_equal(wave.get_ydata(), y) and np.allclose(wave.get_xdata(), np.arange(y.size) / sr)
    S = np.abs(stft(y, n_fft=2048, hop_length=512)) ** 2
    drawn_db = figures[1].axes[0].collections[0].get_array()
    assert np.allclose(np.asarray(drawn_db).reshape(S.shape), power_to_db(S, ref=np.max))
    # "the loudest bin is the note's second harmonic": 1044 Hz, with the
    # strongest bin below 860 Hz at half of it, to within a bin.
    freqs = fft_frequencies(sr, 2048)
    assert round(ns["strongest"]) == 1044 and round(ns["times"][20], 2) == 0.46
    assert abs(freqs[np.argmax(S[:80, 20])] - ns["strongest"] / 2) < freqs[1]


def test_robin_example_draws_the_call_with_short_frames(runs):
    from dlaudio import example, power_to_db, read_audio, stft

    ns, figures = runs["plot_robin"]
    assert len(figures) == 1
    y, sr = read_audio(example("robin"))
    S = np.abs(stft(y, n_fft=512, hop_length=128)) ** 2
    drawn_db = figures[0].axes[0].collections[0].get_array()
    assert np.allclose(np.asarray(drawn_db).reshape(S.shape), power_to_db(S, ref=np.max))
    assert (round(ns["low"]), round(ns["high"])) == (2110, 7752)


def test_frames_example_draws_each_frame_s_window_over_its_samples(runs):
    from dlaudio import hann

    ns, figures = runs["plot_frames"]
    assert len(figures) == 1
    expected = np.arange(-4, 12, 4)[:, None] + np.arange(8)
    expected = np.vstack([expected, np.arange(12, 20)])
    assert np.array_equal(ns["frames"].T, np.where(expected < 16, expected, -1).clip(-1))
    lines = [line for line in figures[0].axes[0].lines if len(line.get_xdata()) == 8]
    assert len(lines) == 5
    for t, line in enumerate(lines):
        assert np.array_equal(line.get_xdata(), np.arange(4 * t - 4, 4 * t + 4))
        assert np.allclose(line.get_ydata(), t + 0.8 * hann(8))


def test_zero_padding_example_draws_the_interpolated_and_the_long_spectrum(runs):
    from dlaudio import hann, stft, tone

    ns, figures = runs["plot_zero_padding"]
    assert len(figures) == 1
    two = tone(1000, 0.5, sr=22050) + tone(1100, 0.5, sr=22050)
    assert np.allclose(np.fft.rfft(ns["short"]), stft(two, n_fft=256, hop_length=512)[:, 10])
    assert np.allclose(ns["long"], two[3072:7168] * hann(4096))
    short, padded = ns["spectra"]["short"][1], ns["spectra"]["padded"][1]
    assert np.allclose(padded[::16], short)
    lines = figures[0].axes[0].lines
    for line, (freqs, mag) in zip(lines, ns["spectra"].values()):
        keep = (freqs >= 500) & (freqs <= 1600)
        assert np.allclose(line.get_ydata(), mag[keep])


def test_phase_example_resynthesises_with_the_library_s_istft(runs):
    from dlaudio import example, istft, power_to_db, read_audio, stft

    ns, figures = runs["plot_phase"]
    assert len(figures) == 1
    y, sr = read_audio(example("libri1"), sr=16000)
    y = y[: 2 * sr]
    D = stft(y, n_fft=512, hop_length=128)
    assert np.allclose(ns["signals"]["own"], y)
    assert np.allclose(ns["signals"]["zero"], istft(np.abs(D).astype(complex), hop_length=128, length=y.size))
    for ax, z in zip(figures[0].axes[:3], ns["signals"].values()):
        S_db = power_to_db(np.abs(stft(z, n_fft=512, hop_length=128)) ** 2, ref=np.max(np.abs(D) ** 2))
        assert np.allclose(np.asarray(ax.collections[0].get_array()).reshape(S_db.shape), S_db)


def test_resolution_example_draws_short_and_long_frames_of_the_trumpet(runs):
    from dlaudio import example, fft_frequencies, power_to_db, read_audio, stft

    ns, figures = runs["plot_resolution"]
    assert len(figures) == 1
    y, sr = read_audio(example("trumpet"))
    y = y[: 2 * sr]
    for ax, n_fft in zip(figures[0].axes[:2], (256, 4096)):
        S_db = power_to_db(np.abs(stft(y, n_fft=n_fft, hop_length=128)) ** 2, ref=np.max)
        keep = fft_frequencies(sr, n_fft) <= 4000
        drawn = np.asarray(ax.collections[0].get_array()).reshape(keep.sum(), -1)
        assert np.allclose(drawn, S_db[keep])
        assert ax.get_title() == rf"$n_{{fft}} = {n_fft}$"


def test_speech_example_draws_the_library_s_mel_and_mfccs(runs):
    from dlaudio import example, melspectrogram, mfcc, power_to_db, read_audio, vowel

    ns, figures = runs["plot_speech"]
    assert len(figures) == 2
    y, sr = read_audio(example("libri1"), sr=16000)
    y = y[: 3 * sr]
    params = dict(sr=sr, n_fft=512, hop_length=160, n_mels=40)
    M = power_to_db(melspectrogram(y=y, **params), ref=np.max)
    a = power_to_db(
        melspectrogram(y=vowel([730, 1090, 2440], f0=110, duration=1.0, sr=sr, rng=0), **params), ref=np.max
    )
    left, right = figures[0].axes[:2]
    assert np.allclose(np.asarray(left.collections[0].get_array()).reshape(M.shape), M)
    assert np.allclose(np.asarray(right.collections[0].get_array()).reshape(a.shape), a)
    assert {k: round(v, 2) for k, v in ns["at_floor"].items()} == {"speech": 0.15, "vowel": 0.78}
    C = mfcc(y=y, n_mfcc=13, **params)
    assert np.allclose(np.asarray(figures[1].axes[0].collections[0].get_array()).reshape(12, -1), C[1:])


def test_quantisation_example_draws_the_4_bit_tone_and_6_db_per_bit(runs):
    ns, figures = runs["plot_quantisation"]
    assert len(figures) == 1
    y = tone(440, 1.0, 16000, amplitude=0.9)
    assert np.array_equal(ns["q"], quantise(y, 4))
    assert np.max(np.abs(ns["error"])) <= ns["step"] / 2  # within half a step
    assert ns["rms"] == pytest.approx(ns["step"] / np.sqrt(12), rel=0.1)
    assert np.allclose(ns["snr"][1:], ns["rule"][1:], atol=1.5)  # from 3 bits on
    slope = np.polyfit(ns["all_bits"][2:], ns["snr"][2:], 1)[0]
    assert slope == pytest.approx(6.02, abs=0.1)  # about 6 dB per bit


def test_decimation_example_folds_the_naive_chirp_and_not_the_resampled_one(runs):
    ns, figures = runs["plot_decimation"]
    assert len(figures) == 1
    y = chirp(100, 11000, 2.0, 22050, amplitude=0.5)
    assert np.array_equal(ns["naive"], y[::3])
    assert np.array_equal(ns["filtered"], resample(y, 22050, 7350))
    f = 100 + 10900 * ns["times"][ns["late"]] / 2  # the chirp's frequency then
    assert abs(ns["late_peak"] - abs(f - 7350)) < 2 * 7350 / 512  # folded
    assert ns["late_level"] < -60  # the resampled version is silent there


def test_mel_scales_example_draws_both_scales_meeting_at_1000_hz(runs):
    ns, figures = runs["plot_mel_scales"]
    assert len(figures) == 1
    f = ns["f"]
    assert np.array_equal(ns["slaney"], hz_to_mel(f) * 1000.0 / 15.0)
    assert np.array_equal(ns["htk"], hz_to_mel(f, htk=True))
    below, above = f < 1000, f > 1000
    assert np.allclose(ns["slaney"][below], f[below])  # linear: m = f
    assert np.all(ns["gap"][below][1:] < 0)  # HTK's higher below 1000 Hz
    assert np.all(ns["gap"][above] > 0)  # Slaney's higher above
    assert abs(ns["gap"][f == 1000.0][0]) < 0.015
    assert f[ns["widest"]] == 4310.0


def test_cepstrum_example_finds_the_pitch_peak_and_the_formant_envelope(runs):
    ns, figures = runs["plot_cepstrum"]
    assert len(figures) == 1
    sr, n = ns["sr"], ns["n"]
    a = vowel([730, 1090, 2440], f0=120, duration=0.5, sr=sr, rng=0)
    x = a[4000 : 4000 + n] * np.hanning(n)
    log_spectrum = np.log(np.abs(np.fft.rfft(x)))
    assert np.allclose(ns["log_spectrum"], log_spectrum)
    assert np.allclose(np.fft.rfft(ns["cepstrum"]).real, log_spectrum)
    assert abs(sr / ns["peak"] - 120) < 1  # the peak is at 1 / f0
    envelope = ns["envelope"]
    hills = np.flatnonzero((envelope[1:-1] > envelope[:-2]) & (envelope[1:-1] > envelope[2:])) + 1
    f = ns["freqs"][hills]
    f = f[(f > 500) & (f < 4000)]
    assert np.allclose(f, [730, 1090, 2440], atol=60)  # near the formants


def test_vowel_chart_draws_each_clip_s_first_two_formants(runs):
    ns, figures = runs["plot_vowel_chart"]
    assert len(figures) == 1
    data = ns["data"]
    axes = figures[0].axes
    assert [ax.get_title(loc="left") for ax in axes] == ["man", "woman", "child"]
    for ax, group in zip(axes, ("man", "woman", "child")):
        assert ax.xaxis_inverted() and ax.yaxis_inverted()  # the phoneticians' chart
        for k, name in enumerate(ns["names"]):
            rows = (np.array(data.groups) == group) & (np.array(data.labels) == name)
            drawn = ax.collections[k].get_offsets()
            assert np.array_equal(drawn, data.formants[rows][:, [1, 0]])
    # The women's /o/ and /u/ means differ by under 1 % in F2.
    women = {name: dlaudio.vowelset.KOREAN_VOWELS[name][3] for name in ("o", "u")}
    assert abs(women["o"][1] / women["u"][1] - 1) < 0.01


def test_long_term_spectrum_example_measures_what_it_says(runs):
    ns, figures = runs["plot_long_term_spectrum"]
    assert len(figures) == 1
    lines = figures[0].axes[0].lines
    y, sr = dlaudio.read_audio(dlaudio.example("libri1"), sr=16000)
    power = (np.abs(dlaudio.stft(y, n_fft=512, hop_length=128)) ** 2).mean(axis=1)
    assert np.allclose(lines[0].get_ydata(), 10 * np.log10(power / power.sum()))
    assert ns["gap"] > 25  # "more than 25 dB below the speech from 4.5 to 7.5 kHz"
    band = ns["band"]
    # The synthetic groups stay within 10 dB of the speech's spread there.
    speech = np.array(list(ns["speech"].values()))[:, band]
    for curve in ns["voices"].values():
        assert np.all(curve[band] > speech.min(axis=0) - 10) and np.all(curve[band] < speech.max(axis=0) + 10)


def _speech_log_mel():
    from dlaudio import example, melspectrogram, power_to_db, read_audio

    y, sr = read_audio(example("libri1"), sr=16000)
    return power_to_db(melspectrogram(y=y[: 3 * sr], sr=sr, n_fft=512, hop_length=160, n_mels=40))


def test_mfcc_resynthesis_example_draws_the_envelopes_of_13_and_5_coefficients(runs):
    from dlaudio import dct_matrix, mfcc_to_mel

    ns, figures = runs["plot_mfcc_resynthesis"]
    assert len(figures) == 1
    M_db = _speech_log_mel()
    D = dct_matrix(40)
    drawn = [np.asarray(ax.collections[0].get_array()).reshape(M_db.shape) for ax in figures[0].axes[:3]]
    assert np.allclose(drawn[0], M_db - M_db.max())
    for image, k in zip(drawn[1:], (13, 5)):
        image = image + ns["rebuilt"][k].max()  # each is drawn in dB below its own maximum
        # The envelope is D[:k].T D[:k] M_dB: the library's inverse agrees with the matrices.
        assert np.allclose(image, np.dot(D[:k].T, np.dot(D[:k], M_db)))
        assert np.allclose(image, 10 * np.log10(mfcc_to_mel(np.dot(D[:k], M_db), n_mels=40)))
    rms = {k: float(np.sqrt(np.mean((ns["rebuilt"][k] - M_db) ** 2))) for k in (13, 5)}
    assert round(rms[13], 1) == 2.9 and round(rms[5], 1) == 4.9


def test_deltas_example_draws_c1_and_its_regression_slope(runs):
    from dlaudio import mfcc

    ns, figures = runs["plot_deltas"]
    assert len(figures) == 1
    C = mfcc(S=_speech_log_mel(), n_mfcc=13)
    top, bottom = figures[0].axes[:2]
    assert np.allclose(top.lines[0].get_ydata(), C[1])
    d = bottom.lines[0].get_ydata()
    # Inside, the delta of width 9 is the regression slope sum(n c[t + n]) / 60.
    n = np.arange(-4, 5)
    windows = np.lib.stride_tricks.sliding_window_view(C[1], 9)
    assert np.allclose(d[4:-4], np.dot(windows, n) / 60)
    assert ns["features"].shape == (39, C.shape[1])


def test_band_correlation_example_draws_both_correlation_matrices(runs):
    from dlaudio import mfcc

    ns, figures = runs["plot_band_correlation"]
    assert len(figures) == 1
    M_db = _speech_log_mel()
    left, right = figures[0].axes[:2]
    assert np.allclose(left.images[0].get_array(), np.corrcoef(M_db))
    assert np.allclose(right.images[0].get_array(), np.corrcoef(mfcc(S=M_db, n_mfcc=13)))
    assert round(ns["neighbours"]["mel"], 2) == 0.95 and round(ns["neighbours"]["mfcc"], 2) == 0.18
