"""The package's reference implementations the exercises are checked against: the only place
the exercises import model code from, so a move of these functions changes only this file.

Gradients are checked against torch autograd in float64 (`checker.torch_grads`) where a torch
twin is given here, against these numpy references elsewhere.
"""

from __future__ import annotations

from lectureref.data import digits_split
from lectureref.detection import box_iou, nms
from lectureref.knn import knn_predict
from lectureref.metric_learning import triplet_loss_backward, triplet_loss_forward, triplet_loss_torch
from lectureref.model_selection import kfold_indices
from lectureref.nn.batchnorm import batchnorm_backward, batchnorm_forward
from lectureref.nn.convolution import conv2d_backward, conv2d_forward, conv2d_torch
from lectureref.nn.layers import linear_backward, linear_forward
from lectureref.nn.lstm import LSTMParams, lstm_backward, lstm_forward
from lectureref.optimizers import adam, sgd
from lectureref.softmax import softmax_loss_grad
from lectureref.word2vec import sgns_backward, sgns_forward, sgns_loss_torch

REFERENCES = {
    "knn": {"knn_predict": knn_predict, "kfold_indices": kfold_indices},
    "softmax": {"softmax_loss_grad": softmax_loss_grad},
    "linear_relu": {"linear_forward": linear_forward, "linear_backward": linear_backward},
    "two_layer_net": {"digits_split": digits_split},
    "adam": {"sgd": sgd, "adam": adam},
    "batchnorm": {"batchnorm_forward": batchnorm_forward, "batchnorm_backward": batchnorm_backward},
    "iou_nms": {"box_iou": box_iou, "nms": nms},
    "conv2d": {"conv2d_forward": conv2d_forward, "conv2d_backward": conv2d_backward, "conv2d_torch": conv2d_torch},
    "triplet_loss": {"forward": triplet_loss_forward, "backward": triplet_loss_backward, "torch": triplet_loss_torch},
    "sgns": {"forward": sgns_forward, "backward": sgns_backward, "torch": sgns_loss_torch},
    "lstm_cell": {"LSTMParams": LSTMParams, "lstm_forward": lstm_forward, "lstm_backward": lstm_backward},
}
"""Exercise → name → reference callable."""
