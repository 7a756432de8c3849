"""numpy im2col convolution vs F.conv2d: the same output and the same three gradients."""

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.claims import claim, reproducible
from lectureref.nn.convolution import conv2d_backward, conv2d_forward, out_size


def main() -> None:
    rng = np.random.default_rng(reproducible(0))
    x = rng.standard_normal((4, 3, 11, 11))           # float64: agreement to ~1e-13
    w = rng.standard_normal((8, 3, 3, 3))
    b = rng.standard_normal(8)
    # --8<-- [start:main]
    out, cache = conv2d_forward(x, w, b, stride=2, padding=1)
    dout = rng.standard_normal(out.shape)               # some upstream gradient ∂L/∂out
    dx, dw, db = conv2d_backward(dout, cache)

    xt, wt, bt = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    out_t = F.conv2d(xt, wt, bt, stride=2, padding=1)
    out_t.backward(torch.tensor(dout))                  # autograd: the reference gradients
    # --8<-- [end:main]
    print("out", out.shape, "= (4, 8, 6, 6): (11 + 2·1 − 3) // 2 + 1 =", out_size(11, 3, 2, 1))
    errors = {name: float(np.abs(a - t.numpy()).max())
              for name, a, t in [("out", out, out_t.detach()), ("dx", dx, xt.grad), ("dw", dw, wt.grad), ("db", db, bt.grad)]}
    print({k: f"{v:.1e}" for k, v in errors.items()})
    # The page claims: output (4, 8, 6, 6); numpy and torch agree to 1e-12 on out, dx, dw and db.
    assert out.shape == (4, 8, 6, 6) and out_size(11, 3, 2, 1) == 6
    claim("max |numpy − torch| over out, dx, dw, db", max(errors.values()), "<", 1e-12)


if __name__ == "__main__":
    main()
