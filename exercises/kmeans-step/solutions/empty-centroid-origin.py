def squared_distance(a, b):
    return sum((ai - bi) * (ai - bi) for ai, bi in zip(a, b))


def nearest(point, centroids):
    best = 0
    for c in range(1, len(centroids)):
        if squared_distance(point, centroids[c]) < squared_distance(point, centroids[best]):
            best = c
    return best


def cluster_sums(points, centroids, assignments):
    sums = [[0.0] * len(c) for c in centroids]
    counts = [0] * len(centroids)
    for point, c in zip(points, assignments):
        counts[c] += 1
        for i, v in enumerate(point):
            sums[c][i] += v
    return sums, counts


def kmeans_step(points, centroids):
    assignments = [nearest(point, centroids) for point in points]
    sums, counts = cluster_sums(points, centroids, assignments)
    # Mistake: an empty cluster keeps its zero sum instead of its old position.
    updated = [total if counts[c] == 0 else [s / counts[c] for s in total] for c, total in enumerate(sums)]
    return {"assignments": assignments, "centroids": updated}
