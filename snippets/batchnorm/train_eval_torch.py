"""The same experiment with ``torch.nn.BatchNorm1d``: batch statistics, then running averages."""

import torch
from torch import nn


def main() -> None:
    torch.manual_seed(0)
    torch.set_num_threads(1)
    # --8<-- [start:main]
    layer = nn.BatchNorm1d(3)
    layer.train()
    with torch.no_grad():
        for _ in range(100):                                 # training: 100 batches, mean 5, std 3
            out = layer(5 + 3 * torch.randn(32, 3))
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
        assert torch.allclose(layer.running_mean, torch.tensor(5.0), atol=0.5)
        assert torch.allclose(layer.running_var, torch.tensor(9.0), atol=1.5)
        assert torch.allclose(layer(one), torch.tensor(1.0), atol=0.2)
        layer.train()
        assert torch.allclose(layer(pair)[0], torch.tensor(1.0), atol=1e-3)


if __name__ == "__main__":
    main()
