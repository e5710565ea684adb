def gradients(x, y, z):
    q = x + y
    dfdq = z  # f = q·z
    dfdz = q
    return {"dx": dfdq * 1, "dy": dfdq * 1, "dz": dfdz}
