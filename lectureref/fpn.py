r"""Feature pyramid network (FPN): feature maps of several scales, each with deep features.

Lecture 7 (42:25) brings in FPN for the problem of scale: objects are large and small, so the
network predicts on several levels at once. A plain convolutional backbone already has maps of
several sizes, but its fine maps come from early layers and know little. FPN adds a top-down
path: the deepest, coarsest map is upsampled and added to a 1×1-projected ("lateral") copy of
the next finer backbone map, and so on down, then each sum is smoothed by a 3×3 conv:

$$
P_3 = L_3(C_3), \qquad P_i = L_i(C_i) + \mathrm{up}_2(P_{i+1}), \qquad \text{output } \mathrm{conv}_{3\times 3}(P_i).
$$

Every output level has the same number of channels, so one detection head (SSD's, say:
`lectureref.anchor_boxes.SSDHead`) can run on each of them.
"""

from __future__ import annotations

import torch
from torch import nn


# --8<-- [start:fpn]
class TinyBackbone(nn.Module):
    """Three stages, each halving the resolution: maps C1, C2, C3 at strides 2, 4, 8."""

    def __init__(self, channels: tuple[int, ...] = (16, 32, 64)) -> None:
        super().__init__()
        ins = (3, *channels[:-1])
        self.stages = nn.ModuleList(
            nn.Sequential(nn.Conv2d(i, o, 3, stride=2, padding=1), nn.ReLU()) for i, o in zip(ins, channels)
        )

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        maps = []
        for stage in self.stages:
            x = stage(x)
            maps.append(x)
        return maps                                   # fine and shallow … coarse and deep


class FPN(nn.Module):
    """Lateral 1×1 convs, a top-down path with upsampling and addition, a 3×3 conv per level."""

    def __init__(self, in_channels: tuple[int, ...] = (16, 32, 64), out_channels: int = 32, top_down: bool = True) -> None:
        super().__init__()
        self.lateral = nn.ModuleList(nn.Conv2d(c, out_channels, 1) for c in in_channels)
        self.smooth = nn.ModuleList(nn.Conv2d(out_channels, out_channels, 3, padding=1) for _ in in_channels)
        self.top_down = top_down                      # False: the same layers without the top-down path

    def forward(self, maps: list[torch.Tensor]) -> list[torch.Tensor]:
        p = self.lateral[-1](maps[-1])                # the deepest level as is
        out = [p]
        for c, lateral in zip(reversed(maps[:-1]), reversed(self.lateral[:-1])):
            p = lateral(c) + (nn.functional.interpolate(p, scale_factor=2, mode="nearest") if self.top_down else 0)
            out.append(p)
        return [s(p) for s, p in zip(self.smooth, reversed(out))]   # P1 (finest) … P3 (coarsest)
# --8<-- [end:fpn]
