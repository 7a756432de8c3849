"""How much the first of 100 inputs still moves the loss: a GRU with z ≈ 0.5 and with z ≈ 1."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.gru import init_gru, input_grad_norms, parameter_counts


def main() -> None:
    T, D, H = 100, 8, 32
    seed = reproducible(0)
    x = np.random.default_rng(seed + 1).standard_normal((T, 1, D))
    # --8<-- [start:main]
    norms = {
        "b_z = 0": input_grad_norms(init_gru(D, H, seed=seed), x),                  # z ≈ σ(0) = 0.5
        "b_z = 4": input_grad_norms(init_gru(D, H, seed=seed, update_bias=4.0), x), # z ≈ 0.98
    }
    for name, n in norms.items():
        print(f"GRU, {name}: ‖∂L/∂x_100‖ = {n[-1]:.2f}, ‖∂L/∂x_1‖ = {n[0]:.2g}")
    print(parameter_counts(D, H))            # one layer of nn.RNN, nn.GRU, nn.LSTM
    # --8<-- [end:main]
    # The page claims: with z ≈ 0.5 the first input's gradient is below 1e-15 of the last one,
    # with z ≈ 1 over a tenth of it; a GRU has 3/4 of an LSTM's parameters.
    half, one = norms.values()
    claim("b_z = 0: ‖∂L/∂x_1‖ / ‖∂L/∂x_100‖", half[0] / half[-1], "<", 1e-15)
    claim("b_z = 4: ‖∂L/∂x_1‖ / ‖∂L/∂x_100‖", one[0] / one[-1], ">", 0.1)
    counts = parameter_counts(D, H)
    claim("GRU / LSTM parameters", counts["GRU"] / counts["LSTM"], "==", 0.75)


if __name__ == "__main__":
    main()
