r"""FastText: word vectors built from character n-grams, so unseen words get a vector too.

Lecture 9 (1:08:00). A word is wrapped in boundary markers, ``<where>``, and cut into character
n-grams (n = 3..5): ``<wh, whe, her, ere, re>, <whe, ...``. Each n-gram is hashed into one of
``n_buckets`` rows of a table; the word's vector is the mean of its n-gram rows plus its own row
if the word is in the vocabulary. Training is word2vec's skip-gram with negative sampling
(imported from `lectureref.word2vec`), with this vector in place of ``W_in[word]``.
A word never seen in training (a new form, a typo) still has n-grams, hence a vector.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.word2vec import Vocab, build_vocab, fit_sgns_torch, make_corpus, noise_distribution, sgns_loss_torch, skipgram_pairs
from lectureref.training import TrainConfig

# Longer words and plural forms: the grammar of lecture 9's word2vec corpus with word forms.
CLASSES = {
    "animal": ["elephant", "giraffe", "kangaroo", "crocodile", "penguin", "dolphin"],
    "food": ["spaghetti", "pancake", "chocolate", "sandwich", "broccoli", "porridge"],
    "place": ["mountain", "library", "hospital", "station", "village", "harbour"],
}
TEMPLATES = [
    "the {animal} eats {food} near the {place}",
    "two {animal}s eat {food}s",
    "we buy {food} at the {place}",
    "many {animal}s live near {place}s",
    "the {place} sells {food}s",
    "a hungry {animal} runs to the {place}",
    "some {place}s are far",
]
HELD_OUT = ["elephants", "chocolates", "mountains"]   # plural forms never seen in training


def make_forms_corpus(n_sentences: int = 2000, held_out: list[str] = HELD_OUT, seed: int = 0) -> list[list[str]]:
    """Sentences of `TEMPLATES`, without any sentence that contains a ``held_out`` word."""
    corpus = make_corpus(n_sentences, CLASSES, TEMPLATES, seed=seed)
    return [s for s in corpus if not set(s) & set(held_out)]


# --8<-- [start:ngrams]
def char_ngrams(word: str, n_min: int = 3, n_max: int = 5) -> list[str]:
    """Character n-grams of ``<word>``; the markers tell a prefix (``<wh``) from the same letters inside."""
    marked = f"<{word}>"
    return [marked[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(marked) - n + 1)]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a hash of the UTF-8 bytes (FastText's hash): stable across runs, unlike ``hash()``."""
    h = 2166136261
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 16777619) % 2**32
    return h
# --8<-- [end:ngrams]


def subword_ids(word: str, vocab: Vocab, n_buckets: int, n_min: int = 3, n_max: int = 5) -> list[int]:
    """Rows of the input table for ``word``: its own row (if known) and ``V + hash(g) % n_buckets`` per n-gram."""
    own = [vocab.index[word]] if word in vocab.index else []
    return own + [len(vocab.words) + fnv1a(g) % n_buckets for g in char_ngrams(word, n_min, n_max)]


def padded_ids(words: list[str], vocab: Vocab, n_buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """Row ids ``(W, L)`` for a list of words, padded with 0, and the 0/1 ``mask`` ``(W, L)`` of real entries."""
    lists = [subword_ids(w, vocab, n_buckets) for w in words]
    ids = np.zeros((len(lists), max(map(len, lists))), dtype=np.int64)
    mask = np.zeros(ids.shape)
    for i, row in enumerate(lists):
        ids[i, : len(row)], mask[i, : len(row)] = row, 1.0
    return ids, mask


class MeanCache(NamedTuple):
    """Rows that were averaged and their weights ``mask / count``."""

    ids: np.ndarray
    weights: np.ndarray
    n_rows: int


def subword_mean_forward(E: np.ndarray, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, MeanCache]:
    """Word vectors ``(W, D)``: the masked mean of the rows ``E[ids]`` (``E`` (R, D), ``ids`` (W, L))."""
    # --8<-- [start:mean_forward]
    weights = mask / mask.sum(axis=1, keepdims=True)        # (W, L): 1/count for real entries, 0 for padding
    v = np.einsum("wl,wld->wd", weights, E[ids])
    # --8<-- [end:mean_forward]
    return v, MeanCache(ids, weights, len(E))


def subword_mean_backward(dv: np.ndarray, cache: MeanCache) -> np.ndarray:
    """``dL/dE`` (R, D): each n-gram row receives its share of the word's gradient."""
    # --8<-- [start:mean_backward]
    dE = np.zeros((cache.n_rows, dv.shape[1]))
    np.add.at(dE, cache.ids, cache.weights[:, :, None] * dv[:, None, :])   # rows shared by words add up
    return dE
    # --8<-- [end:mean_backward]


def subword_mean_torch(E: torch.Tensor, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The torch twin of `subword_mean_forward`."""
    weights = mask / mask.sum(dim=1, keepdim=True)
    return torch.einsum("wl,wld->wd", weights, E[ids])


# --8<-- [start:model]
class FastText(nn.Module):
    """Input table of ``V + n_buckets`` rows (words, then hashed n-grams); output table as in word2vec."""

    def __init__(self, vocab: Vocab, n_buckets: int = 2000, dim: int = 16) -> None:
        super().__init__()
        self.vocab, self.n_buckets = vocab, n_buckets
        self.E = nn.Embedding(len(vocab.words) + n_buckets, dim)
        self.W_out = nn.Embedding(len(vocab.words), dim)
        nn.init.uniform_(self.E.weight, -0.5 / dim, 0.5 / dim)
        nn.init.zeros_(self.W_out.weight)
        ids, mask = padded_ids(vocab.words, vocab, n_buckets)   # every vocabulary word, precomputed
        self.register_buffer("ids", torch.as_tensor(ids))
        self.register_buffer("mask", torch.as_tensor(mask, dtype=torch.float32))

    def forward(self, centers: torch.Tensor, contexts: torch.Tensor, negatives: torch.Tensor) -> torch.Tensor:
        v = subword_mean_torch(self.E.weight, self.ids[centers], self.mask[centers])
        return sgns_loss_torch(v, self.W_out(contexts), self.W_out(negatives))   # word2vec's loss
# --8<-- [end:model]

    @torch.no_grad()
    def vectors(self, words: list[str]) -> np.ndarray:
        """Vectors of any words, known or not: the mean of their rows (n-grams only for unknown words)."""
        ids, mask = padded_ids(words, self.vocab, self.n_buckets)
        E = self.E.weight.detach().cpu().numpy().astype(np.float64)
        return subword_mean_forward(E, ids, mask)[0]


def train_fasttext(
    corpus: list[list[str]], n_buckets: int = 2000, dim: int = 16, window: int = 2, k: int = 5,
    config: TrainConfig = TrainConfig(),
) -> tuple[FastText, list[float]]:
    """Word2vec's skip-gram training (`lectureref.word2vec.fit_sgns_torch`, with its defaults) over subword vectors."""
    vocab = build_vocab(corpus)
    torch.manual_seed(0 if config.seed is None else config.seed)
    model = FastText(vocab, n_buckets, dim)
    pairs = skipgram_pairs(corpus, vocab, window)
    losses = fit_sgns_torch(model, pairs, noise_distribution(vocab.counts), k=k, config=config)
    return model.cpu(), losses
