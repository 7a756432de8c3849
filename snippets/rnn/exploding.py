"""∂L/∂h_0 after 100 steps: vanishes for spectral radius ρ(W_hh) < 1, explodes for ρ > 1; clipping."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.nn.rnn import rnn_backward, rnn_forward, RNNParams
from lectureref.rnn import clip_grad_norm, grad_norm_through_time, with_spectral_radius


def main() -> None:
    T, D, H = 100, 8, 32
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    w_ih, w = rng.standard_normal((H, D)) / np.sqrt(D), rng.standard_normal((H, H)) / np.sqrt(H)
    zeros = np.zeros(H)
    # --8<-- [start:main]
    norm = {}
    for rho, scale in [(0.9, 0.0), (1.1, 0.0), (1.1, 1.0)]:
        p = RNNParams(w_ih, with_spectral_radius(w, rho), zeros, zeros)
        x = scale * np.random.default_rng(seed + 1).standard_normal((T, 1, D))   # scale 0: tanh' = 1
        norm[rho, scale] = grad_norm_through_time(p, x)                   # ‖∂L/∂h_t‖, t = 0 … T
        factor = (norm[rho, scale][0] / norm[rho, scale][50]) ** (1 / 50)   # mean factor a step back, t = 50 … 0
        print(f"ρ = {rho}, |x| ~ {scale}: ‖∂L/∂h_100‖ = {norm[rho, scale][-1]:.2f}, "
              f"‖∂L/∂h_0‖ = {norm[rho, scale][0]:.2g}, factor per step {factor:.3f}")
    # --8<-- [end:main]
    # The page claims: with tanh' = 1 each step back multiplies the norm by ρ on average once the
    # largest eigenvalue dominates (steps 50 … 0): within 0.02 of ρ. How much the first steps give
    # depends on how the random g falls on W_hh's eigenvectors (for ρ = 1.1 the whole 100 steps give
    # ×768 … ×1.1e4 over seeds 0–9): the page says «в сотни и тысячи раз» and the claim is hundreds;
    # for ρ = 0.9 below 1e-3 (vanished).
    # With inputs of scale 1 tanh saturates and even ρ = 1.1 vanishes (below 1e-10).
    for rho in (0.9, 1.1):
        factor = (norm[rho, 0.0][0] / norm[rho, 0.0][50]) ** (1 / 50)
        claim(f"ρ = {rho}: |factor per step − ρ|", abs(factor - rho), "<", 0.02)
    claim("ρ = 0.9: ‖∂L/∂h_0‖ / ‖∂L/∂h_100‖", norm[0.9, 0.0][0] / norm[0.9, 0.0][-1], "<", 1e-3)
    claim("ρ = 1.1: ‖∂L/∂h_0‖ / ‖∂L/∂h_100‖", norm[1.1, 0.0][0] / norm[1.1, 0.0][-1], ">", 100)  # «в сотни и тысячи раз»
    claim("ρ = 1.1, |x| ~ 1: ‖∂L/∂h_0‖", norm[1.1, 1.0][0], "<", 1e-10)

    # --8<-- [start:clip]
    p = RNNParams(w_ih, with_spectral_radius(w, 1.5), zeros, zeros)
    out, cache = rnn_forward(np.zeros((T, 1, D)), np.zeros((1, H)), p)
    dout = np.zeros_like(out)
    dout[-1] = 1.0                                           # the loss sees the last step only
    grads = list(rnn_backward(dout, cache))[2:]              # dW_ih, dW_hh, db_ih, db_hh
    clipped, total = clip_grad_norm(grads, max_norm=1.0)
    new_total = np.sqrt(sum(np.sum(g**2) for g in clipped))
    print(f"gradient norm {total:.3g} → after clipping {new_total:.3f}")
    # --8<-- [end:clip]
    claim("gradient norm before clipping", total, ">", 1e10)
    claim("|norm after clipping − 1|", abs(new_total - 1.0), "<", 1e-6)
    flat, flat_clipped = np.concatenate([g.ravel() for g in grads]), np.concatenate([g.ravel() for g in clipped])
    assert np.isclose(flat @ flat_clipped, np.linalg.norm(flat) * np.linalg.norm(flat_clipped))  # same direction
    tensors = [torch.tensor(g) for g in grads]
    params = [torch.zeros_like(g, requires_grad=True) for g in tensors]
    for param, g in zip(params, tensors):
        param.grad = g.clone()
    assert np.isclose(torch.nn.utils.clip_grad_norm_(params, 1.0).item(), total)   # torch: same norm
    assert all(np.allclose(q.grad.numpy(), c) for q, c in zip(params, clipped))    # and same result


if __name__ == "__main__":
    main()
