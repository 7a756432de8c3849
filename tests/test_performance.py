"""lectureref.performance: the FLOP count, the timer and the step timer."""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from torch import nn

from lectureref.performance import (
    bf16_autocast_unsupported, best_seconds, blas_kernel, matmul_flops, matmul_tflops, single_thread_seconds, step_seconds,
)

ROOT = Path(__file__).resolve().parent.parent


def test_matmul_flops_counts_multiplies_and_adds() -> None:
    n = 7
    # n² outputs, each n multiplications and n − 1 additions; the usual count rounds to 2n³.
    exact = n * n * (n + n - 1)
    assert matmul_flops(n) == 2 * n**3 and matmul_flops(n) - exact == n * n


def test_best_seconds_takes_the_fastest_run() -> None:
    delays = iter([0.0, 0.0, 0.03, 0.01, 0.02])  # two warm-up calls, then three timed
    seconds = best_seconds(lambda: time.sleep(next(delays)), torch.device("cpu"), repeat=3, warmup=2)
    assert 0.009 < seconds < 0.02


def test_matmul_tflops_is_a_finite_rate() -> None:
    # No lower bound: a busy machine may be arbitrarily slow, and speed is for benchmarks.
    tflops = matmul_tflops(128, torch.float32, torch.device("cpu"))
    assert 0 < tflops < 1e3


def test_step_seconds_trains_the_model() -> None:
    torch.manual_seed(0)
    model = nn.Linear(4, 3)
    before = model.weight.detach().clone()
    seconds = step_seconds(model, torch.randn(8, 4), torch.tensor([0, 1, 2, 0, 1, 2, 0, 1]), device=torch.device("cpu"), steps=2)
    assert seconds > 0 and not torch.equal(before, model.weight.detach())


def test_gpu_benchmark_workloads_run_on_the_cpu() -> None:
    """scripts/bench.py --device cuda runs these; a tiny CPU run keeps them working without a GPU."""
    from scripts.bench_gpu import workloads

    for name, run in workloads().items():
        assert run(torch.device("cpu"), tiny=True) > 0, name


def test_gpu_benchmark_channels_last_resnet_runs_on_the_cpu() -> None:
    from scripts.bench_gpu import AMP_SETTINGS, cnn_step

    assert any(channels_last for *_, channels_last in AMP_SETTINGS)
    assert cnn_step(torch.device("cpu"), tiny=True, channels_last=True) > 0


def test_gpu_benchmark_without_cuda_explains_and_succeeds(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The page's GPU figures come from scripts/bench_gpu.py; where torch sees no GPU it says so, exit 0."""
    import scripts.bench_gpu as bench_gpu

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert bench_gpu.main() == 0
    assert "no CUDA device" in capsys.readouterr().out


def test_gpu_benchmark_workloads_run_with_bf16_autocast_on_the_cpu() -> None:
    from scripts.bench_gpu import workloads

    if reason := bf16_autocast_unsupported("cpu"):
        pytest.skip(reason)
    for name, run in workloads().items():
        assert run(torch.device("cpu"), tiny=True, amp=True) > 0, name


def test_amp_without_bf16_support_raises_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import lectureref.performance as performance

    monkeypatch.setattr(performance, "bf16_autocast_unsupported", lambda device_type: "no bf16 here")
    with pytest.raises(RuntimeError, match=r"amp=True\): no bf16 here"):
        step_seconds(nn.Linear(4, 3), torch.randn(8, 4), torch.zeros(8, dtype=torch.long), device=torch.device("cpu"), amp=True)


def test_bf16_probe_answers_with_a_reason_or_nothing() -> None:
    reason = bf16_autocast_unsupported("cpu")
    assert reason == "" or reason.startswith("bfloat16 autocast fails on cpu")
    assert bf16_autocast_unsupported("cpu") is reason  # probed once per device type


def test_step_seconds_with_autocast_still_trains_float32_weights() -> None:
    if reason := bf16_autocast_unsupported("cpu"):
        pytest.skip(reason)
    torch.manual_seed(0)
    model = nn.Linear(4, 3)
    before = model.weight.detach().clone()
    step_seconds(model, torch.randn(8, 4), torch.tensor([0, 1, 2, 0, 1, 2, 0, 1]), device=torch.device("cpu"), steps=2, amp=True)
    assert model.weight.dtype == torch.float32 and not torch.equal(before, model.weight.detach())


def test_single_thread_seconds_runs_on_one_thread_and_restores_the_count() -> None:
    before = torch.get_num_threads()
    seen = []
    seconds = single_thread_seconds(lambda: seen.append(torch.get_num_threads()), lambda: None, repeat=2)
    assert len(seconds) == 2 and all(s >= 0 for s in seconds)
    assert set(seen) == {1} and len(seen) == 3          # one warm-up and two timed calls
    assert torch.get_num_threads() == before


def test_compare_shapes_runs_each_shape_under_both_allocators() -> None:
    """In a child process: `keep_freed_memory` changes malloc for the whole process."""
    code = "from lectureref.performance import compare_shapes; print(compare_shapes(lambda a, b: print(a / b) or a / b, [(3, 2), (1, 4)]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    lines = out.splitlines()
    assert lines[0].startswith(f"torch {torch.__version__}") and "BLAS " in lines[0]
    if platform.libc_ver()[0] == "glibc":
        assert lines[1:] == ["malloc: default (freed memory goes back to the OS)", "1.5", "0.25",
                             "malloc: keeps freed memory (keep_freed_memory)", "1.5", "0.25", "[1.5, 0.25]"]
    else:
        assert lines[-1] == "[]"


def test_blas_kernel_names_numpys_blas() -> None:
    assert blas_kernel() != "unknown" and "(" in blas_kernel()


def test_index_benchmark_course_is_one_the_loader_accepts() -> None:
    """`scripts/bench.py`'s synthetic course passes the same checks as a contributor's (one video a lecture)."""
    from scripts.bench import index_seconds, synthetic_course

    assert synthetic_course(300).count("video:") == 3
    assert index_seconds(300) > 0
