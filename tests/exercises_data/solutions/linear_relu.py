import numpy as np


def linear_forward(x, w, b):
    return x @ w.T + b


def linear_backward(dout, x, w):
    dx = dout @ w
    dw = dout.T @ x
    db = dout.sum(axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(x, 0)


def relu_backward(dout, x):
    return dout * (x > 0)
