"""lectureref.crf_tagging: forward algorithm and Viterbi against brute force; the torch CRF with padding; the data."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.crf_tagging import (
    CRF,
    NER_SENTENCES,
    TAGS,
    brute_force,
    encode_ner,
    entity_f1,
    invalid_transitions,
    log_partition,
    ner_split,
    ner_vocab,
    sequence_score,
    viterbi,
)


def _problem(T: int, K: int, seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    return scale * rng.normal(size=(T, K)), scale * rng.normal(size=(K, K)), rng.normal(size=K), rng.normal(size=K)


@pytest.mark.parametrize(("T", "K"), [(1, 5), (2, 3), (4, 3), (5, 2), (3, 7)])
def test_forward_and_viterbi_equal_brute_force(T: int, K: int) -> None:
    for seed in range(3):
        E, A, s, e = _problem(T, K, seed)
        log_z, best = brute_force(E, A, s, e)
        assert log_partition(E, A, s, e) == pytest.approx(log_z, abs=1e-12)
        path, score = viterbi(E, A, s, e)
        np.testing.assert_array_equal(path, best)
        assert score == pytest.approx(sequence_score(E, A, s, e, path), abs=1e-12)


def test_forward_algorithm_does_not_overflow() -> None:
    E, A, s, e = _problem(4, 3, 0, scale=1000.0)
    log_z, _ = brute_force(E, A, s, e)
    assert np.isfinite(log_partition(E, A, s, e)) and log_partition(E, A, s, e) == pytest.approx(log_z, rel=1e-12)


def test_probabilities_of_all_sequences_sum_to_one() -> None:
    E, A, s, e = _problem(3, 3, 1)
    log_z = log_partition(E, A, s, e)
    total = sum(np.exp(sequence_score(E, A, s, e, np.array(y)) - log_z) for y in np.ndindex(3, 3, 3))
    assert total == pytest.approx(1.0, abs=1e-12)


def test_torch_crf_on_a_padded_batch_equals_each_sentence_alone() -> None:
    torch.manual_seed(0)
    K, lengths = 4, [5, 2, 3]
    crf = CRF(K).double()
    with torch.no_grad():
        for p in crf.parameters():
            p.normal_()
    em = torch.randn(3, 5, K, dtype=torch.float64)
    mask = torch.arange(5)[None] < torch.tensor(lengths)[:, None]
    tags = torch.randint(0, K, (3, 5))
    batch_z, batch_s, paths = crf.log_partition(em, mask), crf.score(em, tags, mask), crf.decode(em, mask)
    A, s, e = (p.detach().numpy() for p in (crf.transitions, crf.start, crf.end))
    for n, T in enumerate(lengths):
        E = em[n, :T].numpy()
        assert batch_z[n].item() == pytest.approx(log_partition(E, A, s, e), abs=1e-12)
        assert batch_s[n].item() == pytest.approx(sequence_score(E, A, s, e, tags[n, :T].numpy()), abs=1e-12)
        assert paths[n] == viterbi(E, A, s, e)[0].tolist()


def test_nll_gradient_of_the_transitions_is_expected_minus_observed_counts() -> None:
    # ∂(log Z − s(y))/∂A_jk = E_p[#(j→k)] − #(j→k in y): checked by enumerating p exactly.
    torch.manual_seed(1)
    T, K = 3, 3
    crf = CRF(K).double()
    em, mask, y = torch.randn(1, T, K, dtype=torch.float64), torch.ones(1, T, dtype=torch.bool), torch.tensor([[0, 2, 1]])
    crf.nll(em, y, mask).backward()
    A, s, e = (p.detach().numpy() for p in (crf.transitions, crf.start, crf.end))
    E, log_z = em[0].numpy(), log_partition(em[0].numpy(), A, s, e)
    expected = np.zeros((K, K))
    for path in np.ndindex(*(K,) * T):
        p = np.exp(sequence_score(E, A, s, e, np.array(path)) - log_z)
        for j, k in zip(path[:-1], path[1:]):
            expected[j, k] += p
    observed = np.zeros((K, K))
    observed[0, 2] = observed[2, 1] = 1
    np.testing.assert_allclose(crf.transitions.grad.numpy(), expected - observed, atol=1e-12)


def test_shipped_sentences_are_valid_bio() -> None:
    train, test = ner_split()
    assert len(NER_SENTENCES.splitlines()) == len(train) + len(test) == 56 and len(test) == 11
    for sentence in train + test:
        assert all(tag in TAGS for _, tag in sentence)
        assert invalid_transitions([[TAGS.index(t) for _, t in sentence]]) == 0, sentence
    unseen = {w.lower() for s in test for w, _ in s} - set(ner_vocab(train))
    assert {"алина", "воронеже", "ростелекоме"} <= unseen    # the test has names the tagger never saw


def test_encoding_pads_and_marks_unknown_words() -> None:
    train, test = ner_split()
    ids, shapes, tags = encode_ner(test[:2], ner_vocab(train))
    assert ids.shape == shapes.shape == tags.shape
    assert ids[0, 0] == 1 and shapes[0, 0] == 2 and tags[0, 0] == TAGS.index("B-PER")   # «Алина»: unknown, capitalised
    assert ((ids == 0) == (tags == -100)).all()


def test_entity_f1_and_invalid_transitions() -> None:
    OUT, BP, IP, BL = (TAGS.index(t) for t in ["O", "B-PER", "I-PER", "B-LOC"])
    assert entity_f1([[BP, IP, OUT, BL]], [[BP, IP, OUT, BL]]) == 1.0
    assert entity_f1([[BP, IP, OUT, BL]], [[BP, OUT, OUT, BL]]) == pytest.approx(0.5)     # a half name is a miss
    assert invalid_transitions([[OUT, IP], [BL, IP], [BP, IP, IP]]) == 2


# The exercise «CRF: алгоритм прямого прохода и Витерби» (lectureref/exercises/crf_forward.py).
CRF_MISTAKES = [
    ("transitions transposed", "alpha = logsumexp(alpha[:, None] + transitions, axis=0) + e",
     "alpha = logsumexp(alpha[:, None] + transitions.T, axis=0) + e", {"log_partition_small"}),
    ("end scores forgotten", "return float(logsumexp(alpha + end, axis=0))", "return float(logsumexp(alpha, axis=0))",
     {"log_partition_small"}),
    ("no max shift", "    return np.squeeze(m, axis) + np.log(np.exp(a - m).sum(axis=axis))",
     "    return np.log(np.exp(a).sum(axis=axis))", {"log_partition_stable"}),
    ("max instead of the log-sum", "alpha = logsumexp(alpha[:, None] + transitions, axis=0) + e",
     "alpha = (alpha[:, None] + transitions).max(axis=0) + e", {"log_partition_small"}),
    ("path not reversed", "return np.array(path[::-1]), float(delta.max())", "return np.array(path), float(delta.max())",
     {"viterbi_path"}),
]


def test_crf_exercise_catches_typical_mistakes(tmp_path) -> None:  # noqa: ANN001
    from pathlib import Path

    from lectureref.exercises.checker import run_checks

    path = Path(__file__).parent / "exercises_data" / "solutions" / "crf_forward.py"
    solution = path.read_text(encoding="utf-8")
    assert all(r.passed for r in run_checks("crf_forward", path, links=False))
    for label, old, new, caught_by in CRF_MISTAKES:
        assert solution.count(old) == 1, label
        wrong = tmp_path / "crf_forward.py"
        wrong.write_text(solution.replace(old, new), encoding="utf-8")
        failed = {r.check for r in run_checks("crf_forward", wrong, links=False) if not r.passed}
        assert caught_by <= failed, (label, failed)
