def gradient_step(X, y, w, learning_rate):
    n = len(X)
    gradient = [0.0] * len(w)
    for x, target in zip(X, y):
        residual = sum(xj * wj for xj, wj in zip(x, w)) - target
        for j in range(len(w)):
            gradient[j] += (2 / n) * residual * x[j]
    return [wj - learning_rate * gj for wj, gj in zip(w, gradient)]
