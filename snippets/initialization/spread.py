"""How the activations' spread survives 10 layers (width 256) under each initialization."""

from lectureref.claims import claim, reproducible
from lectureref.initialization import activation_stds


def main() -> dict:
    seed = reproducible(0)
    # --8<-- [start:main]
    runs = {
        ("zero", "tanh"): {}, ("small", "tanh"): {}, ("xavier_normal", "tanh"): {},
        ("xavier_normal", "tanh", "gain 5/3"): {"gain": 5 / 3},
        ("small", "relu"): {}, ("xavier_normal", "relu"): {}, ("he_normal", "relu"): {},
    }
    stds = {}
    for key, kw in runs.items():
        stds[key] = activation_stds(key[0], key[1], depth=10, width=256, n=500, seed=seed, **kw)
        print(f"{' '.join(key):>28}: " + " ".join(f"{s:.2g}" for s in stds[key]))
    # --8<-- [end:main]
    he = stds["he_normal", "relu"]
    # The page claims (its table, to the digits it shows, over seeds): zero init gives exactly 0;
    # N(0, 0.01²) collapses (~1e-8 by layer 10); Xavier + ReLU halves the variance each layer
    # (×1/√2 per layer: 0.58–0.59 → 0.02–0.04, about 2^4.5 ≈ 23× less, 14–30× over seeds 0–9); He + ReLU stays 0.7–1.3 (within a
    # factor 2 over all 10 layers); Xavier + tanh drifts down (0.63 → 0.22–0.24), with torch's
    # tanh gain 5/3 it holds at 0.64–0.66.
    assert max(stds["zero", "tanh"]) == 0.0
    claim("small + tanh: std at layer 10", stds["small", "tanh"][-1], "<", 1e-6)
    claim("small + ReLU: std at layer 10", stds["small", "relu"][-1], "<", 1e-6)
    xavier_relu = stds["xavier_normal", "relu"]
    claim("Xavier + ReLU: std layer 1 / layer 10", xavier_relu[0] / xavier_relu[-1], ">", 14)
    claim("Xavier + ReLU: std layer 1 / layer 10", xavier_relu[0] / xavier_relu[-1], "<", 30)
    claim("He + ReLU: max / min std", max(he) / min(he), "<", 2)
    claim("He + ReLU: std at layer 10", he[-1], ">", 0.65)
    claim("He + ReLU: std at layer 10", he[-1], "<", 1.35)
    claim("Xavier + tanh: std at layer 10", stds["xavier_normal", "tanh"][-1], ">", 0.215)
    claim("Xavier + tanh: std at layer 10", stds["xavier_normal", "tanh"][-1], "<", 0.245)
    # the table's other cells: each shown value or range, rounded to its last digit (h = half a unit of it)
    for key, layer, low, high, h in [
        (("small", "tanh"), 1, 0.16, 0.16, 0.005), (("small", "relu"), 1, 0.093, 0.094, 0.0005),
        (("xavier_normal", "tanh"), 1, 0.63, 0.63, 0.005), (("xavier_normal", "relu"), 1, 0.58, 0.59, 0.005),
        (("xavier_normal", "tanh", "gain 5/3"), 1, 0.76, 0.76, 0.005),
        (("xavier_normal", "tanh", "gain 5/3"), 10, 0.64, 0.66, 0.005), (("he_normal", "relu"), 1, 0.82, 0.83, 0.005),
    ]:
        name = " ".join(key)
        claim(f"{name}: std at layer {layer}", stds[key][layer - 1], ">=", low - h)
        claim(f"{name}: std at layer {layer}", stds[key][layer - 1], "<", high + h)
    tanh_gain = stds["xavier_normal", "tanh", "gain 5/3"]
    claim("Xavier + tanh, gain 5/3: max / min std", max(tanh_gain) / min(tanh_gain), "<", 1.5)
    return stds


if __name__ == "__main__":
    main()
