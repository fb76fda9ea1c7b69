import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_conv_x_grad(x, y, kernel, bias):
    in_len = x.shape[0]
    K = kernel.shape[2]
    n = in_len - K + 1
    # where[p, k, j] = 1, если y[p] смотрит на x[j] весом номер k
    where = np.eye(in_len)[np.arange(n)[:, None] + np.arange(K)]   # n x K x InLen
    g = np.ones((n, kernel.shape[0]))                              # d sum(y) / dy
    return np.einsum('pkj,po,ock->jc', where, g, kernel.astype(float))


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_conv_x_grad(x, y, kernel, bias)

write_array(result)
