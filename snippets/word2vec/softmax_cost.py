"""Full softmax vs negative sampling: the cost of one forward+backward as the vocabulary grows."""

from lectureref.claims import claim
from lectureref.word2vec import step_flops


def main() -> dict[int, float]:
    ratios = {}
    # --8<-- [start:main]
    for V in [1_000, 10_000, 100_000]:
        full, sampled = step_flops(V, dim=16, batch=32), step_flops(V, dim=16, batch=32, k=5)
        ratios[V] = full / sampled
        print(f"V = {V:>7}: FLOPs full softmax {full:.1e}, negative sampling {sampled:.1e} (×{ratios[V]:,.0f})")
    # --8<-- [end:main]
    # The page claims: full softmax FLOPs grow ∝ V (3.1e6 → 3.1e8), negative sampling's stay at
    # 1.8e4, so at V = 100 000 a step needs ≈ 17 000× fewer operations. Seconds depend on the
    # machine: scripts/bench_word2vec.py measures them.
    claim("full softmax FLOPs, V = 1 000", step_flops(1_000, 16, 32), "==", 3_072_000)
    claim("full softmax FLOPs V = 100 000 / V = 1 000", step_flops(100_000, 16, 32) / step_flops(1_000, 16, 32), "==", 100)
    claim("negative sampling FLOPs V = 100 000 / V = 1 000", step_flops(100_000, 16, 32, k=5) / step_flops(1_000, 16, 32, k=5), "==", 1)
    claim("negative sampling FLOPs", step_flops(1_000, 16, 32, k=5), "==", 18_432)
    claim("V = 1 000: full / sampled FLOPs, to 2 digits", round(ratios[1_000], -1), "==", 170)
    claim("V = 10 000: full / sampled FLOPs, to 2 digits", round(ratios[10_000], -2), "==", 1_700)
    claim("V = 100 000: full / sampled FLOPs, to 2 digits", round(ratios[100_000], -3), "==", 17_000)
    return ratios


if __name__ == "__main__":
    main()
