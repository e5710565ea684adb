# Mistake: always adds the biases, whatever include_bias says.
def count_parameters(layer_sizes, include_bias):
    total = 0
    for inputs, units in zip(layer_sizes, layer_sizes[1:]):
        total += inputs * units + units
    return total
