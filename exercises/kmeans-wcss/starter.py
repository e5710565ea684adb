def wcss(points, centroids, assignments):
    total = 0.0
    # TODO: for every point j, add its squared Euclidean distance to centroids[assignments[j]].
    return total
