import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_kernel_grad(x, y, kernel, bias):
    """
    x - InLen x InChannels
    y - OutLen x OutChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns OutChannels x InChannels x KernelSize
    """
    out_ch, in_ch, K = kernel.shape
    out_len = x.shape[0] - K + 1
    grad = np.zeros(kernel.shape)
    # y[p, oc] зависит от kernel[oc, ic, k] с коэффициентом x[p + k, ic]
    for oc in range(out_ch - 1):  # последний канал забыт
        for ic in range(in_ch):
            for k in range(K):
                for p in range(out_len):
                    grad[oc, ic, k] += x[p + k, ic]
    return grad


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_kernel_grad(x, y, kernel, bias)

write_array(result)
