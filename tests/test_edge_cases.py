"""Degenerate but valid input to the numpy API: the torch / scikit-learn answer, or a clear ValueError.

Never a silent NaN and never a silently wrong answer: zero distances, extreme logits, labels
outside 0..K−1, k larger than the training set, empty batches, windows larger than the image.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import confusion_matrix as sk_confusion_matrix
from sklearn.neighbors import KNeighborsClassifier

from lectureref.ensembles import log_loss
from lectureref.detection import box_iou, box_iou_torch, nms
from lectureref.knn import knn_predict, knn_predict_many, knn_predict_torch
from lectureref.metric_learning import batch_hard_triplets, random_triplets, triplet_loss_backward, triplet_loss_forward
from lectureref.lr_schedules import cosine_annealing_lr, cyclic_lr, step_lr
from lectureref.model_selection import kfold_indices, train_val_test_indices
from lectureref.multilabel import per_label_accuracy, r2_score
from lectureref.metrics import accuracy, confusion_matrix
from lectureref.nn.convolution import conv2d_forward, conv2d_forward_fast, max_pool_forward
from lectureref.nn.dropout import dropout_mask
from lectureref.nn.init import calculate_gain, init_weights
from lectureref.nn.losses import bce_with_logits, mse_loss, softmax_cross_entropy
from lectureref.training import minibatches
from lectureref.word2vec import cosine_matrix

RNG = np.random.default_rng(0)
X3, Y3 = RNG.standard_normal((3, 2)), np.array([0, 1, 1])

# (call, the words the message must contain)
REFUSED = [
    (lambda: knn_predict(X3, Y3, X3, k=4), "k must be between 1 and the number of training points (3)"),
    (lambda: knn_predict(X3, Y3, X3, k=0), "k must be between 1"),
    (lambda: knn_predict_torch(X3, Y3, X3, k=5), "k must be between 1"),
    (lambda: knn_predict_many(X3, Y3, X3, ks=[1, 7]), "k must be between 1"),
    (lambda: knn_predict(X3, np.array([0, -1, 1]), X3, k=1), "class labels must be 0..K−1"),
    (lambda: knn_predict(X3, np.array([0.5, 1, 1]), X3, k=1), "class labels must be integers"),
    (lambda: knn_predict(X3, Y3, RNG.standard_normal((2, 5)), k=1), "queries have 5 features"),
    (lambda: softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3])), "labels must be in 0..2 for 3 classes"),
    (lambda: softmax_cross_entropy(np.zeros((2, 3)), np.array([0, -1])), "class labels must be 0..K−1"),
    (lambda: softmax_cross_entropy(np.zeros((2, 3)), np.array([[0], [1]])), "labels must have shape (2,)"),
    (lambda: softmax_cross_entropy(np.zeros((0, 3)), np.array([], dtype=int)), "empty batch"),
    (lambda: bce_with_logits(np.zeros(0), np.zeros(0)), "empty array"),
    (lambda: bce_with_logits(np.zeros((2, 3)), np.zeros(6)), "targets must have the logits' shape"),
    (lambda: mse_loss(np.zeros(0), np.zeros(0)), "empty array"),
    (lambda: accuracy([], []), "accuracy of no predictions"),
    (lambda: accuracy([0, 1], [0]), "differ in shape"),
    (lambda: confusion_matrix([0, 1], [0, 2], n_classes=2), "labels must be in 0..1 for 2 classes"),
    (lambda: confusion_matrix([0, -1], [0, 1]), "class labels must be 0..K−1"),
    (lambda: minibatches(10, 0, 1), "batch_size ≥ 1"),
    (lambda: minibatches(0, 4, 1), "n ≥ 1"),
    (lambda: dropout_mask((3,), 1.5, RNG), "p must be in [0, 1]"),
    (lambda: conv2d_forward(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)), np.zeros(1)), "does not fit in 2×2"),
    (lambda: conv2d_forward(np.zeros((1, 2, 4, 4)), np.zeros((1, 3, 3, 3)), np.zeros(1)), "the same C"),
    (lambda: conv2d_forward(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), np.zeros(1), stride=0), "stride must be ≥ 1"),
    (lambda: conv2d_forward_fast(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)), np.zeros(1)), "does not fit in 2×2"),
    (lambda: conv2d_forward_fast(np.zeros((1, 2, 4, 4)), np.zeros((1, 3, 3, 3)), np.zeros(1)), "the same C"),
    (lambda: max_pool_forward(np.zeros((1, 1, 1, 1)), 2), "does not fit in 1×1"),
    (lambda: batch_hard_triplets(np.zeros((3, 2)), np.array([0, 0, 1])), "two examples of each"),
    (lambda: random_triplets(np.array([0, 0, 0]), RNG), "at least two labels"),
    (lambda: box_iou(np.array([[2.0, 0, 1, 1]]), np.array([[0.0, 0, 1, 1]])), "x2 ≥ x1"),
    (lambda: init_weights(3, 3, "xavier_gaussian", RNG), "unknown init method 'xavier_gaussian'"),
    (lambda: calculate_gain("selu"), "unsupported nonlinearity 'selu'"),
    (lambda: step_lr(3, 0.1, step_size=0), "step_size must be at least 1 epoch"),
    (lambda: cosine_annealing_lr(3, 0.1, t_max=0), "t_max must be at least 1 epoch"),
    (lambda: cyclic_lr(3, 0.1, 1.0, step_size_up=0), "step_size_up must be at least 1 epoch"),
    (lambda: list(kfold_indices(3, n_folds=5)), "n_folds must be between 2 and the number of examples (3)"),
    (lambda: train_val_test_indices(10, val_size=0.5, test_size=0.5), "must leave a training set"),
    (lambda: per_label_accuracy(np.zeros((0, 3)), np.zeros((0, 3))), "no predictions"),
]


@pytest.mark.parametrize(("call", "words"), REFUSED, ids=[w for _, w in REFUSED])
def test_degenerate_input_is_refused_with_a_clear_message(call, words: str) -> None:
    with pytest.raises(ValueError) as error:
        call()
    assert words in str(error.value)


def test_dropout_with_p_one_drops_everything_like_torch() -> None:
    mask = dropout_mask((4, 5), 1.0, np.random.default_rng(0))
    assert np.array_equal(mask, np.zeros((4, 5))) and np.all(np.isfinite(mask))
    assert torch.equal(torch.nn.Dropout(1.0).train()(torch.ones(4, 5)), torch.zeros(4, 5))


def test_triplet_gradient_is_finite_at_zero_distance() -> None:
    """Anchor equal to its positive: ‖a − p‖ = 0 has no slope; the backward pass gives 0 there, not NaN."""
    a = np.array([[1.0, 2.0], [0.0, 1.0]])
    p = a.copy()                                  # zero anchor–positive distance in both triplets
    n = np.array([[1.5, 2.0], [3.0, 1.0]])
    loss, cache = triplet_loss_forward(a, p, n, margin=1.0)
    da, dp, dn = triplet_loss_backward(1.0, cache)
    assert np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in (da, dp, dn))
    np.testing.assert_allclose(dp, 0.0)          # the positive term has no direction to move in
    # the negative term still pushes: the same as torch where the distance is not zero
    at, pt, nt = (torch.tensor(v, requires_grad=True) for v in (a, p + 1e-3, n))
    torch.clamp((at - pt).norm(dim=1) - (at - nt).norm(dim=1) + 1.0, min=0).mean().backward()
    np.testing.assert_allclose(dn, nt.grad.numpy(), atol=1e-3)


def test_empty_and_touching_boxes_have_zero_iou_and_nms_keeps_them() -> None:
    boxes = np.array([[0.0, 0, 0, 0], [0.0, 0, 0, 0], [0.0, 0, 2, 2]])   # two empty boxes, one real
    iou = box_iou(boxes, boxes)
    assert np.all(np.isfinite(iou))
    assert iou[0, 1] == 0.0 and iou[2, 2] == 1.0
    np.testing.assert_allclose(iou, box_iou_torch(torch.tensor(boxes), torch.tensor(boxes)).numpy())
    assert sorted(nms(boxes, np.array([0.9, 0.8, 0.7])).tolist()) == [0, 1, 2]


def test_r2_of_constant_targets_is_finite_as_in_sklearn() -> None:
    from sklearn.metrics import r2_score as sk_r2

    y = np.full((4, 2), 3.0)
    for pred in (y, y + 1.0):
        assert r2_score(y, pred) == sk_r2(y, pred)


def test_cosine_of_a_zero_vector_is_zero_as_in_sklearn() -> None:
    from sklearn.metrics.pairwise import cosine_similarity

    W = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(cosine_matrix(W), cosine_similarity(W))


# ---------------------------------------------------------------------------------------------
# Properties over generated input: finite, and equal to the reference.

finite = st.floats(-1e4, 1e4, allow_nan=False, allow_subnormal=False)


def _assert_loss_matches_torch(ours, theirs, logits: np.ndarray, targets: np.ndarray, rtol: float) -> None:
    """``ours(logits, targets) -> (loss, dlogits)`` is finite and equals torch's loss and its gradient."""
    loss, grad = ours(logits, targets)
    lt = torch.tensor(logits, requires_grad=True)
    ref = theirs(lt, torch.tensor(targets))
    ref.backward()
    assert np.isfinite(loss) and np.all(np.isfinite(grad))
    np.testing.assert_allclose(loss, ref.item(), rtol=rtol, atol=rtol)
    np.testing.assert_allclose(grad, lt.grad.numpy(), rtol=rtol, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(logits=hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)), elements=finite),
       data=st.data())
def test_cross_entropy_matches_torch_for_any_finite_logits(logits: np.ndarray, data: st.DataObject) -> None:
    n, k = logits.shape
    y = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    _assert_loss_matches_torch(softmax_cross_entropy, F.cross_entropy, logits, y, rtol=1e-10)


@settings(max_examples=60, deadline=None)
@given(z=hnp.arrays(np.float64, st.integers(1, 8), elements=finite), data=st.data())
def test_bce_matches_torch_for_logits_whose_probabilities_round_to_0_or_1(z: np.ndarray, data: st.DataObject) -> None:
    y = data.draw(hnp.arrays(np.float64, z.shape, elements=st.floats(0, 1)))
    _assert_loss_matches_torch(bce_with_logits, F.binary_cross_entropy_with_logits, z, y, rtol=1e-9)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 12), m=st.integers(1, 5), d=st.integers(1, 4), seed=st.integers(0, 2**16), data=st.data())
def test_knn_matches_sklearn_for_any_valid_k(n: int, m: int, d: int, seed: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(seed)
    X_train, X = rng.standard_normal((n, d)), rng.standard_normal((m, d))
    y_train = rng.integers(0, 3, n)
    k = data.draw(st.integers(1, n))
    expected = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train).predict(X)
    np.testing.assert_array_equal(knn_predict(X_train, y_train, X, k), expected)


@settings(max_examples=40, deadline=None)
@given(proba=hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.just(3)), elements=st.sampled_from([0.0, 1e-300, 0.3, 1.0])),
       data=st.data())
def test_log_loss_at_probabilities_0_and_1_matches_sklearn(proba: np.ndarray, data: st.DataObject) -> None:
    from sklearn.metrics import log_loss as sk_log_loss

    proba = proba / np.maximum(proba.sum(axis=1, keepdims=True), 1e-300)   # rows that sum to 1 (or 0)
    proba[proba.sum(axis=1) == 0] = [1.0, 0.0, 0.0]
    y = np.array(data.draw(st.lists(st.integers(0, 2), min_size=len(proba), max_size=len(proba))))
    ours = log_loss(proba, y)
    assert np.isfinite(ours)
    np.testing.assert_allclose(ours, sk_log_loss(y, proba, labels=[0, 1, 2]), rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(labels=hnp.arrays(np.int64, st.tuples(st.integers(1, 30), st.just(2)), elements=st.integers(0, 4)))
def test_confusion_matrix_matches_sklearn(labels: np.ndarray) -> None:
    y_true, y_pred = labels[:, 0], labels[:, 1]
    np.testing.assert_array_equal(confusion_matrix(y_true, y_pred, n_classes=5),
                                  sk_confusion_matrix(y_true, y_pred, labels=range(5)))


@settings(max_examples=40, deadline=None)
@given(corners=hnp.arrays(np.int64, st.tuples(st.integers(1, 6), st.just(4)), elements=st.integers(0, 5)))
def test_box_iou_is_finite_symmetric_and_within_0_1(corners: np.ndarray) -> None:
    boxes = np.concatenate([np.minimum(corners[:, :2], corners[:, 2:]), np.maximum(corners[:, :2], corners[:, 2:])],
                           axis=1).astype(np.float64)
    iou = box_iou(boxes, boxes)
    assert np.all(np.isfinite(iou)) and np.all((iou >= 0) & (iou <= 1))
    np.testing.assert_allclose(iou, iou.T)
