r"""Metric learning with the triplet loss: numpy from scratch and PyTorch.

Lecture 8 (start of the lecture). An embedding net maps an image to a vector $f(x)$; the triplet
loss pulls an anchor $a$ towards a positive $p$ (same class) and pushes it away from a negative
$n$ (another class) until the negative is at least a margin $m$ further away:

$$L = \frac1N \sum_i \max\bigl(0,\ \|f(a_i) - f(p_i)\| - \|f(a_i) - f(n_i)\| + m\bigr).$$

Similar images then lie close together, and retrieval is a nearest-neighbour search.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.knn import nearest_indices, pairwise_sq_distances
from lectureref.training import fit, History, loader, TrainConfig


class TripletCache(NamedTuple):
    """What `triplet_loss_backward` needs from the forward pass."""

    diff_ap: np.ndarray  # (N, D) a − p
    diff_an: np.ndarray  # (N, D) a − n
    d_ap: np.ndarray  # (N,) ‖a − p‖
    d_an: np.ndarray  # (N,) ‖a − n‖
    active: np.ndarray  # (N,) bool: the hinge is open (loss > 0)


def triplet_loss_forward(
    a: np.ndarray, p: np.ndarray, n: np.ndarray, margin: float = 1.0
) -> tuple[float, TripletCache]:
    """Mean triplet loss over ``N`` triplets of ``(N, D)`` embeddings.

    The same value as ``torch.nn.functional.triplet_margin_loss(a, p, n, margin, eps=0)``
    (torch's default ``eps=1e-6`` is added to ``a − p`` to avoid a zero norm).
    """
    # --8<-- [start:forward]
    diff_ap, diff_an = a - p, a - n
    d_ap = np.sqrt((diff_ap**2).sum(axis=1))        # Euclidean distances, (N,)
    d_an = np.sqrt((diff_an**2).sum(axis=1))
    hinge = d_ap - d_an + margin                     # > 0: the negative is not far enough yet
    loss = float(np.maximum(hinge, 0.0).mean())
    # --8<-- [end:forward]
    return loss, TripletCache(diff_ap, diff_an, d_ap, d_an, hinge > 0)


def _unit(diff: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """``diff / ‖diff‖`` row by row, and 0 where the distance is 0 (‖u‖ has no slope at u = 0;
    0 is a subgradient, where dividing would give NaN)."""
    return np.divide(diff, dist[:, None], out=np.zeros_like(diff), where=dist[:, None] > 0)


def triplet_loss_backward(dout: float, cache: TripletCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients ``(da, dp, dn)`` of the mean triplet loss, each ``(N, D)``."""
    # --8<-- [start:backward]
    # d‖u‖/du = u/‖u‖; only triplets whose hinge is open get a gradient (the max passes 0 otherwise)
    scale = dout * cache.active / len(cache.d_ap)           # (N,)
    g_ap = _unit(cache.diff_ap, cache.d_ap) * scale[:, None]   # ∂L/∂a from the positive term
    g_an = _unit(cache.diff_an, cache.d_an) * scale[:, None]   # ∂L/∂a from the negative term
    return g_ap - g_an, -g_ap, g_an                          # da, dp, dn
    # --8<-- [end:backward]


def triplet_loss_torch(a: torch.Tensor, p: torch.Tensor, n: torch.Tensor, margin: float = 1.0) -> torch.Tensor:
    """The same loss in PyTorch; autograd gives the backward pass."""
    # --8<-- [start:torch_loss]
    d_ap = (a - p).pow(2).sum(dim=1).sqrt()
    d_an = (a - n).pow(2).sum(dim=1).sqrt()
    return torch.clamp(d_ap - d_an + margin, min=0.0).mean()
    # --8<-- [end:torch_loss]


# ---------------------------------------------------------------------------------------------
# Mining: which triplets to train on.


def _check_minable(labels: np.ndarray) -> None:
    """Every anchor needs a positive and a negative: two labels at least, two examples of each."""
    counts = np.unique(np.asarray(labels), return_counts=True)[1]
    if len(counts) < 2 or counts.min() < 2:
        raise ValueError("triplet mining needs at least two labels in the batch and two examples of each "
                         f"(a positive and a negative for every anchor); got label counts {counts.tolist()}")


def random_triplets(labels: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every example as an anchor, a random positive (same label, not itself) and a random negative.

    Returns index arrays ``(anchor, positive, negative)``, each ``(N,)``. Every label needs at
    least two examples.
    """
    _check_minable(labels)
    n = len(labels)
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    # A random score per pair, masked to the allowed pairs: argmax picks a uniform random allowed one.
    noise = rng.random((n, n))
    pos = np.where(same, noise, -1.0).argmax(axis=1)
    neg = np.where(labels[:, None] != labels[None, :], noise, -1.0).argmax(axis=1)
    return np.arange(n), pos, neg


def batch_hard_triplets(emb: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batch-hard mining: for each anchor the furthest positive and the closest negative.

    Random triplets are mostly already satisfied (loss 0, no gradient); the hardest ones inside the
    batch are those the net still gets wrong. Returns ``(anchor, positive, negative)`` indices.
    """
    _check_minable(labels)
    # --8<-- [start:batch_hard]
    dist = np.sqrt(np.maximum(((emb[:, None, :] - emb[None, :, :]) ** 2).sum(-1), 0.0))  # (N, N)
    same = labels[:, None] == labels[None, :]
    pos = np.where(same, dist, -np.inf)
    np.fill_diagonal(pos, -np.inf)                          # the anchor is not its own positive
    neg = np.where(same, np.inf, dist)
    return np.arange(len(emb)), pos.argmax(axis=1), neg.argmin(axis=1)
    # --8<-- [end:batch_hard]


def batch_hard_triplet_loss(emb: torch.Tensor, labels: torch.Tensor, margin: float = 0.5) -> torch.Tensor:
    """Triplet loss of a batch of embeddings ``(B, D)`` on its batch-hard triplets (PyTorch)."""
    # --8<-- [start:torch_batch_hard]
    dist = torch.cdist(emb, emb)                            # (B, B)
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(emb), dtype=torch.bool, device=emb.device)
    hardest_pos = dist.masked_fill(~same | eye, -float("inf")).max(dim=1).values
    hardest_neg = dist.masked_fill(same, float("inf")).min(dim=1).values
    return torch.clamp(hardest_pos - hardest_neg + margin, min=0.0).mean()
    # --8<-- [end:torch_batch_hard]


# ---------------------------------------------------------------------------------------------
# An embedding net and retrieval.


class EmbeddingNet(nn.Module):
    """A small MLP ``64 → hidden → dim`` whose output is scaled to unit length.

    On the unit sphere all distances are at most 2, so a margin has a fixed meaning.
    """

    def __init__(self, n_in: int = 64, hidden: int = 128, dim: int = 8) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return nn.functional.normalize(self.net(x), dim=1)


def train_embedding(
    X: np.ndarray, y: np.ndarray, *, margin: float = 0.5, dim: int = 8, config: TrainConfig = TrainConfig(),
) -> tuple[EmbeddingNet, History]:
    """Train an `EmbeddingNet` with the batch-hard triplet loss (shared ``fit`` loop).

    A shuffled batch of 128 digits holds ~13 examples of every class: enough positives and
    negatives for batch-hard mining. ``History.train_loss`` is the triplet loss; its ``*_acc``
    fields mean nothing here (``fit`` takes the argmax of the embedding).
    """
    cfg = config.over(TrainConfig(epochs=30, batch_size=128, lr=3e-3, seed=0))
    batch_size, lr, seed = cfg.batch_size, cfg.lr, cfg.seed
    torch.manual_seed(seed)
    model = EmbeddingNet(n_in=X.shape[1], dim=dim)
    # --8<-- [start:train]
    history = fit(
        model,
        loader(X, y, batch_size=batch_size, shuffle=True, seed=seed),
        config=cfg,
        optimizer=torch.optim.Adam(model.parameters(), lr=lr),
        loss_fn=lambda emb, labels: batch_hard_triplet_loss(emb, labels, margin),
        progress=False,
    )
    # --8<-- [end:train]
    return model, history


@torch.no_grad()
def embed(model: nn.Module, X: np.ndarray, device: torch.device | None = None) -> np.ndarray:
    """Embeddings ``(N, dim)`` of ``X`` as a float64 numpy array."""
    device = device or get_device()
    model.to(device).eval()
    return model(torch.as_tensor(X, device=device)).double().cpu().numpy()


def recall_at_1(query: np.ndarray, y_query: np.ndarray, database: np.ndarray, y_database: np.ndarray) -> float:
    """Share of queries whose nearest database item has the same label (Recall@1)."""
    # --8<-- [start:recall]
    nearest = nearest_indices(database, query, k=1)[:, 0]    # (M,) index of the closest item
    return float(np.mean(y_database[nearest] == y_query))
    # --8<-- [end:recall]


def recall_at_1_within(emb: np.ndarray, labels: np.ndarray) -> float:
    """Leave-one-out Recall@1 inside one set: each item queries all the others."""
    dist = pairwise_sq_distances(emb, emb)
    np.fill_diagonal(dist, np.inf)                          # an item is not its own neighbour
    return float(np.mean(labels[dist.argmin(axis=1)] == labels))
