import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_kernel_grad(x, y, kernel, bias):
    out_ch, in_ch, K = kernel.shape
    g = np.ones(y.shape)          # производная суммы по каждому y[p, oc]
    grad = np.zeros(kernel.shape)
    for oc in range(out_ch):
        for ic in range(in_ch):
            # dK[oc, ic] - корреляция x[:, ic] с g[:, oc]; np.convolve переворачивает, переворачиваем обратно
            grad[oc, ic] = np.convolve(x[:, ic], g[:, oc][::-1], mode='valid')
    return grad


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_kernel_grad(x, y, kernel, bias)

write_array(result)
