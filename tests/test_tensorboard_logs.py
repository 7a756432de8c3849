"""lectureref.tensorboard_logs: what training returns is what the event file holds, by either reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.tensorboard import SummaryWriter

from lectureref.tensorboard_logs import fit_logged, read_records, read_scalars, scalars_from_records
from lectureref.training import TrainConfig, loader


def test_written_scalars_come_back_from_both_readers(tmp_path: Path) -> None:
    with SummaryWriter(log_dir=str(tmp_path)) as writer:
        for step, value in enumerate([0.5, 0.25, 0.125]):
            writer.add_scalar("loss/train", value, step)
        writer.add_scalar("other", 3.0, 7)
    expected = {"loss/train": [(0, 0.5), (1, 0.25), (2, 0.125)], "other": [(7, 3.0)]}
    assert read_scalars(tmp_path) == expected
    (event_file,) = tmp_path.glob("events.out.tfevents.*")
    assert scalars_from_records(event_file) == expected
    assert len(read_records(event_file)) == 1 + 4          # the file-version event, then one per scalar


def test_fit_logged_writes_every_epoch(tmp_path: Path) -> None:
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 4)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int64)
    data = loader(X, y, batch_size=20)
    model = nn.Linear(4, 2)
    history = fit_logged(model, data, data, optimizer=torch.optim.SGD(model.parameters(), lr=0.5),
                         config=TrainConfig(epochs=3, device=torch.device("cpu")), log_dir=tmp_path / "run")
    logged = read_scalars(tmp_path / "run")
    assert sorted(logged) == ["accuracy/train", "accuracy/val", "loss/train", "loss/val"]
    assert [step for step, _ in logged["loss/train"]] == [1, 2, 3]
    assert [v for _, v in logged["loss/train"]] == pytest.approx(history.train_loss, rel=1e-6)
    assert [v for _, v in logged["accuracy/val"]] == pytest.approx(history.val_acc, rel=1e-6)
