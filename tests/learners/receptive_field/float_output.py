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
    """
    layers - list of LayerInfo

    returns int - receptive field size
    """
    dilations = np.array([l.dilation for l in layers])
    sizes = np.array([l.kernel_size for l in layers])
    return 1 + np.sum((sizes - 1) * dilations) * 1.0  # в numpy-стиле


kernels = read_array()
dilations = read_array()

layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]

result = calculate_receptive_field(layers)
print(result)
