"""The receptive field of a stack of 1-D convolutions: how many input positions feed one
output position.

    R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j
"""
import collections
import numbers

LayerInfo = collections.namedtuple("LayerInfo", ("kernel_size", "dilation", "stride"))
LayerInfo.__new__.__defaults__ = (1,)  # stride 1 unless given: LayerInfo(kernel_size, dilation)


def calculate_receptive_field(layers):
    """Receptive field of the stack: how many input positions one output position sees.

        R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j

    Why: a position sees 1 position of its own level; layer i widens that by its span
    minus one, (kernel_i - 1) * dilation_i steps of its own input, and one step there is
    prod_{j<i} stride_j positions of the network's input. Graded case: all strides 1.

    Parameters
    ----------
    layers : list of LayerInfo(kernel_size, dilation[, stride]), first layer first

    Returns
    -------
    R : int
    """
    return fields_and_jumps(layers)[0][-1]


def fields_and_jumps(layers):
    """field[j], jump[j]: the receptive field, and the input positions per step, after the
    first j layers (j = 0 .. len(layers)). A caller's own 2-field LayerInfo works too;
    ValueError for a layer that is not one, or a size that is not an integer >= 1."""
    field, jump = [1], [1]
    for i, layer in enumerate(layers):
        kernel_size, dilation, stride = (getattr(layer, name, 1 if name == "stride" else None)
                                         for name in ("kernel_size", "dilation", "stride"))
        for name, value in (("kernel_size", kernel_size), ("dilation", dilation),
                            ("stride", stride)):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
                raise ValueError("layer {}: expected LayerInfo(kernel_size, dilation[, stride])"
                                 " of integers >= 1, got {} {!r}".format(i, name, value))
        field.append(field[-1] + (kernel_size - 1) * dilation * jump[-1])
        jump.append(jump[-1] * stride)
    return field, jump
