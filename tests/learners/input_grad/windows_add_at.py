import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_conv_x_grad(x, y, kernel, bias):
    """
    x - InLen x InChannels
    y - OutLen x OutChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns InLen x InChannels
    """
    InLen, InChannels = x.shape
    KernelSize = kernel.shape[2]
    OutLen = InLen - KernelSize + 1

    idx = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize: какой x под каким весом
    taps = kernel.sum(axis=0).T.astype(float)                           # KernelSize x InChannels, сумма по выходным каналам
    grad = np.zeros((InLen, InChannels))
    np.add.at(grad, idx, np.broadcast_to(taps, (OutLen, KernelSize, InChannels)))
    return grad


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_conv_x_grad(x, y, kernel, bias)

write_array(result)
