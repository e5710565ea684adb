# Mistake: counts the units (neurons) instead of the connections between them.
def count_parameters(layer_sizes, include_bias):
    return sum(layer_sizes)
