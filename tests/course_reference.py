"""The original course's network, in the original course's code style: the reference.

One sample at a time as 1-D vectors, ``np.dot``, a sigmoid per layer, and the
course's names (``forward_propagate``, ``back_propagate``,
``gradient_descent``, ``derivatives``, ``learning_rate``,
``_sigmoid_derivative``). dlaudio is held to it by the tests, and the
benchmark (``benchmarks/bench_training.py``, which puts ``tests/`` on
``sys.path``) times it as the per-sample baseline. It is written
independently of dlaudio on purpose: it imports nothing from it.

The one change from the course: the weights are given, not drawn with
``np.random.rand``, so the reference and dlaudio can start from the same ones.
"""

from __future__ import annotations

import numpy as np


class CourseMLP:
    def __init__(self, weights):
        self.weights = [np.array(w, dtype=float) for w in weights]  # copies
        self.activations = [None] * (len(self.weights) + 1)
        self.derivatives = [np.zeros_like(w) for w in self.weights]

    def forward_propagate(self, inputs):
        activations = inputs
        self.activations[0] = activations
        for i, w in enumerate(self.weights):
            net_inputs = np.dot(activations, w)
            activations = self._sigmoid(net_inputs)
            self.activations[i + 1] = activations
        return activations

    def back_propagate(self, error):
        for i in reversed(range(len(self.derivatives))):
            activations = self.activations[i + 1]
            delta = error * self._sigmoid_derivative(activations)
            delta_re = delta.reshape(delta.shape[0], -1).T
            current_activations = self.activations[i]
            current_activations = current_activations.reshape(current_activations.shape[0], -1)
            self.derivatives[i] = np.dot(current_activations, delta_re)
            error = np.dot(delta, self.weights[i].T)

    def gradient_descent(self, learning_rate):
        for i in range(len(self.weights)):
            self.weights[i] += self.derivatives[i] * learning_rate

    def train_epoch(self, inputs, targets, learning_rate):
        """One epoch, sample by sample; returns the course's report, the mean of ``_mse``."""
        sum_errors = 0.0
        for j, input in enumerate(inputs):
            target = targets[j]
            output = self.forward_propagate(input)
            error = target - output
            self.back_propagate(error)
            self.gradient_descent(learning_rate)
            sum_errors += self._mse(target, output)
        return sum_errors / len(inputs)

    def _sigmoid(self, x):
        return 1.0 / (1 + np.exp(-x))

    def _sigmoid_derivative(self, x):
        return x * (1.0 - x)

    def _mse(self, target, output):
        return np.average((target - output) ** 2)
