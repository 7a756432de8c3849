"""Backward through Linear → ReLU → Linear → softmax cross-entropy, by hand, checked against autograd."""

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.activations import relu_backward, relu_forward
from lectureref.nn.layers import linear_backward, linear_forward
from lectureref.nn.losses import softmax_cross_entropy


def main() -> None:
    # --8<-- [start:forward]
    x = np.array([[1.0, 2.0]])                               # one example, 2 features
    y = np.array([0])                                        # its class
    w1, b1 = np.array([[1.0, 0.0], [-1.0, 1.0], [0.0, -1.0]]), np.zeros(3)
    w2, b2 = np.array([[1.0, -1.0, 2.0], [0.0, 1.0, 1.0]]), np.zeros(2)
    f, c1 = linear_forward(x, w1, b1)                        # f = [1, 1, −2]
    g, c2 = relu_forward(f)                                  # g = [1, 1, 0]
    h, c3 = linear_forward(g, w2, b2)                        # h = [0, 1]: the logits
    loss, dh = softmax_cross_entropy(h, y)                   # −log σ(−1) = 1.3133; dh = p − onehot
    # --8<-- [end:forward]
    # --8<-- [start:backward]
    dg, dw2, db2 = linear_backward(dh, c3)                   # dg = dh W2,  dW2 = dhᵀ g
    df = relu_backward(dg, c2)                               # zero where f ≤ 0
    dx, dw1, db1 = linear_backward(df, c1)                   # dx = df W1,  dW1 = dfᵀ x
    # --8<-- [end:backward]
    a = 1 / (1 + np.exp(-1.0))                               # σ(1) = 0.7311: every gradient is a multiple of it
    print(f"loss {loss:.4f}, a = {a:.4f}")
    print("dW2 / a =", dw2 / a, "\ndW1 / a =", dw1 / a, "\ndx / a =", dx / a)
    # The page claims these numbers, worked out by hand:
    assert np.isclose(loss, np.log(1 + np.e))                # −log(1 / (1 + e))
    np.testing.assert_allclose(dh, a * np.array([[-1, 1]]))
    np.testing.assert_allclose(dw2, a * np.array([[-1, -1, 0], [1, 1, 0]]))
    np.testing.assert_allclose(dg, a * np.array([[-1, 2, -1]]))
    np.testing.assert_allclose(df, a * np.array([[-1, 2, 0]]))
    np.testing.assert_allclose(dw1, a * np.array([[-1, -2], [2, 4], [0, 0]]))
    np.testing.assert_allclose(dx, a * np.array([[-3, 2]]))
    # …and autograd agrees on every gradient
    t = {k: torch.tensor(v, requires_grad=True) for k, v in dict(x=x, w1=w1, b1=b1, w2=w2, b2=b2).items()}
    F.cross_entropy(F.relu(t["x"] @ t["w1"].T + t["b1"]) @ t["w2"].T + t["b2"], torch.tensor(y)).backward()
    for name, ours in dict(x=dx, w1=dw1, b1=db1, w2=dw2, b2=db2).items():
        np.testing.assert_allclose(ours, t[name].grad.numpy(), rtol=1e-12, atol=1e-15)


if __name__ == "__main__":
    main()
