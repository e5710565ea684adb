import math

def sigmoid(v: float) -> float:
    # Written so that math.exp never sees a large positive number (it raises OverflowError).
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def affine(W, a, b):
    return [sum(w * aj for w, aj in zip(row, a)) + bias for row, bias in zip(W, b)]


def backprop(x, y, W1, b1, W2, b2):
    # Forward pass: z1 = W1·x + b1, h = σ(z1), z2 = W2·h + b2, ŷ = σ(z2).
    h = [sigmoid(v) for v in affine(W1, x, b1)]

    # TODO: finish the forward pass, then go backwards with the chain rule.
    dW1 = [[0.0 for _ in row] for row in W1]
    db1 = [0.0 for _ in b1]
    dW2 = [[0.0 for _ in row] for row in W2]
    db2 = [0.0 for _ in b2]
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
