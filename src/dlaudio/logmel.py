"""Log-mel spectrograms as rows: the images a convolutional network reads (chapter 07).

``mfcc_features`` keeps a clip's spectral envelope frame by frame, and chapter
05 averages the frames, which forgets their order. ``log_mel_features`` keeps
each clip's whole log-mel spectrogram, bands down and time across, with the
same fast STFT over many clips (``features._mel_spectrograms``).
"""

from __future__ import annotations

import numpy as np

from ._checks import fft_length, positive_int
from .decibels import power_to_db
from .features import _frame_counts, _mel_spectrograms, _too_loud, _waves_and_rate

__all__ = ["log_mel_features"]


def log_mel_features(waves, sr=None, *, n_mels=40, n_fft=512, hop_length=160, frames=None, top_db=80.0):
    """Log-mel spectrograms of every clip as rows, the input of a convolutional network (chapter 07).

    Each clip's ``power_to_db(melspectrogram(...), top_db=top_db)``, shape
    ``(n_mels, frames)`` (mel bands down, time across), is flattened band by
    band into one row: the rows ``Conv2d(..., in_shape=(1, n_mels, frames))``
    takes. Longer clips keep their first ``frames`` frames; shorter ones are
    padded with silence, the clip's own floor (its loudest value less
    ``top_db``). Unlike the frame means of chapter 05, time order is kept.

    Parameters
    ----------
    waves : list of 1-D arrays, 2-D array or Clips
        The clips.
    sr : int, optional
        Their sample rate; leave it out for a ``Clips``, which brings its own.
    n_mels : int
        Mel bands (the images' height).
    n_fft : int
        STFT frame length in samples (512 is 32 ms at 16 kHz).
    hop_length : int
        Samples between frames (160 is 10 ms at 16 kHz).
    frames : int, optional
        Frames per clip (the images' width). ``None``: the most any clip
        has, so nothing is cut.
    top_db : float
        How far below each clip's loudest value the dB scale is floored.

    Returns
    -------
    numpy.ndarray
        float64, ``(n_clips, n_mels * frames)``.

    Examples
    --------
    >>> from dlaudio import tone
    >>> x = log_mel_features([tone(440.0, 0.5, 16000), tone(880.0, 0.3, 16000)], 16000)
    >>> x.shape, bool(x.reshape(2, 40, 51)[1, :, -1].max() == x[1].min())  # the short clip ends in silence
    ((2, 2040), True)
    """
    waves, sr = _waves_and_rate(waves, sr)
    n_mels = positive_int(n_mels, "n_mels")
    n_fft = positive_int(n_fft, "n_fft")
    hop_length = positive_int(hop_length, "hop_length")
    lengths = np.array([w.size for w in waves])
    shortest = int(np.argmin(lengths))
    fft_length(n_fft, lengths[shortest], f"waves[{shortest}]")
    counts = _frame_counts(lengths, n_fft, hop_length)
    keep = int(counts.max()) if frames is None else positive_int(frames, "frames")
    features = np.empty((len(waves), n_mels, keep))
    for i, mel in enumerate(_mel_spectrograms(waves, sr, n_fft, hop_length, n_mels)):
        if not np.isfinite(mel.max()):
            raise _too_loud(i, waves[i])
        db = power_to_db(mel, top_db=top_db)
        n = min(keep, db.shape[1])
        features[i, :, :n] = db[:, :n]
        features[i, :, n:] = db.min()
    return features.reshape(len(waves), n_mels * keep)
