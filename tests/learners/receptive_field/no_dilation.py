import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))

import collections

LayerInfo = collections.namedtuple('LayerInfo', ('kernel_size', 'dilation'))


def calculate_receptive_field(layers):
    rf = 1
    for layer in layers:
        rf += layer.kernel_size - 1   # каждый слой добавляет по половине окна слева и справа
    return rf


kernels = read_array()
dilations = read_array()

layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]

result = calculate_receptive_field(layers)
print(result)
