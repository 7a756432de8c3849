"""The same experiment with ``torch.nn.Dropout``: inverted scaling, identity in eval mode."""

import torch
from torch import nn

from lectureref.claims import claim, reproducible


def main() -> None:
    reproducible(0)                              # torch's seed and one thread
    x = torch.ones(1000, 100)
    # --8<-- [start:main]
    layer = nn.Dropout(p=0.5)
    layer.train()
    train_out = layer(x)                         # training: half the units zeroed, the rest ×2
    layer.eval()
    eval_out = layer(x)                          # inference: the layer does nothing
    zeros = (train_out == 0).float().mean().item()
    print(f"train: {zeros:.1%} zeros, values {train_out.unique().tolist()}, mean {train_out.mean():.3f}")
    print(f"eval:  mean {eval_out.mean():.3f}")
    # --8<-- [end:main]
    # The page claims the same as for the numpy layer: ≈ 50 % zeros, kept units 2.0, mean ≈ 1.
    claim("|share of zeros − 0.5|", abs(zeros - 0.5), "<", 0.01)
    assert set(train_out.unique().tolist()) == {0.0, 2.0}
    claim("|train mean − 1|", abs(train_out.mean().item() - 1.0), "<", 0.01)
    claim("eval mean", eval_out.mean().item(), "==", 1.0)


if __name__ == "__main__":
    main()
