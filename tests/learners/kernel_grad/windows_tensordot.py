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
    InLen = x.shape[0]
    KernelSize = kernel.shape[2]
    OutLen = InLen - KernelSize + 1

    idx = np.arange(KernelSize)[None, :] + np.arange(OutLen)[:, None]   # OutLen x KernelSize
    x_windows = x[idx].astype(float)                                    # OutLen x KernelSize x InChannels
    dy = np.ones(y.shape)                                               # d(sum y)/dy
    grad = np.tensordot(dy, x_windows, axes=([0], [0]))                 # OutChannels x KernelSize x InChannels
    return grad.transpose(0, 2, 1)


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_kernel_grad(x, y, kernel, bias)

write_array(result)
