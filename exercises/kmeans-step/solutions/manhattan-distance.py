# Mistake: Manhattan distance instead of the squared Euclidean distance.
def distance(a, b):
    return sum(abs(ai - bi) for ai, bi in zip(a, b))


def kmeans_step(points, centroids):
    assignments = []
    for point in points:
        best = 0
        for c in range(1, len(centroids)):
            if distance(point, centroids[c]) < distance(point, centroids[best]):
                best = c
        assignments.append(best)
    updated = []
    for c, centroid in enumerate(centroids):
        members = [p for p, a in zip(points, assignments) if a == c]
        updated.append([sum(p[i] for p in members) / len(members) for i in range(len(centroid))] if members else list(centroid))
    return {"assignments": assignments, "centroids": updated}
