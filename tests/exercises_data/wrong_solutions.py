"""Wrong solutions a student really writes, one per entry: a text substitution in the right
solution ``solutions/<exercise>.py``, the check that must catch it and a piece of its message.

``check=None`` marks a wrong solution the checker accepts, kept so the list says so honestly.
The parametrised test is ``tests/test_exercises.py::test_wrong_solution_is_caught_with_its_message``.
"""

from __future__ import annotations

from typing import NamedTuple


class Wrong(NamedTuple):
    exercise: str
    label: str
    old: str                # occurs exactly once in the right solution
    new: str
    check: str | None       # the check that fails first on it; None: the checker accepts it
    message: str            # a piece of that check's message
    timeout_scale: float = 1.0


CONV_LOOP = "    for i in range(oh):\n        for j in range(ow):\n            patch = xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw]\n            out["
CONV_FWD_SHAPE = "    f, _, kh, kw = w.shape\n    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))\n    oh"
GRU_GATES = "r = sigmoid(gi[:, :H] + gh[:, :H])\n    z = sigmoid(gi[:, H : 2 * H] + gh[:, H : 2 * H])"
GRU_CANDIDATE = "hn = gh[:, 2 * H :]\n    n = np.tanh(gi[:, 2 * H :] + r * hn)"
CRF_LSE = "    m = a.max(axis=axis, keepdims=True)\n    return np.squeeze(m, axis) + np.log(np.exp(a - m).sum(axis=axis))"
CRF_FORWARD = ("    alpha = start + emissions[0]\n    for e in emissions[1:]:\n"
               "        alpha = logsumexp(alpha[:, None] + transitions, axis=0) + e\n    return float(logsumexp(alpha + end, axis=0))")
CONV_BWD_SHAPE = "    f, _, kh, kw = w.shape\n    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))\n    dxp"

WRONG = [
    # knn
    Wrong("knn", "farthest neighbours", "np.argsort(d, axis=1", "np.argsort(-d, axis=1", "predict_k1", "knn_predict"),
    Wrong("knn", "k ignored", "[:, :k]", "[:, :1]", "predict_vote", "ожидалось"),
    Wrong("knn", "remainder dropped from the folds", "    sizes[: n % n_folds] += 1\n", "", "kfold", ""),
    Wrong("knn", "every fold validates on the first indices", "val = np.arange(start, start + size)", "val = np.arange(size)",
          "kfold", ""),
    Wrong("knn", "scikit-learn's kNN", "import numpy as np\n",
          "import numpy as np\nfrom sklearn.neighbors import KNeighborsClassifier\n", "numpy_only", "scikit-learn"),
    Wrong("knn", "features centred in place", "    d = ((X[:, None, :]", "    X_train -= X_train.mean(axis=0)\n    d = ((X[:, None, :]",
          "predict_k1", "изменила свой вход X_train на месте"),
    # softmax
    Wrong("softmax", "loss summed, not averaged", ".mean()", ".sum()", "loss_value", "больше ожидаемого: сумма вместо среднего"),
    Wrong("softmax", "gradient without 1/N", "    dz /= n\n", "", "gradient", "больше ожидаемого: сумма вместо среднего"),
    Wrong("softmax", "wrong sign", "dz[np.arange(n), y] -= 1", "dz[np.arange(n), y] += 1", "gradient", "ожидалось"),
    Wrong("softmax", "no max shift", "    z = z - z.max(axis=1, keepdims=True)\n", "", "stable", ""),
    Wrong("softmax", "torch's cross-entropy", "import numpy as np\n", "import numpy as np\nimport torch\n", "numpy_only",
          "строка 2: import torch — упражнения пишутся на numpy, с нуля"),
    Wrong("softmax", "bias gradient forgotten", "dz.sum(axis=0)", "np.zeros(W.shape[1])", "gradient", "получены одни нули"),
    # linear_relu
    Wrong("linear_relu", "transposed weight gradient", "dw = dout.T @ x", "dw = x.T @ dout", "linear_backward", "транспонировано"),
    Wrong("linear_relu", "missing bias gradient", "db = dout.sum(axis=0)", "db = np.zeros(dout.shape[1])", "linear_backward",
          "получены одни нули"),
    Wrong("linear_relu", "bias gradient averaged", "db = dout.sum(axis=0)", "db = dout.mean(axis=0)", "linear_backward",
          "меньше ожидаемого: среднее вместо суммы"),
    Wrong("linear_relu", "ReLU mask from dout", "dout * (x > 0)", "dout * (dout > 0)", "relu_backward", "ожидалось"),
    Wrong("linear_relu", "ReLU in place", "    return np.maximum(x, 0)", "    np.maximum(x, 0, out=x)\n    return x", "relu_forward",
          "relu_forward изменила свой вход x на месте"),
    Wrong("linear_relu", "the package's own layer", "def linear_forward(x, w, b):\n    return x @ w.T + b\n",
          "from lectureref.nn.layers import linear_forward\n", "numpy_only", "lectureref"),
    # two_layer_net
    Wrong("two_layer_net", "zero weights", "rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden))", "np.zeros((n_in, n_hidden))",
          "init", ""),
    Wrong("two_layer_net", "gradient without 1/N", "    dz /= n\n", "", "gradients", ""),
    Wrong("two_layer_net", "ReLU skipped in backward", "da = dh * (a > 0)", "da = dh", "gradients", ""),
    Wrong("two_layer_net", "gradient ascent", "return loss, grads", "return loss, {k: -g for k, g in grads.items()}",
          "gradients", "знак наоборот"),
    Wrong("two_layer_net", "loss summed", ".mean()", ".sum()", "loss_value", "больше ожидаемого: сумма вместо среднего"),
    # adam
    Wrong("adam", "momentum step uphill", "return w - lr * v, v", "return w + lr * v, v", "momentum", "ожидалось"),
    Wrong("adam", "no bias correction", "m_hat = m / (1 - beta1**t)", "m_hat = m", "adam_first_step", ""),
    Wrong("adam", "beta1 in the second moment", "v = beta2 * v", "v = beta1 * v", "adam_steps", ""),
    Wrong("adam", "momentum updated in place", "    v = mu * v + dw\n    return w - lr * v, v",
          "    v *= mu\n    v += dw\n    w -= lr * v\n    return w, v", "momentum", "изменила свой вход w на месте"),
    Wrong("adam", "eps under the square root", "(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)", None, ""),
    # batchnorm
    Wrong("batchnorm", "unbiased variance", "var = x.var(axis=0)", "var = x.var(axis=0, ddof=1)", "forward", ""),
    Wrong("batchnorm", "bias gradient averaged", "dbeta = dout.sum(axis=0)", "dbeta = dout.mean(axis=0)", "backward_params",
          "меньше ожидаемого"),
    Wrong("batchnorm", "mean and variance taken as constants",
          "dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))", "dx = inv_std * dx_hat",
          "backward_input", ""),
    Wrong("batchnorm", "dgamma and dbeta swapped", "return dx, dgamma, dbeta", "return dx, dbeta, dgamma", "backward_params",
          "dgamma и dbeta перепутаны местами"),
    Wrong("batchnorm", "eps added to the std", "1.0 / np.sqrt(var + eps)", "1.0 / (np.sqrt(var) + eps)",
          "forward", "ошибка размером с eps: eps прибавлен к std"),
    Wrong("batchnorm", "eps forgotten", "1.0 / np.sqrt(var + eps)", "1.0 / np.sqrt(var)", "forward",
          "eps не учтён"),
    Wrong("batchnorm", "input centred in place", "    x_hat = (x - mean) * inv_std", "    x -= mean\n    x_hat = x * inv_std",
          "forward", "batchnorm_forward изменила свой вход x на месте"),
    # iou_nms
    Wrong("iou_nms", "negative overlap not clipped", "np.clip(rb - lt, 0, None)", "(rb - lt)", "iou_values", ""),
    Wrong("iou_nms", "union counts the overlap twice", "area_b[None, :] - inter)", "area_b[None, :])", "iou_values", ""),
    Wrong("iou_nms", "lowest score first", "np.argsort(-scores)", "np.argsort(scores)", "nms", ""),
    Wrong("iou_nms", "pixel areas with +1", "area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])",
          "area_a = (a[:, 2] - a[:, 0] + 1) * (a[:, 3] - a[:, 1] + 1)", "iou_values", ""),
    Wrong("iou_nms", "boxes returned instead of indices", "return np.array(keep)", "return boxes[keep]", "nms", ""),
    Wrong("iou_nms", "suppression at IoU equal to the threshold", "<= iou_threshold", "< iou_threshold", None, ""),
    # conv2d
    Wrong("conv2d", "off-by-one output size", "oh = (h + 2 * padding - kh) // stride + 1", "oh = (h + 2 * padding - kh) // stride",
          "forward_shape", "форма"),
    Wrong("conv2d", "stride ignored in backward",
          "dxp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw] +=", "dxp[:, :, i : i + kh, j : j + kw] +=",
          "backward_stride", "dx:"),
    Wrong("conv2d", "missing bias gradient", "db = dout.sum(axis=(0, 2, 3))", "db = np.zeros(w.shape[0])", "backward",
          "получены одни нули"),
    Wrong("conv2d", "flipped kernel (true convolution)", "np.tensordot(patch, w,", "np.tensordot(patch, w[:, :, ::-1, ::-1],",
          "forward_values", "совпадает со свёрткой с перевёрнутым ядром"),
    Wrong("conv2d", "square kernels only (forward)", CONV_FWD_SHAPE, CONV_FWD_SHAPE.replace("f, _, kh, kw = w.shape",
          "f, _, kh, _ = w.shape\n    kw = kh"), "forward_shape", "случай «ядро 3×2, вход 6×7"),
    Wrong("conv2d", "square kernels only (backward)", CONV_BWD_SHAPE, CONV_BWD_SHAPE.replace("f, _, kh, kw = w.shape",
          "f, _, kh, _ = w.shape\n    kw = kh"), "backward_nonsquare", "случай «ядро 3×2 (KH ≠ KW)"),
    Wrong("conv2d", "leftover rows dropped", "dxp = np.zeros_like(xp)",
          "dxp = np.zeros(x.shape[:2] + ((dout.shape[2] - 1) * stride + kh, (dout.shape[3] - 1) * stride + kw))",
          "backward_leftover_rows", "случай «stride 2, H = W = 8, K = 3: последние строка и столбец"),
    Wrong("conv2d", "weights zeroed in place for dw", "dw = np.zeros_like(w)", "dw = w\n    dw[:] = 0", "backward",
          "conv2d_backward изменила свой вход w на месте"),
    Wrong("conv2d", "torch's conv2d", "import numpy as np\n", "import numpy as np\nimport torch.nn.functional as F\n",
          "numpy_only", "в решении нельзя использовать torch"),
    Wrong("conv2d", "while loop without its increment", CONV_LOOP,
          CONV_LOOP.replace("    for i in range(oh):\n", "    i = 0\n    while i < oh:\n"), "forward_shape",
          "остановлена в conv2d_forward, строка", 0.02),
    # triplet_loss
    Wrong("triplet_loss", "no hinge", "loss = np.maximum(hinge, 0).mean()", "loss = hinge.mean()", "loss_value", ""),
    Wrong("triplet_loss", "squared distances", "d_ap = np.linalg.norm(a - p, axis=1)", "d_ap = np.linalg.norm(a - p, axis=1) ** 2",
          "loss_value", ""),
    Wrong("triplet_loss", "wrong sign of dn", "-g_ap, g_an", "-g_ap, -g_an", "gradients", "знак наоборот"),
    Wrong("triplet_loss", "gradient without 1/N", "scale = (hinge > 0) / len(a)", "scale = (hinge > 0) * 1.0", "gradients",
          "больше ожидаемого: сумма вместо среднего"),
    Wrong("triplet_loss", "margin ignored", "hinge = d_ap - d_an + margin", "hinge = d_ap - d_an", "loss_value", ""),
    Wrong("triplet_loss", "anchors normalised in place", "    d_ap = np.linalg.norm(a - p, axis=1)",
          "    a /= np.linalg.norm(a, axis=1, keepdims=True)\n    d_ap = np.linalg.norm(a - p, axis=1)", "loss_value",
          "изменила свой вход a на месте"),
    # sgns
    Wrong("sgns", "wrong sign for negatives", "g_neg = np.exp(log_sigmoid(neg)) / b", "g_neg = -np.exp(log_sigmoid(neg)) / b",
          "loss_and_gradients", ""),
    Wrong("sgns", "gradient without 1/B", "g_pos = (np.exp(log_sigmoid(pos)) - 1) / b", "g_pos = np.exp(log_sigmoid(pos)) - 1",
          "loss_and_gradients", ""),
    Wrong("sgns", "log of sigmoid overflows", "return -np.logaddexp(0, -x)", "return np.log(1 / (1 + np.exp(-x)))",
          "large_scores", ""),
    Wrong("sgns", "loss summed over the batch", ".sum(axis=1)).mean()", ".sum(axis=1)).sum()", "loss_and_gradients",
          "больше ожидаемого: сумма вместо среднего"),
    Wrong("sgns", "negatives flipped in place", '    neg = np.einsum("bd,bkd->bk", v, u_neg)',
          '    u_neg *= -1\n    neg = -np.einsum("bd,bkd->bk", v, u_neg)', "loss_and_gradients", "изменила свой вход u_neg на месте"),
    # lstm_cell
    Wrong("lstm_cell", "forget and input gates swapped", "i, f, g, o = sigmoid", "f, i, g, o = sigmoid", "forward_values",
          "прочитаны как (f, i, g, o)"),
    Wrong("lstm_cell", "tanh' missing on the way to the cell", "dc = dc_next + dh_next * o * (1 - tc**2)",
          "dc = dc_next + dh_next * o", "backward_through_h", ""),
    Wrong("lstm_cell", "cell gradient not multiplied by f", "da @ w_hh, dc * f,", "da @ w_hh, dc,", "backward_through_h", "dc:"),
    Wrong("lstm_cell", "weight gradient transposed", "da.T @ x,", "x.T @ da,", "backward_through_h", "транспонировано"),
    Wrong("lstm_cell", "cell state updated in place", "    c_next = f * c + i * g", "    c *= f\n    c_next = c + i * g",
          "forward_values", "lstm_step_forward изменила свой вход c на месте"),
    Wrong("lstm_cell", "torch through importlib", "import numpy as np\n",
          "import numpy as np\nimport importlib\nF = importlib.import_module('torch')\n", "numpy_only", "torch"),
    # gru_cell (torch's convention: r multiplies h W_hnᵀ + b_hn, after the product)
    Wrong("gru_cell", "z and r swapped", GRU_GATES,
          "z = sigmoid(gi[:, :H] + gh[:, :H])\n    r = sigmoid(gi[:, H : 2 * H] + gh[:, H : 2 * H])",
          "forward_values", "блоки весов прочитаны как (z, r, n)"),
    Wrong("gru_cell", "(1 − z) and z swapped", "h_next = (1 - z) * n + z * h", "h_next = z * n + (1 - z) * h", "forward_values",
          "z и 1 − z перепутаны"),
    Wrong("gru_cell", "reset gate before the product (Cho et al.)", GRU_CANDIDATE,
          "hn = (r * h) @ w_hh[2 * H :].T + b_hh[2 * H :]\n    n = np.tanh(gi[:, 2 * H :] + hn)", "forward_values",
          "r умножает h до умножения на W_hn"),
    Wrong("gru_cell", "b_hn outside the reset gate", "n = np.tanh(gi[:, 2 * H :] + r * hn)",
          "n = np.tanh(gi[:, 2 * H :] + r * (hn - b_hh[2 * H :]) + b_hh[2 * H :])", "forward_values", "b_hn прибавлен вне r"),
    Wrong("gru_cell", "tanh' missing", "da_n = dn * (1 - n**2)", "da_n = dn", "backward_state", "забыта производная tanh"),
    Wrong("gru_cell", "direct path forgotten", "dh = dh_next * z + dgh @ w_hh", "dh = dgh @ w_hh", "backward_state",
          "забыта прямая дорога"),
    Wrong("gru_cell", "dz with the wrong sign", "dz = dh_next * (h - n)", "dz = dh_next * (n - h)", "backward_state",
          "знак dz наоборот"),
    Wrong("gru_cell", "n block of dgh without r", "da_z, da_n * r]", "da_z, da_n]", "backward_state", "не умножен на r"),
    Wrong("gru_cell", "dw_ih transposed", "dgi.T @ x,", "x.T @ dgi,", "backward_weights", "dw_ih: форма (4, 15), ожидалась (15, 4) (транспонировано?)"),
    Wrong("gru_cell", "state scaled in place", "    h_next = (1 - z) * n + z * h", "    h *= z\n    h_next = (1 - z) * n + h",
          "forward_values", "gru_step_forward изменила свой вход h на месте"),
    Wrong("gru_cell", "torch", "import numpy as np\n", "import numpy as np\nimport torch\n", "numpy_only",
          "в решении нельзя использовать torch"),
    # crf_forward
    Wrong("crf_forward", "max instead of log-sum-exp", CRF_LSE, "    return a.max(axis=axis)", "log_partition_small",
          "max вместо log-sum-exp (так считает Витерби"),
    Wrong("crf_forward", "max in the recursion only", "alpha = logsumexp(alpha[:, None] + transitions, axis=0) + e",
          "alpha = (alpha[:, None] + transitions).max(axis=0) + e", "log_partition_small", "max вместо log-sum-exp в шаге рекурсии"),
    Wrong("crf_forward", "no log-sum-exp shift", "np.squeeze(m, axis) + np.log(np.exp(a - m).sum(axis=axis))",
          "np.log(np.exp(a).sum(axis=axis))", "log_partition_stable", "exp переполняется"),
    Wrong("crf_forward", "transitions transposed", "alpha[:, None] + transitions", "alpha[:, None] + transitions.T",
          "log_partition_small", "transitions транспонирована"),
    Wrong("crf_forward", "start forgotten", "alpha = start + emissions[0]", "alpha = emissions[0]", "log_partition_small",
          "забыт start"),
    Wrong("crf_forward", "end forgotten", "return float(logsumexp(alpha + end, axis=0))", "return float(logsumexp(alpha, axis=0))",
          "log_partition_small", "забыт end"),
    Wrong("crf_forward", "start and end forgotten", CRF_FORWARD,
          CRF_FORWARD.replace("alpha = start + emissions[0]", "alpha = emissions[0]").replace("alpha + end", "alpha"),
          "log_partition_small", "забыты start и end"),
    Wrong("crf_forward", "first emission counted twice", "    for e in emissions[1:]:\n        alpha",
          "    for e in emissions:\n        alpha", "log_partition_small", "emissions[0] учтена дважды"),
    Wrong("crf_forward", "start changed through an alias", "alpha = start + emissions[0]", "alpha = start\n    alpha += emissions[0]",
          "log_partition_small", "crf_log_partition изменила свой вход start на месте"),
    Wrong("crf_forward", "Viterbi without end", "    delta = delta + end\n", "", "viterbi_path", "забыт end"),
    Wrong("crf_forward", "Viterbi with transitions transposed", "cand = delta[:, None] + transitions",
          "cand = delta[:, None] + transitions.T", "viterbi_path", "transitions транспонирована"),
    Wrong("crf_forward", "torch", "import numpy as np\n", "import numpy as np\nimport torch\n", "numpy_only",
          "в решении нельзя использовать torch"),
    Wrong("crf_forward", "SciPy's logsumexp", "import numpy as np\n", "import numpy as np\nfrom scipy.special import logsumexp as lse\n",
          "numpy_only", "в решении нельзя использовать SciPy"),
]
