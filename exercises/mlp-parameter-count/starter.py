# layer_sizes: input width, hidden widths..., output width, e.g. [784, 256, 128, 10].
def count_parameters(layer_sizes, include_bias):
    total = 0
    # TODO: add the parameters between each pair of consecutive layers.
    return total
