"""The sample cases under samples/, and their answers from the loop reference.

A case is samples/<name>/<case>.in with its .out and an optional .args (the
command-line arguments, on one line). reference_answer() computes what the .out
should hold from the .in alone, with convkit/reference.py.
"""
import ast
import os

import numpy as np

from convkit import reference
from programs import ROOT, SOLUTIONS  # noqa: F401 (the tests import them from here)

SAMPLES = os.path.join(ROOT, "samples")


def all_cases():
    """Every samples/<script>/<name>.in path, sorted."""
    scripts = [name for name in os.listdir(SAMPLES) if os.path.isdir(os.path.join(SAMPLES, name))]
    return sorted(
        os.path.join(SAMPLES, script, name)
        for script in scripts
        for name in os.listdir(os.path.join(SAMPLES, script))
        if name.endswith(".in"))


def case_args(in_path):
    """The case's command-line arguments: the words of its .args file, if it has one."""
    args_path = in_path[:-len(".in")] + ".args"
    if not os.path.exists(args_path):
        return []
    with open(args_path) as f:
        return f.read().split()


def flag(args, name, default):
    if name not in args:
        return default
    value = args[args.index(name) + 1]
    return value if value in ("valid", "same") else int(value)


def reference_answer(in_path):
    """The answer for a case, from the loop reference (lists), or None if it has none."""
    script = os.path.basename(os.path.dirname(in_path))
    args = case_args(in_path)
    with open(in_path) as f:
        lines = [ast.literal_eval(line.strip()) for line in f if line.strip()]
    geometry = dict(stride=flag(args, "--stride", 1), padding=flag(args, "--padding", 0),
                    dilation=flag(args, "--dilation", 1))
    if script == "convolve":
        return reference_convolve(lines, geometry)
    if script in ("kernel_grad", "input_grad"):
        x, _, kernel, _ = lines[:4]
        g = lines[4] if len(lines) > 4 else None
        grad = reference.kernel_grad if script == "kernel_grad" else reference.input_grad
        return grad(x, kernel, g, **geometry).tolist()
    if script == "receptive_field":
        return reference.receptive_field(*lines)
    if script == "conv_arith":
        return reference_arith(args)
    return None


def reference_convolve(lines, geometry):
    """The lesson's forms too: a 1-D signal is one channel; a 1-D or 2-D kernel is one
    output channel, answered flat; a missing bias is zeros."""
    data, kernel = lines[0], lines[1]
    flat = np.ndim(kernel) < 3
    if np.ndim(data) == 1:
        data = [[value] for value in data]
    kernel = [[kernel]] if np.ndim(kernel) == 1 else [kernel] if flat else kernel
    bias = lines[2] if len(lines) > 2 else [0.0] * len(kernel)
    y = reference.conv1d(data, kernel, bias, **geometry)
    return y[:, 0].tolist() if flat else y.tolist()


def reference_arith(args):
    """conv_arith's questions answered by counting, not by the closed formulas."""
    words = [word for word in args if not word.startswith("--")]
    if args[0] == "params":
        in_ch, out_ch, size = (int(word) for word in words[1:4])
        weights = len([1 for _ in range(out_ch) for _ in range(in_ch) for _ in range(size)])
        return weights + (0 if "--no-bias" in args else out_ch)
    if args[0] == "out-length":
        in_len, size = int(args[1]), int(args[2])
        stride, dilation = flag(args, "--stride", 1), flag(args, "--dilation", 1)
        left, right = reference.padding_amounts(
            in_len, size, stride, flag(args, "--padding", 0), dilation)
        last = left + in_len + right - 1  # positions p whose last tap lands in the input
        return len([p for p in range(last + 1) if p * stride + (size - 1) * dilation <= last])
    if args[0] == "layers":
        width, size = int(args[1]), int(args[2])
        layers = 0
        while True:
            dilations = [2 ** i if "--dilated" in args else 1 for i in range(layers)]
            if reference.receptive_field([size] * layers, dilations) >= width:
                return layers
            layers += 1
    return None
