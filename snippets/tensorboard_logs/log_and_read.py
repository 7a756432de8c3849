"""An MLP on the digits writes loss and accuracy to TensorBoard; the event file is read back twice."""

import tempfile
from pathlib import Path

import torch
from torch import nn

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.device import get_device
from lectureref.tensorboard_logs import fit_logged, read_scalars, scalars_from_records
from lectureref.training import TrainConfig, loader


def main() -> None:
    seed = reproducible(0)
    split = digits_split(seed=seed)
    train = loader(split.X_train, split.y_train, batch_size=64, shuffle=True, seed=seed)
    val = loader(split.X_val, split.y_val, batch_size=512)
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp) / "mlp", train, val)


def run(log_dir: Path, train, val) -> None:
    # --8<-- [start:main]
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    history = fit_logged(model, train, val, optimizer=opt, log_dir=log_dir,
                         config=TrainConfig(epochs=5, device=get_device()))
    logged = read_scalars(log_dir)                            # TensorBoard's reader
    for tag, points in sorted(logged.items()):
        print(tag, [f"{value:.3f}" for _, value in points])
    (event_file,) = log_dir.glob("events.out.tfevents.*")
    by_hand = scalars_from_records(event_file)                # the records parsed by hand
    # --8<-- [end:main]
    # The page claims: every epoch is in the file under four tags, equal to what training
    # returned (float32 in the file), the hand-made reader agrees, and val accuracy > 0.9.
    steps = {tag: [step for step, _ in points] for tag, points in logged.items()}
    assert steps == {tag: [1, 2, 3, 4, 5] for tag in ("loss/train", "loss/val", "accuracy/train", "accuracy/val")}
    gap = max(abs(logged["loss/val"][i][1] - history.val_loss[i]) for i in range(5))
    claim("max |logged − returned| val loss", gap, "<", 1e-6)
    claim("hand reader: tags that differ", sum(by_hand[t] != logged[t] for t in logged), "==", 0)
    claim("val accuracy after 5 epochs", logged["accuracy/val"][-1][1], ">", 0.9)


if __name__ == "__main__":
    main()
