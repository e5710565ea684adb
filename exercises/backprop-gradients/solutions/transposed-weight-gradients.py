import math

def sigmoid(v: float) -> float:
    # Written so that math.exp never sees a large positive number (it raises OverflowError).
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def affine(W, a, b):
    return [sum(w * aj for w, aj in zip(row, a)) + bias for row, bias in zip(W, b)]


def backprop(x, y, W1, b1, W2, b2):
    h = [sigmoid(v) for v in affine(W1, x, b1)]
    y_hat = [sigmoid(v) for v in affine(W2, h, b2)]

    # δ2 = ∂J/∂z2 = (ŷ − y) ∘ σ'(z2), with σ'(z2) = ŷ(1 − ŷ).
    delta2 = [(p - t) * p * (1 - p) for p, t in zip(y_hat, y)]
    delta1 = []
    for i, hi in enumerate(h):
        # δ1 = (W2ᵀ δ2) ∘ h(1 − h): hidden unit i collects Σ_k W2[k][i]·δ2[k].
        back = sum(W2[k][i] * d for k, d in enumerate(delta2))
        delta1.append(back * hi * (1 - hi))
    # Mistake: builds ∂J/∂W as a_prev·δᵀ (inputs × units).
    return {
        "dW1": [[d * xj for d in delta1] for xj in x],
        "db1": delta1,
        "dW2": [[d * hi for d in delta2] for hi in h],
        "db2": delta2,
    }
