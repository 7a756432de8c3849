"""The forward algorithm and Viterbi give exactly what enumerating all K^T tag sequences gives."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.crf_tagging import CRF, brute_force, log_partition, viterbi


def main() -> None:
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    # --8<-- [start:main]
    worst, wrong_paths = 0.0, 0
    for T in range(1, 7):                             # 4^6 = 4096 sequences at most
        K = 4
        E, A = rng.normal(size=(T, K)), rng.normal(size=(K, K))
        start, end = rng.normal(size=K), rng.normal(size=K)
        log_z, best = brute_force(E, A, start, end)   # Σ over every sequence, and the argmax
        worst = max(worst, abs(log_partition(E, A, start, end) - log_z))
        wrong_paths += not np.array_equal(viterbi(E, A, start, end)[0], best)
    print(f"|log Z − brute force| ≤ {worst:.1e}, Viterbi ≠ argmax: {wrong_paths} of 6")
    claim("max |forward − brute force|", worst, "<", 1e-12)
    claim("Viterbi paths that differ from the brute-force argmax", wrong_paths, "==", 0)

    crf = CRF(K).double()                             # the batched torch version, same numbers
    with torch.no_grad():
        crf.transitions.copy_(torch.from_numpy(A)), crf.start.copy_(torch.from_numpy(start)), crf.end.copy_(torch.from_numpy(end))
        em, mask = torch.from_numpy(E)[None], torch.ones(1, T, dtype=torch.bool)
        torch_gap = abs(crf.log_partition(em, mask).item() - log_partition(E, A, start, end))
    print(f"torch CRF: |log Z − numpy| = {torch_gap:.1e}, Viterbi {crf.decode(em, mask)[0]} vs {best.tolist()}")
    claim("|torch log Z − numpy log Z|", torch_gap, "<", 1e-12)
    # --8<-- [end:main]
    assert crf.decode(em, mask)[0] == best.tolist()


if __name__ == "__main__":
    main()
