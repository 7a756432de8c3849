"""The "easy way out": from tiny weights the loss rests at ln 2 ("always 50 %") before learning."""

import math

from lectureref.claims import claim, reproducible
from lectureref.practical_training import plateau_length, xor_losses
from lectureref.training import TrainConfig


def main() -> None:
    seed = reproducible(0)
    # --8<-- [start:run]
    runs = {scale: xor_losses(init_scale=scale,
                              config=TrainConfig(steps=1500, seed=seed)) for scale in (0.01, 0.05, 0.5)}
    flat = {scale: plateau_length(losses, level=math.log(2)) for scale, losses in runs.items()}
    for scale, losses in runs.items():
        print(f"init std {scale}: {flat[scale]} steps at ln 2, final loss {losses[-1]:.4f}")
    # --8<-- [end:run]
    # The page claims: std 0.01 never leaves ln 2 in 1500 steps, std 0.05 rests there for
    # hundreds of steps (how many depends on the seed) and then learns XOR, std 0.5 at once.
    claim("std 0.01: steps at ln 2", flat[0.01], "==", 1500)
    claim("std 0.05: steps at ln 2", flat[0.05], ">", 100)
    claim("std 0.05: steps at ln 2", flat[0.05], "<", 1400)
    claim("std 0.05: final loss", runs[0.05][-1], "<", 0.05)
    claim("std 0.5: steps at ln 2", flat[0.5], "<", 10)
    claim("std 0.5: final loss", runs[0.5][-1], "<", 0.05)


if __name__ == "__main__":
    main()
