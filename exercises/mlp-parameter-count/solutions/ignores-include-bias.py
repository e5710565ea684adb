# Mistake: never adds the biases, whatever include_bias says.
def count_parameters(layer_sizes, include_bias):
    total = 0
    for l in range(1, len(layer_sizes)):
        total += layer_sizes[l - 1] * layer_sizes[l]
    return total
