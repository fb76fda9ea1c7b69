import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    data = data.astype(np.float32)       # float32 в два раза меньше памяти
    kernel = kernel.astype(np.float32)
    K = kernel.shape[2]
    out_len = len(data) - K + 1
    windows = data[np.arange(K)[None, :] + np.arange(out_len)[:, None]]   # OutLen x K x InCh
    return np.tensordot(windows, kernel.transpose(2, 1, 0), axes=2) + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
