"""Train an MLP on the digits, export it to ONNX, run the file with ONNX Runtime and with numpy."""

import tempfile
from pathlib import Path

import numpy as np
import torch
from torch import nn

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.onnx_export import export, operators, run_numpy, run_onnxruntime
from lectureref.training import TrainConfig, fit, loader


def main() -> None:
    seed = reproducible(0)
    split = digits_split(seed=seed)
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    fit(model, loader(split.X_train, split.y_train, batch_size=64, shuffle=True, seed=seed),
        optimizer=torch.optim.Adam(model.parameters(), lr=1e-2),
        config=TrainConfig(epochs=5, device=torch.device("cpu")), progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        compare(model, split.X_test, split.y_test, Path(tmp) / "mlp.onnx")


def compare(model: nn.Module, X_test: np.ndarray, y_test: np.ndarray, path: Path) -> None:
    # --8<-- [start:main]
    export(model, torch.as_tensor(X_test[:4]), path)        # traced on a batch of 4
    print("graph:", operators(path), f"{path.stat().st_size} bytes")
    with torch.no_grad():
        ours = model(torch.as_tensor(X_test)).numpy()       # all 360 test images at once
    runtime = run_onnxruntime(path, X_test)
    by_hand = run_numpy(path, X_test)
    print(f"max |PyTorch − ONNX Runtime| = {np.abs(ours - runtime).max():.1e}")
    print(f"max |PyTorch − numpy|        = {np.abs(ours - by_hand).max():.1e}")
    print(f"same predicted class: {np.mean(ours.argmax(1) == runtime.argmax(1)):.0%}, "
          f"test accuracy {np.mean(runtime.argmax(1) == y_test):.3f}")
    # --8<-- [end:main]
    # The page claims: the three give the same logits up to float32 rounding (1e-5), the same
    # class for every test image, for a batch size other than the traced one.
    claim("max |PyTorch − ONNX Runtime|", np.abs(ours - runtime).max(), "<", 1e-5)
    claim("max |PyTorch − numpy interpreter|", np.abs(ours - by_hand).max(), "<", 1e-5)
    claim("images with another class", np.sum(ours.argmax(1) != runtime.argmax(1)), "==", 0)
    assert operators(path) == ["Gemm", "Relu", "Gemm"]


if __name__ == "__main__":
    main()
