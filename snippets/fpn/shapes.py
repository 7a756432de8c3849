"""FPN's levels: the shapes, and the finest level's dependence on the deepest backbone stage."""

import torch

from lectureref.claims import reproducible
from lectureref.fpn import FPN, TinyBackbone


def main() -> None:
    reproducible(0)
    # --8<-- [start:main]
    backbone, fpn = TinyBackbone(), FPN(out_channels=32)
    maps = backbone(torch.randn(2, 3, 64, 64))
    levels = fpn(maps)
    print([tuple(c.shape) for c in maps])            # (2, 16, 32, 32), (2, 32, 16, 16), (2, 64, 8, 8)
    print([tuple(p.shape) for p in levels])          # every level 32 channels, same sizes
    assert [p.shape[1:] for p in levels] == [(32, 32, 32), (32, 16, 16), (32, 8, 8)]

    # Does the finest level P1 see the deepest stage? Its gradient w.r.t. stage 3's weights:
    for top_down in [True, False]:
        backbone.zero_grad()
        FPN(top_down=top_down)(backbone(torch.randn(2, 3, 64, 64)))[0].sum().backward()
        reach = backbone.stages[2][0].weight.grad
        print(f"top_down={top_down}: P1 depends on stage 3: {reach is not None and bool(reach.abs().sum() > 0)}")
    # --8<-- [end:main]
        assert (reach is not None and bool(reach.abs().sum() > 0)) == top_down


if __name__ == "__main__":
    main()
