import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    """
    data - InLen x InChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns OutLen x OutChannels
    """
    data = np.asarray(data, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    out_ch, in_ch, k_size = kernel.shape
    out_len = data.shape[0] - k_size + 1
    res = np.zeros((out_len, out_ch)) + bias
    for k in range(k_size):
        res += data[k:k + out_len].dot(kernel[:, :, k].T)
    return res
