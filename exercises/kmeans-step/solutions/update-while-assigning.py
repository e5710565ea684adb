def squared_distance(a, b):
    return sum((ai - bi) * (ai - bi) for ai, bi in zip(a, b))


# Mistake: moves a centroid (running mean) as soon as a point joins it,
# so later points are compared with centroids that have already moved.
def kmeans_step(points, centroids):
    current = [list(c) for c in centroids]
    counts = [0] * len(centroids)
    assignments = []
    for point in points:
        best = 0
        for c in range(1, len(current)):
            if squared_distance(point, current[c]) < squared_distance(point, current[best]):
                best = c
        assignments.append(best)
        counts[best] += 1
        current[best] = [v + (p - v) / counts[best] for v, p in zip(current[best], point)]
    return {"assignments": assignments, "centroids": current}
