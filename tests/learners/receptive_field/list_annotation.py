import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))

import collections

LayerInfo = collections.namedtuple('LayerInfo', ('kernel_size', 'dilation'))


def layer_growth(kernel_size: int, dilation: int) -> int:
    return (kernel_size - 1) * dilation


def calculate_receptive_field(layers: list[LayerInfo]) -> int:
    return 1 + sum(layer_growth(int(layer.kernel_size), int(layer.dilation)) for layer in layers)


kernels = read_array()
dilations = read_array()

layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]

result = calculate_receptive_field(layers)
print(result)
