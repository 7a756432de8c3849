r"""Long short-term memory (LSTM): numpy forward and backpropagation through time, PyTorch twin,
gradient flow through the cell, a bidirectional tagger and a many-to-one classifier.

Lecture 10 (34:50, 59:10, 1:04:35, 1:06:50). Gates in torch's order i, f, g, o:

$$
\begin{aligned}
(a_i, a_f, a_g, a_o) &= x_t W_{ih}^\top + b_{ih} + h_{t-1} W_{hh}^\top + b_{hh},\\
i = \sigma(a_i),\; f &= \sigma(a_f),\; g = \tanh(a_g),\; o = \sigma(a_o),\\
c_t = f \odot c_{t-1} + i \odot g, &\qquad h_t = o \odot \tanh(c_t),
\end{aligned}
$$

``w_ih`` (4H, D), ``w_hh`` (4H, H), ``b_ih``/``b_hh`` (4H,) as ``weight_ih_l0`` … of ``torch.nn.LSTM``.
Sequences are time-major, ``x`` (T, N, D).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.activations import sigmoid
from lectureref.device import get_device
from lectureref.rnn import RNNParams


class LSTMParams(NamedTuple):
    """``w_ih`` (4H, D), ``w_hh`` (4H, H), ``b_ih`` (4H,), ``b_hh`` (4H,); rows are blocks i, f, g, o."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


class LSTMGrads(NamedTuple):
    """``dx`` (T, N, D), ``dh0``, ``dc0`` (N, H) and one gradient per parameter."""

    dx: np.ndarray
    dh0: np.ndarray
    dc0: np.ndarray
    dw_ih: np.ndarray
    dw_hh: np.ndarray
    db_ih: np.ndarray
    db_hh: np.ndarray


class LSTMCache(NamedTuple):
    """``x`` (T, N, D); ``h``, ``c`` (T + 1, N, H) with the initial state at 0; gates (T, N, 4H)."""

    x: np.ndarray
    h: np.ndarray
    c: np.ndarray
    gates: np.ndarray
    params: LSTMParams


def init_lstm(input_size: int, hidden_size: int, seed: int = 0, forget_bias: float = 0.0) -> LSTMParams:
    """torch's initialisation U(−1/√H, 1/√H); ``forget_bias`` is added to ``b_ih``'s f block."""
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(hidden_size)
    H = hidden_size
    p = LSTMParams(*(rng.uniform(-k, k, s) for s in [(4 * H, input_size), (4 * H, H), (4 * H,), (4 * H,)]))
    p.b_ih[H : 2 * H] += forget_bias         # f ≈ σ(forget_bias): 1 keeps the cell, 0 wipes it
    return p


# --8<-- [start:forward]
def lstm_forward(x: np.ndarray, h0: np.ndarray, c0: np.ndarray, p: LSTMParams) -> tuple[np.ndarray, LSTMCache]:
    """Run the LSTM over ``x`` (T, N, D) from ``(h0, c0)`` (N, H); returns every ``h_t`` (T, N, H)."""
    T, N, _ = x.shape
    H = h0.shape[1]
    dtype = np.result_type(x, p.w_ih)        # float64 for gradient checks, float32 for speed
    h, c, gates = np.empty((T + 1, N, H), dtype), np.empty((T + 1, N, H), dtype), np.empty((T, N, 4 * H), dtype)
    h[0], c[0] = h0, c0
    for t in range(T):
        a = x[t] @ p.w_ih.T + p.b_ih + h[t] @ p.w_hh.T + p.b_hh       # all four gates at once
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2*H]), np.tanh(a[:, 2*H:3*H]), sigmoid(a[:, 3*H:])
        c[t + 1] = f * c[t] + i * g          # forget part of the memory, write the new part
        h[t + 1] = o * np.tanh(c[t + 1])     # show part of the memory
        gates[t] = np.concatenate([i, f, g, o], axis=1)
    return h[1:], LSTMCache(x, h, c, gates, p)
# --8<-- [end:forward]


# --8<-- [start:backward]
def lstm_backward(dout: np.ndarray, cache: LSTMCache, dc_last: np.ndarray | None = None) -> LSTMGrads:
    """BPTT for ``dout = ∂L/∂h_t`` (T, N, H) (and optionally ``∂L/∂c_T``)."""
    x, h, c, gates, p = cache
    H = h.shape[2]
    dw_ih, dw_hh, db = np.zeros_like(p.w_ih), np.zeros_like(p.w_hh), np.zeros_like(p.b_hh)
    dx = np.empty_like(x)
    dh_next = np.zeros_like(h[0])
    dc_next = np.zeros_like(c[0]) if dc_last is None else dc_last
    for t in reversed(range(len(x))):
        i, f, g, o = np.split(gates[t], 4, axis=1)
        tc = np.tanh(c[t + 1])
        dh = dout[t] + dh_next
        dc = dc_next + dh * o * (1.0 - tc**2)            # c_t feeds h_t and c_{t+1}
        da = np.concatenate([
            dc * g * i * (1.0 - i),                        # ∂/∂a_i, σ' = σ(1 − σ)
            dc * c[t] * f * (1.0 - f),                     # ∂/∂a_f
            dc * i * (1.0 - g**2),                         # ∂/∂a_g, tanh' = 1 − tanh²
            dh * tc * o * (1.0 - o),                       # ∂/∂a_o
        ], axis=1)
        dc_next = dc * f                     # the cell path: multiplied by f only, no W, no tanh'
        dh_next = da @ p.w_hh
        dx[t] = da @ p.w_ih
        dw_ih += da.T @ x[t]
        dw_hh += da.T @ h[t]
        db += da.sum(axis=0)
    return LSTMGrads(dx, dh_next, dc_next, dw_ih, dw_hh, db, db.copy())
# --8<-- [end:backward]


def to_torch_lstm(p: LSTMParams, device: torch.device | None = None) -> nn.LSTM:
    """An ``nn.LSTM`` (one layer, float64) holding a copy of ``p``."""
    hidden4, inputs = p.w_ih.shape
    lstm = nn.LSTM(inputs, hidden4 // 4, dtype=torch.float64)
    with torch.no_grad():
        for name, value in zip(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], p):
            getattr(lstm, name).copy_(torch.from_numpy(value))
    return lstm.to(device or get_device())


def input_grad_norms(p: LSTMParams | RNNParams, x: np.ndarray, seed: int = 0) -> np.ndarray:
    """``‖∂L/∂x_t‖`` for t = 0 … T − 1 when the loss sees only the last output ``L = g·h_T``.

    Works for an LSTM (`LSTMParams`) and a vanilla RNN (`lectureref.rnn.RNNParams`):
    how much does the first input still influence the loss 100 steps later?
    """
    from lectureref.rnn import rnn_backward, rnn_forward

    N, H = x.shape[1], p.w_hh.shape[1]
    zeros = np.zeros((N, H))
    if isinstance(p, LSTMParams):
        out, cache = lstm_forward(x, zeros, zeros, p)
    else:
        out, cache = rnn_forward(x, zeros, p)
    dout = np.zeros_like(out)
    dout[-1] = np.random.default_rng(seed).standard_normal(out[-1].shape)
    grads = lstm_backward(dout, cache) if isinstance(p, LSTMParams) else rnn_backward(dout, cache)
    return np.linalg.norm(grads.dx, axis=(1, 2))


# ---------------------------------------------------------------------------------------------
# Many-to-many: a bidirectional LSTM tagger (1:04:35). Many-to-one: a classifier (1:06:50).


# --8<-- [start:tagger]
class Tagger(nn.Module):
    """Embedding → (Bi)LSTM → Linear on every step: one tag per token (many-to-many)."""

    def __init__(self, vocab: int, tags: int, hidden: int = 32, bidirectional: bool = True) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, 16, padding_idx=0)
        self.lstm = nn.LSTM(16, hidden, batch_first=True, bidirectional=bidirectional)
        self.head = nn.Linear(hidden * (2 if bidirectional else 1), tags)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(self.embed(ids))    # (N, T, 2H): forward and backward states concatenated
        return self.head(out)                  # (N, T, tags)
# --8<-- [end:tagger]


# --8<-- [start:classifier]
class Classifier(nn.Module):
    """Embedding → LSTM over a padded batch → Linear on the last real step (many-to-one)."""

    def __init__(self, vocab: int, classes: int = 2, hidden: int = 32) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, 16, padding_idx=0)
        self.lstm = nn.LSTM(16, hidden, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        lengths = (ids != 0).sum(1).cpu()      # padding id 0 is not part of a sentence
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(ids), lengths, batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)        # h_n: (layers·directions, N, H), each at its own last step
        return self.head(h_n[-1])              # (N, classes)
# --8<-- [end:classifier]


TAGS = ["DET", "NOUN", "VERB", "ADJ", "PRON"]
_WORDS = {
    "DET": ["the", "a"], "ADJ": ["big", "old", "red"], "PRON": ["they", "we", "you"],
    "NOUN": ["dog", "cat", "man", "river"], "VERB": ["see", "like", "chase"],
}
AMBIGUOUS = ["fish", "duck", "watch", "saw"]   # a noun or a verb: only the context tells


def make_tagging_data(n: int, seed: int = 0) -> tuple[list[list[str]], list[list[str]]]:
    """Sentences from a tiny grammar and their tags; ambiguous words are tagged by context.

    ``PRON V DET (ADJ) N``, ``DET (ADJ) N V DET N`` and the imperative ``V DET N``, where any
    noun or verb may be an ambiguous word. A sentence-initial ambiguous word is a NOUN when a verb
    follows and a VERB when a determiner follows: only the *right* context decides.
    """
    rng = np.random.default_rng(seed)
    pick = lambda tag: str(rng.choice(_WORDS[tag] + AMBIGUOUS * (tag in ("NOUN", "VERB"))))  # noqa: E731
    templates = [["PRON", "VERB", "DET", "ADJ?", "NOUN"], ["DET", "ADJ?", "NOUN", "VERB", "DET", "NOUN"],
                 ["VERB", "DET", "ADJ?", "NOUN"], ["NOUN", "VERB", "DET", "NOUN"]]
    sentences, tags = [], []
    for _ in range(n):
        template = [t.rstrip("?") for t in templates[rng.integers(len(templates))]
                    if not t.endswith("?") or rng.random() < 0.5]
        sentences.append([pick(t) for t in template])
        tags.append(template)
    return sentences, tags


def make_sentiment_data(n: int, seed: int = 0) -> tuple[list[list[str]], np.ndarray]:
    """Sentences ``the film was (not) (very) good/bad …``; label 1 = positive.

    The label flips when "not" stands before the adjective; half the sentences end with
    "but not long", whose "not" changes nothing: where "not" stands matters, not only whether
    it occurs.
    """
    rng = np.random.default_rng(seed)
    subjects, good, bad = ["the film", "the book", "this song", "the food"], ["good", "great", "fine"], ["bad", "boring", "awful"]
    sentences, labels = [], np.empty(n, dtype=np.int64)
    for k in range(n):
        positive, negated = rng.random() < 0.5, rng.random() < 0.5
        words = str(rng.choice(subjects)).split() + ["was"] + ["not"] * negated + ["very"] * (rng.random() < 0.3)
        words.append(str(rng.choice(good if positive else bad)))
        if rng.random() < 0.5:       # "not" after the adjective does not flip the label
            words += ["but", "not", "long"]
        sentences.append(words)
        labels[k] = int(positive != negated)
    return sentences, labels


def encode(sentences: list[list[str]], vocab: dict[str, int]) -> torch.Tensor:
    """Word ids (N, T_max), padded with 0; unknown words would raise ``KeyError``."""
    longest = max(len(s) for s in sentences)
    return torch.tensor([[vocab[w] for w in s] + [0] * (longest - len(s)) for s in sentences])


def build_vocab(sentences: list[list[str]]) -> dict[str, int]:
    """Word → id, starting at 1 (0 is padding)."""
    return {w: i for i, w in enumerate(sorted({w for s in sentences for w in s}), start=1)}


def train(model: nn.Module, ids: torch.Tensor, targets: torch.Tensor, epochs: int = 30, batch_size: int = 32,
          lr: float = 1e-2, seed: int = 0, device: torch.device | None = None) -> nn.Module:
    """Adam with cross-entropy; padded positions (target −100) are ignored by the loss."""
    device = device or get_device()
    torch.manual_seed(seed)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        model.train()
        for idx in torch.randperm(len(ids), generator=gen).split(batch_size):
            logits = model(ids[idx].to(device))
            loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets[idx].reshape(-1).to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.eval()
