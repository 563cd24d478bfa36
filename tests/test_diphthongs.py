"""The diphthong data set (dlaudio.diphthongs) and the moving formants it is made with (dlaudio.synth)."""

from __future__ import annotations

import numpy as np
import pytest

import dlaudio
from dlaudio import (
    Adam,
    Conv2d,
    Dense,
    Flatten,
    MaxPool2d,
    ReLU,
    Sequential,
    SoftmaxCrossEntropy,
    Standardizer,
    gliding_vowel,
    initial_weights,
    load_folder,
    log_mel_features,
    make_diphthongs,
    moving_formant_filter,
    speaker_folds,
    split_by_speaker,
    stft,
)
from dlaudio.diphthongs import DIPHTHONGS, GLIDE_FIRST, reverse_pairs
from dlaudio.synth import _fft_convolve, formant_filter, glottal_source

SR = 16000
# Four of the seven pairs: enough to show the point, cheap enough for the test suite.
PAIRS = ("ja", "a-i", "jo", "o-i", "wa", "a-u", "ui", "i-eu")


@pytest.fixture(scope="module")
def small():
    return make_diphthongs(3, tokens=2, seed=7)


@pytest.fixture(scope="module")
def pairs_set():
    """18 speakers x 8 classes x 2 tokens, with the features both classifiers use."""
    data = make_diphthongs(18, tokens=2, labels=PAIRS, seed=0)
    speech = dict(sr=SR, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40)
    # Frame means over each clip's own frames (every frame of the clip, none cut off or padded).
    means = np.array([dlaudio.mfcc(y=w, **speech).mean(axis=1) for w in data.waves])
    images = log_mel_features(data, frames=50)
    return data, means, images


def test_fourteen_classes_in_seven_reversed_pairs(small):
    assert len(DIPHTHONGS) == 14 and len(GLIDE_FIRST) == 7
    for diphthong, reverse in reverse_pairs():
        _, _, first, second, partner = DIPHTHONGS[diphthong]
        assert partner == reverse and DIPHTHONGS[reverse][2:] == (second, first, diphthong)
        assert first in dlaudio.vowelset.KOREAN_VOWELS and second in dlaudio.vowelset.KOREAN_VOWELS
    assert len(small) == 3 * 14 * 2 and small.classes == tuple(sorted(DIPHTHONGS))
    assert small.formants.shape == (len(small), 2, 4) and small.times.shape == (len(small), 4)
    durations = np.array([w.size for w in small.waves]) / SR
    assert durations.min() >= 0.3 and durations.max() <= 0.5
    assert small.hangul["ja"] == "ㅑ" and small.hangul["o-i"] == "오이"
    assert reverse_pairs(["ja", "a-i", "jo"]) == [("ja", "a-i")]


def test_deterministic_and_the_same_speaker_whatever_else_is_made(small):
    # The same seed, two speakers and two labels only: the same clips as in the full set.
    again = make_diphthongs(2, tokens=2, labels=["ja", "u-i"], seed=7)
    for wave, speaker, label in zip(again.waves, again.speakers, again.labels):
        same = [w for w, s, lab in zip(small.waves, small.speakers, small.labels) if (s, lab) == (speaker, label)]
        assert any(np.array_equal(wave, w) for w in same)
    other_seed = make_diphthongs(1, tokens=1, labels=["ja"], seed=8)
    assert not np.array_equal(other_seed.waves[0], small.waves[0])
    # Speaker 2, asked for alone among 5 speakers and with two labels only, says the same clips.
    subset = make_diphthongs(5, tokens=2, labels=["wo", "ju"], seed=7)
    for label in ("wo", "ju"):
        mine = [w for w, s, lab in zip(small.waves, small.speakers, small.labels) if s == "spk002" and lab == label]
        theirs = [
            w for w, s, lab in zip(subset.waves, subset.speakers, subset.labels) if s == "spk002" and lab == label
        ]
        assert len(mine) == 2 and all(np.array_equal(a, b) for a, b in zip(mine, theirs))


def test_a_reverse_walks_the_same_track_backwards(small):
    labels = np.array(small.labels)
    for diphthong, reverse in reverse_pairs():
        forward, backward = np.flatnonzero(labels == diphthong), np.flatnonzero(labels == reverse)
        np.testing.assert_array_equal(small.formants[backward], small.formants[forward][:, ::-1])
        np.testing.assert_allclose(small.times[backward], 1 - small.times[forward][:, ::-1], atol=1e-12)
        assert [small.waves[k].size for k in forward] == [small.waves[k].size for k in backward]
    # The glide's vowel is held briefly (20-50 ms), then the transition (60-120 ms).
    glide_first = np.isin(labels, GLIDE_FIRST)
    seconds = np.array([w.size for w in small.waves]) / SR
    hold = small.times[glide_first, 1] * seconds[glide_first]
    move = (small.times[glide_first, 2] - small.times[glide_first, 1]) * seconds[glide_first]
    assert hold.min() >= 0.02 - 1e-3 and hold.max() <= 0.05 + 1e-3
    assert move.min() >= 0.06 - 1e-3 and move.max() <= 0.12 + 1e-3


def test_moving_formants_without_moving_are_the_vowel_filter():
    source = glottal_source((130, 120), 0.25, SR, jitter=0.01, rng=1)
    formants = [610, 1120, 2680, 3500]
    fixed = _fft_convolve(source, formant_filter(formants, SR))
    for block in (0.005, 0.0123):
        steady = moving_formant_filter(source, [formants, formants], SR, block=block)
        assert np.abs(steady - fixed).max() < 1e-6 * np.abs(fixed).max()
    # The same source and draws through gliding_vowel and vowel: the same clip.
    a = dlaudio.vowel(formants, 120, 0.3, SR, breath=0.1, rng=4)
    b = gliding_vowel([formants], 120, 0.3, SR, breath=0.1, rng=4)
    assert np.abs(a - b).max() < 1e-6


def test_moving_formants_move():
    # F1 from 300 Hz to 900 Hz: the strongest low bin rises over the clip.
    source = glottal_source(100, 0.6, SR, rng=0)
    y = moving_formant_filter(source, [[300, 2500], [900, 2500]], SR, times=[0.2, 0.8])
    power = np.abs(stft(y, n_fft=1024, hop_length=320)) ** 2
    low = np.argmax(power[:80], axis=0) * SR / 1024  # below 1250 Hz
    frames = power.shape[1]
    assert 200 < np.median(low[2 : frames // 5]) < 400
    assert 800 < np.median(low[-frames // 5 : -2]) < 1000


def test_bad_input_is_refused():
    for call, error, message in [
        (lambda: make_diphthongs(2, labels=["ja", "ya"]), ValueError, "labels must be among"),
        (lambda: make_diphthongs(2, duration=(0.1, 0.4)), ValueError, "duration"),
        (lambda: make_diphthongs(2, duration=0.4), TypeError, "duration"),
        (lambda: make_diphthongs(2, seed=-1), TypeError, "seed"),
        (lambda: make_diphthongs(0), ValueError, "n_speakers"),
        (lambda: make_diphthongs(2, sr=4000), ValueError, "8000"),
        (lambda: moving_formant_filter(np.ones(100), [500, 1500], SR), ValueError, "n_targets"),
        (lambda: moving_formant_filter(np.ones(100), [[500], [9000]], SR), ValueError, "sr/2"),
        (lambda: moving_formant_filter(np.ones(100), [[500], [600]], SR, times=[0.5, 0.2]), ValueError, "rise"),
        (lambda: moving_formant_filter(np.ones(100), [[500], [600]], SR, times=[0, 0.5, 1]), ValueError, "one entry"),
        (lambda: moving_formant_filter(np.ones(100), [[500]], SR, block=0), ValueError, "block"),
        (lambda: moving_formant_filter(np.ones(100), [[500]], SR, bandwidths=[50, 60]), ValueError, "bandwidths"),
        (lambda: moving_formant_filter(np.zeros((2, 2)), [[500]], SR), ValueError, "1-D"),
        (lambda: gliding_vowel([[500]], 100, 0.1, SR, peak=2), ValueError, "peak"),
        (lambda: gliding_vowel([["a"]], 100, 0.1, SR), TypeError, "Hz"),
    ]:
        with pytest.raises(error, match=message):
            call()


def test_wav_round_trip_and_speaker_splits(small, tmp_path):
    subset = make_diphthongs(5, tokens=1, labels=["ja", "a-i", "ui"], seed=3)
    paths = subset.write(tmp_path)
    assert paths[0].parent.name == "ja" and paths[1].parent.name == "a-i"
    loaded = load_folder(tmp_path, speakers="prefix")
    order = sorted(range(len(subset)), key=lambda k: str(paths[k]))
    assert loaded.labels == [subset.labels[k] for k in order]
    assert loaded.speakers == [subset.speakers[k] for k in order]
    for wave, k in zip(loaded.waves, order):
        assert np.abs(wave - subset.waves[k]).max() <= 1 / 32768  # 16-bit PCM
    train, test = split_by_speaker(small, fractions=(2 / 3, 1 / 3), groups=small.groups, rng=0)
    assert not {small.speakers[k] for k in train} & {small.speakers[k] for k in test}
    folds = speaker_folds(small, n_folds=3, rng=0)
    assert sorted(np.concatenate([test for _, test in folds]).tolist()) == list(range(len(small)))


def test_reversed_pairs_have_nearly_the_same_frame_mean_mfccs(pairs_set):
    data, means, _ = pairs_set
    labels = np.array(data.labels)
    # Token by token, a diphthong and its reverse (same speaker, same draws) against another pair's clip.
    within, across = [], []
    for (d1, r1), (d2, _) in zip(reverse_pairs(PAIRS), reverse_pairs(PAIRS)[1:] + reverse_pairs(PAIRS)[:1]):
        a, b, c = (means[labels == name] for name in (d1, r1, d2))
        within.append(np.linalg.norm(a - b, axis=1))
        across.append(np.linalg.norm(a - c, axis=1))
    within, across = np.concatenate(within), np.concatenate(across)
    assert np.median(within) < 0.1 * np.median(across)


def cnn(n_classes, rng):
    """The chapter's CNN: two 3x3 convolutions with ReLU and 2x2 max pooling, then a softmax."""
    return Sequential(
        [
            Conv2d(1, 8, 3, padding=1, in_shape=(1, 40, 50), rng=rng),
            ReLU(),
            MaxPool2d(2),
            Conv2d(8, 16, 3, padding=1, rng=rng),
            ReLU(),
            MaxPool2d(2),
            Flatten(),
            Dense(initial_weights(16 * 10 * 12, n_classes, rng, "he", bias=True), bias=True),
            SoftmaxCrossEntropy(),
        ],
        dtype=np.float32,
    )


def test_order_needs_the_cnn(pairs_set):
    """Frame means: right pair, order at chance. Log-mel CNN: >= 95 % on held-out speakers (mean of 2 seeds)."""
    data, means, images = pairs_set
    classes = list(data.classes)
    y_index = np.array([classes.index(label) for label in data.labels])
    y = np.eye(len(classes))[y_index]
    partner = {a: b for pair in reverse_pairs() for a, b in (pair, pair[::-1])}
    partner_index = np.array([classes.index(partner[c]) for c in classes])
    mlp_accuracy, mlp_pair, cnn_accuracy = [], [], []
    for seed in (0, 1):
        train, test = split_by_speaker(data, fractions=(2 / 3, 1 / 3), groups=data.groups, rng=seed)
        x = Standardizer().fit(means[train]).transform(means)
        mlp = dlaudio.MLP(13, [64], len(classes), rng=seed, output="softmax", bias=True, init="he", activation="relu")
        mlp.train(
            x[train],
            y[train],
            epochs=100,
            batch_size=32,
            shuffle=True,
            rng=seed,
            optimizer=Adam(3e-3),
            reduction="mean",
        )
        guess = mlp.predict(x[test])
        mlp_accuracy.append(np.mean(guess == y_index[test]))
        mlp_pair.append(np.mean((guess == y_index[test]) | (guess == partner_index[y_index[test]])))
        scale = images[train].mean(), images[train].std()
        x = ((images - scale[0]) / scale[1]).astype(np.float32)
        net = cnn(len(classes), np.random.default_rng(seed))
        net.train(
            x[train], y[train], epochs=15, batch_size=32, shuffle=True, rng=seed, optimizer=Adam(3e-3), reduction="mean"
        )
        cnn_accuracy.append(np.mean(net.predict(x[test]) == y_index[test]))
    assert np.mean(mlp_pair) > 0.8  # the frame means know the pair ...
    assert 0.35 < np.mean(mlp_accuracy) < 0.65  # ... but not the order: about half right
    assert np.mean(cnn_accuracy) >= 0.95
