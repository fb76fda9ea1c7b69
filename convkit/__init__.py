"""convkit: exact, fast answers to the 1-D convolution lesson's exercises, and a checker
for a learner's own.

    from convkit import apply_convolution, calculate_kernel_grad, calculate_conv_x_grad
    from convkit import calculate_receptive_field, LayerInfo
    from convkit import check    # check(apply_convolution): your own function, judged

The graded functions, with the graded names and arguments, plus PyTorch's keyword
arguments stride, padding ('valid', 'same' or an int) and dilation, and for the gradients
grad_output (G = dL/dY; None for the gradient of sum(Y)). check(function) judges a
learner's own function as `make check` judges a file (convkit/notebook.py). The command
line: convkit/cli.py.
The names are imported when first used, so that `python -m convkit` without numpy can
say so in one line (convkit/cli.py) rather than fail on this file's imports.
"""
__all__ = ["apply_convolution", "calculate_kernel_grad", "calculate_conv_x_grad",
           "calculate_receptive_field", "LayerInfo", "check"]


def __getattr__(name):
    """The public names, imported from their modules when first asked for (PEP 562)."""
    if name in ("apply_convolution", "calculate_kernel_grad", "calculate_conv_x_grad"):
        from convkit import conv
        return getattr(conv, name)
    if name in ("calculate_receptive_field", "LayerInfo"):
        from convkit import field
        return getattr(field, name)
    if name == "check":
        from convkit import notebook
        return notebook.check
    raise AttributeError("module 'convkit' has no attribute {!r}".format(name))
