from typing import Literal, TypedDict

Activation = Literal["step", "sigmoid", "tanh", "relu", "linear"]


class Layer(TypedDict):
    W: list[list[float]]  # weights, one row per output unit: shape (units × inputs)
    b: list[float]  # one bias per output unit
    activation: Activation


def forward(x: list[float], layers: list[Layer]) -> list[float]:
    """The network's output: the last layer's activations."""
    ...
