import numpy as np


def triplet_loss(a, p, n, margin):
    d_ap = np.linalg.norm(a - p, axis=1)
    d_an = np.linalg.norm(a - n, axis=1)
    hinge = d_ap - d_an + margin
    loss = np.maximum(hinge, 0).mean()
    scale = (hinge > 0) / len(a)
    g_ap = (a - p) / d_ap[:, None] * scale[:, None]
    g_an = (a - n) / d_an[:, None] * scale[:, None]
    return loss, g_ap - g_an, -g_ap, g_an
