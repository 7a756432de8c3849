"""The one place that decides where tensors live: CUDA when available, else the CPU."""

from __future__ import annotations

import os

import torch

ENV_VAR = "LECTUREREF_DEVICE"


def get_device(name: str | None = None) -> torch.device:
    """Pick the device for torch code.

    Parameters
    ----------
    name
        ``"cpu"``, ``"cuda"`` or ``None``. ``None`` reads the ``LECTUREREF_DEVICE``
        environment variable, and without it chooses CUDA when available.

    Raises
    ------
    RuntimeError
        If CUDA is asked for and is not available.
    """
    name = name or os.environ.get(ENV_VAR) or ("cuda" if torch.cuda.is_available() else "cpu")
    device = torch.device(name)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise RuntimeError(f"{ENV_VAR}/device asks for {name!r}, but torch sees no CUDA device")
    return device


def describe(device: torch.device | None = None) -> str:
    """A human-readable name, e.g. ``"cuda (NVIDIA H100 80GB HBM3)"`` or ``"cpu"``."""
    device = device or get_device()
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return device.type
