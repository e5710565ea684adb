import math


def forward(x, layers):
    a = x
    for layer in layers:
        W, b, activation = layer["W"], layer["b"], layer["activation"]
        # TODO: a = activation(W·a + b)
    return a
