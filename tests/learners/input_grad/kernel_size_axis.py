import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))


def calculate_conv_x_grad(x, y, kernel, bias):
    """
    x - InLen x InChannels
    y - OutLen x OutChannels
    kernel - OutChannels x InChannels x KernelSize
    bias - OutChannels

    returns InLen x InChannels
    """
    in_len = len(x)
    in_channels = len(x[0])
    out_ch = len(bias)
    kernel_size = len(kernel[0])
    output_len = in_len - kernel_size + 1

    result = np.zeros(x.shape)

    for pos in range(output_len):
        for oc in range(out_ch):
            for k in range(kernel_size):
                for ic in range(in_channels):
                    result[pos + k][ic] += kernel[oc][ic][k]

    return result


x = read_array()
y = read_array()
kernel = read_array()
bias = read_array()

result = calculate_conv_x_grad(x, y, kernel, bias)

write_array(result)
