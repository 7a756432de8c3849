import numpy as np


def logsumexp(a, axis):
    m = a.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(a - m).sum(axis=axis))


def crf_log_partition(emissions, transitions, start, end):
    alpha = start + emissions[0]
    for e in emissions[1:]:
        alpha = logsumexp(alpha[:, None] + transitions, axis=0) + e
    return float(logsumexp(alpha + end, axis=0))


def crf_viterbi(emissions, transitions, start, end):
    delta = start + emissions[0]
    back = []
    for e in emissions[1:]:
        cand = delta[:, None] + transitions
        back.append(cand.argmax(axis=0))
        delta = cand.max(axis=0) + e
    delta = delta + end
    path = [int(delta.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return np.array(path[::-1]), float(delta.max())
