"""Receptive field of a stack of 1-D convolutions (stride 1): how many input positions feed
one output position of the top layer.

stdin, one list literal a line: kernel sizes, dilations (Layers integers each, first layer
first). stdout: R, one integer. A bad line: one line on stderr that names it, exit status 1.
"""
import ast
import collections
import io
import itertools
import json
import re
import sys

LayerInfo = collections.namedtuple("LayerInfo", ("kernel_size", "dilation"))


def calculate_receptive_field(layers):
    """R = 1 + sum_i (kernel_size_i - 1) * dilation_i, exact at any size (Python ints).

    Why: one position sees itself; layer i's taps reach (kernel_size_i - 1) * dilation_i
    positions past its first one, and with stride 1 the reaches of the layers add up.

    Parameters
    ----------
    layers : list of LayerInfo(kernel_size, dilation), Layers long, first layer first

    Returns
    -------
    R : int
    """
    return 1 + sum((int(layer.kernel_size) - 1) * int(layer.dilation) for layer in layers)


# ---- the course template's reading and writing, each line checked ----
# No list of numbers holds these, nor 400 digits in a row (3.6 reads such an int slowly)
NOT_NUMBERS = re.compile(r"[^-+0-9eE.,_()\[\] \t\r]|[0-9_]{400}")
OPERATOR = re.compile(r"[0-9.)\]][ \t]*[-+]|[-+][ \t(]*[-+]")  # 1+1, --1: Python 3.6 adds them


def read_sizes(number, name, count=None):
    """The template's read_array, checked: stdin's next line, a list literal (JSON, else
    Python's syntax by ast.literal_eval: tuples, 1_000) of integers from 1 to 2**53, kept
    exact; count: how many (line 1's). A bad line stops the program, one line on stderr."""
    where, text = "line {} ({})".format(number, name), ""
    try:
        text = sys.stdin.readline().strip()  # StopIteration: the notebook's READER ran out
        if NOT_NUMBERS.search(text):
            raise ValueError(text)
        try:
            value = json.loads(text)
        except ValueError:  # Python's syntax, where Pythons 3.6 and 3.11 read it alike: no
            if OPERATOR.search(text) or max(itertools.accumulate(  # operators, no deep
                    (c in "([") - (c in ")]") for c in text)) > 32:  # nesting (3.6 stops)
                raise
            value = ast.literal_eval(text)
        sizes = list(value)
        if not sizes or any(type(n) is not int or not 1 <= n <= 2 ** 53 for n in sizes):
            raise ValueError(text)
    except MemoryError:
        fail(where, "too long to hold in memory")
    except Exception:  # any other way a line can fail, the same on every Python
        fail(where, "expected a list literal of integers from 1 to 2**53, 1 dim Layers, got "
             "{}".format(ascii(text[:30]) + "..." * (len(text) > 30) if text else "nothing"))
    if count is not None and len(sizes) != count:
        fail(where, "Layers is {} here but {} in line 1 (kernel sizes)".format(len(sizes), count))
    return sizes


def fail(where, message):
    sys.exit("receptive_field.py: {}: {}".format(where, message))  # one line on stderr, exit 1


def main():
    """Read the kernel sizes and the dilations, one line each, and print R."""
    if hasattr(sys.stdin, "buffer") and "readline" not in getattr(sys.stdin, "__dict__", ()):
        sys.stdin = io.TextIOWrapper(sys.stdin.buffer, "utf-8", "replace", "\n")  # bad byte: U+FFFD
    kernel_sizes = read_sizes(1, "kernel sizes")
    dilations = read_sizes(2, "dilations", len(kernel_sizes))
    print(calculate_receptive_field([LayerInfo(k, d) for k, d in zip(kernel_sizes, dilations)]))


if __name__ == "__main__":
    main()
