import math


def activate(z, name):
    # TODO: compute g(v) and g'(v) for each entry v of z, for the activation `name`.
    return {"value": [0.0 for v in z], "derivative": [0.0 for v in z]}
