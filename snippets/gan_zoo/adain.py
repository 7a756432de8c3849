"""AdaIN: the style sets each feature map's mean and spread, the input keeps only its pattern."""

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.claims import claim, reproducible
from lectureref.gan_zoo import AdaIN, adain_forward


def main() -> None:
    rng = np.random.default_rng(reproducible(0))
    # --8<-- [start:main]
    x = rng.normal(3.0, 5.0, (2, 4, 8, 8))        # 2 images, 4 feature maps of 8×8, mean 3, spread 5
    y_s = rng.uniform(0.5, 2.0, (2, 4))            # one style per image and map
    y_b = rng.normal(0.0, 1.0, (2, 4))
    out = adain_forward(x, y_s, y_b)
    print("mean of each map:", out.mean(axis=(2, 3)).round(3)[0], "= y_b", y_b.round(3)[0])
    print("std of each map: ", out.std(axis=(2, 3)).round(3)[0], "= y_s", y_s.round(3)[0])
    # The same image with a brighter, stronger input: the style decides, the output does not move.
    print("10·x + 7 gives the same output:", np.allclose(adain_forward(10 * x + 7, y_s, y_b), out, atol=1e-6))
    # --8<-- [end:main]
    # The page says: after AdaIN each map has the style's mean and spread (to eps), whatever the
    # input's; a rescaled, shifted input gives the same output; numpy equals the torch module.
    claim("largest |map mean − y_b|", np.abs(out.mean(axis=(2, 3)) - y_b).max(), "<", 1e-9)
    claim("largest |map std / y_s − 1|", np.abs(out.std(axis=(2, 3)) / y_s - 1).max(), "<", 1e-5)
    claim("largest change for 10·x + 7", np.abs(adain_forward(10 * x + 7, y_s, y_b) - out).max(), "<", 1e-5)
    layer = AdaIN(w_dim=6, channels=4).double()
    w = torch.randn(2, 6, dtype=torch.float64)
    style = layer.style(w).detach().numpy()
    torch_out = layer(torch.tensor(x), w).detach().numpy()
    claim("largest |numpy − torch|", np.abs(adain_forward(x, style[:, :4], style[:, 4:]) - torch_out).max(), "<", 1e-10)
    assert torch.allclose(F.instance_norm(torch.tensor(x)), torch.tensor(adain_forward(x, np.ones((2, 4)), np.zeros((2, 4)))))


if __name__ == "__main__":
    main()
