"""Plain-loop references, written from the formulas (convkit/conv.py's and convkit/field.py's
docstrings) and nothing else: the tests check the fast code and the graded files against
them, and the checker names a learner's mistake by recomputing it with them.

Slow on purpose: every sum is a visible loop, so each line can be checked against the
formula beside it. Nothing here is imported from the fast code or from solutions/.
"""
import numpy as np


def padding_amounts(in_len, kernel_size, stride, padding, dilation):
    """(left, right) zeros, as PyTorch pads: 'same' puts the odd extra zero on the right."""
    if padding == "valid":
        return 0, 0
    if padding == "same":
        assert stride == 1
        total = dilation * (kernel_size - 1)
        return total // 2, total - total // 2
    return padding, padding


def padded(x, left, right):
    in_len, in_ch = len(x), len(x[0])
    xpad = np.zeros((left + in_len + right, in_ch))
    for i in range(in_len):
        for ic in range(in_ch):
            xpad[left + i, ic] = x[i][ic]
    return xpad


def out_length(in_len, kernel_size, stride=1, padding=0, dilation=1):
    """L_out = floor((L_in + 2*padding - dilation*(kernel_size - 1) - 1) / stride + 1)."""
    left, right = padding_amounts(in_len, kernel_size, stride, padding, dilation)
    return (in_len + left + right - dilation * (kernel_size - 1) - 1) // stride + 1


def conv1d(x, kernel, bias, stride=1, padding=0, dilation=1):
    """Y[p, oc] = bias[oc] + sum_k sum_ic Xpad[p*stride + k*dilation, ic] * kernel[oc, ic, k]."""
    out_ch, in_ch, size = np.shape(kernel)
    left, right = padding_amounts(len(x), size, stride, padding, dilation)
    xpad = padded(x, left, right)
    out_len = out_length(len(x), size, stride, padding, dilation)
    y = np.zeros((out_len, out_ch))
    for p in range(out_len):
        for oc in range(out_ch):
            total = bias[oc]
            for k in range(size):
                for ic in range(in_ch):
                    total += xpad[p * stride + k * dilation, ic] * kernel[oc][ic][k]
            y[p, oc] = total
    return y


def kernel_grad(x, kernel, g=None, stride=1, padding=0, dilation=1):
    """dL/dkernel[oc, ic, k] = sum_p G[p, oc] * Xpad[p*stride + k*dilation, ic]; G = 1 default."""
    out_ch, in_ch, size = np.shape(kernel)
    left, right = padding_amounts(len(x), size, stride, padding, dilation)
    xpad = padded(x, left, right)
    out_len = out_length(len(x), size, stride, padding, dilation)
    grad = np.zeros((out_ch, in_ch, size))
    for oc in range(out_ch):
        for ic in range(in_ch):
            for k in range(size):
                total = 0.0
                for p in range(out_len):
                    upstream = 1.0 if g is None else g[p][oc]
                    total += upstream * xpad[p * stride + k * dilation, ic]
                grad[oc, ic, k] = total
    return grad


def input_grad(x, kernel, g=None, stride=1, padding=0, dilation=1):
    """dL/dXpad[p*stride + k*dilation, ic] += sum_oc G[p, oc] * kernel[oc, ic, k]; crop the pad."""
    out_ch, in_ch, size = np.shape(kernel)
    left, right = padding_amounts(len(x), size, stride, padding, dilation)
    out_len = out_length(len(x), size, stride, padding, dilation)
    grad_pad = np.zeros((left + len(x) + right, in_ch))
    for p in range(out_len):
        for k in range(size):
            for ic in range(in_ch):
                for oc in range(out_ch):
                    upstream = 1.0 if g is None else g[p][oc]
                    grad_pad[p * stride + k * dilation, ic] += upstream * kernel[oc][ic][k]
    return grad_pad[left:left + len(x)]


def receptive_field(kernels, dilations, strides=None):
    """R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j, found by walking
    down from one output position, layer by layer from the top, to the first and last
    input positions it reaches (output q of a layer reads q*stride + k*dilation)."""
    strides = strides or [1] * len(kernels)
    first = last = 0
    for size, dilation, stride in reversed(list(zip(kernels, dilations, strides))):
        first, last = first * stride, last * stride + (size - 1) * dilation
    return last - first + 1


def reached_positions(kernels, dilations, strides=None):
    """The set of input positions that feed output position 0 (small stacks only)."""
    strides = strides or [1] * len(kernels)
    reached = {0}
    for size, dilation, stride in reversed(list(zip(kernels, dilations, strides))):
        reached = {q * stride + k * dilation for q in reached for k in range(size)}
    return reached


def tap_reads(in_len, kernel_size, stride=1, padding=0, dilation=1):
    """{(p, k): the Xpad row that tap k of output row p reads}: p*stride + k*dilation."""
    reads = {}
    for p in range(out_length(in_len, kernel_size, stride, padding, dilation)):
        for k in range(kernel_size):
            reads[p, k] = p * stride + k * dilation
    return reads
