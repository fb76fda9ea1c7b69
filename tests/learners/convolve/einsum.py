import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    data = np.asarray(data, dtype=np.float64)
    K = kernel.shape[-1]
    n = len(data) - K + 1
    win = np.stack([data[i:i + n] for i in range(K)], axis=1)   # n x K x InCh
    return np.einsum('pkc,ock->po', win, kernel) + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
