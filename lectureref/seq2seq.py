r"""Sequence to sequence: a GRU encoder-decoder that learns to reverse strings of digits.

Lecture 10 (1:07:15) names machine translation as the many-to-many task whose input and output
lengths differ. The encoder reads the whole input into one state; the decoder starts from it and
writes the output one token at a time, each step fed the previous token, until it writes the
end token:

$$
h^{enc}_T = \mathrm{Encoder}(x_1 \dots x_T), \qquad
s_0 = h^{enc}_T, \quad s_j = \mathrm{GRU}(s_{j-1}, \mathrm{emb}(y_{j-1})), \quad
p(y_j \mid y_{<j}, x) = \mathrm{softmax}(W s_j).
$$

The toy task ships with the code (`make_reverse_data`): digit strings of 3 to 5 digits, the
target is the same string reversed.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.training import TrainConfig

PAD, BOS, EOS = 0, 1, 2
DIGITS = "0123456789"                     # token of digit d is d + 3


def make_reverse_data(n: int, min_len: int = 3, max_len: int = 5, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` random digit strings and their reversals: ``("4071", "1704")``."""
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(n):
        s = "".join(rng.choice(list(DIGITS), size=int(rng.integers(min_len, max_len + 1))))
        pairs.append((s, s[::-1]))
    return pairs


def encode_digits(strings: list[str], bos: bool = False) -> torch.Tensor:
    """Token ids (N, T_max): optional BOS, the digits, EOS, then PAD."""
    rows = [[BOS] * bos + [DIGITS.index(c) + 3 for c in s] + [EOS] for s in strings]
    longest = max(len(r) for r in rows)
    return torch.tensor([r + [PAD] * (longest - len(r)) for r in rows])


def decode_digits(ids: list[int]) -> str:
    """Digits up to the first EOS."""
    out = []
    for i in ids:
        if i == EOS:
            break
        out.append(DIGITS[i - 3] if i >= 3 else "?")
    return "".join(out)


# --8<-- [start:model]
class Seq2Seq(nn.Module):
    """GRU encoder → its last state → GRU decoder that writes one token per step."""

    def __init__(self, vocab: int = 13, hidden: int = 64) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, 32, padding_idx=PAD)
        self.encoder = nn.GRU(32, hidden, batch_first=True)
        self.decoder = nn.GRU(32, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def encode(self, src: torch.Tensor) -> torch.Tensor:
        lengths = (src != PAD).sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(src), lengths, batch_first=True, enforce_sorted=False)
        _, h = self.encoder(packed)            # (1, N, H): the whole input in one vector
        return h

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        """Teacher forcing: the decoder gets the true previous tokens (BOS, y_1, …); logits (N, T, V)."""
        out, _ = self.decoder(self.embed(tgt_in), self.encode(src))
        return self.head(out)

    @torch.no_grad()
    def generate(self, src: torch.Tensor, max_len: int = 10) -> list[list[int]]:
        """Greedy decoding: each step feeds the model's own previous token back in."""
        h = self.encode(src)
        token = torch.full((len(src), 1), BOS, device=src.device)
        steps = []
        for _ in range(max_len):
            out, h = self.decoder(self.embed(token), h)
            token = self.head(out).argmax(-1)      # (N, 1)
            steps.append(token)
        return torch.cat(steps, 1).tolist()
# --8<-- [end:model]


# --8<-- [start:train]
def train_seq2seq(model: Seq2Seq, pairs: list[tuple[str, str]], config: TrainConfig = TrainConfig()) -> list[float]:
    """Adam on the cross-entropy of every target token (teacher forcing); the loss per step."""
    cfg = config.over(TrainConfig(steps=300, batch_size=64, lr=5e-3, seed=0))
    device = cfg.device or get_device()
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    losses = []
    for _ in range(cfg.steps):
        batch = [pairs[i] for i in rng.integers(len(pairs), size=cfg.batch_size)]
        src = encode_digits([s for s, _ in batch]).to(device)
        tgt = encode_digits([t for _, t in batch], bos=True).to(device)   # BOS y_1 … y_n EOS
        logits = model(src, tgt[:, :-1])                                   # predicts y_1 … EOS
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1),
                                           ignore_index=PAD)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
# --8<-- [end:train]


def exact_match(model: Seq2Seq, pairs: list[tuple[str, str]], device: torch.device | None = None) -> float:
    """Share of inputs whose generated output equals the target string exactly."""
    model.eval()
    out = model.generate(encode_digits([s for s, _ in pairs]).to(device or get_device()))
    return float(np.mean([decode_digits(o) == t for o, (_, t) in zip(out, pairs)]))
