"""A source-filter vowel synthesiser: a glottal source through formant resonators.

Speech, in the source-filter model, is a source (the vocal folds open and
close ``f0`` times a second, with some breath noise) shaped by a filter (the
vocal tract, whose resonances are the formants F1, F2, F3, ...). In the
spectrum the two multiply, so in the log spectrum they add: the fine
structure (harmonics at multiples of ``f0``) comes from the source, the
envelope (peaks at the formants) from the filter. That is why MFCCs, which
keep only the envelope, tell vowels apart almost whatever the pitch.

Each formant is a second-order (two-pole) resonator, the digital resonator of
Klatt's synthesiser. With the pole radius :math:`r = e^{-\\pi B / sr}` (``B``
the bandwidth in Hz) and angle :math:`\\theta = 2 \\pi F / sr`,

.. math::

    H(z) = \\frac{1 - 2 r \\cos\\theta + r^2}{1 - 2 r \\cos\\theta\\, z^{-1} + r^2 z^{-2}},
    \\qquad
    h[n] = (1 - 2 r \\cos\\theta + r^2)\\, r^n \\frac{\\sin((n + 1)\\theta)}{\\sin\\theta},

scaled to a gain of 1 at 0 Hz, as Klatt scales it. The resonators are in
cascade (one after another), so the vocal tract's impulse response is the
convolution of theirs, and the sound is the source convolved with it.

Implementation: numpy only, no Python loop over samples. The impulse
responses are evaluated in closed form (the formula above) for as many
samples as it takes :math:`r^n` to fall below ``1e-9``; they are combined
with ``np.convolve`` and applied with one FFT convolution. scipy's
``lfilter`` would run the recursion instead, but it would be a new runtime
dependency for one call, and the closed form is exactly what the page derives.

Examples
--------
>>> y = vowel([730, 1090, 2440], f0=120, duration=0.5, sr=16000, rng=0)
>>> y.shape, bool(np.abs(y).max() <= 1.0)
((8000,), True)
"""

from __future__ import annotations

import numbers

import numpy as np

from ._checks import as_generator, finite_real, positive_real, real_sequence, sample_rate

__all__ = [
    "default_bandwidths",
    "formant_filter",
    "glottal_pulse",
    "glottal_source",
    "glottal_tilt",
    "higher_formants",
    "resonator_response",
    "vowel",
]

# An impulse response is cut where r**n, its envelope, has fallen below this.
_TAIL = 1e-9


def _ring_length(r):
    """Samples until ``r**n``, a decaying response's envelope, falls below ``_TAIL``."""
    return int(np.ceil(np.log(_TAIL) / np.log(r)))


def _below_nyquist(freq, sr, name):
    freq = positive_real(freq, name)
    if freq >= sr / 2:
        raise ValueError(f"{name} must be below the Nyquist frequency sr/2 = {sr / 2:g} Hz, got {freq:g}")
    return freq


def resonator_response(freq, bandwidth, sr, n=None):
    """The impulse response of one formant resonator, in closed form.

    Parameters
    ----------
    freq : float
        The resonance (formant) frequency :math:`F` in Hz, ``0 < F < sr / 2``.
    bandwidth : float
        Its bandwidth :math:`B` in Hz (> 0): the width of the peak 3 dB down.
        Narrow bandwidths ring long.
    sr : int
        Sample rate in Hz.
    n : int, optional
        Number of samples. ``None``: until the envelope :math:`r^n` falls
        below ``1e-9`` of the first sample.

    Returns
    -------
    numpy.ndarray
        :math:`h[n] = (1 - 2 r \\cos\\theta + r^2)\\, r^n \\sin((n+1)\\theta) / \\sin\\theta`,
        whose sum (the gain at 0 Hz) is 1.

    Examples
    --------
    >>> h = resonator_response(1000, 100, 8000)
    >>> h[:3]
    array([0.56471141, 0.76786851, 0.52205608])
    >>> round(float(h.sum()), 6)  # gain 1 at 0 Hz
    1.0
    """
    sr = sample_rate(sr)
    freq = _below_nyquist(freq, sr, "freq")
    bandwidth = positive_real(bandwidth, "bandwidth")
    r = np.exp(-np.pi * bandwidth / sr)
    theta = 2.0 * np.pi * freq / sr
    if n is None:
        n = _ring_length(r)
    elif isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be a positive integer or None, got {n!r}")
    k = np.arange(int(n))
    gain = 1.0 - 2.0 * r * np.cos(theta) + r * r
    return gain * r**k * np.sin((k + 1) * theta) / np.sin(theta)


def default_bandwidths(formants):
    """Formant bandwidths that grow with frequency: :math:`B = 50 + 0.04 F` Hz.

    About 70 Hz at 500 Hz, 110 Hz at 1500 Hz and 150 Hz at 2500 Hz: the
    range measured on real vowels (wider bandwidths at higher formants,
    where the walls and the radiation lose more energy).

    Parameters
    ----------
    formants : sequence of float
        The formant frequencies :math:`F` in Hz.

    Returns
    -------
    numpy.ndarray
        One bandwidth :math:`B` per formant, in Hz.

    Examples
    --------
    >>> default_bandwidths([500, 1500, 2500])
    array([ 70., 110., 150.])
    """
    return 50.0 + 0.04 * np.asarray(real_sequence(formants, "formants"))


def higher_formants(formants, sr):
    """The formants with the resonances of a uniform tube added above the last one, up to ``sr / 2``.

    A tube closed at one end (the glottis) and open at the other (the lips)
    resonates at :math:`F_n = (2n - 1)\\, c / 4L`: its resonances are
    equally spaced, :math:`c / 2L` apart, all the way up. A vocal tract is
    such a tube, bent and shaped by the tongue and lips, which moves the
    lowest formants; the higher ones stay close to the tube's spacing. A
    table gives only F1 to F3 or F4, and a cascade of just those resonators
    falls by 12 dB per octave above each, far faster than a voice does
    (Klatt 1980 adds a fixed "higher-pole correction" for the same reason).
    Here the missing resonances are added explicitly: the last given
    formant :math:`F_m` is taken as the tube's :math:`m`-th, which fixes
    :math:`c / 4L = F_m / (2m - 1)`, and the tube's next resonances follow
    while each, with its ``default_bandwidths`` bandwidth, stays below
    ``sr / 2``.

    Parameters
    ----------
    formants : sequence of float
        F1, F2, ..., :math:`F_m` in Hz, each below ``sr / 2``.
    sr : int
        Sample rate in Hz.

    Returns
    -------
    numpy.ndarray
        The formants given, then :math:`F_m (2n - 1) / (2m - 1)` for
        :math:`n = m + 1, m + 2, \\dots` while :math:`F_n + B_n < sr / 2`.

    Examples
    --------
    A man's F4 of 3500 Hz is a 17.5 cm tube's fourth resonance (c = 350 m/s):

    >>> higher_formants([738, 1372, 2573, 3500], 16000)
    array([ 738., 1372., 2573., 3500., 4500., 5500., 6500., 7500.])
    """
    sr = sample_rate(sr)
    given = np.array(_formants_and_bandwidths(formants, None, sr)[0], dtype=float)
    m = given.size
    quarter = given[-1] / (2 * m - 1)
    # No tube of finite length needs more resonances than fit below sr / 2.
    n = np.arange(m + 1, m + 1 + int(sr / 2 / (2 * quarter)) + 1)
    more = quarter * (2 * n - 1)
    return np.concatenate([given, more[more + default_bandwidths(more) < sr / 2]])


def _formants_and_bandwidths(formants, bandwidths, sr):
    formants = real_sequence(formants, "formants")
    for i, f in enumerate(formants):
        _below_nyquist(f, sr, f"formants[{i}]")
    if bandwidths is None:
        bandwidths = default_bandwidths(formants).tolist()
    else:
        bandwidths = real_sequence(bandwidths, "bandwidths")
        if len(bandwidths) != len(formants):
            raise ValueError(f"bandwidths must have one value per formant ({len(formants)}), got {len(bandwidths)}")
        for i, b in enumerate(bandwidths):
            positive_real(b, f"bandwidths[{i}]")
    return formants, bandwidths


def formant_filter(formants, sr, bandwidths=None):
    """The impulse response of a cascade of formant resonators (the vocal tract).

    Parameters
    ----------
    formants : sequence of float
        The formant frequencies in Hz (F1, F2, F3, ...), each below ``sr / 2``.
    sr : int
        Sample rate in Hz.
    bandwidths : sequence of float, optional
        One bandwidth per formant in Hz; ``None``: ``default_bandwidths``.

    Returns
    -------
    numpy.ndarray
        The convolution of the resonators' impulse responses. Its spectrum
        ``np.abs(np.fft.rfft(h, n))`` peaks near each formant.

    Examples
    --------
    >>> h = formant_filter([500, 1500], 16000)
    >>> spectrum = np.abs(np.fft.rfft(h, 16000))   # 1 Hz per bin
    >>> [int(f) for f in np.flatnonzero((spectrum[1:-1] > spectrum[:-2]) & (spectrum[1:-1] > spectrum[2:])) + 1]
    [499, 1495]
    """
    sr = sample_rate(sr)
    formants, bandwidths = _formants_and_bandwidths(formants, bandwidths, sr)
    h = np.ones(1)
    for f, b in zip(formants, bandwidths):
        h = np.convolve(h, resonator_response(f, b, sr))
    return h


def glottal_pulse(f0, sr, open_quotient=0.6, speed_quotient=2.0):
    """One period of the glottal source as the microphone sees it.

    The flow through the vocal folds during one period :math:`T_0 = 1/f_0`
    is Rosenberg's pulse: it rises as half a cosine for
    :math:`T_p` seconds, falls as a quarter cosine for :math:`T_n`, and is
    zero while the folds are closed. ``open_quotient`` is
    :math:`(T_p + T_n) / T_0`, ``speed_quotient`` is :math:`T_p / T_n`.
    The lips radiate the flow's derivative, so the pulse returned is the
    first difference of the flow: a small positive lobe, then a sharp
    negative one at the closure. Its spectrum falls by about 6 dB per octave
    (the spectral tilt of a voice); a larger open quotient gives a smoother,
    breathier pulse with fewer high harmonics.

    Parameters
    ----------
    f0 : float
        The pitch :math:`f_0` in Hz.
    sr : int
        Sample rate in Hz.
    open_quotient : float
        :math:`(T_p + T_n) / T_0`, in (0, 1].
    speed_quotient : float
        :math:`T_p / T_n`, > 0.

    Returns
    -------
    numpy.ndarray
        The first difference of the flow, from the opening of the folds to
        their closure.

    Examples
    --------
    >>> g = glottal_pulse(1000, 16000)
    >>> g.size, round(float(g.sum()), 12)  # the flow starts and ends at 0
    (11, 0.0)
    """
    sr = sample_rate(sr)
    f0 = positive_real(f0, "f0")
    open_quotient = finite_real(open_quotient, "open_quotient")
    if not 0 < open_quotient <= 1:
        raise ValueError(f"open_quotient must be in (0, 1], got {open_quotient}")
    speed_quotient = positive_real(speed_quotient, "speed_quotient")
    open_time = open_quotient / f0
    tp = open_time * speed_quotient / (1.0 + speed_quotient)
    tn = open_time - tp
    t = np.arange(int(np.ceil(open_time * sr)) + 1) / sr
    flow = np.where(
        t <= tp,
        0.5 * (1.0 - np.cos(np.pi * t / tp)),
        np.cos(np.pi / 2.0 * np.clip((t - tp) / tn, 0.0, 1.0)),
    )
    return np.diff(flow, prepend=0.0)


def glottal_tilt(corner, sr):
    """The impulse response of the glottal closure's low-pass: one pole, gain 1 at 0 Hz.

    Real vocal folds do not close at once, as Rosenberg's pulse does: the
    flow returns to zero over a short "return phase" :math:`T_a`, which acts
    on the source as a first-order low-pass with its corner at
    :math:`F_a = 1 / (2 \\pi T_a)` (Fant, Liljencrants and Lin 1985). Above
    :math:`F_a` the voice's spectrum falls 6 dB per octave faster. With
    :math:`a = e^{-2 \\pi F_a / sr}`, the filter is
    :math:`y[n] = (1 - a)\\, x[n] + a\\, y[n - 1]`, whose impulse response is
    :math:`(1 - a)\\, a^n`.

    Parameters
    ----------
    corner : float
        :math:`F_a` in Hz, ``0 < F_a < sr / 2``.
    sr : int
        Sample rate in Hz.

    Returns
    -------
    numpy.ndarray
        :math:`(1 - a)\\, a^n` until :math:`a^n` falls below ``1e-9``; it sums to 1.

    Examples
    --------
    >>> h = glottal_tilt(1500, 16000)
    >>> round(float(h.sum()), 9), h.size
    (0.999999999, 36)
    """
    sr = sample_rate(sr)
    corner = _below_nyquist(corner, sr, "corner")
    a = np.exp(-2.0 * np.pi * corner / sr)
    return (1.0 - a) * a ** np.arange(_ring_length(a))


def _f0_pair(f0):
    """``(start, end)`` pitch from one value or a pair (a linear glide)."""
    if isinstance(f0, numbers.Real) and not isinstance(f0, bool):
        value = positive_real(f0, "f0")
        return value, value
    pair = real_sequence(f0, "f0")
    if len(pair) != 2:
        raise ValueError(f"f0 must be a number or a (start, end) pair, got {len(pair)} values")
    return positive_real(pair[0], "f0[0]"), positive_real(pair[1], "f0[1]")


def glottal_source(f0, duration, sr, *, jitter=0.0, shimmer=0.0, open_quotient=0.6, rng=None):
    """A voiced source: glottal pulses at ``f0`` per second, with jitter and shimmer.

    Parameters
    ----------
    f0 : float or (float, float)
        The pitch in Hz, or its values at the start and at the end (a linear
        glide, as a voice's pitch drifts).
    duration : float
        Seconds.
    sr : int
        Sample rate in Hz; ``f0`` must be below ``sr / 2``.
    jitter : float
        Cycle-to-cycle variation of the period: each period is multiplied by
        ``1 + jitter * N(0, 1)``. Healthy voices have about 0.005 to 0.01.
    shimmer : float
        The same for each pulse's amplitude.
    open_quotient : float
        The glottal pulse's shape (``glottal_pulse``).
    rng : None, int or numpy.random.Generator
        The source of randomness for jitter and shimmer.

    Returns
    -------
    numpy.ndarray
        ``round(duration * sr)`` samples: a pulse train (pulse ``k`` at the
        sample where the pitch's running phase reaches ``k`` cycles, then
        jittered) convolved with ``glottal_pulse``.

    Examples
    --------
    >>> s = glottal_source(100, 0.05, 16000)
    >>> s.shape, [int(np.argmin(s[k:k + 160])) for k in (0, 160, 320)]  # a pulse every 160 samples
    ((800,), [96, 96, 96])
    """
    sr = sample_rate(sr)
    start, end = _f0_pair(f0)
    for name, value in (("f0", start), ("f0", end)):
        _below_nyquist(value, sr, name)
    duration = positive_real(duration, "duration")
    n = round(duration * sr)
    if n < 1:
        raise ValueError(f"duration * sr must give at least one sample, got {duration} s at {sr} Hz")
    jitter = finite_real(jitter, "jitter")
    shimmer = finite_real(shimmer, "shimmer")
    if not 0 <= jitter < 0.2:
        raise ValueError(f"jitter must be in [0, 0.2), got {jitter}")
    if not 0 <= shimmer < 0.5:
        raise ValueError(f"shimmer must be in [0, 0.5), got {shimmer}")
    pulse = glottal_pulse((start + end) / 2.0, sr, open_quotient=open_quotient)
    generator = as_generator(rng)
    # The running phase in cycles; pulse k where it first reaches k.
    pitch = np.linspace(start, end, n)
    phase = np.concatenate(([0.0], np.cumsum(pitch / sr)))
    # (less a hair, so that rounding in the sum never delays a pulse by a sample)
    cycles = np.arange(np.floor(phase[-1] + 1e-9) + 1.0) - 1e-9
    times = np.searchsorted(phase, cycles).astype(np.float64)
    periods = np.diff(times)
    periods *= 1.0 + jitter * generator.standard_normal(periods.size)
    positions = np.round(np.concatenate(([0.0], np.cumsum(periods)))).astype(np.int64)
    positions = positions[positions < n]
    amplitudes = 1.0 + shimmer * generator.standard_normal(positions.size)
    train = np.zeros(n)
    np.add.at(train, positions, amplitudes)
    return np.convolve(train, pulse)[:n]


def _fft_convolve(x, h):
    """``np.convolve(x, h)`` by FFT, cut to ``len(x)``."""
    size = 1 << int(np.ceil(np.log2(x.size + h.size - 1)))
    return np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[: x.size]


def vowel(
    formants,
    f0,
    duration,
    sr,
    *,
    bandwidths=None,
    jitter=0.005,
    shimmer=0.02,
    breath=0.0,
    open_quotient=0.6,
    tilt=None,
    fade=0.02,
    peak=0.5,
    rng=None,
):
    """A synthetic vowel: a glottal source and breath noise through formant resonators.

    Parameters
    ----------
    formants : sequence of float
        Formant frequencies in Hz (F1, F2, F3, ...), each below ``sr / 2``.
    f0 : float or (float, float)
        The pitch in Hz, or a linear glide from its first value to its second.
    duration : float
        Seconds.
    sr : int
        Sample rate in Hz.
    bandwidths : sequence of float, optional
        One per formant; ``None``: ``default_bandwidths(formants)``.
    jitter, shimmer : float
        The voice source's (``glottal_source``).
    breath : float
        Breath (aspiration) noise, as its RMS relative to the voiced
        source's, >= 0. It is Gaussian noise added to the source, so the
        vocal tract shapes it too, as it shapes real breath.
    open_quotient : float
        The glottal pulse's shape (``glottal_pulse``).
    tilt : float, optional
        The corner frequency in Hz of a first-order low-pass on the voiced
        source (``glottal_tilt``): the gradual closure of real vocal folds,
        which steepens the voice's spectral tilt above it. ``None``: none,
        Rosenberg's abrupt closure alone.
    fade : float
        Seconds of raised-cosine fade in and out, so the clip starts and ends
        at 0 without a click.
    peak : float
        The largest absolute sample of the result, in (0, 1].
    rng : None, int or numpy.random.Generator
        The source of randomness (jitter, shimmer, breath). The same seed
        gives the same samples.

    Returns
    -------
    numpy.ndarray
        ``round(duration * sr)`` float64 samples.

    Examples
    --------
    Same formants, different pitch: the same vowel said higher.

    >>> low = vowel([730, 1090, 2440], 100, 0.3, 16000, rng=1)
    >>> high = vowel([730, 1090, 2440], 200, 0.3, 16000, rng=1)
    >>> low.shape == high.shape, float(np.abs(low).max())
    (True, 0.5)
    """
    sr = sample_rate(sr)
    formants, bandwidths = _formants_and_bandwidths(formants, bandwidths, sr)
    tract = formant_filter(formants, sr, bandwidths)
    return _voiced(
        f0,
        duration,
        sr,
        lambda source: _fft_convolve(source, tract),
        jitter=jitter,
        shimmer=shimmer,
        breath=breath,
        open_quotient=open_quotient,
        tilt=tilt,
        fade=fade,
        peak=peak,
        rng=rng,
    )


def _voiced(f0, duration, sr, through, *, jitter, shimmer, breath, open_quotient, tilt, fade, peak, rng):
    """The voice ``vowel`` and ``gliding_vowel`` share: source and breath, through the tract ``through``, faded, scaled.

    ``through`` maps the source to the radiated sound: fixed formants for
    ``vowel``, a formant track for ``gliding_vowel``.
    """
    breath = finite_real(breath, "breath")
    if breath < 0:
        raise ValueError(f"breath must be >= 0, got {breath}")
    fade = finite_real(fade, "fade")
    if fade < 0:
        raise ValueError(f"fade must be >= 0 seconds, got {fade}")
    peak = finite_real(peak, "peak")
    if not 0 < peak <= 1:
        raise ValueError(f"peak must be in (0, 1], got {peak}")
    closure = None if tilt is None else glottal_tilt(_below_nyquist(tilt, sr, "tilt"), sr)
    generator = as_generator(rng)
    source = glottal_source(
        f0, duration, sr, jitter=jitter, shimmer=shimmer, open_quotient=open_quotient, rng=generator
    )
    if closure is not None:
        source = _fft_convolve(source, closure)
    if breath > 0:
        rms = np.sqrt(np.mean(source**2))
        source = source + breath * rms * generator.standard_normal(source.size)
    y = through(source)
    ramp = min(round(fade * sr), y.size // 2)
    if ramp > 0:
        window = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
        y[:ramp] *= window
        y[y.size - ramp :] *= window[::-1]
    largest = np.max(np.abs(y))
    return y if largest == 0 else y * (peak / largest)
