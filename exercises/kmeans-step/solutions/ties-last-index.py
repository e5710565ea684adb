def squared_distance(a, b):
    return sum((ai - bi) * (ai - bi) for ai, bi in zip(a, b))


def kmeans_step(points, centroids):
    assignments = []
    for point in points:
        best, best_distance = 0, float("inf")
        for c, centroid in enumerate(centroids):
            d = squared_distance(point, centroid)
            # Mistake: `<=` lets a later, equally close centroid take the point.
            if d <= best_distance:
                best, best_distance = c, d
        assignments.append(best)
    updated = []
    for c, centroid in enumerate(centroids):
        members = [p for p, a in zip(points, assignments) if a == c]
        updated.append([sum(p[i] for p in members) / len(members) for i in range(len(centroid))] if members else list(centroid))
    return {"assignments": assignments, "centroids": updated}
