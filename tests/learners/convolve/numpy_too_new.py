import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    data = data.astype(float)
    K = kernel.shape[2]
    # numpy>=1.20: окна без цикла
    windows = np.lib.stride_tricks.sliding_window_view(data, (K, data.shape[1]))[:, 0]   # OutLen x K x InCh
    return np.tensordot(windows, kernel, axes=([1, 2], [2, 1])) + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
