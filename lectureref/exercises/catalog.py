"""The list of exercises: names, lectures, topics and the functions a reader writes.

Imports nothing heavy (no numpy, no torch): the site build and ``list`` read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExerciseInfo:
    """One exercise.

    Attributes
    ----------
    name : the exercise's name in commands, its starter ``starters/<name>.py``, its page
        ``docs/exercises/<name>.md`` and its check module ``lectureref.exercises.<name>``.
    title : a short Russian title.
    lecture : the course lecture it belongs to.
    topics : topic refs (``page`` or ``page#anchor``) whose lecture moments explain it.
    functions : what the reader's file must define.
    """

    name: str
    title: str
    lecture: int
    topics: tuple[str, ...]
    functions: tuple[str, ...]


EXERCISES: dict[str, ExerciseInfo] = {
    e.name: e
    for e in [
        ExerciseInfo("knn", "kNN и кросс-валидация", 2, ("knn", "model_selection#cross-validation"),
                     ("knn_predict", "kfold_indices")),
        ExerciseInfo("softmax", "Softmax-регрессия и её градиент", 3, ("softmax", "softmax#cross-entropy"),
                     ("softmax_loss_grad",)),
        ExerciseInfo("linear_relu", "Слои Linear и ReLU: forward и backward", 3, ("layers", "backprop"),
                     ("linear_forward", "linear_backward", "relu_forward", "relu_backward")),
        ExerciseInfo("two_layer_net", "Двухслойная сеть на цифрах", 4, ("mlp", "backprop"),
                     ("init_params", "loss_and_grads")),
        ExerciseInfo("adam", "Momentum и Adam", 4, ("optimizers",), ("momentum_step", "adam_step")),
        ExerciseInfo("batchnorm", "Batch normalization: forward и backward", 5, ("batchnorm",),
                     ("batchnorm_forward", "batchnorm_backward")),
        ExerciseInfo("iou_nms", "IoU и non-maximum suppression", 7, ("detection",), ("box_iou", "nms")),
        ExerciseInfo("conv2d", "Свёртка: forward и backward", 6, ("convolution",),
                     ("conv2d_forward", "conv2d_backward")),
        ExerciseInfo("triplet_loss", "Triplet loss и его градиент", 8, ("metric_learning#triplet-loss", "metric_learning"),
                     ("triplet_loss",)),
        ExerciseInfo("sgns", "Skip-gram с negative sampling", 9, ("word2vec#negative-sampling", "word2vec#skip-gram"),
                     ("sgns_loss_grad",)),
        ExerciseInfo("lstm_cell", "Шаг LSTM: forward и backward", 10, ("lstm#gates", "lstm"),
                     ("lstm_step_forward", "lstm_step_backward")),
        ExerciseInfo("gru_cell", "Шаг GRU: forward и backward", 10, ("gru#cell", "lstm#gates"),
                     ("gru_step_forward", "gru_step_backward")),
        ExerciseInfo("crf_forward", "CRF: алгоритм прямого прохода и Витерби", 10,
                     ("crf_tagging#forward", "crf_tagging"), ("crf_log_partition", "crf_viterbi")),
    ]
}
