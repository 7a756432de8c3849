r"""Vanilla recurrent network (RNN): numpy forward and backpropagation through time, PyTorch twin,
exploding/vanishing gradients, clipping, and a character-level language model.

Lecture 10 (15:20, 34:50). One cell is applied at every time step with the *same* weights:

$$h_t = \tanh(x_t W_{ih}^\top + b_{ih} + h_{t-1} W_{hh}^\top + b_{hh}),$$

exactly ``torch.nn.RNN`` (``nonlinearity="tanh"``), whose parameters ``weight_ih_l0``,
``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0`` have the shapes of ``w_ih`` (H, D), ``w_hh``
(H, H), ``b_ih`` (H,), ``b_hh`` (H,) here. Sequences are time-major, ``x`` (T, N, D), as torch's
default ``batch_first=False``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device


class RNNParams(NamedTuple):
    """``w_ih`` (H, D), ``w_hh`` (H, H), ``b_ih`` (H,), ``b_hh`` (H,) — torch's names without ``_l0``."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


class RNNGrads(NamedTuple):
    """Gradients of the loss: ``dx`` (T, N, D), ``dh0`` (N, H) and one per parameter."""

    dx: np.ndarray
    dh0: np.ndarray
    dw_ih: np.ndarray
    dw_hh: np.ndarray
    db_ih: np.ndarray
    db_hh: np.ndarray


class RNNCache(NamedTuple):
    """Inputs ``x`` (T, N, D), states ``h`` (T + 1, N, H) with ``h[0] = h0``, and the parameters."""

    x: np.ndarray
    h: np.ndarray
    params: RNNParams


def init_rnn(input_size: int, hidden_size: int, seed: int = 0) -> RNNParams:
    """torch's initialisation: every parameter ~ U(−1/√H, 1/√H), float64."""
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(hidden_size)
    u = lambda *shape: rng.uniform(-k, k, shape)  # noqa: E731
    return RNNParams(u(hidden_size, input_size), u(hidden_size, hidden_size), u(hidden_size), u(hidden_size))


# --8<-- [start:forward]
def rnn_forward(x: np.ndarray, h0: np.ndarray, p: RNNParams) -> tuple[np.ndarray, RNNCache]:
    """Run the cell over ``x`` (T, N, D) from ``h0`` (N, H); returns every ``h_t`` (T, N, H)."""
    T, N, _ = x.shape
    h = np.empty((T + 1, N, len(p.b_hh)), np.result_type(x, p.w_ih))
    h[0] = h0
    for t in range(T):                       # the same weights at every step
        h[t + 1] = np.tanh(x[t] @ p.w_ih.T + p.b_ih + h[t] @ p.w_hh.T + p.b_hh)
    return h[1:], RNNCache(x, h, p)
# --8<-- [end:forward]


# --8<-- [start:backward]
def rnn_backward(dout: np.ndarray, cache: RNNCache) -> RNNGrads:
    """Backpropagation through time for ``dout = ∂L/∂h_t`` (T, N, H) of every output."""
    x, h, p = cache
    dw_ih, dw_hh = np.zeros_like(p.w_ih), np.zeros_like(p.w_hh)
    db = np.zeros_like(p.b_hh)
    dx = np.empty_like(x)
    dh_next = np.zeros_like(h[0])            # ∂L/∂h_t arriving from step t + 1
    for t in reversed(range(len(x))):        # the unrolled network, walked backwards
        da = (dout[t] + dh_next) * (1.0 - h[t + 1] ** 2)   # through tanh: tanh' = 1 − tanh²
        dx[t] = da @ p.w_ih
        dh_next = da @ p.w_hh                # the same W_hh once per step: the product of
        dw_ih += da.T @ x[t]                 # 100 of them explodes or vanishes
        dw_hh += da.T @ h[t]
        db += da.sum(axis=0)
    return RNNGrads(dx, dh_next, dw_ih, dw_hh, db, db.copy())
# --8<-- [end:backward]


def to_torch_rnn(p: RNNParams, device: torch.device | None = None) -> nn.RNN:
    """An ``nn.RNN`` (tanh, one layer, float64) holding a copy of ``p``."""
    hidden, inputs = p.w_ih.shape
    rnn = nn.RNN(inputs, hidden, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        for name, value in zip(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], p):
            getattr(rnn, name).copy_(torch.from_numpy(value))
    return rnn.to(device or get_device())


# ---------------------------------------------------------------------------------------------
# Exploding and vanishing gradients (34:50): ∂L/∂h_0 multiplies ∂L/∂h_T by W_hhᵀ·diag(tanh') T times.


def with_spectral_radius(w: np.ndarray, rho: float) -> np.ndarray:
    """``w`` rescaled so that its largest |eigenvalue| is ``rho``."""
    return w * (rho / np.abs(np.linalg.eigvals(w)).max())


def grad_norm_through_time(p: RNNParams, x: np.ndarray, h0: np.ndarray | None = None, seed: int = 0) -> np.ndarray:
    """``‖∂L/∂h_t‖`` for t = 0 … T when the loss sees only the last state: ``L = g·h_T``, random ``g``.

    Returns (T + 1,) norms; index 0 is ``∂L/∂h_0``, index T is ``‖g‖``.
    """
    T, N, _ = x.shape
    h0 = np.zeros((N, len(p.b_hh))) if h0 is None else h0
    out, cache = rnn_forward(x, h0, p)
    norms = np.empty(T + 1)
    dh = np.random.default_rng(seed).standard_normal(out[-1].shape)
    norms[T] = np.linalg.norm(dh)
    for t in reversed(range(T)):             # rnn_backward's loop, keeping every ∂L/∂h_t
        dh = (dh * (1.0 - cache.h[t + 1] ** 2)) @ p.w_hh
        norms[t] = np.linalg.norm(dh)
    return norms


# --8<-- [start:clip]
def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Rescale all gradients together so that their joint L2 norm is at most ``max_norm``.

    Returns the clipped gradients and the norm before clipping (as ``torch.nn.utils.clip_grad_norm_``).
    The direction is kept, only the step length is limited.
    """
    total = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    scale = min(1.0, max_norm / (total + 1e-6))          # torch adds the same 1e-6
    return [g * scale for g in grads], total
# --8<-- [end:clip]


# ---------------------------------------------------------------------------------------------
# Character-level language model (15:20): predict the next character, BOS and EOS included.

BOS, EOS = "\x02", "\x03"                    # start/end of text: two extra "characters"


class CharVocab:
    """Characters ↔ ids; id 0 is BOS, id 1 is EOS, the corpus's characters follow, sorted."""

    def __init__(self, text: str) -> None:
        self.chars = [BOS, EOS] + sorted(set(text) - {BOS, EOS, "\n"})
        self.index = {c: i for i, c in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, line: str) -> list[int]:
        """``[BOS] + ids of the characters + [EOS]``."""
        return [0] + [self.index[c] for c in line] + [1]

    def decode(self, ids: list[int]) -> str:
        return "".join(self.chars[i] for i in ids if i > 1)


def load_lines(path: str | Path) -> list[str]:
    """Non-empty lines of a UTF-8 text file: each one is a training sequence."""
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


# --8<-- [start:char_model]
class CharLM(nn.Module):
    """Embedding → ``nn.RNN`` or ``nn.LSTM`` (batch_first) → Linear to next-character logits."""

    def __init__(self, vocab_size: int, hidden: int = 64, embed: int = 32, cell: str = "rnn") -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed)
        self.rnn = (nn.RNN if cell == "rnn" else nn.LSTM)(embed, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab_size)

    def forward(self, ids: torch.Tensor, state=None):  # noqa: ANN001, ANN201 (h, or (h, c) for LSTM)
        out, state = self.rnn(self.embed(ids), state)   # out: (N, T, hidden) — every step's h_t
        return self.head(out), state                     # logits (N, T, V)
# --8<-- [end:char_model]


def train_char_lm(
    lines: list[str], vocab: CharVocab, hidden: int = 64, steps: int = 60, seq_len: int = 32,
    batch_size: int = 32, lr: float = 2e-2, cell: str = "rnn", seed: int = 0, device: torch.device | None = None,
) -> tuple[CharLM, list[float]]:
    """Adam on random windows of the stream ``BOS line EOS BOS line EOS …``; returns (model, losses).

    Truncated BPTT: each window of ``seq_len`` characters is one unrolled sequence.
    """
    device = device or get_device()
    torch.manual_seed(seed)
    stream = torch.tensor([i for line in lines for i in vocab.encode(line)], device=device)
    windows = stream.unfold(0, seq_len + 1, 1)           # every window of seq_len + 1 characters
    model = CharLM(len(vocab), hidden, cell=cell).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    losses = []
    # --8<-- [start:train]
    for _ in range(steps):
        window = windows[torch.randint(0, len(windows), (batch_size,), generator=gen).to(device)]
        inputs, targets = window[:, :-1], window[:, 1:]      # target = the next character
        logits, _ = model(inputs)
        loss = nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), targets.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)   # guard against explosions
        optimizer.step()
        losses.append(loss.item())
    # --8<-- [end:train]
    return model, losses


@torch.no_grad()
def sequence_loss(model: CharLM, lines: list[str], vocab: CharVocab) -> float:
    """Mean cross-entropy (nats per character, EOS included) of ``lines``, each from a fresh state."""
    device = next(model.parameters()).device
    model.eval()
    total, count = 0.0, 0
    for line in lines:
        ids = torch.tensor([vocab.encode(line)], device=device)
        logits, _ = model(ids[:, :-1])
        total += nn.functional.cross_entropy(logits[0], ids[0, 1:], reduction="sum").item()
        count += ids.shape[1] - 1
    return total / count


# --8<-- [start:sample]
@torch.no_grad()
def sample(model: CharLM, vocab: CharVocab, temperature: float = 1.0, max_len: int = 200,
           prefix: str = "", seed: int = 0) -> str:
    """Generate from BOS (and ``prefix``) until EOS. ``temperature = 0`` takes the argmax."""
    device = next(model.parameters()).device
    model.eval()
    gen = torch.Generator().manual_seed(seed)
    ids = vocab.encode(prefix)[:-1]                       # BOS + prefix, without EOS
    logits, state = model(torch.tensor([ids], device=device))
    out = list(ids[1:])
    for _ in range(max_len):
        z = logits[0, -1].double().cpu()
        if temperature == 0:
            nxt = int(z.argmax())                          # greedy: always the same text
        else:                                              # p ∝ exp(z / T): T < 1 sharpens, T > 1 flattens
            nxt = int(torch.multinomial(torch.softmax(z / temperature, 0), 1, generator=gen))
        if nxt == 1:                                       # EOS ends the text
            break
        out.append(nxt)
        logits, state = model(torch.tensor([[nxt]], device=device), state)
    return vocab.decode(out)
# --8<-- [end:sample]
