import math

# λ from the statement; the checker fills in each seed's value.
LAMBDA = 0.1  # {{lambda}}

def sigmoid(v: float) -> float:
    # Written so that math.exp never sees a large positive number (it raises OverflowError).
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def logistic_regression_step(X, y, w, b, learning_rate):
    m = len(X)
    dw = [LAMBDA * wi for wi in w]
    db = 0.0
    for x, label in zip(X, y):
        z = b + sum(wi * xi for wi, xi in zip(w, x))
        error = sigmoid(z) - label
        for i, xi in enumerate(x):
            dw[i] += error * xi / m
        db += error / m
    return {"w": [wi - learning_rate * g for wi, g in zip(w, dw)], "b": b - learning_rate * db}
