"""The numpy forward and backward pass of the two-head net equals PyTorch's autograd (float64)."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.multitask import TwoHeadNet, forward_backward, multitask_loss, params_of


def main() -> None:
    seed = reproducible(0)
    s = digits_split(seed=seed)
    X, y = s.X_train[:100].astype(np.float64), s.y_train[:100]
    labelled = np.random.default_rng(seed).random(100) < 0.3            # «big» known for ~30 of 100
    # --8<-- [start:main]
    model = TwoHeadNet(hidden=32).double()
    loss, grads = forward_backward(params_of(model), X, y, y > 4, labelled, weight=0.5)

    torch_loss = multitask_loss(model, torch.as_tensor(X), torch.as_tensor(y), torch.as_tensor(y > 4),
                                torch.as_tensor(labelled), w_class=1.0, w_big=0.5)
    torch_loss.backward()
    torch_grads = [p.grad.numpy() for p in (model.body[0].weight, model.body[0].bias, model.class_head.weight,
                                             model.class_head.bias, model.big_head.weight, model.big_head.bias)]
    gap = max(np.abs(ours - theirs).max() for ours, theirs in zip(grads, torch_grads))
    print(f"loss {loss:.6f} (torch {torch_loss.item():.6f}); largest gradient difference {gap:.1e}")
    # --8<-- [end:main]
    # The page claims: the same loss and the same gradients of every weight, to float64 rounding.
    claim("|numpy − torch| loss", abs(loss - torch_loss.item()), "<", 1e-12)
    claim("max |numpy − torch| gradient", gap, "<", 1e-12)


if __name__ == "__main__":
    main()
