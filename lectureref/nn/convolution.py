r"""Convolution and pooling from scratch (numpy, im2col + one matrix multiply) beside PyTorch.

A convolution layer with ``F`` filters of shape ``(C, KH, KW)`` slides each filter over the
zero-padded input with step ``stride``; every output pixel is a dot product of a filter with one
``C×KH×KW`` patch. Output size: $H_{out} = \lfloor (H + 2p - K) / s \rfloor + 1$.

*im2col* lays every patch out as a row of a matrix, so the whole layer becomes one matrix
multiply ``W @ cols`` (BLAS does the work, no Python loop over pixels); backward is two more
multiplies and *col2im*, which adds the patch gradients back where the patches came from.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F
from numpy.lib.stride_tricks import sliding_window_view


def out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Output length along one axis: ``⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1``."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def _windows(x: np.ndarray, kh: int, kw: int, stride: int) -> np.ndarray:
    """A *view* (no copy) ``(N, C, OH, OW, KH, KW)``: window ``[n, c, i, j]`` starts at ``(i·s, j·s)``."""
    if x.ndim != 4:
        raise ValueError(f"expected images (N, C, H, W); got shape {x.shape}")
    if stride < 1:
        raise ValueError(f"stride must be ≥ 1; got {stride}")
    _check_fits(x.shape[2], x.shape[3], kh, kw)
    return sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def _check_fits(h: int, w: int, kh: int, kw: int) -> None:
    if kh > h or kw > w:
        raise ValueError(f"a {kh}×{kw} window does not fit in {h}×{w} (padding included)")


def _pad(x: np.ndarray, padding: int) -> np.ndarray:
    return np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding))) if padding else x


def _col2im(dwin: np.ndarray, shape: tuple[int, ...], stride: int) -> np.ndarray:
    """Inverse of `_windows` for gradients: add ``dwin`` (N, C, OH, OW, KH, KW) into ``shape``.

    Overlapping windows share pixels, so their gradients *add*. The loop runs over the KH·KW
    kernel offsets only; each step is one strided array addition over all pixels at once.
    """
    dx = np.zeros(shape, dtype=dwin.dtype)
    _, _, oh, ow, kh, kw = dwin.shape
    for i in range(kh):
        for j in range(kw):
            dx[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += dwin[..., i, j]
    return dx


# ---------------------------------------------------------------------------------------------
# Convolution


def _check_shapes(x: np.ndarray, w: np.ndarray) -> None:
    if x.ndim != 4 or w.ndim != 4 or x.shape[1] != w.shape[1]:
        raise ValueError(f"conv2d needs x (N, C, H, W) and w (F, C, KH, KW) with the same C; got {x.shape} and {w.shape}")


class ConvCache(NamedTuple):
    """``cols`` (C·KH·KW, N·OH·OW): the patches (dw needs them); ``w`` (dx needs it); the geometry."""

    cols: np.ndarray
    w: np.ndarray
    x_shape: tuple[int, ...]
    stride: int
    padding: int


# --8<-- [start:conv_forward]
def conv2d_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0
) -> tuple[np.ndarray, ConvCache]:
    """2-D convolution (cross-correlation, like ``F.conv2d``) by im2col and one matrix multiply.

    Parameters
    ----------
    x : np.ndarray
        Input images ``(N, C, H, W)``.
    w : np.ndarray
        Filters ``(F, C, KH, KW)``.
    b : np.ndarray
        Biases ``(F,)``.
    stride : int
        Step of the window.
    padding : int
        Zeros added on every side of the image.

    Returns
    -------
    out : np.ndarray
        ``(N, F, OH, OW)`` with ``OH = (H + 2·padding − KH) // stride + 1`` (and the same for ``OW``).
    cache : tuple
        A ``ConvCache``: what `conv2d_backward` needs.
    """
    _check_shapes(x, w)
    n_filters, _, kh, kw = w.shape
    win = _windows(_pad(x, padding), kh, kw, stride)          # (N, C, OH, OW, KH, KW), a view
    n, c, oh, ow = win.shape[:4]
    # im2col, one copy. Patches are *columns*: (C·KH·KW, N·OH·OW). In this order the copy reads
    # whole image rows (OW is innermost), which is several times faster than a row per patch.
    cols = win.transpose(1, 4, 5, 0, 2, 3).reshape(c * kh * kw, n * oh * ow)
    out = w.reshape(n_filters, -1) @ cols                     # (F, N·OH·OW): every filter · every patch
    out = out.reshape(n_filters, n, oh, ow) + b[:, None, None, None]
    return out.transpose(1, 0, 2, 3), ConvCache(cols, w, x.shape, stride, padding)
# --8<-- [end:conv_forward]


# --8<-- [start:conv_backward]
def conv2d_backward(dout: np.ndarray, cache: ConvCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients ``(dx, dw, db)`` of `conv2d_forward` for ``dout`` (N, F, OH, OW)."""
    cols, w, (n, c, h, wd), s, p = cache
    n_filters, _, kh, kw = w.shape
    oh, ow = dout.shape[2:]
    dmat = dout.transpose(1, 0, 2, 3).reshape(n_filters, -1)  # (F, N·OH·OW), columns match cols
    db = dmat.sum(axis=1)                                     # the bias is added at every pixel
    dw = (cols @ dmat.T).T.reshape(w.shape)                   # Σ over pixels of dout · patch
    dcols = w.reshape(n_filters, -1).T @ dmat                 # each patch's gradient (C·KH·KW, N·OH·OW)
    dwin = dcols.reshape(c, kh, kw, n, oh, ow)
    dx = np.zeros((c, n, h + 2 * p, wd + 2 * p), dtype=dcols.dtype)
    for i in range(kh):                                       # col2im: patches overlap, gradients add;
        for j in range(kw):                                   # one strided add per kernel offset
            dx[:, :, i : i + s * oh : s, j : j + s * ow : s] += dwin[:, i, j]
    return dx[:, :, p : p + h, p : p + wd].transpose(1, 0, 2, 3), dw, db   # drop the padding
# --8<-- [end:conv_backward]


# ---------------------------------------------------------------------------------------------
# The same convolution, faster (stride 1). The page shows the version above; this one gives the
# same numbers (tests/test_convolution.py) and is what the `Conv2d` layer runs.


class FlatConvCache(NamedTuple):
    """The padded input with its rows joined, ``(N, C, (H + 2p + 1)·(W + 2p))``; ``w``; the geometry."""

    x_flat: np.ndarray
    w: np.ndarray
    x_shape: tuple[int, ...]
    padding: int


_CHUNK_BYTES = 1 << 21  # the patches of one chunk of images (≈ 2 MB) stay in the cache between steps


def _flat_geometry(x_shape: tuple[int, ...], w_shape: tuple[int, ...], padding: int) -> tuple[int, ...]:
    """``(HP, WP, OH, OW, L)``: padded size, output size, and ``L = OH·WP``, the length of a flat window row."""
    _, _, h, wd = x_shape
    _, _, kh, kw = w_shape
    hp, wp = h + 2 * padding, wd + 2 * padding
    return hp, wp, hp - kh + 1, wp - kw + 1, (hp - kh + 1) * wp


def _chunks(n: int, bytes_per_image: int) -> range:
    return range(0, n, max(1, min(n, _CHUNK_BYTES // max(1, bytes_per_image))))


# --8<-- [start:conv_fast]
def _flat_im2col(cols: np.ndarray, x_flat: np.ndarray, wp: int) -> None:
    """Fill ``cols`` (m, C, KH, KW, L) from ``x_flat`` (m, C, ·): one contiguous copy per kernel offset."""
    _, _, kh, kw, length = cols.shape
    for a in range(kh):
        for b in range(kw):
            cols[:, :, a, b] = x_flat[:, :, a * wp + b : a * wp + b + length]


def conv2d_forward_fast(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0
) -> tuple[np.ndarray, FlatConvCache | ConvCache]:
    """`conv2d_forward`, about twice as fast for ``stride=1``; other strides run `conv2d_forward`.

    Two ideas. With the image rows joined into one flat row of width ``WP``, the window at kernel
    offset ``(a, b)`` for all output pixels is one *contiguous* slice starting at ``a·WP + b``:
    im2col and col2im become ``KH·KW`` plain copies/adds. The price: each output row also gets
    ``KW − 1`` junk pixels (windows that wrap past the row's end), computed, then dropped. And the
    images go through in chunks whose patches fit in the processor's cache, with buffers reused.
    """
    if stride != 1:
        return conv2d_forward(x, w, b, stride, padding)
    _check_shapes(x, w)
    n, c, h, wd = x.shape
    n_filters, _, kh, kw = w.shape
    hp, wp, oh, ow, length = _flat_geometry(x.shape, w.shape, padding)
    _check_fits(hp, wp, kh, kw)
    dtype = np.result_type(x, w)
    xp = np.zeros((n, c, hp + 1, wp), dtype)                  # + 1 row: the last windows run past the end
    xp[:, :, padding : padding + h, padding : padding + wd] = x
    x_flat = xp.reshape(n, c, -1)
    k = c * kh * kw
    w_mat = w.reshape(n_filters, k)
    out = np.empty((n, n_filters, oh, ow), dtype)
    chunks = _chunks(n, k * length * dtype.itemsize)
    cols = np.empty((chunks.step, c, kh, kw, length), dtype)
    wide = np.empty((chunks.step, n_filters, oh, wp), dtype)  # output rows with their junk pixels
    for i in chunks:
        m = min(chunks.step, n - i)
        _flat_im2col(cols[:m], x_flat[i : i + m], wp)
        np.matmul(w_mat, cols[:m].reshape(m, k, length), out=wide[:m].reshape(m, n_filters, length))
        np.add(wide[:m, :, :, :ow], b[:, None, None], out=out[i : i + m])
    return out, FlatConvCache(x_flat, w, x.shape, padding)
# --8<-- [end:conv_fast]


def conv2d_backward_fast(
    dout: np.ndarray, cache: FlatConvCache | ConvCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`conv2d_backward` for a cache from `conv2d_forward_fast` (same results).

    The patches are rebuilt chunk by chunk rather than kept from the forward pass: copying them
    again is cheaper than holding ``C·KH·KW`` values per output pixel in memory.
    """
    if isinstance(cache, ConvCache):
        return conv2d_backward(dout, cache)
    x_flat, w, (n, c, h, wd), p = cache
    n_filters, _, kh, kw = w.shape
    hp, wp, oh, ow, length = _flat_geometry((n, c, h, wd), w.shape, p)
    dtype = x_flat.dtype
    k = c * kh * kw
    w_mat = w.reshape(n_filters, k)
    chunks = _chunks(n, k * length * dtype.itemsize)
    cols = np.empty((chunks.step, c, kh, kw, length), dtype)
    dcols = np.empty_like(cols)
    wide = np.zeros((chunks.step, n_filters, oh, wp), dtype)  # dout with zeros at the junk pixels
    dw_parts = np.empty((chunks.step, k, n_filters), dtype)
    dw_t = np.zeros((k, n_filters), dtype)
    dx_flat = np.zeros_like(x_flat)
    for i in chunks:
        m = min(chunks.step, n - i)
        _flat_im2col(cols[:m], x_flat[i : i + m], wp)
        wide[:m, :, :, :ow] = dout[i : i + m]
        d_wide = wide[:m].reshape(m, n_filters, length)
        # dwᵀ = patches · doutᵀ: in this order BLAS runs almost twice as fast as dout · patchesᵀ
        np.matmul(cols[:m].reshape(m, k, length), d_wide.transpose(0, 2, 1), out=dw_parts[:m])
        dw_t += dw_parts[:m].sum(axis=0)
        np.matmul(w_mat.T, d_wide, out=dcols[:m].reshape(m, k, length))
        for a in range(kh):                                   # col2im: junk pixels carry zero gradient
            for b in range(kw):
                dx_flat[i : i + m, :, a * wp + b : a * wp + b + length] += dcols[:m, :, a, b]
    dx = dx_flat.reshape(n, c, hp + 1, wp)[:, :, p : p + h, p : p + wd]
    return dx, dw_t.T.reshape(w.shape), dout.sum(axis=(0, 2, 3))


def conv2d_torch(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, stride: int = 1, padding: int = 0) -> torch.Tensor:
    """The torch twin of `conv2d_forward` (same argument names and shapes)."""
    return F.conv2d(x, w, b, stride=stride, padding=padding)


# ---------------------------------------------------------------------------------------------
# Pooling: no parameters; non-overlapping windows when stride == kernel (the default).


class PoolCache(NamedTuple):
    """What pooling's backward needs: the argmax inside each window (max pool) and the geometry."""

    argmax: np.ndarray | None
    x_shape: tuple[int, ...]
    kernel: int
    stride: int


# --8<-- [start:max_pool]
def max_pool_forward(x: np.ndarray, kernel: int = 2, stride: int | None = None) -> tuple[np.ndarray, PoolCache]:
    """Max over each ``kernel×kernel`` window: (N, C, H, W) → (N, C, OH, OW)."""
    stride = stride or kernel
    win = _windows(x, kernel, kernel, stride)
    flat = win.reshape(*win.shape[:4], kernel * kernel)
    argmax = flat.argmax(axis=-1)                             # which pixel of the window won
    out = np.take_along_axis(flat, argmax[..., None], axis=-1)[..., 0]
    return out, PoolCache(argmax, x.shape, kernel, stride)


def max_pool_backward(dout: np.ndarray, cache: PoolCache) -> np.ndarray:
    """The whole gradient of a window goes to its maximum; the other pixels get zero."""
    k = cache.kernel
    onehot = cache.argmax[..., None] == np.arange(k * k)       # (N, C, OH, OW, K·K)
    dwin = (onehot * dout[..., None]).reshape(*dout.shape, k, k)
    return _col2im(dwin, cache.x_shape, cache.stride)
# --8<-- [end:max_pool]


# --8<-- [start:avg_pool]
def avg_pool_forward(x: np.ndarray, kernel: int = 2, stride: int | None = None) -> tuple[np.ndarray, PoolCache]:
    """Mean over each ``kernel×kernel`` window: (N, C, H, W) → (N, C, OH, OW)."""
    stride = stride or kernel
    return _windows(x, kernel, kernel, stride).mean(axis=(-2, -1)), PoolCache(None, x.shape, kernel, stride)


def avg_pool_backward(dout: np.ndarray, cache: PoolCache) -> np.ndarray:
    """Every pixel of a window gets ``dout / K²`` of it."""
    k = cache.kernel
    dwin = np.broadcast_to((dout / (k * k))[..., None, None], (*dout.shape, k, k))
    return _col2im(dwin, cache.x_shape, cache.stride)
# --8<-- [end:avg_pool]


def max_pool_torch(x: torch.Tensor, kernel: int = 2, stride: int | None = None) -> torch.Tensor:
    """The torch twin of `max_pool_forward`."""
    return F.max_pool2d(x, kernel, stride or kernel)


def avg_pool_torch(x: torch.Tensor, kernel: int = 2, stride: int | None = None) -> torch.Tensor:
    """The torch twin of `avg_pool_forward`."""
    return F.avg_pool2d(x, kernel, stride or kernel)
