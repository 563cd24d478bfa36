"""dlaudio: deep learning for audio, built from the artificial neuron up, in numpy.

=========================  ==================================================
``dlaudio.neuron``         chapter 01: one neuron with the ``math`` module
``dlaudio.activations``    the sigmoid and its slope for arrays
``dlaudio.network``        chapter 02: the multilayer perceptron
``dlaudio.backprop``       chapter 02-1: forward and backward passes, trace
``dlaudio.loss``           the loss training minimises
``dlaudio.training``       gradient descent in mini-batches
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
=========================  ==================================================
"""

from .activations import sigmoid, sigmoid_slope
from .backprop import Trace, trace
from .cepstrum import mfcc
from .data import sum_dataset
from .dct import dct_matrix
from .decibels import amplitude_to_db, power_to_db
from .fourier import dft, dft_matrix, fft_frequencies
from .gradcheck import gradient_check
from .loss import loss, mean_loss, mean_squared_error
from .mel import (
    EmptyMelFilterWarning, hz_to_mel, mel_filterbank, mel_frequencies, mel_to_hz, melspectrogram,
)
from .network import MLP
from .neuron import neuron_output, weighted_sum
from .signals import chirp, pulse_train, tone, white_noise
from .spectrogram import frame, hann, power_spectrogram, stft
from .training import train
from .wav import read_wav, write_wav

__all__ = [
    "EmptyMelFilterWarning",
    "MLP",
    "Trace",
    "amplitude_to_db",
    "chirp",
    "dct_matrix",
    "dft",
    "dft_matrix",
    "fft_frequencies",
    "frame",
    "gradient_check",
    "hann",
    "hz_to_mel",
    "loss",
    "mean_loss",
    "mean_squared_error",
    "mel_filterbank",
    "mel_frequencies",
    "mel_to_hz",
    "melspectrogram",
    "mfcc",
    "neuron_output",
    "power_spectrogram",
    "power_to_db",
    "pulse_train",
    "read_wav",
    "sigmoid",
    "sigmoid_slope",
    "stft",
    "sum_dataset",
    "tone",
    "trace",
    "train",
    "weighted_sum",
    "white_noise",
    "write_wav",
]
__version__ = "0.1.0"
