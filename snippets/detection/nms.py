"""Non-maximum suppression: three detections of one object and one of another → two boxes."""

import numpy as np
import torch

from lectureref.claims import claim
from lectureref.detection import box_iou, nms, nms_torch


def main() -> None:
    # --8<-- [start:main]
    boxes = np.array([[10, 10, 30, 30], [12, 11, 31, 30], [9, 9, 29, 29], [40, 40, 60, 55]], dtype=float)
    scores = np.array([0.9, 0.75, 0.8, 0.6])
    print(np.round(box_iou(boxes, boxes), 2))          # boxes 1 and 2 overlap box 0 by IoU ≈ 0.82
    keep = nms(boxes, scores, iou_threshold=0.5)
    print("kept:", keep)                                # [0 3]: the best of the three, and the lone box
    # --8<-- [end:main]
    # The page claims: boxes 1 and 2 overlap box 0 by IoU ≈ 0.82 each; NMS keeps [0, 3].
    assert keep.tolist() == [0, 3]
    assert nms_torch(torch.tensor(boxes), torch.tensor(scores), 0.5).tolist() == [0, 3]
    iou_1, iou_2 = box_iou(boxes[:1], boxes[1:3])[0]
    claim("IoU of box 1 with box 0, 2 decimals", round(iou_1, 2), "==", 0.82)
    claim("IoU of box 2 with box 0, 2 decimals", round(iou_2, 2), "==", 0.82)


if __name__ == "__main__":
    main()
