import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    in_len = data.shape[0]
    out_ch, in_ch, K = kernel.shape
    # W_out = (W_in + 2*padding - dilation*(k - 1)) / stride + 1, padding=0, dilation=1, stride=1
    out_len = (in_len + 2 * 0 - 1 * (K - 1)) // 1 + 1
    res = np.zeros((out_len, out_ch))
    for p in range(out_len):
        window = data[p:p + K]          # InChannels по столбцам
        if len(window) < K:             # окно вылезло за конец
            continue
        for oc in range(out_ch):
            res[p, oc] = np.sum(window.T * kernel[oc])
    return res + bias


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
