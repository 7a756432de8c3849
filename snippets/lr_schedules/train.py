"""Constant learning rate vs cosine annealing: the same MLP on digits, 20 epochs of SGD, 3 seeds."""

from statistics import fmean, median

import torch
from torch import nn

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.device import get_device
from lectureref.lr_schedules import cosine_annealing_lr, torch_scheduler
from lectureref.training import fit, loader, TrainConfig


def main() -> dict[str, float]:
    seed = reproducible(0)
    split = digits_split()
    val = loader(split.X_val, split.y_val, batch_size=512)
    mean, jump, val_acc = {}, {}, {}
    # --8<-- [start:main]
    for name in ["constant", "cosine"]:
        mean[name], jump[name], val_acc[name] = [], [], []
        for s in range(seed, seed + 3):   # one run with a constant lr is chaotic: three seeds
            train = loader(split.X_train, split.y_train, batch_size=64, shuffle=True, seed=s)
            torch.manual_seed(s)
            model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
            opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
            scheduler = torch_scheduler(opt, "cosine", t_max=20) if name == "cosine" else None
            history = fit(model, train,
                          config=TrainConfig(epochs=20, device=get_device()), optimizer=opt, val=val, scheduler=scheduler, progress=False)
            last5 = history.train_loss[-5:]
            mean[name].append(fmean(last5))
            jump[name].append(max(last5) - min(last5))
            val_acc[name].append(history.val_acc[-1])
            print(f"{name:>8}, seed {s}: train loss over the last 5 epochs {fmean(last5):.4f} "
                  f"(jumps by {jump[name][-1]:.3f}), val accuracy {history.val_acc[-1]:.3f}")
    # --8<-- [end:main]
    # The page claims, as medians over the three seeds: with a constant lr the train loss of the
    # last 5 epochs jumps by hundredths and stays above 0.02 on average; cosine annealing
    # settles below 0.01, more than 3× lower; val accuracy between 94 and 98.5 % for both.
    final = {name: median(values) for name, values in mean.items()}
    claim("constant / cosine: median last-5-epoch train loss", final["constant"] / final["cosine"], ">", 3)
    claim("constant: median last-5-epoch train loss", final["constant"], ">", 0.02)
    claim("cosine: median last-5-epoch train loss", final["cosine"], "<", 0.01)
    claim("constant: median jump over the last 5 epochs", median(jump["constant"]), ">", 0.02)
    claim("cosine: median jump over the last 5 epochs", median(jump["cosine"]), "<", 0.005)
    for name in final:
        claim(f"{name}: median val accuracy", median(val_acc[name]), ">", 0.94)
        claim(f"{name}: median val accuracy", median(val_acc[name]), "<", 0.985)
    claim("scheduler's last rate − the numpy formula's",
          abs(opt.param_groups[0]["lr"] - cosine_annealing_lr(20, 0.5, t_max=20)), "<", 1e-12)
    return final


if __name__ == "__main__":
    main()
