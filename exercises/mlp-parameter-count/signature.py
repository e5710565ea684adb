def count_parameters(layer_sizes: list[int], include_bias: bool) -> int:
    """
    The number of trainable parameters of a fully connected network.

    layer_sizes: the widths of the layers, input first, then each hidden layer, then the
        output (positive integers, at least one entry).
    include_bias: whether every non-input unit also has a bias.
    """
    ...
