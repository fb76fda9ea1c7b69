import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    out_ch, in_ch, K = kernel.shape
    out_len = len(data) - K + 1
    result = np.zeros((out_len, out_ch))
    for oc in range(out_ch):
        result[:, oc] = bias[oc]
        for ic in range(in_ch):
            result[:, oc] += np.convolve(data[:, ic], kernel[oc, ic], mode='valid')
    return result
