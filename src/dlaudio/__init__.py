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
=========================  ==================================================
"""

from .activations import sigmoid, sigmoid_slope
from .backprop import Trace, trace
from .data import sum_dataset
from .gradcheck import gradient_check
from .loss import loss, mean_loss, mean_squared_error
from .network import MLP
from .neuron import neuron_output, weighted_sum
from .training import train

__all__ = [
    "MLP",
    "Trace",
    "gradient_check",
    "loss",
    "mean_loss",
    "mean_squared_error",
    "neuron_output",
    "sigmoid",
    "sigmoid_slope",
    "sum_dataset",
    "trace",
    "train",
    "weighted_sum",
]
__version__ = "0.1.0"
