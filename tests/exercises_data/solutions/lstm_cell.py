import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_step_forward(x, h, c, w_ih, w_hh, b):
    H = h.shape[1]
    a = x @ w_ih.T + h @ w_hh.T + b
    i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H : 2 * H]), np.tanh(a[:, 2 * H : 3 * H]), sigmoid(a[:, 3 * H :])
    c_next = f * c + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next, (x, h, c, w_ih, w_hh, i, f, g, o, c_next)


def lstm_step_backward(dh_next, dc_next, cache):
    x, h, c, w_ih, w_hh, i, f, g, o, c_next = cache
    tc = np.tanh(c_next)
    dc = dc_next + dh_next * o * (1 - tc**2)
    da = np.concatenate([
        dc * g * i * (1 - i),
        dc * c * f * (1 - f),
        dc * i * (1 - g**2),
        dh_next * tc * o * (1 - o),
    ], axis=1)
    return da @ w_ih, da @ w_hh, dc * f, da.T @ x, da.T @ h, da.sum(axis=0)
