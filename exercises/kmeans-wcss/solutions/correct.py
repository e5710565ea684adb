def wcss(points, centroids, assignments):
    total = 0.0
    for point, c in zip(points, assignments):
        centroid = centroids[c]
        for p, m in zip(point, centroid):
            total += (p - m) * (p - m)
    return total
