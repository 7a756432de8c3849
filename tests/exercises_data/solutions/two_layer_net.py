import numpy as np


def init_params(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0, np.sqrt(2 / n_hidden), (n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def loss_and_grads(params, X, y):
    n = len(y)
    a = X @ params["W1"] + params["b1"]
    h = np.maximum(a, 0)
    z = h @ params["W2"] + params["b2"]
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(n), y]).mean()
    dz = p
    dz[np.arange(n), y] -= 1
    dz /= n
    dh = dz @ params["W2"].T
    da = dh * (a > 0)
    grads = {"W2": h.T @ dz, "b2": dz.sum(axis=0), "W1": X.T @ da, "b1": da.sum(axis=0)}
    return loss, grads
