def cosine_similarity(a: list[float], b: list[float]) -> float:
    """
    Cosine of the angle between a and b: a·b / (‖a‖‖b‖), between −1 and 1.
    Returns 0 when either vector is all zeros. Entries are 0 or between 1e-101 and 1e101 in
    absolute value.
    """
    ...
