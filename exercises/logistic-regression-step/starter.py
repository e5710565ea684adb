import math

# TODO: copy λ from your statement.
LAMBDA = 0.0


def logistic_regression_step(X, y, w, b, learning_rate):
    # TODO: compute ∂J/∂w and ∂J/∂b at (w, b), then take one gradient-descent step.
    return {"w": list(w), "b": b}
