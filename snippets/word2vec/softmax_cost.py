"""Full softmax vs negative sampling: the cost of one forward+backward as the vocabulary grows."""

from lectureref.word2vec import step_flops, time_steps


def main() -> None:
    ratios = {}
    # --8<-- [start:main]
    for V in [1_000, 10_000, 100_000]:
        full, sampled = time_steps(V, dim=16, batch=32, k=5)
        ratios[V] = full / sampled
        print(f"V = {V:>7}: FLOPs {step_flops(V, 16, 32):.1e} vs {step_flops(V, 16, 32, k=5):.1e}; "
              f"time {full * 1e3:.2f} ms vs {sampled * 1e3:.3f} ms (×{ratios[V]:.0f})")
    # --8<-- [end:main]
    # The page claims: full softmax FLOPs grow ∝ V, negative sampling's do not; the measured time
    # ratio grows with V (≈ ×4 → ×2000 here; timings are noisy, so only the trend is asserted).
    assert step_flops(100_000, 16, 32) == 100 * step_flops(1_000, 16, 32)
    assert step_flops(100_000, 16, 32, k=5) == step_flops(1_000, 16, 32, k=5)
    assert ratios[100_000] > 10 * ratios[1_000]


if __name__ == "__main__":
    main()
