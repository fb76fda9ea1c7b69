import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_conv_x_grad(x, y, kernel, bias):
    """
    x - InLen x InChannels
    y - OutLen x OutChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns InLen x InChannels
    """
    InLen, InChannels = x.shape
    OutChannels, _, KernelSize = kernel.shape
    OutLen = InLen - KernelSize + 1

    # im2col наоборот (col2im): градиент по каждой строке-окну раскладываем обратно в x
    weights = kernel.reshape(OutChannels, -1).astype(float)             # OutChannels x (InChannels*KernelSize)
    dY = np.ones((OutLen, OutChannels))                                 # d sum(Y) / dY
    dcols = dY @ weights                                                # OutLen x (KernelSize*InChannels)
    grad = np.zeros((InLen, InChannels))
    for p in range(OutLen):
        grad[p:p + KernelSize] += dcols[p].reshape(KernelSize, InChannels)
    return grad


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_conv_x_grad(x, y, kernel, bias)

write_array(result)
