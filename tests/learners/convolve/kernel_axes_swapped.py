import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def apply_convolution(data, kernel, bias):
    in_ch, out_ch, k_size = kernel.shape   # ядро: InChannels x OutChannels x KernelSize
    out_len = len(data) - k_size + 1
    res = np.zeros((out_len, out_ch))
    for oc in range(out_ch):
        for p in range(out_len):
            for k in range(k_size):
                for ic in range(in_ch):
                    res[p, oc] += data[p + k, ic] * kernel[ic, oc, k]
            res[p, oc] += bias[oc]
    return res


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
