"""Gradient of a 1-D convolution's output with respect to its input (PyTorch's conv1d).

stdin, one list literal a line: x (InLen x InChannels), y (OutLen x OutChannels, the forward
result: only its shape is used), kernel (OutChannels x InChannels x KernelSize), bias
(OutChannels). stdout: d(sum of all Y)/dx as repr(dX.tolist()). A bad line: one line on
stderr that names it, exit status 1.
"""
import ast
import io
import itertools
import json
import re
import sys

import numpy as np


def calculate_conv_x_grad(x, y, kernel, bias):
    """dX = d(sum of all Y)/dX for Y = conv1d(X, W) + b (stride 1, no padding), in float64.

        dX[j, ic] = sum over the taps k with 0 <= j-k < OutLen of sum_oc kernel[oc, ic, k]

    Why: X[j, ic] meets tap k in output row p = j - k, if that row exists, with weight
    W[oc, ic, k] in every Y[p, oc]; the loss adds every Y with weight 1.

    Parameters
    ----------
    x : InLen x InChannels (only its shape matters)
    y : OutLen x OutChannels, OutLen = InLen - KernelSize + 1 (only its shape matters)
    kernel : OutChannels x InChannels x KernelSize
    bias : OutChannels (not used)

    Returns
    -------
    dX : InLen x InChannels
    """
    taps = np.asarray(kernel, dtype=float).sum(axis=0)  # (InCh, K) = sum_oc W[oc, ic, k]
    out_len = len(x) - taps.shape[1] + 1
    grad = np.zeros((len(x), len(taps)))  # (InLen, InCh)
    for k in range(taps.shape[1]):  # tap k: output row p reads input row p + k
        grad[k:k + out_len] += taps[:, k]  # (OutLen, InCh) rows k.. += sum_oc W[oc, :, k]
    return grad


# ---- the course template's reading and writing, each line checked ----
# No list of numbers holds these, nor 400 digits in a row (3.6 reads such an int slowly)
NOT_NUMBERS = re.compile(r"[^-+0-9eE.,_()\[\] \t\r]|[0-9_]{400}")
OPERATOR = re.compile(r"[0-9.)\]][ \t]*[-+]|[-+][ \t(]*[-+]")  # 1+1, --1: Python 3.6 adds them


def read_array(number, name, axes, sizes):
    """The template's read_array, checked: stdin's next line, a list literal of numbers
    (JSON, fast on long lines, else Python's syntax by ast.literal_eval: tuples, 1_000),
    as a float64 array with these axes; sizes holds each axis's size and the line that
    gave it. A bad line stops the program with one line on stderr."""
    where, text = "line {} ({})".format(number, name), ""
    try:
        text = sys.stdin.readline().strip()  # StopIteration: the notebook's READER ran out
        if NOT_NUMBERS.search(text):
            raise ValueError(text)
        try:
            value = json.loads(text, parse_int=float)
        except ValueError:  # Python's syntax, where Pythons 3.6 and 3.11 read it alike: no
            if OPERATOR.search(text) or max(itertools.accumulate(  # operators, no nesting
                    (c in "([") - (c in ")]") for c in text)) > 32:  # past numpy's 32 dims
                raise
            value = ast.literal_eval(text)
        array = np.array(value, dtype=float)  # ValueError: rows of different lengths
        if array.ndim != len(axes) or not array.size or not np.isfinite(array).all():
            raise ValueError(text)
    except MemoryError:
        fail(where, "too long to hold in memory")
    except Exception:  # any other way a line can fail, the same on every Python
        fail(where, "expected a list literal of finite numbers, {} dims {}, got {}".format(
            len(axes), " x ".join(axes), ascii(text[:30]) + "..." * (len(text) > 30)
            if text else "nothing"))
    for axis, size in zip(axes, array.shape):
        first, first_where = sizes.setdefault(axis, (size, where))
        if size != first:
            fail(where, "{} is {} here but {} in {}".format(axis, size, first, first_where))
    return array


def fail(where, message):
    sys.exit("input_grad.py: {}: {}".format(where, message))  # one line on stderr, exit 1


def write_array(arr):
    print(repr(arr.tolist()))


def main():
    """Read x, y, kernel and bias, one line each, and print dX."""
    if hasattr(sys.stdin, "buffer") and "readline" not in getattr(sys.stdin, "__dict__", ()):
        sys.stdin = io.TextIOWrapper(sys.stdin.buffer, "utf-8", "replace", "\n")  # bad byte: U+FFFD
    sizes = {}
    x = read_array(1, "x", ("InLen", "InChannels"), sizes)
    y = read_array(2, "y", ("OutLen", "OutChannels"), sizes)
    if len(y) > len(x):
        fail("line 2 (y)", "OutLen is {} here, more than InLen {} in line 1 (x)".format(
            len(y), len(x)))
    sizes["KernelSize"] = (len(x) - len(y) + 1, "lines 1-2 (KernelSize = InLen - OutLen + 1)")
    kernel = read_array(3, "kernel", ("OutChannels", "InChannels", "KernelSize"), sizes)
    bias = read_array(4, "bias", ("OutChannels",), sizes)
    try:
        with np.errstate(all="ignore"):
            grad = calculate_conv_x_grad(x, y, kernel, bias)
        if not np.isfinite(grad).all():
            fail("line 3 (kernel)", "dX overflows float64: a sum of its taps passes 1.8e308")
        write_array(grad)
    except MemoryError:  # a small input can ask for a huge answer
        fail("lines 1-4", "the answer, of shape {}, does not fit in memory".format(x.shape))


if __name__ == "__main__":
    main()
