import numpy as np


def softmax_loss_grad(X, y, W, b):
    n = len(y)
    z = X @ W + b
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(n), y]).mean()
    dz = p.copy()
    dz[np.arange(n), y] -= 1
    dz /= n
    return loss, X.T @ dz, dz.sum(axis=0)
