"""lectureref.lstm: BPTT against torch.nn.LSTM and numerical gradients (float64); the cell path; data."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.backprop import numerical_gradient, relative_error
from lectureref.lstm import (
    AMBIGUOUS,
    word_ids,
    Classifier,
    encode,
    input_grad_norms,
    make_sentiment_data,
    make_tagging_data,
)
from lectureref.nn.lstm import init_lstm, lstm_backward, lstm_forward, to_torch_lstm
from lectureref.nn.rnn import init_rnn

CPU = torch.device("cpu")


def _case(T: int = 4, N: int = 2, D: int = 3, H: int = 3, seed: int = 0):
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal(s) for s in [(T, N, D), (N, H), (N, H), (T, N, H), (N, H)]]
    return (*arrays, init_lstm(D, H, seed=seed, forget_bias=0.5))


def test_forward_and_every_gradient_match_torch() -> None:
    x, h0, c0, dout, dc, p = _case(T=6, N=3, D=4, H=5)
    out, cache = lstm_forward(x, h0, c0, p)
    g = lstm_backward(dout, cache, dc)
    lstm = to_torch_lstm(p, CPU)
    xt, h0t, c0t = (torch.tensor(a, requires_grad=True) for a in (x, h0[None], c0[None]))
    out_t, (h_n, c_n) = lstm(xt, (h0t, c0t))
    torch.autograd.backward([out_t, c_n[0]], [torch.tensor(dout), torch.tensor(dc)])
    assert relative_error(out, out_t.detach().numpy()) < 1e-12
    np.testing.assert_allclose(c_n[0].detach().numpy(), cache.c[-1], rtol=1e-12)
    for ours, theirs in [(g.dx, xt.grad), (g.dh0, h0t.grad[0]), (g.dc0, c0t.grad[0]), (g.dw_ih, lstm.weight_ih_l0.grad),
                         (g.dw_hh, lstm.weight_hh_l0.grad), (g.db_ih, lstm.bias_ih_l0.grad), (g.db_hh, lstm.bias_hh_l0.grad)]:
        assert relative_error(ours, theirs.numpy()) < 1e-10


def test_backward_leaves_the_cache_and_the_inputs_as_they_were() -> None:
    """The forward pass works in place on its own arrays only; backward can run twice."""
    x, h0, c0, dout, dc, p = _case(T=5, N=2, D=3, H=4, seed=3)
    before = [a.copy() for a in (x, h0, c0, dout, dc, *p)]
    out, cache = lstm_forward(x, h0, c0, p)
    first, second = lstm_backward(dout, cache, dc), lstm_backward(dout, cache, dc)
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(before, (x, h0, c0, dout, dc, *p)):
        np.testing.assert_array_equal(a, b)


def test_float32_stays_float32() -> None:
    x, h0, c0, dout, dc, p = _case()
    p32 = type(p)(*(a.astype(np.float32) for a in p))
    out, cache = lstm_forward(x.astype(np.float32), h0.astype(np.float32), c0.astype(np.float32), p32)
    grads = lstm_backward(dout.astype(np.float32), cache)
    assert out.dtype == np.float32 and all(g.dtype == np.float32 for g in grads)


def test_backward_matches_numerical_gradients() -> None:
    x, h0, c0, dout, dc, p = _case()
    g = lstm_backward(dout, lstm_forward(x, h0, c0, p)[1], dc)

    def f(_: np.ndarray) -> float:
        out, cache = lstm_forward(x, h0, c0, p)
        return float(np.sum(out * dout) + np.sum(cache.c[-1] * dc))

    for analytic, array in [(g.dx, x), (g.dh0, h0), (g.dc0, c0), (g.dw_ih, p.w_ih), (g.dw_hh, p.w_hh), (g.db_ih, p.b_ih)]:
        assert relative_error(analytic, numerical_gradient(f, array)) < 1e-7


def test_gate_order_is_torchs_i_f_g_o() -> None:
    # A huge forget bias and a closed input gate keep c exactly: only the f block (rows H:2H) may do that.
    D, H = 2, 3
    p = init_lstm(D, H, seed=0)
    p.w_ih[:], p.w_hh[:], p.b_ih[:], p.b_hh[:] = 0.0, 0.0, 0.0, 0.0
    p.b_ih[H : 2 * H] = 50.0            # f = 1
    p.b_ih[:H] = -50.0                  # i = 0
    c0 = np.arange(1.0, H + 1)[None]
    _, cache = lstm_forward(np.ones((5, 1, D)), np.zeros((1, H)), c0, p)
    np.testing.assert_allclose(cache.c[-1], c0, rtol=1e-12)


def test_forget_gate_near_one_carries_the_gradient_a_vanilla_rnn_loses() -> None:
    x = np.random.default_rng(0).standard_normal((60, 1, 4))
    rnn = input_grad_norms(init_rnn(4, 16, seed=0), x)
    lstm = input_grad_norms(init_lstm(4, 16, seed=0, forget_bias=4.0), x)
    assert rnn[0] < 1e-8 * rnn[-1]
    assert lstm[0] > 1e-2 * lstm[-1]


def test_tagging_data_labels_ambiguous_words_by_context() -> None:
    sentences, tags = make_tagging_data(300, seed=2)
    first = [(s[1], t[0]) for s, t in zip(sentences, tags) if s[0] in AMBIGUOUS]
    assert {tag for _, tag in first} == {"NOUN", "VERB"}
    assert all((tag == "VERB") == (nxt in ("the", "a")) for nxt, tag in first)   # the next word decides
    assert all(len(s) == len(t) for s, t in zip(sentences, tags))


def test_sentiment_label_depends_on_the_position_of_not() -> None:
    sentences, labels = make_sentiment_data(400, seed=3)
    good = {"good", "great", "fine"}
    for s, y in zip(sentences, labels):
        adjective = next(i for i, w in enumerate(s) if w in good | {"bad", "boring", "awful"})
        negated = "not" in s[:adjective]
        assert y == int((s[adjective] in good) != negated)
    # "not" alone does not decide: sentences with a "not" are about half positive
    with_not = [y for s, y in zip(sentences, labels) if "not" in s]
    assert 0.3 < np.mean(with_not) < 0.7


def test_classifier_uses_each_sentence_own_last_step() -> None:
    # Packed sequences: padding after a sentence must not change its prediction.
    torch.manual_seed(0)
    sentences, _ = make_sentiment_data(6, seed=4)
    vocab = word_ids(sentences)
    model = Classifier(len(vocab) + 1).double().eval()
    batch = model(encode(sentences, vocab))
    alone = torch.cat([model(encode([s], vocab)) for s in sentences])
    torch.testing.assert_close(batch, alone)
