from typing import TypedDict


class Gradients(TypedDict):
    """The partial derivatives of f = (x + y)·z at one point."""

    dx: float  # ∂f/∂x
    dy: float  # ∂f/∂y
    dz: float  # ∂f/∂z


def gradients(x: float, y: float, z: float) -> Gradients:
    """The gradient of f(x, y, z) = (x + y)·z at (x, y, z), by the chain rule through q = x + y."""
    ...
