r"""Named entities with a BiLSTM and a CRF: the forward algorithm and Viterbi, numpy and PyTorch.

Lecture 10 (1:05:50) names the solution for finding named entities, as for part-of-speech tagging
just before it — many-to-many, a bidirectional LSTM with a CRF on top. A linear-chain CRF scores a whole tag sequence ``y`` of a sentence:

$$
s(y) = \pi_{y_1} + \sum_{t=1}^{T} E_{t, y_t} + \sum_{t=2}^{T} A_{y_{t-1}, y_t} + \omega_{y_T},
\qquad p(y \mid x) = \frac{e^{s(y)}}{Z}, \quad Z = \sum_{y'} e^{s(y')},
$$

with emissions ``E`` (T, K) from the network, transitions ``A`` (K, K) from tag to tag, start and
end scores ``π``, ``ω`` (K,). ``Z`` sums over ``K^T`` sequences; the forward algorithm gets it in
``O(T K²)``, Viterbi finds the best sequence in the same time. The brute-force versions, which
enumerate every sequence, are here to check both on short sentences.
"""

from __future__ import annotations

import itertools

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.training import TrainConfig


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    """``log Σ exp(a)`` along ``axis``, shifted by the maximum so that nothing overflows."""
    m = a.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(a - m).sum(axis=axis))


# --8<-- [start:score]
def sequence_score(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray,
                   tags: np.ndarray) -> float:
    """``s(y)``: the score of one tag sequence ``tags`` (T,) under emissions (T, K)."""
    T = len(tags)
    s = start[tags[0]] + emissions[np.arange(T), tags].sum() + end[tags[-1]]
    return float(s + transitions[tags[:-1], tags[1:]].sum())
# --8<-- [end:score]


# --8<-- [start:forward]
def log_partition(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    """``log Z`` by the forward algorithm: ``α_t(k) = log Σ_j exp(α_{t−1}(j) + A_{jk}) + E_{t,k}``."""
    alpha = start + emissions[0]                      # (K,): log-sum of all prefixes ending in tag k
    for e in emissions[1:]:
        alpha = _logsumexp(alpha[:, None] + transitions, axis=0) + e   # over the previous tag j
    return float(_logsumexp(alpha + end, axis=0))
# --8<-- [end:forward]


# --8<-- [start:viterbi]
def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, float]:
    """The best tag sequence (T,) and its score: the forward algorithm with max instead of log-sum."""
    delta = start + emissions[0]                      # best score of a prefix ending in tag k
    back = []
    for e in emissions[1:]:
        cand = delta[:, None] + transitions           # (previous j, next k)
        back.append(cand.argmax(axis=0))              # the best previous tag for each k
        delta = cand.max(axis=0) + e
    delta = delta + end
    tags = [int(delta.argmax())]
    for b in reversed(back):                          # follow the pointers back to the start
        tags.append(int(b[tags[-1]]))
    return np.array(tags[::-1]), float(delta.max())
# --8<-- [end:viterbi]


def brute_force(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[float, np.ndarray]:
    """``log Z`` and the best sequence by enumerating all ``K^T`` sequences (short sentences only)."""
    T, K = emissions.shape
    paths = np.array(list(itertools.product(range(K), repeat=T)))
    scores = np.array([sequence_score(emissions, transitions, start, end, y) for y in paths])
    return float(_logsumexp(scores, axis=0)), paths[scores.argmax()]


# ---------------------------------------------------------------------------------------------
# PyTorch: the same CRF over a padded batch, and a BiLSTM-CRF tagger.


# --8<-- [start:crf_torch]
class CRF(nn.Module):
    """A linear-chain CRF over a padded batch: emissions (N, T, K), a mask (N, T) of real tokens."""

    def __init__(self, num_tags: int) -> None:
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(num_tags, num_tags))   # A[from, to]
        self.start = nn.Parameter(torch.zeros(num_tags))
        self.end = nn.Parameter(torch.zeros(num_tags))

    def log_partition(self, em: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        alpha = self.start + em[:, 0]                                      # (N, K)
        for t in range(1, em.shape[1]):
            nxt = torch.logsumexp(alpha[:, :, None] + self.transitions, dim=1) + em[:, t]
            alpha = torch.where(mask[:, t, None], nxt, alpha)              # padding keeps alpha
        return torch.logsumexp(alpha + self.end, dim=1)                    # (N,)

    def score(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        rows = torch.arange(len(em))
        s = self.start[tags[:, 0]] + em[rows, 0, tags[:, 0]]
        for t in range(1, em.shape[1]):
            step = self.transitions[tags[:, t - 1], tags[:, t]] + em[rows, t, tags[:, t]]
            s = s + step * mask[:, t]
        last = tags[rows, mask.sum(1) - 1]                                 # each sentence's last real tag
        return s + self.end[last]

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean ``−log p(y | x) = log Z − s(y)`` over the batch."""
        return (self.log_partition(em, mask) - self.score(em, tags, mask)).mean()

    @torch.no_grad()
    def decode(self, em: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """Viterbi for every sentence of the batch."""
        delta, back = self.start + em[:, 0], []
        for t in range(1, em.shape[1]):
            cand = delta[:, :, None] + self.transitions                    # (N, previous, next)
            best, idx = cand.max(dim=1)
            back.append(idx)
            delta = torch.where(mask[:, t, None], best + em[:, t], delta)
        delta = delta + self.end
        paths = []
        for n, length in enumerate(mask.sum(1).tolist()):
            tags = [int(delta[n].argmax())]
            for idx in reversed(back[: length - 1]):
                tags.append(int(idx[n, tags[-1]]))
            paths.append(tags[::-1])
        return paths
# --8<-- [end:crf_torch]


# --8<-- [start:tagger]
class BiLSTMTagger(nn.Module):
    """Embedding of the word and of its shape (capitalised or not) → BiLSTM → emissions (N, T, K).

    With ``crf=True`` the loss is the CRF's ``−log p(y | x)`` and prediction is Viterbi; without
    it, each token is classified on its own (cross-entropy, argmax).
    """

    def __init__(self, vocab: int, tags: int, hidden: int = 32, crf: bool = True) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, 24, padding_idx=0)
        self.shape = nn.Embedding(3, 8, padding_idx=0)     # 1: lower case, 2: capitalised
        self.lstm = nn.LSTM(32, hidden, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden, tags)
        self.crf = CRF(tags) if crf else None

    def emissions(self, ids: torch.Tensor, shapes: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(torch.cat([self.embed(ids), self.shape(shapes)], dim=-1))
        return self.head(out)

    def loss(self, ids: torch.Tensor, shapes: torch.Tensor, tags: torch.Tensor) -> torch.Tensor:
        em, mask = self.emissions(ids, shapes), ids != 0
        if self.crf is not None:
            return self.crf.nll(em, tags.clamp(min=0), mask)
        return nn.functional.cross_entropy(em.reshape(-1, em.shape[-1]), tags.reshape(-1))   # −100 ignored

    @torch.no_grad()
    def predict(self, ids: torch.Tensor, shapes: torch.Tensor) -> list[list[int]]:
        em, mask = self.emissions(ids, shapes), ids != 0
        if self.crf is not None:
            return self.crf.decode(em, mask)
        return [row[:n].tolist() for row, n in zip(em.argmax(-1), mask.sum(1).tolist())]
# --8<-- [end:tagger]


# ---------------------------------------------------------------------------------------------
# A small tagged set that ships with the code: one sentence a line, ``word/TAG``, tags in BIO.

TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]

NER_SENTENCES = """\
Анна/B-PER Петрова/I-PER живёт/O в/O Казани/B-LOC ./O
Иван/B-PER работает/O в/O Яндексе/B-ORG ./O
Мария/B-PER Иванова/I-PER переехала/O в/O Новосибирск/B-LOC ./O
В/O Москве/B-LOC открылся/O офис/O Сбербанка/B-ORG ./O
Пётр/B-PER Сидоров/I-PER учится/O в/O МГУ/B-ORG ./O
Компания/O Газпром/B-ORG построила/O завод/O под/O Омском/B-LOC ./O
Ольга/B-PER прилетела/O из/O Парижа/B-LOC вчера/O ./O
Сергей/B-PER Кузнецов/I-PER возглавил/O Аэрофлот/B-ORG ./O
Летом/O мы/O ездили/O в/O Санкт-Петербург/B-LOC ./O
Дмитрий/B-PER любит/O гулять/O по/O Нижнему/B-LOC Новгороду/I-LOC ./O
Сотрудники/O Яндекса/B-ORG выступили/O в/O Казани/B-LOC ./O
Елена/B-PER Смирнова/I-PER родилась/O в/O Томске/B-LOC ./O
Алексей/B-PER написал/O письмо/O в/O Сбербанк/B-ORG ./O
Поезд/O из/O Москвы/B-LOC пришёл/O в/O Тверь/B-LOC ./O
Наталья/B-PER работает/O в/O Газпроме/B-ORG уже/O год/O ./O
Андрей/B-PER Волков/I-PER посетил/O Берлин/B-LOC ./O
Студенты/O МФТИ/B-ORG победили/O на/O олимпиаде/O ./O
Татьяна/B-PER живёт/O в/O Ростове-на-Дону/B-LOC ./O
Михаил/B-PER Орлов/I-PER основал/O Тинькофф/B-ORG ./O
Самолёт/O Аэрофлота/B-ORG вылетел/O из/O Сочи/B-LOC ./O
Ирина/B-PER встретила/O Павла/B-PER в/O Казани/B-LOC ./O
Николай/B-PER Лебедев/I-PER переехал/O в/O Екатеринбург/B-LOC ./O
Банк/O Тинькофф/B-ORG открыл/O офис/O в/O Самаре/B-LOC ./O
Юлия/B-PER учится/O в/O МФТИ/B-ORG ./O
Мы/O гуляли/O по/O Нижнему/B-LOC Новгороду/I-LOC весь/O день/O ./O
Владимир/B-PER Соколов/I-PER работает/O в/O Сбербанке/B-ORG ./O
Вчера/O Ольга/B-PER Козлова/I-PER прилетела/O в/O Томск/B-LOC ./O
Офис/O Газпрома/B-ORG находится/O в/O Москве/B-LOC ./O
Павел/B-PER едет/O из/O Твери/B-LOC в/O Москву/B-LOC ./O
Светлана/B-PER Новикова/I-PER возглавила/O МГУ/B-ORG ./O
Артём/B-PER живёт/O в/O Самаре/B-LOC ./O
Сотрудники/O Тинькофф/B-ORG приехали/O в/O Сочи/B-LOC ./O
Ксения/B-PER Морозова/I-PER учится/O в/O Берлине/B-LOC ./O
Игорь/B-PER работает/O в/O Аэрофлоте/B-ORG ./O
Летом/O Анна/B-PER ездила/O в/O Париж/B-LOC ./O
Роман/B-PER Павлов/I-PER переехал/O в/O Омск/B-LOC ./O
Студенты/O МГУ/B-ORG приехали/O в/O Новосибирск/B-LOC ./O
Вера/B-PER написала/O письмо/O в/O Яндекс/B-ORG ./O
Максим/B-PER Фёдоров/I-PER родился/O в/O Ростове-на-Дону/B-LOC ./O
Поезд/O из/O Самары/B-LOC пришёл/O в/O Казань/B-LOC ./O
Марина/B-PER работает/O в/O МФТИ/B-ORG ./O
Антон/B-PER Егоров/I-PER посетил/O Екатеринбург/B-LOC ./O
Компания/O Сбербанк/B-ORG построила/O офис/O в/O Томске/B-LOC ./O
Дарья/B-PER прилетела/O из/O Берлина/B-LOC вчера/O ./O
Григорий/B-PER Попов/I-PER возглавил/O Газпром/B-ORG ./O
Алина/B-PER Белова/I-PER живёт/O в/O Воронеже/B-LOC ./O
Кирилл/B-PER работает/O в/O Ростелекоме/B-ORG ./O
Вчера/O Борис/B-PER прилетел/O в/O Калининград/B-LOC ./O
Сотрудники/O Ростелекома/B-ORG выступили/O в/O Уфе/B-LOC ./O
Полина/B-PER Гусева/I-PER учится/O в/O МГУ/B-ORG ./O
Степан/B-PER переехал/O в/O Великий/B-LOC Новгород/I-LOC ./O
Офис/O Авито/B-ORG находится/O в/O Москве/B-LOC ./O
Леонид/B-PER Зайцев/I-PER посетил/O Уфу/B-LOC ./O
Вера/B-PER Лаптева/I-PER работает/O в/O Авито/B-ORG ./O
Поезд/O из/O Воронежа/B-LOC пришёл/O в/O Калининград/B-LOC ./O
Евгений/B-PER Титов/I-PER родился/O в/O Великом/B-LOC Новгороде/I-LOC ./O
"""
"""56 sentences written for this site; `ner_split` keeps the last 11 (new names, cities and
companies among them) for the test."""


def ner_split(n_test: int = 11) -> tuple[list[list[tuple[str, str]]], list[list[tuple[str, str]]]]:
    """The shipped sentences as ``[(word, tag), …]``: all but the last ``n_test`` for training."""
    sentences = [[tuple(tok.rsplit("/", 1)) for tok in line.split()] for line in NER_SENTENCES.splitlines()]
    return sentences[:-n_test], sentences[-n_test:]


def word_shape(word: str) -> int:
    """1 for a lower-case word, 2 for a capitalised one (0 is padding)."""
    return 2 if word[:1].isupper() else 1


def encode_ner(sentences: list[list[tuple[str, str]]], vocab: dict[str, int]) -> tuple[torch.Tensor, ...]:
    """Word ids (unknown words → 1), shapes and tag ids (padding −100), all (N, T_max)."""
    longest = max(len(s) for s in sentences)
    pad = lambda row, value: row + [value] * (longest - len(row))  # noqa: E731
    ids = [pad([vocab.get(w.lower(), 1) for w, _ in s], 0) for s in sentences]
    shapes = [pad([word_shape(w) for w, _ in s], 0) for s in sentences]
    tags = [pad([TAGS.index(t) for _, t in s], -100) for s in sentences]
    return torch.tensor(ids), torch.tensor(shapes), torch.tensor(tags)


def ner_vocab(sentences: list[list[tuple[str, str]]]) -> dict[str, int]:
    """Lower-cased word → id, from 2 (0 is padding, 1 an unknown word)."""
    return {w: i for i, w in enumerate(sorted({w.lower() for s in sentences for w, _ in s}), start=2)}


def train_tagger(model: BiLSTMTagger, ids: torch.Tensor, shapes: torch.Tensor, tags: torch.Tensor,
                 config: TrainConfig = TrainConfig(), unknown_rate: float = 0.2) -> BiLSTMTagger:
    """Adam on the model's loss; each epoch a share ``unknown_rate`` of the words becomes "unknown".

    Replacing words by the unknown id teaches the tagger to use the context and the shape, which is
    all it has for a name it never saw.
    """
    cfg = config.over(TrainConfig(epochs=20, batch_size=8, lr=1e-2, seed=0))
    device = cfg.device or get_device()
    torch.manual_seed(cfg.seed)
    gen = torch.Generator().manual_seed(cfg.seed)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    for _ in range(cfg.epochs):
        model.train()
        for idx in torch.randperm(len(ids), generator=gen).split(cfg.batch_size):
            x = ids[idx].clone()
            x[(torch.rand(x.shape, generator=gen) < unknown_rate) & (x != 0)] = 1
            loss = model.loss(x.to(device), shapes[idx].to(device), tags[idx].to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.eval()


def invalid_transitions(paths: list[list[int]]) -> int:
    """How many times ``I-X`` follows something other than ``B-X`` or ``I-X`` (BIO forbids it)."""
    count = 0
    for path in paths:
        for prev, tag in zip(["O"] + [TAGS[p] for p in path[:-1]], [TAGS[t] for t in path]):
            count += tag.startswith("I-") and prev[2:] != tag[2:]
    return count


def entity_f1(true: list[list[int]], pred: list[list[int]]) -> float:
    """F1 over whole entities (type, start, end), the usual NER score."""
    def spans(path: list[int]) -> set[tuple[str, int, int]]:
        found, start, kind = set(), None, ""
        for i, tag in enumerate([TAGS[t] for t in path] + ["O"]):
            if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
                found.add((kind, start, i))
                start = None
            if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                start, kind = i, tag[2:]
        return found

    tp = n_true = n_pred = 0
    for t, p in zip(true, pred):
        a, b = spans(t), spans(p)
        tp, n_true, n_pred = tp + len(a & b), n_true + len(a), n_pred + len(b)
    return 2 * tp / (n_true + n_pred) if n_true + n_pred else 1.0
