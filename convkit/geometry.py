"""PyTorch's conv1d shape rules: the padding on each side and the output length.

    span   = dilation*(KernelSize-1) + 1     the kernel's reach over the input
    OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1
"""
import numpy as np

LARGEST_FLAG = 2 ** 40  # stride, padding and dilation beyond this mean nothing here


def check_flags(stride, padding, dilation):
    """ValueError naming the first of stride, padding, dilation that is not an integer in
    range ('valid' and 'same' are paddings too), or 'same' with a stride other than 1."""
    for name, value, least in (("stride", stride, 1), ("dilation", dilation, 1),
                               ("padding", padding, 0)):
        if name == "padding" and value in ("valid", "same"):
            continue
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < least:
            raise ValueError("{} must be an integer >= {}{}, got {!r}".format(
                name, least, ", 'valid' or 'same'" if name == "padding" else "", value))
        if value > LARGEST_FLAG:
            raise ValueError("{} must be at most 2**40, got {}".format(name, value))
    if padding == "same" and stride != 1:
        raise ValueError("padding 'same' needs stride 1, got stride {}".format(stride))


def conv_geometry(in_len, kernel_size, stride=1, padding=0, dilation=1):
    """(left_pad, right_pad, out_len) as PyTorch's conv1d gives them.

    padding: an int >= 0, 'valid' (0) or 'same' (stride 1 only; an odd extra zero goes on
    the right). ValueError for a bad flag or an input too short for any output.
    """
    check_flags(stride, padding, dilation)
    span = dilation * (kernel_size - 1) + 1
    if padding == "valid":
        left = right = 0
    elif padding == "same":
        left = (span - 1) // 2  # PyTorch: span-1 zeros in all, the odd one on the right
        right = span - 1 - left
    else:
        left = right = padding
    out_len = (in_len + left + right - span) // stride + 1
    if out_len < 1:
        raise ValueError("no output: " + out_len_formula(in_len, kernel_size, stride, left,
                                                         right, dilation))
    return left, right, out_len


def out_len_formula(in_len, kernel_size, stride, left, right, dilation):
    """PyTorch's L_out with the numbers put in; 2*padding is (left+right) for 'same'."""
    padding = "2*{}".format(left) if left == right else "({}+{})".format(left, right)
    out_len = (in_len + left + right - dilation * (kernel_size - 1) - 1) // stride + 1
    return ("OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1"
            " = ({} + {} - {}*({}-1) - 1) // {} + 1 = {}".format(
                in_len, padding, dilation, kernel_size, stride, out_len))
