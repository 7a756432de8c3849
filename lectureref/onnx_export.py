"""ONNX: a trained PyTorch model exported to a file that other programs run without PyTorch.

Lecture 5, its last note (after 1:17:27): ONNX is the standard format for exporting models. `export` writes
the model with ``torch.onnx.export``; `run_onnxruntime` runs the file with ONNX Runtime, and
`run_numpy` runs it from scratch: an ONNX file is a graph of named operators (``Gemm``,
``Relu``, …) over named tensors, the weights stored beside it as initializers.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch
from torch import nn


# --8<-- [start:export]
def export(model: nn.Module, example: torch.Tensor, path: str | Path) -> Path:
    """Write ``model`` as ONNX to ``path``; the batch dimension stays free (any batch size runs).

    ``example`` is one input batch: the exporter traces the model on it to record the graph.
    """
    model.eval()                                      # dropout off, batch norm on its running stats
    batch = torch.export.Dim("batch")
    with _quiet():
        torch.onnx.export(model, (example,), str(path), input_names=["pixels"], output_names=["logits"],
                          dynamic_shapes=({0: batch},))
    return Path(path)


def run_onnxruntime(path: str | Path, x: np.ndarray) -> np.ndarray:
    """The model's output for ``x``, computed by ONNX Runtime (no PyTorch involved)."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (logits,) = session.run(["logits"], {"pixels": x.astype(np.float32)})
    return logits
# --8<-- [end:export]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """The exporter reports each of its stages on stdout, logs optional packages it lacks and
    trips a FutureWarning inside torch itself: none of it concerns the reader."""
    logger = logging.getLogger("torch.onnx")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            yield
    finally:
        logger.setLevel(level)


# --8<-- [start:run_numpy]
def run_numpy(path: str | Path, x: np.ndarray) -> np.ndarray:
    """Run the ONNX graph in ``path`` node by node with numpy (the operators an MLP needs)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}    # the weights
    values[graph.input[0].name] = x.astype(np.float32)
    for node in graph.node:                                                   # in topological order
        args = [values[name] for name in node.input]
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type == "Gemm":                    # alpha·A'·B' + beta·C, ' = transposed if asked
            a, b, c = args
            a = a.T if attrs.get("transA") else a
            b = b.T if attrs.get("transB") else b
            out = attrs.get("alpha", 1.0) * (a @ b) + attrs.get("beta", 1.0) * c
        elif node.op_type == "MatMul":
            out = args[0] @ args[1]
        elif node.op_type == "Add":
            out = args[0] + args[1]
        elif node.op_type == "Relu":
            out = np.maximum(args[0], 0)
        else:
            raise NotImplementedError(f"operator {node.op_type} is not in this small interpreter")
        values[node.output[0]] = out
    return values[graph.output[0].name]
# --8<-- [end:run_numpy]


def operators(path: str | Path) -> list[str]:
    """The operator of each node of the graph, in order (``['Gemm', 'Relu', 'Gemm']`` for an MLP)."""
    import onnx

    return [node.op_type for node in onnx.load(str(path)).graph.node]
