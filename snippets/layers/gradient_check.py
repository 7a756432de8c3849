"""The layer interface in use: forward, backward, and a gradient check of both against torch."""

import numpy as np
import torch

from lectureref.backprop import check_gradient, relative_error
from lectureref.claims import claim, reproducible
from lectureref.nn.layers import Linear


def main() -> None:
    rng = np.random.default_rng(reproducible(0))
    # --8<-- [start:main]
    layer = Linear(4, 3, rng, dtype=np.float64)              # float64 for gradient checks
    x = rng.standard_normal((5, 4))
    out = layer.forward(x)                                   # (5, 3); keeps x for backward
    dout = rng.standard_normal(out.shape)                    # ∂L/∂out from the layer above
    dx = layer.backward(dout)                                # (5, 4); fills layer.grads
    print({name: g.shape for name, g in layer.grads.items()})

    err_x = check_gradient(lambda v: layer.forward(v), x, dx, dout)
    err_w = check_gradient(lambda _: layer.forward(x), layer.params["w"], layer.grads["w"], dout)
    # --8<-- [end:main]
    # --8<-- [start:vs_torch]
    xt = torch.tensor(x, requires_grad=True)
    layer.to_torch()(xt).backward(torch.tensor(dout))        # nn.Linear with the same weights
    err_torch = relative_error(dx, xt.grad.numpy())
    print(f"relative error: dx {err_x:.1e}, dW {err_w:.1e}, torch {err_torch:.1e}")
    # --8<-- [end:vs_torch]
    # --8<-- [start:torch]
    linear = torch.nn.Linear(4, 3, dtype=torch.float64)
    xt = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
    ok = torch.autograd.gradcheck(linear, (xt,))           # torch's own central-difference check
    # --8<-- [end:torch]
    # The page claims: both checks ~1e-10 or better, far below the 1e-6 threshold; gradcheck passes.
    claim("numeric check: relative error of dx, dW", max(err_x, err_w), "<", 1e-8)
    claim("relative error vs torch", err_torch, "<", 1e-12)
    print(f"gradcheck: {ok}")                               # it raises where it fails


if __name__ == "__main__":
    main()
