from typing import Literal, TypedDict

ActivationName = Literal["step", "sigmoid", "tanh", "relu", "linear"]


class ActivationResult(TypedDict):
    value: list[float]  # g(z), entry by entry; same length as z
    derivative: list[float]  # g'(z), entry by entry; step'(z) = 0 and relu'(0) = 0


def activate(z: list[float], name: ActivationName) -> ActivationResult:
    """Applies the named activation to each entry of z, with its derivative; |z| can be in the hundreds."""
    ...
