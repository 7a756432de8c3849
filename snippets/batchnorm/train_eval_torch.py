"""The same experiment with ``torch.nn.BatchNorm1d``: batch statistics, then running averages."""

import torch
from torch import nn

from lectureref.claims import claim, reproducible


def main() -> None:
    reproducible(0)                                          # torch's seed and one thread
    # --8<-- [start:main]
    layer = nn.BatchNorm1d(3)
    layer.train()
    with torch.no_grad():
        for _ in range(100):                                 # training: 100 batches, mean 5, std 3
            out = layer(5 + 3 * torch.randn(256, 3))
        print(f"train batch out: mean {out.mean():.2f}, std {out.std(unbiased=False):.2f}")
        print(f"running mean {layer.running_mean}, running var {layer.running_var}")

        one = torch.tensor([[8.0, 8.0, 8.0]])                # one example, 1 std above the mean
        pair = torch.tensor([[8.0, 8.0, 8.0], [2.0, 2.0, 2.0]])
        print("train mode, [8, 2]:", layer(pair)[0])         # only relative to the batch: +1
        layer.eval()
        print("eval mode, [8] alone:", layer(one)[0])         # (8 − 5) / 3 ≈ 1, any batch
    # --8<-- [end:main]
    # The page claims the same as for the numpy layer (running stats ≈ 5 and 9; +1 in the batch,
    # ≈ 1 alone in eval mode).
    with torch.no_grad():
        claim("max |running mean − 5|", (layer.running_mean - 5).abs().max().item(), "<", 0.5)
        claim("max |running var − 9|", (layer.running_var - 9).abs().max().item(), "<", 1.5)
        claim("eval mode, max |out(8) − 1|", (layer(one) - 1).abs().max().item(), "<", 0.2)
        layer.train()
        claim("train mode, max |out(8 next to 2) − 1|", (layer(pair)[0] - 1).abs().max().item(), "<", 1e-3)


if __name__ == "__main__":
    main()
