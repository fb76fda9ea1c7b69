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
    receptive_field = 1
    for l in layers:
        match l:  # Python 3.6: SyntaxError here
            case LayerInfo(kernel_size=k, dilation=d):
                receptive_field += (k - 1) * d
    return receptive_field


kernels = read_array()
dilations = read_array()

layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]

result = calculate_receptive_field(layers)
print(result)
