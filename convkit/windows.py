"""The windows of a convolution, the two ways the fast code reads them: copied side by
side a chunk of output rows at a time (im2col, for a BLAS product), and summed (for the
gradients of sum(Y), which need no product at all)."""
import numpy as np
from numpy.lib.stride_tricks import as_strided

CHUNK_BYTES = 384 * 1024  # windows per chunk: fastest in bench/chunk_rows.py on these machines


def window_chunks(xpad, size, out_len, stride=1, dilation=1, columns=1):
    """The windows of a conv's output rows, copied side by side a chunk at a time.

    xpad : Len x Channels, with Len >= (out_len-1)*stride + dilation*(size-1) + 1
    Yields (start, cols), cols : n x (size*Channels), the same buffer every time:
        cols[p, k*Channels + c] = xpad[(start+p)*stride + k*dilation, c]
    A chunk holds about CHUNK_BYTES, so it is still in the core's cache when a product
    reads it, and at least 8 rows per column of that product (`columns`), so the work
    BLAS spends packing the product's other factor is spread over enough rows.
    """
    if xpad.ndim != 2 or len(xpad) < (out_len - 1) * stride + dilation * (size - 1) + 1:
        raise ValueError("{} windows of {} rows do not fit in shape {}".format(  # as_strided
            out_len, size, xpad.shape))  # would read whatever memory the strides point at
    channels = xpad.shape[1]
    rows = max(1, min(out_len, max(8 * columns, CHUNK_BYTES // max(1, 8 * size * channels))))
    cols = np.empty((rows, size, channels))  # (rows, K, Channels)
    row_bytes, channel_bytes = xpad.strides
    for start in range(0, out_len, rows):
        n = min(rows, out_len - start)
        # A view, no copy; the step of an axis of length 1 is never taken, so it is kept
        # small: numpy would overflow on stride * row_bytes for a stride of 2**60.
        cols[:n] = as_strided(xpad[start * stride:], (n, size, channels), (
            stride * row_bytes if n > 1 else 0, dilation * row_bytes if size > 1 else 0,
            channel_bytes))
        yield start, cols[:n].reshape(n, size * channels)


def window_sums(a, width):
    """out[t] = a[t:t+width].sum(axis=0) for t = 0 .. len(a)-width, in O(len(a)) time.

    a : n x C. Only additions, never a difference of two running sums, so a window of
    small values beside huge ones keeps its digits.
    """
    n, channels = a.shape
    count = n - width + 1  # the number of windows
    out = np.empty((count, channels))
    if count - 1 <= width:  # every window holds the core a[count-1:width]
        out[:] = a[count - 1:width].sum(axis=0)  # (count, C) = the core
        out[:-1] += np.cumsum(a[:count - 1][::-1], axis=0)[::-1]  # out[t] += a[t:count-1]
        out[1:] += np.cumsum(a[width:], axis=0)  # out[t] += a[width:width+t]
        return out
    # Many short windows: cut a into blocks of `width` rows; a window is the tail of
    # one block plus the head of the next (van Herk / Gil-Werman).
    blocks = np.zeros((n // width + 1, width, channels))  # (blocks, width, C)
    blocks.reshape(-1, channels)[:n] = a
    tails = np.cumsum(blocks[:, ::-1], axis=1)[:, ::-1]  # tails[q, r] = blocks[q, r:].sum
    heads = np.zeros_like(blocks)
    np.cumsum(blocks[:, :-1], axis=1, out=heads[:, 1:])  # heads[q, r] = blocks[q, :r].sum
    out[:] = tails.reshape(-1, channels)[:count]
    out += heads.reshape(-1, channels)[width:width + count]
    return out
