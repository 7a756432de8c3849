#!/usr/bin/env python3
"""Seconds per training epoch of the digits MLP: numpy layers vs the same network in torch, on the CPU.

    .venv/bin/python scripts/bench_mlp.py [--epochs 20] [--hidden 256]

Both run the same minibatches (batch 32, 1 437 train+val images) through
``Linear(64, H) → BatchNorm1d → ReLU → Linear(H, 10)`` with softmax cross-entropy and an SGD
momentum step, nothing else (no evaluation). numpy runs :func:`lectureref.mlp.train_epoch`
(float32, one BLAS thread as in ``fit_numpy``); torch runs the idiomatic loop with
``torch.optim.SGD``, with torch's default thread count and with one thread. Prints the median
epoch time of each and the ratio numpy / torch (target ≤ 2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lectureref.data import digits_split  # noqa: E402
from lectureref.training import minibatches  # noqa: E402
from lectureref.nn.losses import SoftmaxCrossEntropy  # noqa: E402
from lectureref.mlp import make_mlp, train_epoch  # noqa: E402


def numpy_epochs(X: np.ndarray, y: np.ndarray, batches: list[list[np.ndarray]], hidden: int) -> list[float]:
    model, loss_fn, velocity, times = make_mlp((64, hidden, 10), seed=0), SoftmaxCrossEntropy(), {}, []
    with threadpool_limits(1, user_api="blas"):
        for epoch in batches:
            start = time.perf_counter()
            train_epoch(model, X, y, epoch, loss_fn, velocity, lr=0.05, momentum=0.9)
            times.append(time.perf_counter() - start)
    return times


def torch_epochs(X: np.ndarray, y: np.ndarray, batches: list[list[np.ndarray]], hidden: int) -> list[float]:
    net = make_mlp((64, hidden, 10), seed=0).to_torch().train()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    epochs = [[torch.from_numpy(idx) for idx in epoch] for epoch in batches]
    times = []
    for epoch in epochs:
        start = time.perf_counter()
        # --8<-- [start:torch_step]
        for idx in epoch:
            loss = F.cross_entropy(net(Xt[idx]), yt[idx])   # forward: autograd records the graph
            optimizer.zero_grad()
            loss.backward()                                 # backward: fills every p.grad
            optimizer.step()
        # --8<-- [end:torch_step]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--hidden", type=int, default=256)
    args = parser.parse_args()
    s = digits_split()
    X, y = np.concatenate([s.X_train, s.X_val]), np.concatenate([s.y_train, s.y_val])
    flat = minibatches(len(X), 32, args.epochs + 2, seed=0)        # 2 warm-up epochs
    per = -(-len(X) // 32)
    batches = [flat[i * per : (i + 1) * per] for i in range(args.epochs + 2)]
    np_t = statistics.median(numpy_epochs(X, y, batches, args.hidden)[2:])
    print(f"MLP 64-{args.hidden}-10 on digits, {len(X)} images, batch 32, {per} steps/epoch")
    print(f"numpy epoch: {1e3 * np_t:.1f} ms (float32, 1 BLAS thread)")
    default_threads = torch.get_num_threads()
    for threads in sorted({default_threads, 1}, reverse=True):
        torch.set_num_threads(threads)
        th_t = statistics.median(torch_epochs(X, y, batches, args.hidden)[2:])
        print(f"torch epoch: {1e3 * th_t:.1f} ms (CPU, {threads} thread{'s' if threads > 1 else ''}); "
              f"numpy / torch = {np_t / th_t:.2f} (target ≤ 2)")
    torch.set_num_threads(default_threads)

if __name__ == "__main__":
    main()
