"""lectureref.fpn: level shapes for any input size, and what the top-down path adds to the finest level."""

from __future__ import annotations

import torch

from lectureref.fpn import FPN, TinyBackbone


def test_levels_have_one_channel_count_and_the_backbone_sizes() -> None:
    torch.manual_seed(0)
    backbone, fpn = TinyBackbone((8, 16, 24)), FPN((8, 16, 24), out_channels=12)
    maps = backbone(torch.randn(1, 3, 48, 80))
    levels = fpn(maps)
    assert [tuple(p.shape) for p in levels] == [(1, 12, 24, 40), (1, 12, 12, 20), (1, 12, 6, 10)]
    assert [c.shape[2:] for c in maps] == [p.shape[2:] for p in levels]


def test_top_down_path_widens_what_the_finest_level_sees() -> None:
    # A pixel 9 px away cannot reach P1 through C1 alone (receptive field 7 px), but can through C3.
    torch.manual_seed(0)
    backbone = TinyBackbone()
    x = torch.randn(1, 3, 32, 32)
    y = x.clone()
    y[0, :, 0, 0] += 10.0
    for top_down, reaches in [(True, True), (False, False)]:
        fpn = FPN(top_down=top_down)
        with torch.no_grad():
            a, b = fpn(backbone(x))[0], fpn(backbone(y))[0]
        changed = (a - b).abs().amax(dim=1)[0]          # (16, 16) map of P1 cells that moved
        assert bool(changed[4:, 4:].max() > 0) == reaches, top_down


def test_deepest_level_is_the_same_with_and_without_the_top_down_path() -> None:
    torch.manual_seed(0)
    backbone, fpn = TinyBackbone(), FPN()
    plain = FPN(top_down=False)
    plain.load_state_dict(fpn.state_dict())
    maps = backbone(torch.randn(2, 3, 32, 32))
    torch.testing.assert_close(fpn(maps)[-1], plain(maps)[-1])
