def squared_distance(a, b):
    return sum((ai - bi) * (ai - bi) for ai, bi in zip(a, b))


def nearest(point, centroids):
    best = 0
    for c in range(1, len(centroids)):
        if squared_distance(point, centroids[c]) < squared_distance(point, centroids[best]):
            best = c
    return best


def kmeans_step(points, centroids):
    assignments = [nearest(point, centroids) for point in points]
    updated = []
    for c, centroid in enumerate(centroids):
        members = [p for p, a in zip(points, assignments) if a == c]
        if not members:
            updated.append(list(centroid))
        else:
            updated.append([sum(p[i] for p in members) / len(members) for i in range(len(centroid))])
    return {"assignments": assignments, "centroids": updated}
