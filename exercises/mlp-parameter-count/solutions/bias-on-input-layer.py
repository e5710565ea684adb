def count_parameters(layer_sizes, include_bias):
    total = 0
    for inputs, units in zip(layer_sizes, layer_sizes[1:]):
        total += inputs * units
    # Mistake: one bias for every unit, the inputs included.
    if include_bias:
        total += sum(layer_sizes)
    return total
