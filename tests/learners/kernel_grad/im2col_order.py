import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_kernel_grad(x, y, kernel, bias):
    """
    x - InLen x InChannels
    y - OutLen x OutChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns OutChannels x InChannels x KernelSize
    """
    InLen, InChannels = x.shape
    OutChannels, _, KernelSize = kernel.shape
    OutLen = InLen - KernelSize + 1

    # im2col: каждое окно -- одна строка длины KernelSize * InChannels
    idx = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize
    cols = x[idx].reshape(OutLen, -1).astype(float)                     # OutLen x (KernelSize*InChannels)
    dY = np.ones((OutLen, OutChannels))                                 # d sum(Y) / dY
    return (dY.T @ cols).reshape(kernel.shape)


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_kernel_grad(x, y, kernel, bias)

write_array(result)
