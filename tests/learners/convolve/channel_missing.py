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
    InLen, InChannels = data.shape
    OutChannels, _, KernelSize = kernel.shape
    OutLen = InLen - KernelSize + 1

    result = np.zeros((OutLen, OutChannels))
    for oc in range(OutChannels - 1):
        for p in range(OutLen):
            result[p, oc] = bias[oc]
            for k in range(KernelSize):
                for ic in range(InChannels):
                    result[p, oc] += data[p + k, ic] * kernel[oc, ic, k]
    return result


data = read_array()
kernel = read_array()
bias = read_array()

result = apply_convolution(data, kernel, bias)

write_array(result)
