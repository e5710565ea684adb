def linear(layer, inputs):
    return [sum(w * v for w, v in zip(row, inputs)) + bias for row, bias in zip(layer["W"], layer["b"])]


def reconstruct(x, encoder, decoder):
    code = linear(encoder, x)
    reconstruction = linear(decoder, code)
    loss = sum((v - xi) * (v - xi) for v, xi in zip(reconstruction, x))
    return {"code": code, "reconstruction": reconstruction, "loss": loss}
