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
    InLen, InChannels = data.shape
    OutChannels, _, KernelSize = kernel.shape
    OutLen = InLen - KernelSize + 1

    # im2col: каждое окно -- одна строка длины KernelSize * InChannels
    idx = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize
    cols = data[idx].reshape(OutLen, -1).astype(float)                  # OutLen x (KernelSize*InChannels)
    weights = kernel.reshape(OutChannels, -1)                           # OutChannels x (InChannels*KernelSize)
    return cols @ weights.T + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
