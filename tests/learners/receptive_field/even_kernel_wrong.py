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
    rf = 1
    for l in layers:
        # ядро с центром: по k // 2 входов слева и справа, каждый шаг - dilation
        rf += (l.kernel_size // 2) * 2 * l.dilation
    return rf


kernels = read_array()
dilations = read_array()

layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]

result = calculate_receptive_field(layers)
print(result)
