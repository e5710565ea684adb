def count_parameters(layer_sizes, include_bias):
    total = 0
    # Mistake: off by one, the weights into the output layer are never counted.
    for l in range(1, len(layer_sizes) - 1):
        total += layer_sizes[l - 1] * layer_sizes[l]
        if include_bias:
            total += layer_sizes[l]
    return total
