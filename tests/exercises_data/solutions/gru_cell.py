import numpy as np


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def gru_step_forward(x, h, w_ih, w_hh, b_ih, b_hh):
    H = h.shape[1]
    gi = x @ w_ih.T + b_ih
    gh = h @ w_hh.T + b_hh
    r = sigmoid(gi[:, :H] + gh[:, :H])
    z = sigmoid(gi[:, H : 2 * H] + gh[:, H : 2 * H])
    hn = gh[:, 2 * H :]
    n = np.tanh(gi[:, 2 * H :] + r * hn)
    h_next = (1 - z) * n + z * h
    return h_next, (x, h, w_ih, w_hh, r, z, n, hn)


def gru_step_backward(dh_next, cache):
    x, h, w_ih, w_hh, r, z, n, hn = cache
    dn = dh_next * (1 - z)
    dz = dh_next * (h - n)
    da_n = dn * (1 - n**2)
    da_r = da_n * hn * r * (1 - r)
    da_z = dz * z * (1 - z)
    dgi = np.concatenate([da_r, da_z, da_n], axis=1)
    dgh = np.concatenate([da_r, da_z, da_n * r], axis=1)
    dh = dh_next * z + dgh @ w_hh
    return dgi @ w_ih, dh, dgi.T @ x, dgh.T @ h, dgi.sum(axis=0), dgh.sum(axis=0)
