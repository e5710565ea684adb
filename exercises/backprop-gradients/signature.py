from typing import TypedDict


class Gradients(TypedDict):
    """∂J/∂θ for every parameter θ, each with the shape of θ."""

    dW1: list[list[float]]  # one row per hidden unit, one column per input (hidden × inputs)
    db1: list[float]  # one entry per hidden unit
    dW2: list[list[float]]  # one row per output unit, one column per hidden unit (outputs × hidden)
    db2: list[float]  # one entry per output unit


def backprop(
    x: list[float],  # the input (n entries)
    y: list[float],  # the target (p entries)
    W1: list[list[float]],  # hidden weights, one row per hidden unit (m × n)
    b1: list[float],  # hidden biases (m entries)
    W2: list[list[float]],  # output weights, one row per output unit (p × m)
    b2: list[float],  # output biases (p entries)
) -> Gradients:
    """Gradients of J = ½ Σ (ŷ − y)² for h = σ(W1·x + b1), ŷ = σ(W2·h + b2)."""
    ...
