"""lectureref.device: one helper picks CUDA when present, else the CPU."""

from __future__ import annotations

import pytest
import torch

from lectureref.device import describe, get_device
from lectureref.training import TrainConfig


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


needs_cuda = [
    pytest.mark.cuda,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device; none is visible to torch here"),
]


@needs_cuda[0]
@needs_cuda[1]
def test_same_code_gives_the_same_numbers_on_cuda() -> None:
    """The torch path of a topic, run on the GPU, still agrees with numpy in float64."""
    import numpy as np

    from lectureref.data import make_regression
    from lectureref.gradient_descent import fit_linear, fit_linear_torch

    X, y, _w, _b = make_regression(n=64, seed=4)
    reference = fit_linear(X, y, config=TrainConfig(lr=0.1, steps=50))
    on_gpu = fit_linear_torch(X, y, config=TrainConfig(lr=0.1, steps=50, device=get_device("cuda")))
    np.testing.assert_allclose(on_gpu.losses, reference.losses, rtol=1e-10)


@needs_cuda[0]
@needs_cuda[1]
def test_training_loop_runs_on_cuda() -> None:
    """lectureref.training.fit moves the model and every batch to the device it is given."""
    from torch import nn

    from lectureref.data import digits_split
    from lectureref.training import fit, loader

    split = digits_split()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    history = fit(model, loader(split.X_train, split.y_train, 64, shuffle=True), config=TrainConfig(epochs=3, device=get_device("cuda")),
                  optimizer=torch.optim.Adam(model.parameters(), 1e-2), progress=False)
    assert next(model.parameters()).device.type == "cuda"
    assert history.train_acc[-1] > 0.9
