from typing import TypedDict


class KMeansStepResult(TypedDict):
    assignments: list[int]  # assignments[j] is the index of the centroid point j is assigned to (0 … k − 1)
    centroids: list[list[float]]  # the k centroids after the update step, in the input order


def kmeans_step(points: list[list[float]], centroids: list[list[float]]) -> KMeansStepResult:
    """
    One k-means iteration: assign every point to its nearest centroid by squared Euclidean
    distance (ties go to the lowest index), then move each centroid to the mean of its points
    (a centroid with no points stays where it was).
    """
    ...
