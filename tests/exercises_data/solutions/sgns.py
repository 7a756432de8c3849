import numpy as np


def log_sigmoid(x):
    return -np.logaddexp(0, -x)


def sgns_loss_grad(v, u_pos, u_neg):
    b = len(v)
    pos = (v * u_pos).sum(axis=1)
    neg = np.einsum("bd,bkd->bk", v, u_neg)
    loss = -(log_sigmoid(pos) + log_sigmoid(-neg).sum(axis=1)).mean()
    g_pos = (np.exp(log_sigmoid(pos)) - 1) / b
    g_neg = np.exp(log_sigmoid(neg)) / b
    dv = g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg)
    return loss, dv, g_pos[:, None] * v, g_neg[:, :, None] * v[:, None, :]
