import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    """
    data - InLen x InChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns OutLen x OutChannels
    """
    InLen = data.shape[0]
    KernelSize = kernel.shape[2]
    OutLen = InLen - KernelSize + 1

    # матрица индексов окон: строка p = p, p+1, ..., p+K-1
    idx = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize
    windows = data[idx].astype(float)                                   # OutLen x KernelSize x InChannels
    # kernel.T: KernelSize x InChannels x OutChannels, сворачиваем по двум осям
    return np.tensordot(windows, kernel.T, axes=2) + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
