"""Formants that move: diphthongs and glides, filtered block by block (chapter 07's data).

``synth.vowel`` holds its formants still. In a diphthong they move: Korean
ㅑ /ja/ starts near /i/ and glides to /a/. ``moving_formant_filter`` runs a
source through resonators whose frequencies follow a track of targets,
without a loop over samples: the source is cut into overlapping windowed
blocks, each block is filtered with the formants of its centre (by FFT, all
blocks at once), and the blocks are added back (overlap-add).
``gliding_vowel`` is ``vowel`` with such a track.
"""

from __future__ import annotations

import numpy as np

from ._checks import positive_real, real_sequence, sample_rate
from .synth import _ring_length, _voiced

__all__ = ["moving_formant_filter", "gliding_vowel"]


def _formant_track(formants, times, sr):
    """``(targets (T, F), times (T,))`` checked: targets in Hz below ``sr / 2``, times rising from 0 to 1."""
    try:
        targets = np.asarray(formants)
    except ValueError:
        raise ValueError("formants must be a rectangular (n_targets, n_formants) array of targets in Hz") from None
    if targets.dtype.kind not in "iuf":
        raise TypeError(f"formants must be numbers in Hz, got dtype {targets.dtype}")
    targets = targets.astype(np.float64)
    if targets.ndim != 2 or targets.shape[0] < 1 or targets.shape[1] < 1:
        raise ValueError(
            f"formants must be a (n_targets, n_formants) array of targets in Hz, one row per target, "
            f"got shape {targets.shape}"
        )
    if not np.isfinite(targets).all() or (targets <= 0).any() or (targets >= sr / 2).any():
        raise ValueError(f"every formant target must be finite, > 0 and below sr/2 = {sr / 2:g} Hz")
    if times is None:
        times = np.linspace(0.0, 1.0, targets.shape[0])
    else:
        times = np.asarray(real_sequence(times, "times"))
        if times.shape != (targets.shape[0],):
            raise ValueError(f"times must have one entry per target ({targets.shape[0]}), got {times.size}")
        if times[0] < 0 or times[-1] > 1 or (np.diff(times) < 0).any():
            raise ValueError(f"times must rise (not strictly) from >= 0 to <= 1, fractions of the clip; got {times}")
    return targets, times


def moving_formant_filter(source, formants, sr, *, times=None, bandwidths=None, block=0.005):
    """Filter ``source`` through formant resonators whose frequencies move along a track.

    The track is a short list of targets, each reached at a fraction of the
    clip (``times``), with straight lines between them: a diphthong
    /ja/ is ``formants=[i, i, a, a]`` at ``times=[0, 0.1, 0.3, 1]`` (hold
    /i/, glide, hold /a/), with each letter a row of formant frequencies.

    How, without a loop over samples: the source is cut into blocks of
    ``block`` seconds, each windowed by a periodic Hann window twice as
    long (the windows overlap by half and add up to exactly 1). Each
    windowed block goes through the resonators with the formants of its
    centre, by FFT (all blocks in one call), and the filtered blocks are added
    back where they came from (overlap-add). When the formants do not move,
    every block meets the same filter and the windows add up to 1, so the
    result is the source through that one filter (``vowel``'s filter, to
    within 1e-6 of its peak). Klatt's synthesiser likewise updates its
    formants every 5 ms.

    Parameters
    ----------
    source : numpy.ndarray
        The source signal, 1-D (``glottal_source``, noise, ...).
    formants : array_like
        ``(n_targets, n_formants)``: each row the formant frequencies (Hz,
        below ``sr / 2``) of one target. One row: formants that stay put.
    sr : int
        Sample rate in Hz.
    times : sequence of float, optional
        Where each target is reached, as fractions of the clip from 0 to 1,
        rising; before the first and after the last the formants hold.
        ``None``: spread evenly from 0 to 1.
    bandwidths : sequence of float, optional
        One bandwidth per formant, in Hz, fixed; ``None``:
        ``synth.default_bandwidths`` of the formants of each block.
    block : float
        The hop between blocks in seconds (the formants change once per
        block); 5 ms by default.

    Returns
    -------
    numpy.ndarray
        The filtered signal, as long as ``source``.

    Examples
    --------
    >>> from dlaudio.synth import _fft_convolve, formant_filter, glottal_source
    >>> source = glottal_source(120, 0.3, 16000, rng=0)
    >>> steady = moving_formant_filter(source, [[730, 1090, 2440]], 16000)
    >>> fixed = _fft_convolve(source, formant_filter([730, 1090, 2440], 16000))
    >>> bool(np.abs(steady - fixed).max() < 1e-6 * np.abs(fixed).max())
    True
    """
    sr = sample_rate(sr)
    source = np.asarray(source, dtype=np.float64)
    if source.ndim != 1 or source.size == 0 or not np.isfinite(source).all():
        raise ValueError(f"source must be a non-empty 1-D array of finite samples, got shape {source.shape}")
    targets, times = _formant_track(formants, times, sr)
    hop = round(positive_real(block, "block") * sr)
    if hop < 1:
        raise ValueError(f"block must be at least one sample (1/sr = {1 / sr:g} s), got {block}")
    if bandwidths is not None:
        bandwidths = real_sequence(bandwidths, "bandwidths")
        if len(bandwidths) != targets.shape[1]:
            raise ValueError(f"bandwidths must have one value per formant ({targets.shape[1]}), got {len(bandwidths)}")
        for i, b in enumerate(bandwidths):
            positive_real(b, f"bandwidths[{i}]")
    n = source.size
    # Block b covers samples (b - 1) * hop ... (b + 1) * hop, centred on b * hop.
    count = -(-n // hop) + 1
    centres = np.arange(count) * hop
    track = np.stack(
        [np.interp(centres / max(n - 1, 1), times, targets[:, k]) for k in range(targets.shape[1])], axis=1
    )
    widths = 50.0 + 0.04 * track if bandwidths is None else np.broadcast_to(np.array(bandwidths), track.shape)
    # The FFT must hold a block and the resonators' ringing, until it falls below 1e-9 (_ring_length).
    r = np.exp(-np.pi * widths / sr)
    ring = _ring_length(r.max())
    size = 1 << int(np.ceil(np.log2(2 * hop + ring)))
    padded = np.zeros((count + 1) * hop)
    padded[hop : hop + n] = source
    blocks = np.lib.stride_tricks.sliding_window_view(padded, 2 * hop)[::hop][:count]
    window = 0.5 - 0.5 * np.cos(np.pi * np.arange(2 * hop) / hop)  # periodic Hann of 2 * hop
    spectra = np.fft.rfft(blocks * window, size)
    # Each resonator's frequency response is gain / (1 - 2 r cos(theta) z^-1 + r^2 z^-2); the cascade's
    # denominator is the product of those quadratics, a polynomial in z^-1 whose coefficients (per block)
    # are evaluated at every FFT bin.
    a1 = -2.0 * r * np.cos(2.0 * np.pi * track / sr)
    a2 = r**2
    poly = np.zeros((count, 2 * track.shape[1] + 1))
    poly[:, 0] = 1.0
    for k in range(track.shape[1]):
        poly[:, 2:] += a1[:, k, None] * poly[:, 1:-1] + a2[:, k, None] * poly[:, :-2]
        poly[:, 1] += a1[:, k] * poly[:, 0]
    gain = np.prod(1.0 + a1 + a2, axis=1)
    # Horner's rule at every bin (element-wise, so the result does not depend on the BLAS or its threads).
    z = np.exp(-2j * np.pi * np.arange(size // 2 + 1) / size)
    denominator = np.broadcast_to(poly[:, -1:], spectra.shape).astype(complex)
    for m in range(poly.shape[1] - 2, -1, -1):
        denominator *= z
        denominator += poly[:, m : m + 1]
    scale = gain[:, None] / (denominator.real**2 + denominator.imag**2)
    spectra *= np.conj(denominator, out=denominator)
    spectra *= scale
    filtered = np.fft.irfft(spectra, size)  # (count, size): block b's output starts at sample (b - 1) * hop
    # Overlap-add, one slice per hop-long piece of the blocks' outputs (a loop over offsets, not samples).
    pieces = -(-size // hop)
    out = np.zeros((count + pieces) * hop)
    stacked = np.zeros((count, pieces * hop))
    stacked[:, :size] = filtered
    stacked = stacked.reshape(count, pieces, hop)
    for p in range(pieces):
        out[p * hop : (p + count) * hop] += stacked[:, p, :].ravel()
    return out[hop : hop + n]


def gliding_vowel(
    formants,
    f0,
    duration,
    sr,
    *,
    times=None,
    bandwidths=None,
    jitter=0.005,
    shimmer=0.02,
    breath=0.0,
    open_quotient=0.6,
    tilt=None,
    fade=0.02,
    peak=0.5,
    block=0.005,
    rng=None,
):
    """A vowel whose formants move during the clip: a diphthong, or a vowel gliding away.

    ``vowel`` with a formant track instead of fixed formants
    (``moving_formant_filter``); the source, breath noise, fades and peak
    are made as ``vowel`` makes them.

    Parameters
    ----------
    formants : array_like
        ``(n_targets, n_formants)`` formant targets in Hz, one row per
        target.
    f0 : float or (float, float)
        The pitch in Hz, or a linear glide from its first value to its second.
    duration : float
        Seconds.
    sr : int
        Sample rate in Hz.
    times : sequence of float, optional
        Where each target is reached, as fractions of the clip (0 to 1,
        rising); ``None``: evenly spread.
    bandwidths : sequence of float, optional
        One fixed bandwidth per formant; ``None``: ``default_bandwidths``
        of the moving formants.
    jitter : float
        Cycle-to-cycle variation of the pitch period (``glottal_source``).
    shimmer : float
        Cycle-to-cycle variation of the pulses' amplitude (``glottal_source``).
    breath : float
        Breath noise, its RMS relative to the voiced source's, >= 0.
    open_quotient : float
        The glottal pulse's shape (``glottal_pulse``).
    tilt : float, optional
        The corner frequency in Hz of a first-order low-pass on the voiced
        source (``glottal_tilt``): the gradual closure of real vocal folds,
        which steepens the voice's spectral tilt above it. ``None``: none,
        Rosenberg's abrupt closure alone.
    fade : float
        Seconds of raised-cosine fade in and out.
    peak : float
        The largest absolute sample of the result, in (0, 1].
    block : float
        Seconds between formant updates (``moving_formant_filter``).
    rng : None, int or numpy.random.Generator
        The source of randomness; the same seed gives the same samples.

    Returns
    -------
    numpy.ndarray
        ``round(duration * sr)`` float64 samples.

    Examples
    --------
    /ja/: /i/ held for the first 10 % of the clip, a glide to /a/ by 35 %.

    >>> i, a = [341, 2219, 3047], [738, 1372, 2573]
    >>> y = gliding_vowel([i, i, a, a], 120, 0.4, 16000, times=[0, 0.1, 0.35, 1], rng=0)
    >>> y.shape, float(np.abs(y).max())
    ((6400,), 0.5)
    """
    sr = sample_rate(sr)
    _formant_track(formants, times, sr)  # checked before any sample is drawn
    return _voiced(
        f0,
        duration,
        sr,
        lambda source: moving_formant_filter(source, formants, sr, times=times, bandwidths=bandwidths, block=block),
        jitter=jitter,
        shimmer=shimmer,
        breath=breath,
        open_quotient=open_quotient,
        tilt=tilt,
        fade=fade,
        peak=peak,
        rng=rng,
    )
