import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    InLen = data.shape[0]
    KernelSize = kernel.shape[2]
    OutLen = InLen - KernelSize + 1

    idx = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize
    windows = data[idx].astype(float)                                   # OutLen x KernelSize x InChannels
    # как в торче: сначала каналы, потом длина
    out = np.tensordot(kernel, windows, axes=([1, 2], [2, 1]))         # OutChannels x OutLen
    return out + bias[:, None]


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
