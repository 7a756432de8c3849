"""lectureref.word2vec: SGNS forward/backward against torch autograd (float64), corpus and pairs."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.backprop import check_gradient, relative_error
from lectureref.word2vec import (
    CLASSES, SkipGram, build_vocab, class_similarity, fit_word2vec, fit_word2vec_torch, full_softmax_step, make_corpus,
    nearest_same_class, noise_distribution, sgns_backward, sgns_forward, sgns_loss_torch, sgns_step, skipgram_pairs,
    step_flops,
)
from lectureref.training import TrainConfig


def _vectors(seed: int = 0, b: int = 4, k: int = 3, d: int = 5):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((b, d)), rng.standard_normal((b, d)), rng.standard_normal((b, k, d))


def test_sgns_matches_torch_autograd() -> None:
    v, u_pos, u_neg = _vectors()
    loss, cache = sgns_forward(v, u_pos, u_neg)
    grads = sgns_backward(1.0, cache)
    tensors = [torch.tensor(a, requires_grad=True) for a in (v, u_pos, u_neg)]
    loss_t = sgns_loss_torch(*tensors)
    loss_t.backward()
    assert abs(loss - loss_t.item()) < 1e-12
    for g, t in zip(grads, tensors):
        assert relative_error(g, t.grad.numpy()) < 1e-10


def test_sgns_backward_matches_numerical_gradient() -> None:
    v, u_pos, u_neg = _vectors(1)
    dv, du_pos, du_neg = sgns_backward(1.0, sgns_forward(v, u_pos, u_neg)[1])
    check_gradient(lambda x: sgns_forward(x, u_pos, u_neg)[0], v, dv)
    check_gradient(lambda x: sgns_forward(v, x, u_neg)[0], u_pos, du_pos)
    check_gradient(lambda x: sgns_forward(v, u_pos, x)[0], u_neg, du_neg)


def test_sgns_step_accumulates_repeated_words_like_nn_embedding() -> None:
    rng = np.random.default_rng(2)
    W_in, W_out = rng.standard_normal((6, 4)), rng.standard_normal((6, 4))
    centers, contexts = np.array([0, 0, 3, 5]), np.array([1, 2, 1, 0])   # word 0 twice, 1 twice
    negatives = rng.integers(0, 6, (4, 3))
    loss, dW_in, dW_out = sgns_step(W_in, W_out, centers, contexts, negatives)
    model = SkipGram(6, 4).double()
    with torch.no_grad():
        model.W_in.weight.copy_(torch.tensor(W_in))
        model.W_out.weight.copy_(torch.tensor(W_out))
    loss_t = model(*(torch.tensor(a) for a in (centers, contexts, negatives)))
    loss_t.backward()
    assert abs(loss - loss_t.item()) < 1e-12
    assert relative_error(dW_in, model.W_in.weight.grad.numpy()) < 1e-10
    assert relative_error(dW_out, model.W_out.weight.grad.numpy()) < 1e-10


def test_full_softmax_step_matches_autograd() -> None:
    rng = np.random.default_rng(3)
    W_in, W_out = rng.standard_normal((7, 3)), rng.standard_normal((7, 3))
    centers, contexts = np.array([1, 4, 1]), np.array([2, 0, 6])
    loss, dW_in, dW_out = full_softmax_step(W_in, W_out, centers, contexts)
    a, b = torch.tensor(W_in, requires_grad=True), torch.tensor(W_out, requires_grad=True)
    loss_t = torch.nn.functional.cross_entropy(a[centers] @ b.T, torch.tensor(contexts))
    loss_t.backward()
    assert abs(loss - loss_t.item()) < 1e-12
    assert relative_error(dW_in, a.grad.numpy()) < 1e-10 and relative_error(dW_out, b.grad.numpy()) < 1e-10


def test_corpus_pairs_and_noise() -> None:
    corpus = make_corpus(50, seed=1)
    vocab = build_vocab(corpus)
    centers, contexts = skipgram_pairs([["a", "b", "c"]], build_vocab([["a", "b", "c"]]), window=1)
    assert sorted(zip(centers.tolist(), contexts.tolist())) == [(0, 1), (1, 0), (1, 2), (2, 1)]
    n_words = sum(len(s) for s in corpus)
    assert len(skipgram_pairs(corpus, vocab, window=1)[0]) == 2 * (n_words - len(corpus))
    p = noise_distribution(vocab.counts)
    assert np.isclose(p.sum(), 1) and p[0] < vocab.counts[0] / vocab.counts.sum()   # frequent words damped
    assert step_flops(10_000, 16, 32) / step_flops(10_000, 16, 32, k=5) == 10_000 / 6


def test_class_measures_on_hand_made_vectors() -> None:
    vocab = build_vocab([[w for words in CLASSES.values() for w in words]])
    rng = np.random.default_rng(4)
    W = np.zeros((len(vocab.words), 3))
    for axis, words in enumerate(CLASSES.values()):            # each class along its own axis
        for w in words:
            W[vocab.index[w], axis] = 1.0
    W += 0.01 * rng.standard_normal(W.shape)
    same, different = class_similarity(W, vocab)
    assert same > 0.99 and abs(different) < 0.05 and nearest_same_class(W, vocab) == 1.0
    shuffled = W[rng.permutation(len(W))]                     # classes mixed up
    assert nearest_same_class(shuffled, vocab) < 1.0


def test_training_puts_same_class_words_nearer_numpy_and_torch() -> None:
    corpus = make_corpus(600, seed=5)
    vocab = build_vocab(corpus)
    pairs, noise = skipgram_pairs(corpus, vocab, window=2), noise_distribution(vocab.counts)
    W_np, losses_np = fit_word2vec(pairs, noise, dim=8, config=TrainConfig(epochs=3, seed=1))
    W_t, losses_t = fit_word2vec_torch(pairs, noise, dim=8, config=TrainConfig(epochs=3, seed=1, device=torch.device("cpu")))
    for W, losses in [(W_np, losses_np), (W_t, losses_t)]:
        same, different = class_similarity(W, vocab)
        assert same > different + 0.3 and nearest_same_class(W, vocab) > 0.9
        assert losses[-1] < losses[0]
