"""lectureref.gru: the numpy GRU against torch.nn.GRU and numerical gradients (float64); gate order."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.backprop import numerical_gradient, relative_error
from lectureref.gru import (
    gru_backward,
    gru_forward,
    gru_step_backward,
    gru_step_forward,
    init_gru,
    parameter_counts,
    to_torch_gru,
)

CPU = torch.device("cpu")


def _case(T: int = 4, N: int = 2, D: int = 3, H: int = 3, seed: int = 0):
    rng = np.random.default_rng(seed)
    x, h0, dout = (rng.standard_normal(s) for s in [(T, N, D), (N, H), (T, N, H)])
    return x, h0, dout, init_gru(D, H, seed=seed, update_bias=0.3)


def test_forward_and_every_gradient_match_torch() -> None:
    x, h0, dout, p = _case(T=7, N=3, D=4, H=5)
    out, caches = gru_forward(x, h0, p)
    g = gru_backward(dout, caches)
    gru = to_torch_gru(p, CPU)
    xt, h0t = (torch.tensor(a, requires_grad=True) for a in (x, h0[None]))
    out_t, h_n = gru(xt, h0t)
    out_t.backward(torch.tensor(dout))
    assert relative_error(out, out_t.detach().numpy()) < 1e-12
    np.testing.assert_allclose(h_n[0].detach().numpy(), out[-1], rtol=1e-12)
    for ours, theirs in [(g.dx, xt.grad), (g.dh0, h0t.grad[0]), (g.dw_ih, gru.weight_ih_l0.grad),
                         (g.dw_hh, gru.weight_hh_l0.grad), (g.db_ih, gru.bias_ih_l0.grad), (g.db_hh, gru.bias_hh_l0.grad)]:
        assert relative_error(ours, theirs.numpy()) < 1e-10


def test_backward_matches_numerical_gradients() -> None:
    x, h0, dout, p = _case()
    g = gru_backward(dout, gru_forward(x, h0, p)[1])

    def f(_: np.ndarray) -> float:
        return float(np.sum(gru_forward(x, h0, p)[0] * dout))

    for analytic, array in [(g.dx, x), (g.dh0, h0), (g.dw_ih, p.w_ih), (g.dw_hh, p.w_hh), (g.db_ih, p.b_ih), (g.db_hh, p.b_hh)]:
        assert relative_error(analytic, numerical_gradient(f, array)) < 1e-7


def test_one_step_is_the_sequence_of_length_one() -> None:
    x, h0, dout, p = _case(T=1)
    h1, cache = gru_step_forward(x[0], h0, p)
    out, caches = gru_forward(x, h0, p)
    np.testing.assert_array_equal(h1, out[0])
    for a, b in zip(gru_step_backward(dout[0], cache), gru_backward(dout, caches)):
        np.testing.assert_allclose(a.reshape(b.shape), b, rtol=1e-14)


def test_gate_order_is_torchs_r_z_n() -> None:
    # A huge bias on the z block (rows H:2H) only keeps h exactly: z = 1, h' = h.
    D, H = 2, 3
    p = init_gru(D, H, seed=0)
    p.b_ih[H : 2 * H] = 50.0
    h0 = np.arange(1.0, H + 1)[None]
    out, _ = gru_forward(np.random.default_rng(0).standard_normal((5, 1, D)), h0, p)
    np.testing.assert_allclose(out[-1], h0, rtol=1e-12)


def test_float32_stays_float32() -> None:
    x, h0, dout, p = _case()
    p32 = type(p)(*(a.astype(np.float32) for a in p))
    out, caches = gru_forward(x.astype(np.float32), h0.astype(np.float32), p32)
    assert out.dtype == np.float32
    assert all(g.dtype == np.float32 for g in gru_backward(dout.astype(np.float32), caches))


def test_parameter_counts_are_one_three_and_four_blocks() -> None:
    D, H = 5, 7
    block = H * D + H * H + 2 * H
    assert parameter_counts(D, H) == {"RNN": block, "GRU": 3 * block, "LSTM": 4 * block}


# The exercise «Шаг GRU» (lectureref/exercises/gru_cell.py): its typical mistakes are caught.
GRU_MISTAKES = [
    ("z and 1 − z swapped", "h_next = (1 - z) * n + z * h", "h_next = z * n + (1 - z) * h", {"forward_values"}),
    ("reset gate outside the candidate's bias", "n = np.tanh(gi[:, 2 * H :] + r * hn)",
     "n = np.tanh(gi[:, 2 * H :] + r * (h @ w_hh[2 * H :].T) + b_hh[2 * H :])", {"forward_values"}),
    ("direct path to h forgotten", "dh = dh_next * z + dgh @ w_hh", "dh = dgh @ w_hh", {"backward_state"}),
    ("b_hn's gradient without r", "dgh = np.concatenate([da_r, da_z, da_n * r], axis=1)",
     "dgh = np.concatenate([da_r, da_z, da_n], axis=1)", {"backward_state", "backward_weights"}),
]


def test_gru_exercise_catches_typical_mistakes(tmp_path) -> None:  # noqa: ANN001
    from pathlib import Path

    from lectureref.exercises.checker import run_checks

    solution = (Path(__file__).parent / "exercises_data" / "solutions" / "gru_cell.py").read_text(encoding="utf-8")
    for label, old, new, caught_by in GRU_MISTAKES:
        assert solution.count(old) == 1, label
        wrong = tmp_path / "gru_cell.py"
        wrong.write_text(solution.replace(old, new), encoding="utf-8")
        failed = {r.check for r in run_checks("gru_cell", wrong, links=False) if not r.passed}
        assert caught_by <= failed, (label, failed)
