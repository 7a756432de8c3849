"""lectureref.device: one helper picks CUDA when present, else the CPU."""

from __future__ import annotations

import pytest
import torch

from lectureref.device import describe, get_device


def test_default_follows_cuda_availability(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LECTUREREF_DEVICE", raising=False)
    assert get_device().type == ("cuda" if torch.cuda.is_available() else "cpu")


def test_environment_variable_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LECTUREREF_DEVICE", "cpu")
    assert get_device() == torch.device("cpu")
    assert describe(get_device()) == "cpu"


@pytest.mark.skipif(torch.cuda.is_available(), reason="only meaningful without CUDA")
def test_asking_for_missing_cuda_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="no CUDA device"):
        get_device("cuda")


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device; none is visible to torch here")
def test_cuda_is_chosen_when_present() -> None:
    device = get_device()
    assert device.type == "cuda"
    assert torch.ones(2, device=device).sum().item() == 2.0
