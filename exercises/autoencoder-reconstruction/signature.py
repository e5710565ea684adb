from typing import TypedDict


class LinearLayer(TypedDict):
    """A dense layer with a linear activation: W has one row per output unit."""

    W: list[list[float]]
    b: list[float]


class Reconstruction(TypedDict):
    code: list[float]  # z = W_e·x + b_e (k numbers)
    reconstruction: list[float]  # x̂ = W_d·z + b_d (same length as x)
    loss: float  # ε = (x̂ − x)ᵀ(x̂ − x): the sum of squared differences, no ½, no averaging


def reconstruct(x: list[float], encoder: LinearLayer, decoder: LinearLayer) -> Reconstruction:
    """Encodes x, decodes the code, and measures the reconstruction loss."""
    ...
