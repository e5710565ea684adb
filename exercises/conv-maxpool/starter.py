def conv_max_pool(image, kernel, pool_size):
    # TODO 1: the feature map, (H − kh + 1) × (W − kw + 1):
    # feature_map[i][j] = Σ image[i + u][j + v] · kernel[u][v].
    feature_map = []

    # TODO 2: max pooling over non-overlapping pool_size × pool_size windows (drop windows that overhang).
    pooled = []

    return pooled
