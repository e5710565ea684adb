def forward(x, layers):
    a = x
    for layer in layers:
        # Mistake: never applies the layer's activation.
        a = [sum(w * aj for w, aj in zip(row, a)) + bias for row, bias in zip(layer["W"], layer["b"])]
    return a
