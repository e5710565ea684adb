import math


def cosine_similarity(a, b):
    # TODO: a·b / (‖a‖‖b‖), and 0 when a or b is all zeros.
    return 0.0
