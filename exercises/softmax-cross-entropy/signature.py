from typing import TypedDict


class LossWithGradient(TypedDict):
    loss: float  # J = −log softmax(logits)[target]; never negative
    gradient: list[float]  # ∂J/∂logits, same length as logits


def softmax_cross_entropy(logits: list[float], target: int) -> LossWithGradient:
    """
    Cross-entropy of softmax(logits) against the true class `target` (0-based index), and its
    gradient with respect to the logits. Logits can be very large or very negative, and more
    than 800 apart.
    """
    ...
