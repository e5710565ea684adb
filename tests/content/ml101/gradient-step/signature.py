def gradient_step(X: list[list[float]], y: list[float], w: list[float], learning_rate: float) -> list[float]:
    """
    One step of gradient descent on L(w) = (1/n) Σᵢ (xᵢ·w − yᵢ)².
    X has one row per point; returns w − learning_rate · ∇L(w) (a new list).
    """
    ...
