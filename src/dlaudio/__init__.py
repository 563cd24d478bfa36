"""dlaudio: deep learning for audio, built from the artificial neuron up, in numpy.

=========================  ==================================================
``dlaudio.neuron``         chapter 01: one neuron with the ``math`` module
``dlaudio.activations``    the sigmoid and its slope, the softmax, for arrays
``dlaudio.network``        chapter 02: the multilayer perceptron
``dlaudio.backprop``       chapter 02-1: forward and backward passes, trace
``dlaudio.loss``           the losses training minimises: E, cross-entropy, L2
``dlaudio.training``       gradient descent in mini-batches, early stopping
``dlaudio.gradcheck``      backpropagation against finite differences
``dlaudio.data``           the course's data sets
``dlaudio.wav``            chapter 03: reading and writing WAV files
``dlaudio.signals``        tones, chirps, white noise and pulse trains
``dlaudio.fourier``        the DFT as a matrix product, bin frequencies
``dlaudio.spectrogram``    frames, the Hann window, the STFT
``dlaudio.decibels``       power and amplitude in dB
``dlaudio.mel``            chapter 04: the mel scale, filterbank, spectrogram
``dlaudio.dct``            the DCT-II as a matrix
``dlaudio.cepstrum``       MFCCs
``dlaudio.synth``          source-filter vowels: glottal pulses, formant resonators
``dlaudio.datasets``       Korean vowels from a seed, WAV folders, features, splits
=========================  ==================================================
"""

from .activations import sigmoid, sigmoid_slope, softmax
from .backprop import Trace, trace
from .cepstrum import mfcc
from .data import sum_dataset
from .datasets import (
    Clips, Standardizer, VowelSet, encode_labels, frame_count, load_folder, mfcc_features, one_hot,
    split_by_speaker, vowels,
)
from .dct import dct_matrix
from .decibels import amplitude_to_db, power_to_db
from .fourier import dft, dft_matrix, fft_frequencies
from .gradcheck import gradient_check
from .loss import cross_entropy, l2_penalty, loss, mean_loss, mean_squared_error
from .mel import (
    EmptyMelFilterWarning, hz_to_mel, mel_filterbank, mel_frequencies, mel_to_hz, melspectrogram,
)
from .network import MLP
from .neuron import neuron_output, weighted_sum
from .signals import chirp, pulse_train, tone, white_noise
from .spectrogram import frame, hann, power_spectrogram, stft
from .synth import formant_filter, glottal_pulse, glottal_source, resonator_response, vowel
from .training import History, train
from .wav import read_wav, write_wav

__all__ = [
    "Clips",
    "EmptyMelFilterWarning",
    "History",
    "MLP",
    "Standardizer",
    "Trace",
    "VowelSet",
    "amplitude_to_db",
    "chirp",
    "cross_entropy",
    "dct_matrix",
    "dft",
    "dft_matrix",
    "encode_labels",
    "fft_frequencies",
    "formant_filter",
    "frame",
    "frame_count",
    "glottal_pulse",
    "glottal_source",
    "gradient_check",
    "hann",
    "hz_to_mel",
    "l2_penalty",
    "load_folder",
    "loss",
    "mean_loss",
    "mean_squared_error",
    "mel_filterbank",
    "mel_frequencies",
    "mel_to_hz",
    "melspectrogram",
    "mfcc",
    "mfcc_features",
    "neuron_output",
    "one_hot",
    "power_spectrogram",
    "power_to_db",
    "pulse_train",
    "read_wav",
    "resonator_response",
    "sigmoid",
    "sigmoid_slope",
    "softmax",
    "split_by_speaker",
    "stft",
    "sum_dataset",
    "tone",
    "trace",
    "train",
    "vowel",
    "vowels",
    "weighted_sum",
    "white_noise",
    "write_wav",
]
__version__ = "0.1.0"
