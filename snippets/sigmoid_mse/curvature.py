"""MSE after a sigmoid bends the wrong way and goes flat; the cross-entropy stays convex."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.sigmoid_mse import cross_entropy, descend, make_1d, mse


def main() -> None:
    seed = reproducible(0)
    x, y = make_1d(n=200, seed=seed)
    # --8<-- [start:main]
    ws = np.linspace(-6, 6, 241)
    curv_mse = np.array([mse(w, x, y)[2] for w in ws])
    curv_ce = np.array([cross_entropy(w, x, y)[2] for w in ws])
    print(f"J″ of MSE: from {curv_mse.min():.4f} to {curv_mse.max():.4f}")
    print(f"J″ of CE:  from {curv_ce.min():.4f} to {curv_ce.max():.4f}")
    print(f"MSE slope at w = −6: {mse(-6.0, x, y)[1]:.4f}, CE slope: {cross_entropy(-6.0, x, y)[1]:.4f}")
    for loss in ["mse", "cross_entropy"]:
        print(f"{loss}: 200 steps from w = −6 end at w = {descend(loss, -6.0, x, y):.2f}")
    # --8<-- [end:main]
    # The page claims, for seeds 0–9: MSE's second derivative is negative somewhere on [−6, 6]
    # (non-convex), the cross-entropy's is positive everywhere; from w = −6 the MSE slope is over
    # 10 times flatter than the CE slope, and descent on MSE is still at w < 0 after 200 steps
    # while descent on CE has crossed to w > 0.
    claim("min J″ of MSE", curv_mse.min(), "<", 0)
    claim("min J″ of cross-entropy", curv_ce.min(), ">", 0)
    claim("|CE slope| / |MSE slope| at w = −6", abs(cross_entropy(-6.0, x, y)[1] / mse(-6.0, x, y)[1]), ">", 10)
    claim("MSE descent: w after 200 steps", descend("mse", -6.0, x, y), "<", 0)
    claim("CE descent: w after 200 steps", descend("cross_entropy", -6.0, x, y), ">", 0)


if __name__ == "__main__":
    main()
