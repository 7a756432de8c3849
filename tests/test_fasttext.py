"""lectureref.fasttext: n-grams, hashing, the subword mean and its backward against torch."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.backprop import check_gradient, relative_error
from lectureref.fasttext import (
    HELD_OUT, FastText, char_ngrams, fnv1a, make_forms_corpus, padded_ids, subword_ids, subword_mean_backward,
    subword_mean_forward, subword_mean_torch,
)
from lectureref.word2vec import build_vocab


def test_char_ngrams_with_boundary_markers() -> None:
    assert char_ngrams("cat", 3, 3) == ["<ca", "cat", "at>"]
    grams = char_ngrams("where")                          # "<where>": 7 chars → 5 + 4 + 3 n-grams
    assert len(grams) == 12 and "<wh" in grams and "her" in grams and "here>" in grams


def test_fnv1a_reference_values() -> None:
    assert fnv1a("") == 2166136261                         # the FNV offset basis
    assert fnv1a("a") == 0xE40C292C                        # published FNV-1a 32-bit test vector


def test_subword_ids_known_and_unknown_words() -> None:
    vocab = build_vocab([["cat", "cats", "dog"]])
    known, unknown = subword_ids("cat", vocab, 100), subword_ids("catz", vocab, 100)
    assert known[0] == vocab.index["cat"] and len(known) == 1 + len(char_ngrams("cat"))
    assert all(i >= 3 for i in unknown) and len(unknown) == len(char_ngrams("catz"))
    assert set(known[1:]) & set(unknown)                  # shared n-grams ("<ca", "cat") share rows


def test_subword_mean_matches_torch_and_numerical_gradient() -> None:
    vocab = build_vocab([["apple", "apples", "pear"]])
    ids, mask = padded_ids(["apple", "pears", "pie"], vocab, n_buckets=20)
    E = np.random.default_rng(0).standard_normal((3 + 20, 4))
    dv = np.random.default_rng(1).standard_normal((3, 4))
    v, cache = subword_mean_forward(E, ids, mask)
    dE = subword_mean_backward(dv, cache)
    Et = torch.tensor(E, requires_grad=True)
    vt = subword_mean_torch(Et, torch.tensor(ids), torch.tensor(mask))
    (vt * torch.tensor(dv)).sum().backward()
    assert relative_error(v, vt.detach().numpy()) < 1e-12
    assert relative_error(dE, Et.grad.numpy()) < 1e-10
    check_gradient(lambda x: subword_mean_forward(x, ids, mask)[0], E, dE, dout=dv)
    np.testing.assert_allclose(v[2], E[ids[2, mask[2] > 0]].mean(axis=0))   # "pie": plain mean of its rows


def test_held_out_words_are_absent_and_get_vectors() -> None:
    corpus = make_forms_corpus(300)
    vocab = build_vocab(corpus)
    assert not set(HELD_OUT) & set(vocab.words)
    model = FastText(vocab, n_buckets=50, dim=4)
    assert model.vectors(HELD_OUT).shape == (len(HELD_OUT), 4)
    loss = model(torch.tensor([0, 1]), torch.tensor([1, 0]), torch.tensor([[2, 3], [3, 2]]))
    assert np.isclose(loss.item(), 3 * np.log(2))           # W_out = 0: every score 0, −log σ(0) = log 2
