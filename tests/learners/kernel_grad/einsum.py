import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_kernel_grad(x, y, kernel, bias):
    x = x.astype(np.float64)
    K = kernel.shape[2]
    n = x.shape[0] - K + 1
    win = np.stack([x[k:k + n] for k in range(K)], axis=1)   # n x K x InCh
    g = np.ones((n, kernel.shape[0]))                        # dL/dy для L = sum(y)
    return np.einsum('po,pkc->ock', g, win)


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_kernel_grad(x, y, kernel, bias)

write_array(result)
