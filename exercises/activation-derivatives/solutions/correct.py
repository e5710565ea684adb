import math

def sigmoid(v: float) -> float:
    # Written so that math.exp never sees a large positive number (it raises OverflowError).
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def tanh_derivative(v):
    return 1.0 - math.tanh(v) ** 2


ACTIVATIONS = {
    "step": (lambda v: 1.0 if v >= 0 else 0.0, lambda v: 0.0),
    "sigmoid": (sigmoid, lambda v: sigmoid(v) * (1.0 - sigmoid(v))),
    "tanh": (math.tanh, tanh_derivative),
    "relu": (lambda v: max(0.0, v), lambda v: 1.0 if v > 0 else 0.0),
    "linear": (lambda v: v, lambda v: 1.0),
}


def activate(z, name):
    value, derivative = ACTIVATIONS[name]
    return {"value": [value(v) for v in z], "derivative": [derivative(v) for v in z]}
