"""The numpy GRU and its BPTT agree with torch.nn.GRU to 1e-10 (float64): outputs and every gradient."""

import numpy as np
import torch

from lectureref.backprop import relative_errors
from lectureref.claims import claim, reproducible
from lectureref.gru import gru_backward, gru_forward, init_gru, to_torch_gru


def main() -> None:
    T, N, D, H = 10, 3, 4, 6
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    x, h0, dout = rng.standard_normal((T, N, D)), rng.standard_normal((N, H)), rng.standard_normal((T, N, H))
    # --8<-- [start:main]
    p = init_gru(D, H, seed=seed + 1)
    out, caches = gru_forward(x, h0, p)
    grads = gru_backward(dout, caches)                    # L = Σ_t dout_t · h_t

    gru = to_torch_gru(p, device=torch.device("cpu"))      # the same weights in nn.GRU
    xt, h0t = (torch.tensor(a, requires_grad=True) for a in (x, h0[None]))
    out_t, h_n = gru(xt, h0t)
    out_t.backward(torch.tensor(dout))
    pairs = {
        "h": (out, out_t), "dx": (grads.dx, xt.grad), "dh0": (grads.dh0, h0t.grad[0]),
        "dW_ih": (grads.dw_ih, gru.weight_ih_l0.grad), "dW_hh": (grads.dw_hh, gru.weight_hh_l0.grad),
        "db_ih": (grads.db_ih, gru.bias_ih_l0.grad), "db_hh": (grads.db_hh, gru.bias_hh_l0.grad),
    }
    errors = relative_errors(pairs)
    claim("max relative error", max(errors.values()), "<", 1e-10)   # the page claims: agreement to 1e-10
    # --8<-- [end:main]
    assert np.allclose(h_n[0].detach().numpy(), out[-1])


if __name__ == "__main__":
    main()
