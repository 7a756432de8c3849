"""TensorBoard: loss and accuracy written during training, and read back from the event file.

Lecture 5, a note between 18:00 and 27:55: TensorBoard shows loss and accuracy while the net trains.
`fit_logged` trains with `lectureref.training.fit` one epoch at a time and writes each epoch's
numbers with ``torch.utils.tensorboard.SummaryWriter``; `read_scalars` reads them back with
TensorBoard's own reader, and `read_records` does the same from scratch: an event file is a
sequence of length-prefixed records, each one serialized ``Event`` (a step, a tag, a value).
"""

from __future__ import annotations

import struct
from collections import defaultdict
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader
from torch.utils.tensorboard import SummaryWriter

from lectureref.training import History, TrainConfig, fit


# --8<-- [start:fit_logged]
def fit_logged(model: nn.Module, train: DataLoader, val: DataLoader, *, optimizer: torch.optim.Optimizer,
               config: TrainConfig,
               log_dir: str | Path) -> History:
    """`lectureref.training.fit` for ``config.epochs``, writing loss and accuracy after every epoch.

    Tags: ``loss/train``, ``loss/val``, ``accuracy/train``, ``accuracy/val``; the step is the
    epoch (1, 2, …). Run ``tensorboard --logdir <log_dir's parent>`` to see the curves.
    """
    history = History()
    with SummaryWriter(log_dir=str(log_dir)) as writer:
        for epoch in range(1, config.epochs + 1):
            one = fit(model, train, optimizer=optimizer, val=val, progress=False,
                      config=TrainConfig(epochs=1, device=config.device))
            for name in ("train_loss", "val_loss", "train_acc", "val_acc"):
                value = getattr(one, name)[0]
                getattr(history, name).append(value)
                split, metric = name.split("_")
                writer.add_scalar(f"{'loss' if metric == 'loss' else 'accuracy'}/{split}", value, epoch)
    return history
# --8<-- [end:fit_logged]


def read_scalars(log_dir: str | Path) -> dict[str, list[tuple[int, float]]]:
    """Every scalar in ``log_dir`` as ``tag → [(step, value), …]``, by TensorBoard's ``EventAccumulator``."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    # --8<-- [start:read_scalars]
    events = EventAccumulator(str(log_dir))
    events.Reload()                                            # parse the event files
    return {tag: [(e.step, e.value) for e in events.Scalars(tag)] for tag in events.Tags()["scalars"]}
    # --8<-- [end:read_scalars]


# --8<-- [start:read_records]
def read_records(path: str | Path) -> list[bytes]:
    """The records of one event file (TFRecord framing), without TensorBoard's reader.

    Each record is: its length (8 bytes, little-endian), a 4-byte checksum of the length, the
    data, a 4-byte checksum of the data. The checksums are skipped here.
    """
    data, records, pos = Path(path).read_bytes(), [], 0
    while pos < len(data):
        (length,) = struct.unpack_from("<Q", data, pos)
        records.append(data[pos + 12 : pos + 12 + length])
        pos += 12 + length + 4
    return records


def scalars_from_records(path: str | Path) -> dict[str, list[tuple[int, float]]]:
    """Parse each record as an ``Event`` protobuf and collect its scalar summaries."""
    from tensorboard.compat.proto.event_pb2 import Event

    scalars: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for record in read_records(path):
        event = Event.FromString(record)                       # the first one holds the file version
        for value in event.summary.value:
            number = value.simple_value if value.HasField("simple_value") else value.tensor.float_val[0]
            scalars[value.tag].append((event.step, number))
    return dict(scalars)
# --8<-- [end:read_records]
