import math


def softmax_cross_entropy(logits, target):
    # TODO: softmax probabilities (mind large logits), then the loss and its gradient.
    return {"loss": 0.0, "gradient": [0.0 for _ in logits]}
