"""dlaudio: deep learning for audio, built from the artificial neuron up, in numpy.

Chapter 01, one neuron with the :mod:`math` module, lives in
:mod:`dlaudio.neuron`; the array versions of the sigmoid and its slope that the
networks use live in :mod:`dlaudio.activations`.
"""

from .activations import sigmoid, sigmoid_slope
from .neuron import neuron_output, weighted_sum

__all__ = ["neuron_output", "sigmoid", "sigmoid_slope", "weighted_sum"]
__version__ = "0.1.0"
