import math


def softmax_cross_entropy(logits, target):
    # Shifting by the largest logit keeps every exponent ≤ 0, so the sum lies in [1, K].
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    # J = log Σ e^z − z_t, never log p_t: p_t can underflow to 0 when z_t is far below the max.
    loss = math.log(total) + top - logits[target]
    gradient = [e / total - 1 if i == target else e / total for i, e in enumerate(exps)]
    return {"loss": loss, "gradient": gradient}
