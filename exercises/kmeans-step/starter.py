def kmeans_step(points, centroids):
    # TODO 1: assign each point to the nearest centroid (squared Euclidean distance, ties → lowest index).
    assignments = [0 for _ in points]

    # TODO 2: move each centroid to the mean of its points (a centroid with no points stays put).
    updated = [list(c) for c in centroids]

    return {"assignments": assignments, "centroids": updated}
