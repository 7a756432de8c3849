"""GAN losses from discriminator logits: numpy = PyTorch, and why the generator uses −log D(G(z))."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.gan import (
    discriminator_loss_backward,
    discriminator_loss_forward,
    discriminator_loss_torch,
    generator_loss_backward,
    generator_loss_torch,
)


def main() -> None:
    rng = np.random.default_rng(reproducible(0))
    real, fake = rng.normal(1, 2, 5), rng.normal(-1, 2, 7)          # logits of D on 5 real, 7 fake
    d_loss, cache = discriminator_loss_forward(real, fake)
    d_real, d_fake = discriminator_loss_backward(cache)
    rt, ft = torch.tensor(real, requires_grad=True), torch.tensor(fake, requires_grad=True)
    discriminator_loss_torch(rt, ft).backward()
    assert np.isclose(d_loss, discriminator_loss_torch(rt, ft).item(), rtol=1e-12)
    np.testing.assert_allclose(d_real, rt.grad.numpy(), rtol=1e-10)
    np.testing.assert_allclose(d_fake, ft.grad.numpy(), rtol=1e-10)
    # --8<-- [start:main]
    rejected = np.array([-6.0, -4.0, -2.0])     # D is sure these fakes are fake: D(G(z)) ≈ 0.002 … 0.12
    for non_saturating in [False, True]:
        grad = generator_loss_backward(rejected, non_saturating) * len(rejected)
        name = "−log D(G(z))" if non_saturating else "log(1 − D(G(z)))"
        print(f"{name:>17}: gradient per sample {grad.round(4)}")
    # --8<-- [end:main]
    # The page claims: the minimax gradient at logit −6 is below 0.003 in size, the non-saturating
    # one above 0.99; both match autograd.
    minimax, non_sat = generator_loss_backward(rejected, False), generator_loss_backward(rejected, True)
    claim("minimax gradient at logit −6", abs(minimax[0]) * 3, "<", 0.003)
    claim("non-saturating gradient at logit −6", abs(non_sat[0]) * 3, ">", 0.99)
    claim("non-saturating / minimax at logit −6, in hundreds", round(non_sat[0] / minimax[0], -2), "==", 400)
    for flag, mine in [(False, minimax), (True, non_sat)]:
        ft = torch.tensor(rejected, requires_grad=True)
        generator_loss_torch(ft, flag).backward()
        np.testing.assert_allclose(mine, ft.grad.numpy(), rtol=1e-10)


if __name__ == "__main__":
    main()
