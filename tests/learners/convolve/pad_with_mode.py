import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    data = data.astype(float)
    out_ch, in_ch, K = kernel.shape
    out_len = len(data) - K + 1
    # дополняем нулями в конце, чтобы у каждой позиции было полное окно
    padded = np.pad(data, ((0, K - 1), (0, 0)), mode='constant')
    idx = np.arange(K)[None, :] + np.arange(len(data))[:, None]   # InLen x K
    windows = padded[idx]                                          # InLen x K x InCh
    return np.tensordot(windows, kernel, axes=([1, 2], [2, 1]))[:out_len] + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
