"""The convolution and its two gradients, fast at any size, with PyTorch's stride, padding
and dilation and, for the gradients, any upstream gradient G = dL/dY.

    Y[p, oc] = bias[oc] + sum_k sum_ic Xpad[p*stride + k*dilation, ic] * W[oc, ic, k]

Layout is the lesson's, length first: X is InLen x InChannels, W is OutChannels x
InChannels x KernelSize, Y and G are OutLen x OutChannels. The same formulas as plain
loops: convkit/reference.py.
"""
import numpy as np

from convkit.geometry import conv_geometry
from convkit.windows import window_chunks, window_sums


def conv_arrays(x, kernel, name="x"):
    """x and kernel as float64 arrays, InLen x InChannels and OutChannels x InChannels x
    KernelSize, every axis at least 1; ValueError if their shapes do not fit together
    (as_strided, which reads the windows, would trust them). name: what x is called."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(kernel, dtype=float)
    if x.ndim != 2 or w.ndim != 3 or x.shape[1] != w.shape[1] or 0 in x.shape + w.shape:
        raise ValueError("expected {} InLen x InChannels and kernel OutChannels x InChannels"
                         " x KernelSize, got shapes {} and {}".format(name, x.shape, w.shape))
    return x, w


def shaped(value, shape, what):
    """value as a float64 array of exactly that shape; ValueError naming what it is."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if array is None or array.shape != shape:
        raise ValueError("expected {} of shape {}, got {}".format(
            what, shape, "shape {}".format(array.shape) if array is not None else
            repr(value)[:40]))
    return array


def padded(x, left, right):
    """Xpad: (left + InLen + right, InCh), X with the padding zeros; X itself without."""
    return np.pad(x, ((left, right), (0, 0)), mode="constant") if left or right else x


def apply_convolution(data, kernel, bias, stride=1, padding=0, dilation=1):
    """Y = conv1d(X, W) + b, as PyTorch's conv1d computes it: no kernel flip, float64.

        Y[p, oc] = bias[oc] + sum_k sum_ic Xpad[p*stride + k*dilation, ic] * kernel[oc, ic, k]

    Parameters
    ----------
    data : InLen x InChannels
    kernel : OutChannels x InChannels x KernelSize
    bias : OutChannels
    stride, padding, dilation : as in torch.nn.functional.conv1d (padding: int, 'valid', 'same')

    Returns
    -------
    Y : OutLen x OutChannels,
        OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1
    """
    x, w = conv_arrays(data, kernel, "data")
    out_ch, in_ch, size = w.shape
    bias = shaped(bias, (out_ch,), "bias OutChannels")
    left, right, out_len = conv_geometry(len(x), size, stride, padding, dilation)
    xpad = padded(x, left, right)
    w_rows = w.transpose(2, 1, 0).reshape(size * in_ch, out_ch)  # row k*InCh+ic = W[:, ic, k]
    y = np.empty((out_len, out_ch))  # (OutLen, OutCh)
    # The windows of a chunk of output rows are copied side by side (im2col) and multiplied
    # by the kernel in one BLAS product, while the copy is still in the core's cache.
    for start, cols in window_chunks(xpad, size, out_len, stride, dilation, out_ch):
        chunk = y[start:start + len(cols)]  # (n, OutCh) view
        np.dot(cols, w_rows, out=chunk)  # = sum_k,ic Xpad[(start+p)*s + k*d, ic] * W[oc, ic, k]
        chunk += bias  # += b[oc], while the chunk is still in cache
    return y


def calculate_kernel_grad(x, y, kernel, bias, stride=1, padding=0, dilation=1,
                          grad_output=None):
    """dL/dkernel for Y = conv1d(X, W) + b; L = sum(Y) (graded) unless G = dL/dY is given.

        dK[oc, ic, k] = sum_p G[p, oc] * Xpad[p*stride + k*dilation, ic]      (G = 1 for sum(Y))

    Why: W[oc, ic, k] multiplies one input in each output row, Xpad[p*s + k*d, ic]; the
    chain rule adds these up over p, each weighted by G[p, oc]. For L = sum(Y), dK[oc, ic, k]
    is the sum of the inputs that tap k meets, the same for every oc.

    Parameters
    ----------
    x : InLen x InChannels
    y : OutLen x OutChannels, the forward result (its values are not used)
    kernel : OutChannels x InChannels x KernelSize
    bias : OutChannels (not used: the bias does not change dY/dW)
    stride, padding, dilation : as in torch.nn.functional.conv1d
    grad_output : OutLen x OutChannels, G = dL/dY; None means all ones

    Returns
    -------
    dK : OutChannels x InChannels x KernelSize
    """
    x, w = conv_arrays(x, kernel)
    out_ch, in_ch, size = w.shape
    left, right, out_len = conv_geometry(len(x), size, stride, padding, dilation)
    xpad = padded(x, left, right)
    if grad_output is None:  # G = 1: dK[oc, ic, k] = sum_p Xpad[p*s + k*d, ic], for every oc
        grad = np.empty((out_ch, in_ch, size))  # (OutCh, InCh, K)
        # Tap k reads rows k*d, k*d + s, ...: OutLen consecutive rows of the residue class
        # r = k*d mod s of Xpad, from its row k*d // s. Window sums give all of them at once.
        classes = {}  # residue r -> the taps k with k*d mod s = r, in one pass over k
        for k in range(size):
            classes.setdefault(k * dilation % stride, []).append(k)
        for r, taps in sorted(classes.items()):
            sums = window_sums(xpad[r::stride], out_len)  # sums[i] = sum_p Xpad[r + (i+p)*s]
            grad[:, :, taps] = sums[[k * dilation // stride for k in taps]].T  # (InCh, taps)
        return grad
    g = shaped(grad_output, (out_len, out_ch), "grad_output OutLen x OutChannels")
    grad_rows = np.zeros((size * in_ch, out_ch))  # row k*InCh+ic = dK[:, ic, k]
    part = np.empty_like(grad_rows)
    # The forward's product turned around: the windows of each chunk, transposed, times G.
    for start, cols in window_chunks(xpad, size, out_len, stride, dilation, out_ch):
        np.dot(cols.T, g[start:start + len(cols)], out=part)  # (K*InCh, OutCh) =
        grad_rows += part  # sum_p Xpad[(start+p)*s + k*d, ic] * G[start+p, oc]
    return np.ascontiguousarray(grad_rows.reshape(size, in_ch, out_ch).transpose(2, 1, 0))


def calculate_conv_x_grad(x, y, kernel, bias, stride=1, padding=0, dilation=1,
                          grad_output=None):
    """dL/dx for Y = conv1d(X, W) + b; L = sum(Y) (graded) unless G = dL/dY is given.

        dXpad[j, ic] = sum_{p, k: p*stride + k*dilation = j} sum_oc G[p, oc] * W[oc, ic, k]
        dX = dXpad with the padding rows cropped away               (G = 1 for sum(Y))

    Why: input row j appears in output row p once for each tap k that lands on it
    (p*s + k*d = j), with weight W[oc, ic, k]; the chain rule adds these up, each weighted
    by G[p, oc]. For L = sum(Y) and stride 1, dX[j, ic] is the sum of the taps over row j.

    Parameters
    ----------
    x : InLen x InChannels
    y : OutLen x OutChannels, the forward result (its values are not used)
    kernel : OutChannels x InChannels x KernelSize
    bias : OutChannels (not used)
    stride, padding, dilation : as in torch.nn.functional.conv1d
    grad_output : OutLen x OutChannels, G = dL/dY; None means all ones

    Returns
    -------
    dX : InLen x InChannels
    """
    x, w = conv_arrays(x, kernel)
    out_ch, in_ch, size = w.shape
    left, right, out_len = conv_geometry(len(x), size, stride, padding, dilation)
    span = dilation * (size - 1) + 1
    if grad_output is None and stride == 1:  # G = 1: each input row sums the taps over it
        taps = np.zeros((span, in_ch))  # (span, InCh): the dilated kernel, summed over oc
        taps[::dilation] = w.sum(axis=0).T  # taps[k*d, ic] = sum_oc W[oc, ic, k]
        # Row j of dXpad sums taps[max(0, j-OutLen+1) .. min(span-1, j)]: the first and
        # last `edge` rows see a growing / shrinking run of taps, the rows between a
        # window of OutLen taps (or, for OutLen >= span, all of them).
        edge = min(out_len, span) - 1
        grad = np.empty((len(x) + left + right, in_ch))  # (InLen+left+right, InCh)
        grad[:edge] = np.cumsum(taps[:edge], axis=0)  # row j: taps[0..j]
        tail = np.cumsum(taps[span - edge:][::-1], axis=0)[::-1]  # taps[span-edge+i:].sum
        grad[len(grad) - edge:] = tail  # row j: taps[j-OutLen+1..span-1]
        grad[edge:len(grad) - edge] = (window_sums(taps, out_len) if out_len <= span
                                       else taps.sum(axis=0))
        return grad[left:left + len(x)]  # (InLen, InCh): crop the padding
    g = None if grad_output is None else shaped(  # (OutLen, OutCh)
        grad_output, (out_len, out_ch), "grad_output OutLen x OutChannels")
    if stride == 1:
        # dX is the forward's transpose: the full correlation of G with the flipped kernel,
        #   dXpad[j, ic] = sum_k sum_oc Gpad[j + k*d, oc] * W[oc, ic, K-1-k],
        # Gpad being G with span-1 zero rows above and below. Only rows left.. are kept.
        gpad = np.zeros((len(x) + left + right + span - 1, out_ch))  # (InLen+pads+span-1, OutCh)
        gpad[span - 1:span - 1 + out_len] = g  # Gpad[j] = G[j - (span-1)]
        w_rows = w[:, :, ::-1].transpose(2, 0, 1).reshape(size * out_ch, in_ch)
        # w_rows: (K*OutCh, InCh), row k*OutCh+oc = W[oc, :, K-1-k]
        grad = np.empty((len(x), in_ch))  # (InLen, InCh)
        for start, cols in window_chunks(gpad[left:], size, len(x), 1, dilation, in_ch):
            np.dot(cols, w_rows, out=grad[start:start + len(cols)])  # (n, InCh) =
            # sum_k,oc Gpad[left+start+i + k*d, oc] * W[oc, ic, K-1-k]
        return grad
    # stride > 1: add to the rows each tap touched what it contributed there
    grad = np.zeros((len(x) + left + right, in_ch))  # (InLen+left+right, InCh)
    for k in range(size):
        rows = grad[k * dilation::stride][:out_len]  # (OutLen, InCh) view: dXpad[p*s + k*d]
        rows += w[:, :, k].sum(axis=0) if g is None else np.dot(g, w[:, :, k])
        # += sum_oc W[oc, :, k] for G = 1, else G @ W[:, :, k]
    return grad[left:left + len(x)]  # (InLen, InCh): crop the padding
