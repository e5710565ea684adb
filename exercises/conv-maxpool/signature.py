def conv_max_pool(image: list[list[float]], kernel: list[list[float]], pool_size: int) -> list[list[float]]:
    """
    "Valid" 2-D convolution with stride 1, as CNNs compute it (the filter is not flipped),
    followed by max pooling over non-overlapping pool_size × pool_size windows (windows that
    would overhang the edge are dropped).

    image: H × W matrix, one list per row.
    kernel: kh × kw filter (kh ≤ H, kw ≤ W), one list per row.
    pool_size: side p of the pooling windows, which also move by p.
    Returns a ⌊(H − kh + 1) / p⌋ × ⌊(W − kw + 1) / p⌋ matrix.
    """
    ...
