"""The numpy RNN and its backpropagation through time agree with torch.nn.RNN to 1e-10 (float64)."""

import numpy as np
import torch

from lectureref.backprop import relative_errors
from lectureref.claims import claim, reproducible
from lectureref.nn.rnn import init_rnn, rnn_backward, rnn_forward, to_torch_rnn


def main() -> None:
    T, N, D, H = 12, 3, 5, 7
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    x, h0 = rng.standard_normal((T, N, D)), rng.standard_normal((N, H))
    dout = rng.standard_normal((T, N, H))          # ∂L/∂h_t for every step: L = Σ dout·h
    # --8<-- [start:main]
    p = init_rnn(D, H, seed=seed)
    out, cache = rnn_forward(x, h0, p)
    grads = rnn_backward(dout, cache)

    rnn = to_torch_rnn(p, device=torch.device("cpu"))     # the same weights in nn.RNN
    xt = torch.tensor(x, requires_grad=True)
    h0t = torch.tensor(h0[None], requires_grad=True)       # torch wants (layers, N, H)
    out_t, _ = rnn(xt, h0t)
    out_t.backward(torch.tensor(dout))
    pairs = {
        "h": (out, out_t), "dx": (grads.dx, xt.grad), "dh0": (grads.dh0, h0t.grad[0]),
        "dW_ih": (grads.dw_ih, rnn.weight_ih_l0.grad), "dW_hh": (grads.dw_hh, rnn.weight_hh_l0.grad),
        "db_ih": (grads.db_ih, rnn.bias_ih_l0.grad), "db_hh": (grads.db_hh, rnn.bias_hh_l0.grad),
    }
    errors = relative_errors(pairs)
    claim("max relative error", max(errors.values()), "<", 1e-10)   # the page claims: agreement to 1e-10
    # --8<-- [end:main]


if __name__ == "__main__":
    main()
