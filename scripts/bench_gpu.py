"""Training workloads for ``scripts/bench.py --device cuda``: the same code on CPU and GPU.

Each workload returns seconds per training step on the device it is given. ``tiny=True`` shrinks
them so a test can run them on the CPU and keep this file from rotting where no GPU is around.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

from lectureref.cnn_architectures import resnet
from lectureref.performance import step_seconds
from lectureref.rnn import CharLM


def cnn_step(device: torch.device, tiny: bool = False, amp: bool = False) -> float:
    """A lecture-6 ResNet (basic blocks, f(x) + x) on a batch of 1-channel images."""
    torch.manual_seed(0)
    widths, batch, size = ((8, 16), 4, 16) if tiny else ((64, 128, 256, 512), 128, 64)
    model = resnet(widths=widths, blocks=(2,) * len(widths), in_channels=1, n_classes=10)
    x, y = torch.randn(batch, 1, size, size), torch.randint(0, 10, (batch,))
    return step_seconds(model, x, y, device=device, steps=2 if tiny else 10, amp=amp)


def lstm_lm_step(device: torch.device, tiny: bool = False, amp: bool = False) -> float:
    """The lecture-10 character language model with an LSTM, on windows of characters."""
    torch.manual_seed(0)
    vocab, hidden, batch, length = (30, 16, 4, 8) if tiny else (100, 512, 64, 128)
    model = CharLM(vocab, hidden=hidden, embed=64, cell="lstm")
    ids = torch.randint(0, vocab, (batch, length + 1))

    def loss_fn(output: tuple[torch.Tensor, object], targets: torch.Tensor) -> torch.Tensor:
        logits, _state = output
        return nn.functional.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1))

    return step_seconds(model, ids[:, :-1], ids[:, 1:], loss_fn=loss_fn, device=device,
                        steps=2 if tiny else 10, amp=amp)


def workloads() -> dict[str, Callable[..., float]]:
    """Name → ``run(device, tiny=False, amp=False) -> seconds per step``."""
    return {"CNN (ResNet, lecture 6)": cnn_step, "LSTM language model (lecture 10)": lstm_lm_step}
