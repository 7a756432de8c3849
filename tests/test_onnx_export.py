"""lectureref.onnx_export: the numpy interpreter against ONNX Runtime on hand-built graphs (no export needed).

The export itself runs in snippets/onnx_export/export_and_run.py, which compares PyTorch,
ONNX Runtime and the interpreter on a trained MLP.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from lectureref.onnx_export import operators, run_numpy, run_onnxruntime


def _save(nodes: list, weights: dict[str, np.ndarray], path: Path) -> Path:
    graph = helper.make_graph(
        nodes, "g",
        [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", None])],
        initializer=[numpy_helper.from_array(w, name) for name, w in weights.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)], ir_version=10)  # what the exporter writes
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def test_interpreter_matches_onnxruntime(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    weights = {"w1": rng.standard_normal((4, 3)).astype(np.float32), "b1": rng.standard_normal(4).astype(np.float32),
               "w2": rng.standard_normal((4, 2)).astype(np.float32), "b2": rng.standard_normal(2).astype(np.float32)}
    nodes = [
        helper.make_node("Gemm", ["pixels", "w1", "b1"], ["h"], transB=1, alpha=0.5, beta=2.0),
        helper.make_node("Relu", ["h"], ["r"]),
        helper.make_node("MatMul", ["r", "w2"], ["m"]),
        helper.make_node("Add", ["m", "b2"], ["logits"]),
    ]
    path = _save(nodes, weights, tmp_path / "g.onnx")
    x = rng.standard_normal((5, 3)).astype(np.float32)
    np.testing.assert_allclose(run_numpy(path, x), run_onnxruntime(path, x), rtol=1e-5, atol=1e-6)
    assert operators(path) == ["Gemm", "Relu", "MatMul", "Add"]


def test_unknown_operator_is_named(tmp_path: Path) -> None:
    path = _save([helper.make_node("Sigmoid", ["pixels"], ["logits"])], {}, tmp_path / "s.onnx")
    with pytest.raises(NotImplementedError, match="Sigmoid"):
        run_numpy(path, np.zeros((1, 3), np.float32))
