def wcss(points: list[list[float]], centroids: list[list[float]], assignments: list[int]) -> float:
    """
    Within-cluster sum of squares: Σⱼ ‖points[j] − centroids[assignments[j]]‖², the k-means
    objective. Returns 0 when there are no points.
    """
    ...
