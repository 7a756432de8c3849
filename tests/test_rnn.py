"""lectureref.rnn: BPTT against torch.nn.RNN and numerical gradients (float64), clipping, the char model."""

from __future__ import annotations

import math

import numpy as np
import torch

from lectureref.backprop import numerical_gradient, relative_error
from lectureref.nn.rnn import init_rnn, rnn_backward, rnn_forward, RNNParams, to_torch_rnn
from lectureref.rnn import (
    CharLM,
    CharVocab,
    clip_grad_norm,
    grad_norm_through_time,
    sample,
    sequence_loss,
    train_char_lm,
    with_spectral_radius,
)
from lectureref.training import TrainConfig

CPU = torch.device("cpu")


def _case(T: int = 5, N: int = 2, D: int = 3, H: int = 4, seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((T, N, D)), rng.standard_normal((N, H)), init_rnn(D, H, seed=seed), rng.standard_normal((T, N, H))


def test_forward_and_every_gradient_match_torch() -> None:
    x, h0, p, dout = _case(T=7, N=3, D=4, H=5)
    out, cache = rnn_forward(x, h0, p)
    g = rnn_backward(dout, cache)
    rnn = to_torch_rnn(p, CPU)
    xt, h0t = torch.tensor(x, requires_grad=True), torch.tensor(h0[None], requires_grad=True)
    out_t, h_n = rnn(xt, h0t)
    out_t.backward(torch.tensor(dout))
    assert relative_error(out, out_t.detach().numpy()) < 1e-12
    np.testing.assert_allclose(h_n[0].detach().numpy(), out[-1], rtol=1e-12)
    for ours, theirs in [(g.dx, xt.grad), (g.dh0, h0t.grad[0]), (g.dw_ih, rnn.weight_ih_l0.grad),
                         (g.dw_hh, rnn.weight_hh_l0.grad), (g.db_ih, rnn.bias_ih_l0.grad), (g.db_hh, rnn.bias_hh_l0.grad)]:
        assert relative_error(ours, theirs.numpy()) < 1e-10


def test_backward_matches_numerical_gradients() -> None:
    x, h0, p, dout = _case()
    g = rnn_backward(dout, rnn_forward(x, h0, p)[1])
    f = lambda _: rnn_forward(x, h0, p)[0]  # noqa: E731  (reads the arrays changed in place)
    for analytic, array in [(g.dx, x), (g.dh0, h0), (g.dw_ih, p.w_ih), (g.dw_hh, p.w_hh), (g.db_ih, p.b_ih), (g.db_hh, p.b_hh)]:
        assert relative_error(analytic, numerical_gradient(f, array, dout)) < 1e-7


def test_gradient_norm_follows_the_spectral_radius_in_the_linear_regime() -> None:
    # x = 0, b = 0: h stays 0, tanh' = 1, so ∂L/∂h_0 = (W_hhᵀ)^T g exactly; orthogonal W: ‖·‖ = ρ^T ‖g‖
    H, T = 6, 40
    q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((H, H)))
    for rho in [0.8, 1.2]:
        w = with_spectral_radius(q, rho)
        assert np.isclose(np.abs(np.linalg.eigvals(w)).max(), rho)
        norms = grad_norm_through_time(RNNParams(np.ones((H, 2)), w, np.zeros(H), np.zeros(H)), np.zeros((T, 1, 2)))
        np.testing.assert_allclose(norms[0], rho**T * norms[-1], rtol=1e-9)


def test_clip_grad_norm_matches_torch_and_leaves_small_gradients_alone() -> None:
    rng = np.random.default_rng(1)
    grads = [rng.standard_normal((3, 4)) * 10, rng.standard_normal(5) * 10]
    clipped, total = clip_grad_norm(grads, max_norm=2.0)
    params = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for q, g in zip(params, grads):
        q.grad = torch.tensor(g)
    assert np.isclose(torch.nn.utils.clip_grad_norm_(params, 2.0).item(), total)
    for q, c in zip(params, clipped):
        np.testing.assert_allclose(q.grad.numpy(), c, rtol=1e-12)
    small = [g / (10 * total) for g in grads]
    assert all(np.array_equal(a, b) for a, b in zip(clip_grad_norm(small, 2.0)[0], small))


def test_vocab_adds_bos_and_eos_and_roundtrips() -> None:
    vocab = CharVocab("мама мыла раму")
    ids = vocab.encode("рама")
    assert ids[0] == 0 and ids[-1] == 1 and len(vocab) == 2 + len(set("мама мыла раму"))
    assert vocab.decode(ids) == "рама"


def test_char_lm_learns_a_tiny_text_and_greedy_sampling_is_deterministic() -> None:
    lines = ["абв абв абв.", "где где где."] * 4
    vocab = CharVocab("".join(lines))
    untrained = sequence_loss(CharLM(len(vocab)), lines, vocab)
    model, losses = train_char_lm(lines, vocab, hidden=32, config=TrainConfig(steps=40, batch_size=16, device=CPU), seq_len=16)
    loss = sequence_loss(model, lines, vocab)
    assert abs(untrained - math.log(len(vocab))) < 0.5 and loss < 0.5 * math.log(len(vocab))
    assert losses[-1] < losses[0]
    greedy = sample(model, vocab, 0, max_len=40, seed=0)
    assert greedy == sample(model, vocab, 0, max_len=40, seed=1) == sample(model, vocab, 1e-5, max_len=40, seed=2)
    assert set(sample(model, vocab, 1.0, max_len=30, seed=3)) <= set(vocab.chars)
