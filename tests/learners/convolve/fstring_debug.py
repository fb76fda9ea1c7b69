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
    out_len = data.shape[0] - k_size + 1
    print(f"{out_len=}", file=sys.stderr)  # отладка; Python 3.6: SyntaxError here
    res = np.zeros((out_len, out_ch))  # float, даже если на входе целые
    for p in range(out_len):
        for oc in range(out_ch):
            res[p, oc] = bias[oc]
            for k in range(k_size):
                for ic in range(in_ch):
                    res[p, oc] += data[p + k, ic] * kernel[oc, ic, k]
    return res


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
