"""Constant learning rate vs cosine annealing: the same MLP on digits, 20 epochs of SGD."""

import torch
from torch import nn

from lectureref.data import digits_split
from lectureref.device import get_device
from lectureref.lr_schedules import cosine_annealing_lr, torch_scheduler
from lectureref.training import fit, loader, TrainConfig


def main() -> dict[str, float]:
    split = digits_split()
    train = loader(split.X_train, split.y_train, batch_size=64, shuffle=True, seed=0)
    val = loader(split.X_val, split.y_val, batch_size=512)
    final = {}
    # --8<-- [start:main]
    for name in ["constant", "cosine"]:
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
        scheduler = torch_scheduler(opt, "cosine", t_max=20) if name == "cosine" else None
        history = fit(model, train, config=TrainConfig(epochs=20, device=get_device()), optimizer=opt, val=val, scheduler=scheduler, progress=False)
        final[name] = history.train_loss[-1]
        print(f"{name:>8}: train loss {history.train_loss[-1]:.4f}, val accuracy {history.val_acc[-1]:.3f}, "
              f"lr at the end {opt.param_groups[0]['lr']:.2g}")
    # --8<-- [end:main]
    # The page claims: the constant lr ends near train loss 0.02 (it keeps jumping), cosine
    # annealing settles ≈ 6× lower (0.003); the scheduler's last rate is the numpy formula's.
    assert final["cosine"] < final["constant"] / 3
    assert abs(opt.param_groups[0]["lr"] - cosine_annealing_lr(20, 0.5, t_max=20)) < 1e-12
    return final


if __name__ == "__main__":
    main()
