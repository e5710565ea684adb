import math


def step(v):
    return 1.0 if v >= 0 else 0.0


def sigmoid(v: float) -> float:
    # Written so that math.exp never sees a large positive number (it raises OverflowError).
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


ACTIVATIONS = {
    "step": step,
    "sigmoid": sigmoid,
    "tanh": math.tanh,
    "relu": lambda v: max(0.0, v),
    "linear": lambda v: v,
}


def forward(x, layers):
    a = x
    for layer in layers:
        g = ACTIVATIONS[layer["activation"]]
        # Mistake: the bias is never added.
        a = [g(sum(w * aj for w, aj in zip(row, a))) for row in layer["W"]]
    return a
