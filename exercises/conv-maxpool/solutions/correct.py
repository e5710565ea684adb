def convolve(image, kernel):
    kh, kw = len(kernel), len(kernel[0])
    rows, cols = len(image) - kh + 1, len(image[0]) - kw + 1
    feature_map = []
    for i in range(rows):
        row = []
        for j in range(cols):
            total = 0.0
            for u in range(kh):
                for v in range(kw):
                    total += image[i + u][j + v] * kernel[u][v]
            row.append(total)
        feature_map.append(row)
    return feature_map


def max_pool(feature_map, p):
    rows, cols = len(feature_map) // p, len(feature_map[0]) // p
    return [
        [max(feature_map[r * p + u][s * p + v] for u in range(p) for v in range(p)) for s in range(cols)]
        for r in range(rows)
    ]


def conv_max_pool(image, kernel, pool_size):
    return max_pool(convolve(image, kernel), pool_size)
