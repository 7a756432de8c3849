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

from pathlib import Path

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.nn.rnn import RNNParams, rnn_forward
from lectureref.training import TrainConfig


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
    lines: list[str],
    vocab: CharVocab,
    hidden: int = 64,
    seq_len: int = 32,
    cell: str = "rnn",
    config: TrainConfig = TrainConfig(),
) -> tuple[CharLM, list[float]]:
    """Adam on random windows of the stream ``BOS line EOS BOS line EOS …``; returns (model, losses).

    Truncated BPTT: each window of ``seq_len`` characters is one unrolled sequence.
    """
    cfg = config.over(TrainConfig(steps=60, batch_size=32, lr=2e-2, seed=0))
    steps, batch_size, lr, seed, device = cfg.steps, cfg.batch_size, cfg.lr, cfg.seed, cfg.device
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
