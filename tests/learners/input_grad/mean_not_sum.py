import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_conv_x_grad(x, y, kernel, bias):
    out_ch, in_ch, K = kernel.shape
    g = np.ones(y.shape) / y.size    # loss = среднее по выходу
    grad = np.zeros(x.shape)
    for oc in range(out_ch):
        for ic in range(in_ch):
            grad[:, ic] += np.convolve(g[:, oc], kernel[oc, ic], mode='full')
    return grad


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_conv_x_grad(x, y, kernel, bias)

write_array(result)
