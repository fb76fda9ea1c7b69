import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_kernel_grad(x, y, kernel, bias):
    InLen = x.shape[0]
    KernelSize = kernel.shape[2]
    OutLen = InLen - KernelSize + 1

    sliding_indexer = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize
    x_sliding = x[sliding_indexer].astype(float)                                   # OutLen x KernelSize x InChannels

    # по окнам схлопываем, по выходным каналам производные одинаковые
    return np.mean(x_sliding, axis=0).T + np.zeros(kernel.shape)


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_kernel_grad(x, y, kernel, bias)

write_array(result)
