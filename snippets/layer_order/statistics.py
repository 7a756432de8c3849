"""What the next layer sees after BN→ReLU and after ReLU→BN; dropout and ReLU commute."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.layer_order import dropout_then_relu, next_layer_input, relu_then_dropout
from lectureref.nn.dropout import dropout_mask
from lectureref.nn.init import init_weights


def main() -> None:
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    X = digits_split(seed=seed).X_train[:256].astype(np.float64)
    # --8<-- [start:main]
    W = init_weights(64, 64, "he_normal", rng=rng).T          # a fresh hidden layer: z = X W
    z = X @ W
    for order in ["linear-bn-relu", "linear-relu-bn"]:
        h = next_layer_input(z, order)
        print(f"{order}: zeros {np.mean(h == 0):.0%}, mean {h.mean():+.2f}, "
              f"std {h.std(axis=0).mean():.2f} (per feature, averaged)")
    mask = dropout_mask(z.shape, p=0.5, rng=rng, dtype=np.float64)
    same = np.array_equal(dropout_then_relu(z, mask), relu_then_dropout(z, mask))
    print(f"ReLU(dropout(z)) == dropout(ReLU(z)): {same}")
    # --8<-- [end:main]
    # The page claims, for seeds 0–9: after BN→ReLU the next layer gets non-negative numbers,
    # about half of them zero (0.4–0.6), mean ≈ 1/√(2π) ≈ 0.4 for a Gaussian (0.3–0.5 here);
    # after ReLU→BN every feature has mean 0 and std 1 (up to BN's ε); dropout and ReLU commute.
    bn_relu, relu_bn = next_layer_input(z, "linear-bn-relu"), next_layer_input(z, "linear-relu-bn")
    claim("BN→ReLU: share of zeros, lower", np.mean(bn_relu == 0), ">", 0.4)
    claim("BN→ReLU: share of zeros, upper", np.mean(bn_relu == 0), "<", 0.6)
    claim("BN→ReLU: mean, lower", bn_relu.mean(), ">", 0.3)
    claim("BN→ReLU: mean, upper", bn_relu.mean(), "<", 0.5)
    claim("ReLU→BN: max |feature mean|", np.abs(relu_bn.mean(axis=0)).max(), "<", 1e-9)
    # BN divides by √(σ² + ε), ε = 1e-5: a feature that ReLU nearly silenced keeps a std below 1
    spread = np.maximum(z, 0).var(axis=0) > 1e-2
    claim("ReLU→BN: max |feature std − 1|, features with variance > 0.01", np.abs(relu_bn.std(axis=0)[spread] - 1).max(), "<", 1e-3)
    claim("dropout and ReLU commute (1 = exactly)", float(same), "==", 1.0)


if __name__ == "__main__":
    main()
