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
    out_ch, in_ch, k_size = kernel.shape
    half = k_size // 2  # окно с центром: half входов слева и справа от центра
    rows = []
    for centre in range(half, data.shape[0] - half):
        window = data[centre - half:centre - half + k_size]  # K x InChannels
        row = [bias[oc] + np.sum(window * kernel[oc].T) for oc in range(out_ch)]
        rows.append(row)
    return np.array(rows, dtype=float).reshape(len(rows), out_ch)


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
