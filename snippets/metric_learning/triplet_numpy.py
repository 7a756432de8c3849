"""The numpy triplet loss and its gradients agree with PyTorch (float64)."""

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.claims import claim, reproducible
from lectureref.metric_learning import triplet_loss_backward, triplet_loss_forward


def main() -> None:
    reproducible()
    rng = np.random.default_rng(0)                   # one worked example: some triplets inactive
    a, p, n = (rng.standard_normal((6, 4)) for _ in range(3))   # 6 triplets of 4-D embeddings
    # --8<-- [start:main]
    loss, cache = triplet_loss_forward(a, p, n, margin=0.5)
    da, dp, dn = triplet_loss_backward(1.0, cache)

    at, pt, nt = (torch.tensor(v, requires_grad=True) for v in (a, p, n))
    reference = F.triplet_margin_loss(at, pt, nt, margin=0.5, eps=0.0)  # torch's own triplet loss
    reference.backward()
    print(f"numpy {loss:.6f}, torch {reference.item():.6f}, active triplets {cache.active.sum()} of 6")
    # --8<-- [end:main]
    # The page claims: value and all three gradients agree to 1e-10; some triplets are inactive.
    claim("|numpy − torch| loss", abs(loss - reference.item()), "<", 1e-10)
    for mine, theirs in [(da, at.grad), (dp, pt.grad), (dn, nt.grad)]:
        np.testing.assert_allclose(mine, theirs.numpy(), rtol=1e-10, atol=1e-12)
    assert 0 < cache.active.sum() < 6


if __name__ == "__main__":
    main()
