"""Forward pass of a 1-D convolution, as PyTorch's conv1d computes it (no kernel flip).

stdin, one list literal a line: data (InLen x InChannels), kernel (OutChannels x InChannels
x KernelSize), bias (OutChannels). stdout: Y (OutLen x OutChannels) as repr(Y.tolist()).
A bad line: one line on stderr that names it, exit status 1.
"""
import ast
import io
import itertools
import json
import re
import sys

import numpy as np


def apply_convolution(data, kernel, bias):
    """Y = conv1d(X, W) + b: stride 1, no padding, dilation 1, no kernel flip, in float64.

        Y[p, oc] = bias[oc] + sum_{k<K} sum_ic X[p+k, ic] * kernel[oc, ic, k]

    Parameters
    ----------
    data : InLen x InChannels
    kernel : OutChannels x InChannels x KernelSize, KernelSize <= InLen
    bias : OutChannels

    Returns
    -------
    Y : OutLen x OutChannels, OutLen = InLen - KernelSize + 1
    """
    x = np.asarray(data, dtype=float)  # (InLen, InCh)
    w = np.asarray(kernel, dtype=float)  # (OutCh, InCh, K)
    out_len = len(x) - w.shape[2] + 1
    y = np.zeros((out_len, len(w))) + np.asarray(bias, dtype=float)  # (OutLen, OutCh) = b[oc]
    for k in range(w.shape[2]):  # tap k: output row p reads input row p + k
        y += x[k:k + out_len].dot(w[:, :, k].T)  # (OutLen, OutCh) += X[k:k+OutLen] @ W[:, :, k].T
    return y


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
    sys.exit("convolve.py: {}: {}".format(where, message))  # one line on stderr, exit 1


def write_array(arr):
    print(repr(arr.tolist()))


def main():
    """Read data, kernel and bias, one line each, and print Y."""
    if hasattr(sys.stdin, "buffer") and "readline" not in getattr(sys.stdin, "__dict__", ()):
        sys.stdin = io.TextIOWrapper(sys.stdin.buffer, "utf-8", "replace", "\n")  # bad byte: U+FFFD
    sizes = {}
    data = read_array(1, "data", ("InLen", "InChannels"), sizes)
    kernel = read_array(2, "kernel", ("OutChannels", "InChannels", "KernelSize"), sizes)
    if kernel.shape[2] > len(data):
        fail("line 2 (kernel)", "KernelSize is {} here, more than InLen {} in line 1 (data)"
             .format(kernel.shape[2], len(data)))
    bias = read_array(3, "bias", ("OutChannels",), sizes)
    try:
        with np.errstate(all="ignore"):
            y = apply_convolution(data, kernel, bias)
        if not np.isfinite(y).all():
            fail("lines 1-3", "Y overflows float64: a sum of its terms passes 1.8e308")
        write_array(y)
    except MemoryError:  # a small input can ask for a huge answer
        fail("lines 1-3", "Y, OutLen {} x OutChannels {}, does not fit in memory".format(
            len(data) - kernel.shape[2] + 1, len(kernel)))


if __name__ == "__main__":
    main()
