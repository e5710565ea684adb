from typing import TypedDict


class Parameters(TypedDict):
    w: list[float]  # the new weights, one per feature
    b: float  # the new bias


def logistic_regression_step(X: list[list[float]], y: list[int], w: list[float], b: float, learning_rate: float) -> Parameters:
    """
    One gradient-descent step on the mean binary cross-entropy of logistic regression plus
    (λ/2)‖w‖², with λ as given in your statement (the bias is not regularised).
    X has one row per example (m × n); y holds m labels, each 0 or 1.
    """
    ...
