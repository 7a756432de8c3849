"""The numpy LSTM and its BPTT agree with torch.nn.LSTM to 1e-10 (float64), cell state included."""

import numpy as np
import torch

from lectureref.backprop import relative_errors
from lectureref.claims import claim, reproducible
from lectureref.nn.lstm import init_lstm, lstm_backward, lstm_forward, to_torch_lstm


def main() -> None:
    T, N, D, H = 10, 3, 4, 6
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    x, h0, c0 = rng.standard_normal((T, N, D)), rng.standard_normal((N, H)), rng.standard_normal((N, H))
    dout, dc_last = rng.standard_normal((T, N, H)), rng.standard_normal((N, H))   # L = Σ dout·h + dc·c_T
    # --8<-- [start:main]
    p = init_lstm(D, H, seed=seed + 1)
    out, cache = lstm_forward(x, h0, c0, p)
    grads = lstm_backward(dout, cache, dc_last)

    lstm = to_torch_lstm(p, device=torch.device("cpu"))    # the same weights in nn.LSTM
    xt, h0t, c0t = (torch.tensor(a, requires_grad=True) for a in (x, h0[None], c0[None]))
    out_t, (h_n, c_n) = lstm(xt, (h0t, c0t))
    torch.autograd.backward([out_t, c_n[0]], [torch.tensor(dout), torch.tensor(dc_last)])
    pairs = {
        "h": (out, out_t), "dx": (grads.dx, xt.grad), "dh0": (grads.dh0, h0t.grad[0]), "dc0": (grads.dc0, c0t.grad[0]),
        "dW_ih": (grads.dw_ih, lstm.weight_ih_l0.grad), "dW_hh": (grads.dw_hh, lstm.weight_hh_l0.grad),
        "db_ih": (grads.db_ih, lstm.bias_ih_l0.grad), "db_hh": (grads.db_hh, lstm.bias_hh_l0.grad),
    }
    errors = relative_errors(pairs)
    claim("max relative error", max(errors.values()), "<", 1e-10)   # the page claims: agreement to 1e-10
    # --8<-- [end:main]
    assert np.allclose(c_n[0].detach().numpy(), cache.c[-1]) and np.allclose(h_n[0].detach().numpy(), out[-1])


if __name__ == "__main__":
    main()
