"""Offsets relative to the anchors: encode then decode gives the boxes back; torch encodes the same."""

import numpy as np
import torch

from lectureref.anchor_boxes import SSDHead, decode, encode, encode_torch, make_anchors, match_anchors, random_objects
from lectureref.claims import claim, reproducible


def main() -> None:
    seed = reproducible(0)
    anchors = make_anchors(64, grids=[16, 8, 4], sizes=[8, 16, 32])
    objects = random_objects(5, seed=seed)
    # --8<-- [start:main]
    target = match_anchors(anchors, objects)           # object index per anchor, −1: background
    pos = target >= 0
    t = encode(objects[target[pos]], anchors[pos])     # what the head must predict for them
    back = decode(t, anchors[pos])
    print(f"{pos.sum()} of {len(anchors)} anchors are positive; every object has one: {set(target[pos]) == set(range(5))}")
    claim("max |decode(encode(b)) − b|", np.abs(back - objects[target[pos]]).max(), "<", 1e-9)
    t_torch = encode_torch(torch.from_numpy(objects[target[pos]]), torch.from_numpy(anchors[pos])).numpy()
    claim("max |torch − numpy offsets|", np.abs(t_torch - t).max(), "<", 1e-12)

    head = SSDHead(channels=[32, 64, 128], classes=3)   # feature maps 16×16, 8×8, 4×4
    features = [torch.randn(2, c, g, g) for c, g in [(32, 16), (64, 8), (128, 4)]]
    scores, offsets = head(features)
    print(tuple(scores.shape), tuple(offsets.shape))   # one row per anchor: 3·(256 + 64 + 16)
    # --8<-- [end:main]
    assert scores.shape == (2, len(anchors), 4) and offsets.shape == (2, len(anchors), 4)
    assert set(target[pos]) == set(range(5))


if __name__ == "__main__":
    main()
