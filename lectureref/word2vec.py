r"""word2vec: skip-gram with negative sampling (SGNS), numpy from scratch and PyTorch.

Lecture 9 (30:30, 51:10). Every word has two vectors: ``W_in[w]`` when it is the centre and
``W_out[w]`` when it is a context word. Skip-gram predicts the words around the centre. A full
softmax over the vocabulary costs $O(V)$ per pair; negative sampling replaces it by $K + 1$
binary questions "is this a real neighbour?":

$$
L = -\log\sigma(v_c \cdot u_o) - \sum_{k=1}^{K} \log\sigma(-v_c \cdot u_{n_k}).
$$

The corpus is generated from a small grammar, so the word classes are known and the claim
"words of the same class get similar vectors" can be checked.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.nn.functional import log_sigmoid, sigmoid
from lectureref.nn.losses import softmax_cross_entropy
from lectureref.timing import best_seconds
from lectureref.training import TrainConfig

# --8<-- [start:grammar]
CLASSES = {
    "animal": ["cat", "dog", "horse", "cow", "sheep", "goat"],
    "food": ["bread", "apple", "cheese", "soup", "rice", "cake"],
    "place": ["city", "village", "forest", "river", "garden", "market"],
}
TEMPLATES = [
    "the {animal} eats {food} in the {place}",
    "a {animal} sleeps near the {place}",
    "we buy {food} at the {place}",
    "my {animal} likes fresh {food}",
    "the {place} is far from the {place}",
    "a hungry {animal} runs to the {place}",
    "she cooks {food} and {food} for dinner",
]
# --8<-- [end:grammar]


def make_corpus(
    n_sentences: int = 2000, classes: dict[str, list[str]] = CLASSES, templates: list[str] = TEMPLATES, seed: int = 0
) -> list[list[str]]:
    """Sentences from ``templates`` with every ``{class}`` slot filled by a random word of that class.

    A slot may carry a suffix, ``{animal}s`` → ``cats``: FastText uses it for word forms.
    """
    rng = np.random.default_rng(seed)

    def fill(token: str) -> str:
        if not token.startswith("{"):
            return token
        name, suffix = token[1:].split("}")
        return str(rng.choice(classes[name])) + suffix

    return [[fill(w) for w in templates[rng.integers(len(templates))].split()] for _ in range(n_sentences)]


class Vocab(NamedTuple):
    """``words[i]`` ↔ ``index[word]``; ``counts[i]`` = occurrences in the corpus."""

    words: list[str]
    index: dict[str, int]
    counts: np.ndarray


def build_vocab(corpus: list[list[str]]) -> Vocab:
    """Vocabulary sorted by frequency (most frequent first)."""
    counts = Counter(w for sentence in corpus for w in sentence)
    words = [w for w, _ in counts.most_common()]
    return Vocab(words, {w: i for i, w in enumerate(words)}, np.array([counts[w] for w in words], dtype=np.float64))


def skipgram_pairs(corpus: list[list[str]], vocab: Vocab, window: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """All (centre, context) index pairs with the context at most ``window`` words away."""
    centers, contexts = [], []
    for sentence in corpus:
        ids = np.array([vocab.index[w] for w in sentence])
        for shift in range(1, window + 1):        # both directions of every distance
            centers += [ids[:-shift], ids[shift:]]
            contexts += [ids[shift:], ids[:-shift]]
    return np.concatenate(centers), np.concatenate(contexts)


def noise_distribution(counts: np.ndarray, power: float = 0.75) -> np.ndarray:
    """Negatives are drawn ∝ count^0.75: rare words a bit more often than by frequency."""
    p = counts**power
    return p / p.sum()


class SGNSCache(NamedTuple):
    """Vectors of the batch and the sigmoids the backward pass reuses."""

    v: np.ndarray
    u_pos: np.ndarray
    u_neg: np.ndarray
    s_pos: np.ndarray
    s_neg: np.ndarray


def sgns_forward(v: np.ndarray, u_pos: np.ndarray, u_neg: np.ndarray) -> tuple[float, SGNSCache]:
    """Mean SGNS loss for centre vectors ``v`` (B, D), true contexts ``u_pos`` (B, D), negatives ``u_neg`` (B, K, D)."""
    # --8<-- [start:sgns_forward]
    pos = np.einsum("bd,bd->b", v, u_pos)                  # (B,)   v·u_o
    neg = np.einsum("bd,bkd->bk", v, u_neg)                # (B, K) v·u_n
    loss = -float(np.mean(log_sigmoid(pos) + log_sigmoid(-neg).sum(axis=1)))
    # --8<-- [end:sgns_forward]
    return loss, SGNSCache(v, u_pos, u_neg, sigmoid(pos), sigmoid(neg))


def sgns_backward(dout: float, cache: SGNSCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients ``(dv, du_pos, du_neg)`` of `sgns_forward`."""
    # --8<-- [start:sgns_backward]
    v, u_pos, u_neg, s_pos, s_neg = cache
    scale = dout / len(v)
    g_pos = (s_pos - 1) * scale                            # d(−log σ(x))/dx = σ(x) − 1
    g_neg = s_neg * scale                                  # d(−log σ(−x))/dx = σ(x)
    dv = g_pos[:, None] * u_pos + np.einsum("bk,bkd->bd", g_neg, u_neg)
    return dv, g_pos[:, None] * v, g_neg[:, :, None] * v[:, None, :]
    # --8<-- [end:sgns_backward]


def sgns_step(
    W_in: np.ndarray, W_out: np.ndarray, centers: np.ndarray, contexts: np.ndarray, negatives: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """Loss and the full gradients ``dW_in`` (V, D), ``dW_out`` (V, D) for a batch of index pairs.

    A word can occur several times in a batch: ``np.add.at`` sums its gradients (plain
    fancy-index ``+=`` would keep only the last one).
    """
    loss, cache = sgns_forward(W_in[centers], W_out[contexts], W_out[negatives])
    dv, du_pos, du_neg = sgns_backward(1.0, cache)
    dW_in, dW_out = np.zeros_like(W_in), np.zeros_like(W_out)
    np.add.at(dW_in, centers, dv)
    np.add.at(dW_out, contexts, du_pos)
    np.add.at(dW_out, negatives, du_neg)
    return loss, dW_in, dW_out


def sgns_loss_torch(v: torch.Tensor, u_pos: torch.Tensor, u_neg: torch.Tensor) -> torch.Tensor:
    """The torch twin of `sgns_forward`; ``logsigmoid`` is stable for any score."""
    pos = (v * u_pos).sum(-1)
    neg = torch.einsum("bd,bkd->bk", v, u_neg)
    return -(nn.functional.logsigmoid(pos) + nn.functional.logsigmoid(-neg).sum(1)).mean()


# --8<-- [start:skipgram_torch]
class SkipGram(nn.Module):
    """Two embedding tables: ``W_in`` for centres (the word vectors we keep), ``W_out`` for contexts."""

    def __init__(self, vocab_size: int, dim: int = 16) -> None:
        super().__init__()
        self.W_in = nn.Embedding(vocab_size, dim)
        self.W_out = nn.Embedding(vocab_size, dim)
        nn.init.uniform_(self.W_in.weight, -0.5 / dim, 0.5 / dim)   # word2vec's init: small W_in,
        nn.init.zeros_(self.W_out.weight)                           # zero W_out

    def forward(self, centers: torch.Tensor, contexts: torch.Tensor, negatives: torch.Tensor) -> torch.Tensor:
        return sgns_loss_torch(self.W_in(centers), self.W_out(contexts), self.W_out(negatives))
# --8<-- [end:skipgram_torch]


def fit_word2vec(
    pairs: tuple[np.ndarray, np.ndarray],
    noise: np.ndarray,
    dim: int = 16,
    k: int = 5,
    config: TrainConfig = TrainConfig(),
) -> tuple[np.ndarray, list[float]]:
    """Minibatch SGD on SGNS in numpy; returns ``W_in`` (V, D) and the mean loss of each epoch."""
    cfg = config.over(TrainConfig(epochs=3, batch_size=256, lr=5.0, seed=0))
    epochs, batch_size, lr, seed = cfg.epochs, cfg.batch_size, cfg.lr, cfg.seed
    rng = np.random.default_rng(seed)
    V = len(noise)
    W_in, W_out = rng.uniform(-0.5 / dim, 0.5 / dim, (V, dim)), np.zeros((V, dim))
    centers, contexts = pairs
    losses = []
    for _ in range(epochs):
        order, total = rng.permutation(len(centers)), 0.0
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            # --8<-- [start:numpy_step]
            negatives = rng.choice(V, size=(len(idx), k), p=noise)      # K noise words per pair
            loss, dW_in, dW_out = sgns_step(W_in, W_out, centers[idx], contexts[idx], negatives)
            W_in -= lr * dW_in                                          # plain SGD
            W_out -= lr * dW_out
            # --8<-- [end:numpy_step]
            total += loss * len(idx)
        losses.append(total / len(order))
    return W_in, losses


def fit_sgns_torch(
    model: nn.Module,
    pairs: tuple[np.ndarray, np.ndarray],
    noise: np.ndarray,
    *,
    k: int = 5,
    config: TrainConfig = TrainConfig(),
) -> list[float]:
    """Adam on any ``model(centers, contexts, negatives) -> loss`` (`SkipGram`, FastText); per-epoch losses."""
    cfg = config.over(TrainConfig(epochs=3, batch_size=256, lr=0.02, seed=0))
    epochs, batch_size, lr, seed, device = cfg.epochs, cfg.batch_size, cfg.lr, cfg.seed, cfg.device
    torch.manual_seed(seed)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    centers, contexts = (torch.as_tensor(a, device=device) for a in pairs)
    noise_t = torch.as_tensor(noise, device=device)
    losses = []
    for _ in range(epochs):
        order, total = torch.randperm(len(centers), device=device), 0.0
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            # --8<-- [start:torch_step]
            negatives = torch.multinomial(noise_t, len(idx) * k, replacement=True).view(len(idx), k)
            loss = model(centers[idx], contexts[idx], negatives)      # autograd does sgns_backward
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            # --8<-- [end:torch_step]
            total += loss.item() * len(idx)
        losses.append(total / len(order))
    return losses


def fit_word2vec_torch(
    pairs: tuple[np.ndarray, np.ndarray], noise: np.ndarray, dim: int = 16, k: int = 5,
    config: TrainConfig = TrainConfig(),
) -> tuple[np.ndarray, list[float]]:
    """`SkipGram` trained by `fit_sgns_torch` (with its defaults); returns ``W_in`` (V, D) and the losses."""
    torch.manual_seed(0 if config.seed is None else config.seed)
    model = SkipGram(len(noise), dim)
    losses = fit_sgns_torch(model, pairs, noise, k=k, config=config)
    return model.W_in.weight.detach().cpu().numpy(), losses


def cosine_matrix(W: np.ndarray) -> np.ndarray:
    """Cosine similarity of every pair of rows; a zero row is similar to nothing (0, as scikit-learn's)."""
    norms = np.linalg.norm(W, axis=1, keepdims=True)
    unit = np.divide(W, norms, out=np.zeros_like(W, dtype=np.float64), where=norms > 0)
    return unit @ unit.T


def class_similarity(W: np.ndarray, vocab: Vocab, classes: dict[str, list[str]] = CLASSES) -> tuple[float, float]:
    """Mean cosine between different words of the same class, and between words of different classes."""
    ids = np.array([vocab.index[w] for words in classes.values() for w in words])
    labels = np.repeat(np.arange(len(classes)), [len(w) for w in classes.values()])
    sim = cosine_matrix(W[ids])
    same = (labels[:, None] == labels[None, :]) & ~np.eye(len(ids), dtype=bool)
    different = labels[:, None] != labels[None, :]
    return float(sim[same].mean()), float(sim[different].mean())


def nearest_same_class(W: np.ndarray, vocab: Vocab, classes: dict[str, list[str]] = CLASSES) -> float:
    """Share of class words whose nearest other class word (by cosine) belongs to the same class."""
    ids = np.array([vocab.index[w] for words in classes.values() for w in words])
    labels = np.repeat(np.arange(len(classes)), [len(w) for w in classes.values()])
    sim = cosine_matrix(W[ids])
    np.fill_diagonal(sim, -np.inf)                       # a word is not its own neighbour
    return float(np.mean(labels[sim.argmax(axis=1)] == labels))


# ---------------------------------------------------------------------------------------------
# Why negative sampling: the cost of the full softmax grows with the vocabulary.


def full_softmax_step(
    W_in: np.ndarray, W_out: np.ndarray, centers: np.ndarray, contexts: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """Skip-gram with a softmax over all V words: loss, ``dW_in``, ``dW_out``. Cost O(B·V·D)."""
    # --8<-- [start:full_softmax]
    v = W_in[centers]                                     # (B, D)
    loss, dlogits = softmax_cross_entropy(v @ W_out.T, contexts)   # logits (B, V): every word scored
    dW_in = np.zeros_like(W_in)
    np.add.at(dW_in, centers, dlogits @ W_out)            # (B, V) @ (V, D)
    return loss, dW_in, dlogits.T @ v                     # (V, B) @ (B, D): all V rows change
    # --8<-- [end:full_softmax]


def step_flops(vocab_size: int, dim: int, batch: int, k: int | None = None) -> int:
    """Multiply-adds ×2 of one forward+backward: full softmax (``k=None``) touches all V output
    vectors three times (logits, dW_out, dv); negative sampling only ``k + 1`` per pair."""
    scored = vocab_size if k is None else k + 1
    return 3 * 2 * batch * scored * dim


def time_steps(
    vocab_size: int, dim: int = 16, batch: int = 128, k: int = 5, repeat: int = 3, seed: int = 0
) -> tuple[float, float]:
    """Best-of-``repeat`` seconds of one numpy forward+backward: ``(full softmax, negative sampling)``."""
    rng = np.random.default_rng(seed)
    W_in, W_out = rng.standard_normal((vocab_size, dim)) * 0.1, rng.standard_normal((vocab_size, dim)) * 0.1
    centers, contexts = rng.integers(0, vocab_size, batch), rng.integers(0, vocab_size, batch)
    negatives = rng.integers(0, vocab_size, (batch, k))

    def negative_sampling() -> None:       # gradients for the touched rows only: no (V, D) array
        loss, cache = sgns_forward(W_in[centers], W_out[contexts], W_out[negatives])
        sgns_backward(1.0, cache)

    return (best_seconds(lambda: full_softmax_step(W_in, W_out, centers, contexts), repeat=repeat, warmup=0),
            best_seconds(negative_sampling, repeat=repeat, warmup=0))
