import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    out_ch, in_ch, K = kernel.shape
    out_len = len(data) - K   # столько раз окно сдвигается
    res = np.zeros((out_len, out_ch))
    for p in range(out_len):
        for oc in range(out_ch):
            res[p, oc] = bias[oc] + np.sum(data[p:p + K].T * kernel[oc])
    return res


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
