r"""Kinds of RNN tasks by how many inputs and outputs they have: one-to-many, many-to-one, many-to-many.

Lecture 10 opens with them: an ordinary network maps one input to one output; a recurrent one may
produce many outputs from one input, one output from many inputs (sentiment), many from many of
the same length (tagging) or of another length (translation). The recurrence is the same in every
case, $h_t = f(h_{t-1}, x_t)$; what differs is where inputs enter and which states are read out.
Each class below is the smallest ``torch`` model of one kind; the pages of the tasks train them.
"""

from __future__ import annotations

import torch
from torch import nn


# --8<-- [start:kinds]
class ManyToOne(nn.Module):
    """A sequence (N, T, D) → one vector of scores (N, C): read the last state only (sentiment)."""

    def __init__(self, d: int, hidden: int, classes: int) -> None:
        super().__init__()
        self.rnn, self.head = nn.GRU(d, hidden, batch_first=True), nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, h_n = self.rnn(x)                  # h_n: (1, N, H), the state after the last step
        return self.head(h_n[0])


class ManyToMany(nn.Module):
    """A sequence (N, T, D) → one output per step (N, T, C): read every state (tagging)."""

    def __init__(self, d: int, hidden: int, classes: int) -> None:
        super().__init__()
        self.rnn, self.head = nn.GRU(d, hidden, batch_first=True), nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(x)                  # out: (N, T, H), the state after every step
        return self.head(out)


class OneToMany(nn.Module):
    """One vector (N, D) → a sequence of ``steps`` tokens (N, steps): the input sets the first state,
    and each output token is fed back as the next input (generating a caption or a text)."""

    def __init__(self, d: int, hidden: int, vocab: int) -> None:
        super().__init__()
        self.init = nn.Linear(d, hidden)
        self.embed = nn.Embedding(vocab, hidden)
        self.cell, self.head = nn.GRUCell(hidden, hidden), nn.Linear(hidden, vocab)

    @torch.no_grad()
    def forward(self, x: torch.Tensor, steps: int) -> torch.Tensor:
        h = torch.tanh(self.init(x))                          # the one input, as the first state
        token = torch.zeros(len(x), dtype=torch.long)         # token 0 plays BOS
        out = []
        for _ in range(steps):
            h = self.cell(self.embed(token), h)
            token = self.head(h).argmax(-1)                   # greedy: the most likely next token
            out.append(token)
        return torch.stack(out, 1)
# --8<-- [end:kinds]
