"""Pretrain on digits 0–4, then learn digits 5–9 from 10 or 100 images: frozen vs full vs from scratch."""

import numpy as np

from lectureref.augmentation import place_on_canvas
from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.transfer_learning import task_accuracy, count_params, few_shot, fine_tune, prepare, pretrain, select_classes
from lectureref.training import TrainConfig


def main() -> dict:
    base = reproducible(0)
    d = digits_split(images=True)
    # --8<-- [start:data]
    X_big, y_big = np.concatenate([d.X_train, d.X_val]), np.concatenate([d.y_train, d.y_val])
    big = select_classes(place_on_canvas(X_big, 12, seed=1), y_big, (0, 1, 2, 3, 4))       # 721 images
    new = select_classes(place_on_canvas(d.X_train, 12, seed=2), d.y_train, (5, 6, 7, 8, 9))
    test = select_classes(place_on_canvas(d.X_test, 12, seed=3), d.y_test, (5, 6, 7, 8, 9))  # 180 images
    test_big = select_classes(place_on_canvas(d.X_test, 12, seed=3), d.y_test, (0, 1, 2, 3, 4))
    # --8<-- [end:data]
    # --8<-- [start:main]
    pretrained = pretrain(big, config=TrainConfig(epochs=8, batch_size=128, lr=5e-3, seed=base))
    print(f"pretrained on 0–4: test task_accuracy {task_accuracy(pretrained, test_big):.3f}")
    acc = {}
    for n in (10, 100):
        for mode in ("scratch", "frozen", "full"):
            runs = []
            for seed in (base, base + 1):                       # 2 different small training sets
                model = prepare(pretrained, n_classes=5, mode=mode, seed=seed)
                runs.append(task_accuracy(fine_tune(model, few_shot(new, n // 5, seed),
                                                    config=TrainConfig(seed=seed)), test))
            acc[n, mode] = float(np.mean(runs))
            print(f"N = {n:3d}, {mode:>7}: test task_accuracy {acc[n, mode]:.3f}  {count_params(model)}")
    # --8<-- [end:main]
    # The page claims: 0–4 are learned (≥ 85 %); at N = 10 "frozen" beats "scratch" by ≥ 6 points
    # (against "full" it wins at some seeds and loses at others: no claim); at N = 100 it is ≥ 10
    # behind "scratch" and "full" ≥ 5 ahead of it; "full" against "scratch" depends on the seed
    # (seed 0: 8 points behind, seed 2: 6 ahead — no claim). The 721 images of 0–4 are too few and
    # too narrow a source for the lecture's rule to hold at 100.
    assert len(big.y) == 721 and len(test.y) == 180
    claim("pretrained on 0–4: test task_accuracy", task_accuracy(pretrained, test_big), ">=", 0.85)
    claim("N = 10: frozen − scratch", acc[10, "frozen"] - acc[10, "scratch"], ">=", 0.06)
    claim("N = 100: scratch − frozen", acc[100, "scratch"] - acc[100, "frozen"], ">=", 0.10)
    claim("N = 100: full − frozen", acc[100, "full"] - acc[100, "frozen"], ">=", 0.05)
    assert count_params(prepare(pretrained, 5, "frozen")) == (325, 23_296)   # only the 64·5 + 5 head learns
    return acc


if __name__ == "__main__":
    main()
