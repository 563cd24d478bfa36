"""dlaudio: deep learning for audio, built from the artificial neuron up, in numpy.

=========================  ==================================================
``dlaudio.neuron``         chapter 01: one neuron with the ``math`` module
``dlaudio.activations``    sigmoid, ReLU, tanh and their slopes, the softmax
``dlaudio.backprop``       chapter 02-1: the formulas of backpropagation, trace
``dlaudio.layers``         each step of a network: dense, activations, dropout, softmax output
``dlaudio.init``           initial weights: standard normal, Xavier, He, recurrent
``dlaudio.im2col``         windows as rows: im2col, col2im, output sizes
``dlaudio.conv``           chapter 07: convolution as one more matrix product
``dlaudio.pooling``        max pooling and flatten
``dlaudio.sequential``     a network as a sequence of layers
``dlaudio.network``        chapter 02: the multilayer perceptron
``dlaudio.loss``           the losses training minimises: E, cross-entropy, L2
``dlaudio.optim``          what turns Derivs into steps: gradient descent, momentum, Adam
``dlaudio.training``       the training loop in mini-batches, early stopping
``dlaudio.recurrent``      chapter 08: what recurrent layers share, backpropagation through time
``dlaudio.rnn``            the plain recurrent layer, with a worked example
``dlaudio.lstm``           the LSTM layer: four gates and a cell
``dlaudio.gradcheck``      backpropagation against finite differences
``dlaudio.data``           the sum data set, the worked 2-2-1 example, the time-order task
``dlaudio.wav``            chapter 03: reading and writing WAV files; reading FLAC and OGG; quantising, resampling
``dlaudio.recordings``     six real recordings that ship with the package: ``example``
``dlaudio.signals``        tones, chirps, white noise and pulse trains
``dlaudio.fourier``        the DFT as a matrix product, bin frequencies
``dlaudio.spectrogram``    frames, the Hann window, the STFT
``dlaudio.decibels``       power and amplitude in dB
``dlaudio.mel``            chapter 04: the mel scale, filterbank, spectrogram
``dlaudio.dct``            the DCT-II as a matrix
``dlaudio.cepstrum``       MFCCs, and back to the mel envelope
``dlaudio.deltas``         deltas: the slope of each feature over time
``dlaudio.synth``          source-filter vowels: glottal pulses, formant resonators
``dlaudio.formant_tracks`` formants that move: diphthongs and glides
``dlaudio.clips``          clip sets (``Clips``): reading and writing WAV folders
``dlaudio.vowelset``       Korean vowels from a seed: ``make_vowels`` (``vowels``)
``dlaudio.diphthongs``     Korean diphthongs and their reverses: ``make_diphthongs``
``dlaudio.features``       MFCC rows, one per clip, and their cache
``dlaudio.logmel``         log-mel spectrograms as rows, for convolution
``dlaudio.splits``         train / validation / test splits by speaker
``dlaudio.preprocessing``  standardised features, class indices, one-hot rows
``dlaudio.datasets``       the five above under one name, for older imports
=========================  ==================================================
"""

import importlib.metadata

# The data-set modules' old name, so that dlaudio.datasets.KOREAN_VOWELS still works.
# The module ``loss`` is callable as its function ``loss`` (see dlaudio/loss.py),
# so ``from dlaudio import loss`` and ``import dlaudio.loss`` both work.
from . import datasets, loss  # noqa: F401 (datasets: kept as an attribute for older imports)
from .activations import relu, relu_slope, sigmoid, sigmoid_slope, softmax, tanh, tanh_slope
from .backprop import Trace, trace
from .cepstrum import mfcc, mfcc_to_mel
from .clips import Clips, load_folder
from .conv import Conv2d
from .data import sum_dataset
from .dct import dct_matrix
from .decibels import amplitude_to_db, power_to_db
from .deltas import delta
from .diphthongs import DiphthongSet, make_diphthongs
from .features import frame_count, mfcc_features
from .formant_tracks import gliding_vowel, moving_formant_filter
from .fourier import dft, dft_matrix, fft_frequencies
from .gradcheck import gradient_check
from .init import initial_weights
from .layers import Dense, Dropout, ReLU, Sigmoid, SoftmaxCrossEntropy, Tanh
from .logmel import log_mel_features
from .loss import cross_entropy, l2_penalty, mean_loss, mean_squared_error
from .lstm import LSTM
from .mel import (
    EmptyMelFilterWarning,
    hz_to_mel,
    mel_filterbank,
    mel_frequencies,
    mel_to_hz,
    melspectrogram,
)
from .network import MLP
from .neuron import neuron_output, weighted_sum
from .optim import SGD, Adam, Momentum
from .pooling import Flatten, MaxPool2d
from .preprocessing import Standardizer, encode_labels, one_hot
from .recordings import attribution, example
from .rnn import RNN
from .sequential import Sequential
from .signals import chirp, pulse_train, tone, white_noise
from .spectrogram import frame, hann, istft, power_spectrogram, stft
from .splits import speaker_folds, split_by_speaker
from .synth import (
    formant_filter,
    glottal_pulse,
    glottal_source,
    glottal_tilt,
    higher_formants,
    resonator_response,
    vowel,
)
from .training import History, train
from .vowelset import VowelSet, make_vowels, vowels
from .wav import quantise, read_audio, read_wav, resample, write_wav

__all__ = [
    "Adam",
    "attribution",
    "Clips",
    "Conv2d",
    "Dense",
    "DiphthongSet",
    "Dropout",
    "EmptyMelFilterWarning",
    "Flatten",
    "example",
    "History",
    "istft",
    "LSTM",
    "MLP",
    "MaxPool2d",
    "Momentum",
    "RNN",
    "ReLU",
    "SGD",
    "Sequential",
    "Sigmoid",
    "SoftmaxCrossEntropy",
    "Standardizer",
    "Tanh",
    "Trace",
    "VowelSet",
    "amplitude_to_db",
    "chirp",
    "cross_entropy",
    "dct_matrix",
    "delta",
    "dft",
    "dft_matrix",
    "encode_labels",
    "fft_frequencies",
    "formant_filter",
    "frame",
    "frame_count",
    "gliding_vowel",
    "glottal_pulse",
    "glottal_source",
    "glottal_tilt",
    "gradient_check",
    "hann",
    "higher_formants",
    "hz_to_mel",
    "initial_weights",
    "l2_penalty",
    "load_folder",
    "log_mel_features",
    "loss",
    "make_diphthongs",
    "make_vowels",
    "mean_loss",
    "mean_squared_error",
    "mel_filterbank",
    "mel_frequencies",
    "mel_to_hz",
    "melspectrogram",
    "mfcc",
    "mfcc_features",
    "mfcc_to_mel",
    "moving_formant_filter",
    "neuron_output",
    "one_hot",
    "power_spectrogram",
    "power_to_db",
    "pulse_train",
    "quantise",
    "read_audio",
    "read_wav",
    "relu",
    "relu_slope",
    "resample",
    "resonator_response",
    "sigmoid",
    "sigmoid_slope",
    "softmax",
    "speaker_folds",
    "split_by_speaker",
    "stft",
    "sum_dataset",
    "tanh",
    "tanh_slope",
    "tone",
    "trace",
    "train",
    "vowel",
    "vowels",
    "weighted_sum",
    "white_noise",
    "write_wav",
]
# One version, the installed package's (pyproject.toml), not a second copy here.
__version__ = importlib.metadata.version("dlaudio")
