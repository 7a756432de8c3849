r"""Long short-term memory (LSTM), the lesson: gradient flow through the cell, a bidirectional
tagger and a many-to-one classifier.

Lecture 10 (59:10, 1:04:35, 1:06:50). The cell itself — gates i, f, g, o, the memory
$c_t = f \odot c_{t-1} + i \odot g$ and its backward pass, beside ``torch.nn.LSTM`` — is
`lectureref.nn.lstm`; here it is compared with the vanilla RNN of `lectureref.nn.rnn` and used
through ``torch.nn.LSTM`` for two small language tasks.
"""

from __future__ import annotations


import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.nn.lstm import LSTMParams, lstm_backward, lstm_forward
from lectureref.nn.rnn import RNNParams, rnn_backward, rnn_forward
from lectureref.training import TrainConfig


def input_grad_norms(p: LSTMParams | RNNParams, x: np.ndarray, seed: int = 0) -> np.ndarray:
    """``‖∂L/∂x_t‖`` for t = 0 … T − 1 when the loss sees only the last output ``L = g·h_T``.

    Works for an LSTM (`LSTMParams`) and a vanilla RNN (`lectureref.nn.rnn.RNNParams`):
    how much does the first input still influence the loss 100 steps later?
    """
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


def word_ids(sentences: list[list[str]]) -> dict[str, int]:
    """Word → id, starting at 1 (0 is padding)."""
    return {w: i for i, w in enumerate(sorted({w for s in sentences for w in s}), start=1)}


def train_sentences(
    model: nn.Module, ids: torch.Tensor, targets: torch.Tensor, config: TrainConfig = TrainConfig(),
) -> nn.Module:
    """Adam with cross-entropy; padded positions (target −100) are ignored by the loss."""
    cfg = config.over(TrainConfig(epochs=30, batch_size=32, lr=1e-2, seed=0))
    epochs, batch_size, lr, seed, device = cfg.epochs, cfg.batch_size, cfg.lr, cfg.seed, cfg.device
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
