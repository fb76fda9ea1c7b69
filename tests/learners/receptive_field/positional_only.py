import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))

import collections

LayerInfo = collections.namedtuple('LayerInfo', ('kernel_size', 'dilation'))


# на сколько слой расширяет поле; аргументы только позиционные,
# как у встроенных функций
def layer_growth(kernel_size, dilation, /):  # Python 3.6: SyntaxError here
    return (kernel_size - 1) * dilation


def calculate_receptive_field(layers):
    return 1 + sum(layer_growth(layer.kernel_size, layer.dilation) for layer in layers)


kernels = read_array()
dilations = read_array()

layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]

result = calculate_receptive_field(layers)
print(result)
