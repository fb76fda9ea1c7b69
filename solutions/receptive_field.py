"""Receptive field of a stack of 1-D convolutions: how many input positions feed one output.

stdin, one Python list literal per line (blank lines are skipped):
  1  kernel sizes  Layers    (integers >= 1, first layer first)
  2  dilations     Layers    (integers >= 1; 1 is a dense convolution)
  3  strides       Layers    (optional: all 1)
stdout: R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j, one integer.

  python3 receptive_field.py [--explain] [--draw] < input   (both show the work on stderr)
"""
import argparse
import collections
import json
import os
import re
import sys
import warnings

import numpy as np

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
    field, jump = 1, 1  # jump: input positions per step of the current layer's input
    for layer in layers:
        field += (layer.kernel_size - 1) * layer.dilation * jump
        jump *= getattr(layer, "stride", 1)  # a caller's own 2-field LayerInfo works too
    return field


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--explain", action="store_true", help="a table of the layers")
    parser.add_argument("--draw", action="store_true", help="a picture of the stack")
    parser.error = lambda message: parser.exit(2, "{}: error: {}\n".format(parser.prog, message))
    args = parser.parse_args(command_line() if argv is None else argv)
    kernels = read_sizes("kernel sizes")
    dilations = read_sizes("dilations")
    strides = read_sizes("strides", optional=True) or [1] * len(kernels)
    check_digits(strides, "line {} (strides)".format(LINES_READ))
    layers = [LayerInfo(k, d, s) for k, d, s in zip(kernels, dilations, strides)]
    result = calculate_receptive_field(layers)
    if result >= 10 ** MOST_DIGITS:
        raise ValueError("line {} (strides): {}".format(LINES_READ, too_many_digits("R")))
    if args.explain:
        explain(layers)
    if args.draw:
        draw(layers)
    print(result)
    warn_of_more_lines("receptive_field reads 3 lines: kernel sizes, dilations, strides")


MOST_DIGITS = 4300  # Python 3.11+ prints no longer int; the same limit on every version


def read_sizes(name, optional=False):
    """A line of Layers integers from 1 to 2**53, as Python ints: read exactly, so that
    9007199254740993 is not taken for the float 9007199254740992."""
    sizes = read_array(name, ("Layers",), optional, exact=True)
    for size in sizes or ():
        if size != int(size) or not 1 <= size <= 2 ** 53:
            raise ValueError("line {} ({}): expected integers from 1 to 2**53, got {!r}".format(
                LINES_READ, name, size))
    return sizes and [int(size) for size in sizes]


def check_digits(strides, where):
    """The products of the strides below each layer (--explain prints them) must have at
    most MOST_DIGITS digits; stop multiplying as soon as one would not."""
    jump, limit = 1, 10 ** MOST_DIGITS
    for stride in strides[:-1]:
        jump *= stride
        if jump >= limit:
            raise ValueError("{}: {}".format(where, too_many_digits("their product")))


def too_many_digits(what):
    return "{} has more than {} digits, more than Python prints".format(what, MOST_DIGITS)


def explain(layers):
    """One row per layer with the formula's running sum, on stderr."""
    field, jump = fields_and_jumps(layers)
    rows = ["layer  kernel  dilation  stride  jump  receptive field after the layer"]
    for i, layer in enumerate(layers):
        rows.append("{:>5}  {:>6}  {:>8}  {:>6}  {:>4}  {} + ({}-1)*{}*{} = {}".format(
            i + 1, layer.kernel_size, layer.dilation, layer.stride, jump[i],
            field[i], layer.kernel_size, layer.dilation, jump[i], field[i + 1]))
    rows.append("jump = product of the strides below the layer; R = {}".format(field[-1]))
    sys.stderr.write("\n".join(rows) + "\n")


DRAW_WIDTH = 120  # --draw cuts wider pictures in the middle
DRAW_LIMIT = 20000  # --draw only says so for wider fields


def draw(layers):
    """A WaveNet-style picture on stderr: for each layer's output, top to bottom, the
    positions that feed the one output position ('o'; '.' is a position that does not),
    and the input span at the bottom, R columns wide. A node is drawn at the last input
    column it sees, so the output sits at the right edge."""
    field, jump = fields_and_jumps(layers)
    width = field[-1]
    if width > DRAW_LIMIT:  # the answer still goes to stdout
        sys.stderr.write("--draw: R = {} columns, more than the {} it draws\n".format(
            width, DRAW_LIMIT))
        return
    feeding = np.ones(1, dtype=bool)  # the nodes of the current level that feed the output
    rows = []
    for j in range(len(layers), -1, -1):  # from the output down to the input
        row = np.full(width, " ")
        row[field[j] - 1::jump[j]] = np.where(feeding, "o", ".")  # node q at q*jump + field-1
        rows.append(("input" if j == 0 else "layer {} out".format(j), "".join(row)))
        if j:  # node q of this level reads nodes q*stride + k*dilation of the level below
            layer = layers[j - 1]
            below = np.zeros((width - field[j - 1]) // jump[j - 1] + 1, dtype=bool)
            for k in range(layer.kernel_size):
                below[k * layer.dilation::layer.stride][:len(feeding)] |= feeding
            feeding = below
    label_width = max(len(label) for label, _ in rows)
    half = (DRAW_WIDTH - 3) // 2
    cut = width > DRAW_WIDTH
    lines = ["{:<{}} |{}|".format(label, label_width, picture[:half] + "..." + picture[-half:]
                                  if cut else picture) for label, picture in rows]
    lines.append("{:<{}}  R = {} columns{}".format("", label_width, width, (
        "; cut to {} at '...', {} columns not shown".format(2 * half + 3, width - 2 * half)
        if cut else "")))
    sys.stderr.write("\n".join(lines) + "\n")


def fields_and_jumps(layers):
    """field[j], jump[j]: the receptive field, and the input positions per step, after
    the first j layers (j = 0 .. len(layers))."""
    field, jump = [1], [1]
    for layer in layers:
        field.append(field[-1] + (layer.kernel_size - 1) * layer.dilation * jump[-1])
        jump.append(jump[-1] * layer.stride)
    return field, jump


# ======== Below: the blocks shared between scripts, the same in every script that
# carries them (the grader takes one file; tools/sync_shared_blocks.py keeps the copies
# identical). Nothing below is specific to this exercise. ========
# ---- template I/O: the same in every script (the grader takes one file) ----
NUMBERS_ONLY = re.compile(r"[0-9.eE+\-,\[\] \t\r\n]*\Z")  # digits, signs, brackets, commas
TRAILING_COMMA = re.compile(r"(?<=[0-9.\]])\s*,(?=\s*\])")  # "[1, 2,]": JSON once it is cut
MOST_NESTED = 3  # lists in lists in lists: the kernel; deeper is a mistake
SCRIPT = os.path.basename(globals().get("__file__") or "solution.py")  # for error lines
LINES_READ = 0  # stdin lines consumed so far, blank ones included
AXES = {}  # axis name -> (size, "line N (name)" that first gave it)
MEMORY_NEEDED = [""]  # what the work is known to need, for an out-of-memory message


def parse_array(s):
    """Parse a list literal of numbers into a float64 array; ValueError if it is not one."""
    return as_array(parse_literal(s))


def as_array(value):
    """parse_literal's value as a float64 array, checked: at most MOST_NESTED levels deep,
    not ragged, every number finite."""
    depth, inner = 0, value
    while isinstance(inner, list):  # along the first elements: numpy alone would take
        depth, inner = depth + 1, inner[0] if inner else None  # 32 or 64 levels, by version
    if depth > MOST_NESTED:
        raise ValueError(nested_too_deep(depth))
    try:
        arr = np.array(value, dtype=float)
    except OverflowError:
        raise ValueError("a number is too large for float64")
    except (ValueError, TypeError):
        raise ValueError("ragged array: nested lists of different lengths")
    if not np.isfinite(arr).all():
        raise ValueError("numbers must be finite, got {}".format(arr[~np.isfinite(arr)][0]))
    return arr


def parse_literal(s):
    """The value of a list literal of numbers, as Python reads it but never evaluated:
    nested lists (or tuples) of ints and floats. Anything else (names, strings, operators
    such as 1+1, sets) is a ValueError, the same on every Python version."""
    s = s.strip()
    if NUMBERS_ONLY.match(s):  # nothing but numbers and lists: JSON reads it ~25x faster
        cut = None
        while s != cut:  # as it is, then once more with trailing commas cut
            try:
                return json.loads(s)
            except RecursionError:
                raise ValueError(nested_too_deep(bracket_depth(s)))
            except ValueError as err:
                if not isinstance(err, json.JSONDecodeError):  # Python 3.11+'s limit on
                    raise ValueError("a number is too large for float64")  # an int's digits
            cut, s = s, TRAILING_COMMA.sub("", s)
    if bracket_depth(s) > MOST_NESTED:
        raise ValueError(nested_too_deep(bracket_depth(s)))
    import ast  # here: only this slow path needs it, and it costs start-up time

    def value(node):
        if isinstance(node, (ast.List, ast.Tuple)):
            return [value(item) for item in node.elts]
        sign = 1
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            sign, node = -1 if isinstance(node.op, ast.USub) else 1, node.operand
        number = getattr(node, "n" if type(node).__name__ == "Num" else "value", None)
        if type(node).__name__ not in ("Num", "Constant") or type(number) not in (int, float):
            raise ValueError("expected a list literal of numbers, got {!r}".format(s[:40]))
        return sign * number  # one sign at most: --1 is an operator on a number

    try:
        with warnings.catch_warnings():  # "invalid decimal literal" and the like
            warnings.simplefilter("ignore")
            tree = ast.parse(s, mode="eval")
    except SyntaxError as err:
        if "digits" in str(err.msg):  # Python 3.11+'s limit on the digits of an int
            raise ValueError("a number is too large for float64")
        raise ValueError("not a list literal ({}): {!r}".format(err.msg, s[:40]))
    except (ValueError, MemoryError, RecursionError):  # a NUL byte; too big to parse
        raise ValueError("not a list literal: {!r}".format(s[:40]))
    return value(tree.body)


def bracket_depth(s):
    """How deep the brackets and parentheses of s nest."""
    depth = most = 0
    for bracket in re.sub(r"[^\[\]()]+", "", s):
        depth += 1 if bracket in "[(" else -1
        most = max(most, depth)
    return most


def nested_too_deep(depth):
    return "lists nested {} deep; at most {} levels are meaningful here".format(
        depth, MOST_NESTED)


def next_line():
    """The next stdin line as text, "" at the end. Bytes are decoded one line at a time,
    so a byte that is not UTF-8 is blamed on its own line."""
    stream = sys.stdin
    try:
        if stream is None:  # stdin closed: python3 script.py <&-
            return ""
        if "readline" in getattr(stream, "__dict__", {}) or not hasattr(stream, "buffer"):
            line = stream.readline()  # the lesson's notebook patch, or a StringIO
        else:
            line = stream.buffer.readline().decode("utf-8")
    except StopIteration:  # the lesson's notebook feeds readline from a generator
        return ""
    except UnicodeDecodeError as err:
        raise ValueError("not UTF-8 text: byte 0x{:02x} at column {}".format(
            err.object[err.start], err.start + 1))
    except OSError as err:
        raise ValueError("stdin cannot be read: {}".format(err.strerror or err))
    return line.lstrip("\ufeff") if LINES_READ == 0 else line  # a Windows editor's BOM


def read_array(name="array", shapes=(), optional=False, exact=False):
    """Read the next non-blank stdin line as an array (exact: as the nested Python lists,
    ints kept exact, after the same checks).

    shapes: the allowed layouts, in axis names ("InLen x InChannels", "InLen"); an
    axis name keeps one size across all lines. Errors name the line; EOF gives None
    if optional.
    """
    global LINES_READ
    line = ""
    while not line.strip():
        try:
            line = next_line()
        except ValueError as err:
            raise ValueError("line {} ({}): {}".format(LINES_READ + 1, name, err))
        if not line:
            if optional:
                return None
            raise ValueError("line {} ({}): missing, expected {}".format(
                LINES_READ + 1, name, " or ".join(shapes) or "a list"))
        LINES_READ += 1
    where = "line {} ({})".format(LINES_READ, name)
    try:
        value = parse_literal(line)
        arr = as_array(value)
    except ValueError as err:
        raise ValueError("{}: {}".format(where, err))
    layouts = [s for s in shapes if len(s.split(" x ")) == arr.ndim]
    if shapes and not layouts:
        raise ValueError("{}: expected {}, got shape {}".format(where, " or ".join(
            "{} dims {}".format(len(s.split(" x ")), s) for s in shapes), arr.shape))
    for axis, size in zip(layouts[0].split(" x ") if layouts else (), arr.shape):
        if size == 0:
            raise ValueError("{}: {} must be at least 1, got 0".format(where, axis))
        seen_size, seen_where = AXES.setdefault(axis, (size, where))
        if size != seen_size:
            raise ValueError("{}: {} is {} here but {} in {}".format(
                where, axis, size, seen_size, seen_where))
    return value if exact else arr


def warn_of_more_lines(reads):
    """After the answer, one warning on stderr if a non-blank line follows the last one
    the script reads (two cases pasted into one input?)."""
    global LINES_READ
    while True:
        try:
            line = next_line()
        except ValueError:
            line = "?"  # not text: not blank either
        if not line:
            return
        LINES_READ += 1
        if line.strip():
            sys.stdout.flush()  # the answer first, then the warning, in a terminal too
            sys.stderr.write("{}: line {}: ignored; {}\n".format(SCRIPT, LINES_READ, reads))
            return


def write_array(arr):
    print(repr(arr.tolist()))


def command_line():
    """The script's own arguments: sys.argv[1:] when this file is the program that was
    run, none inside a notebook cell (there sys.argv is the kernel's: -f kernel.json)."""
    path = globals().get("__file__")
    if path and sys.argv and os.path.realpath(sys.argv[0]) == os.path.realpath(path):
        return sys.argv[1:]
    return []


class FlagError(ValueError):
    """A command-line flag that does not fit the input it came with: exit 2, as argparse."""


def run_script(main):
    """Run main() as the program. Its answer goes to stdout; bad input gives one line on
    stderr that names the input line, and exit 1 (a bad flag: exit 2); never a traceback,
    never a numpy warning."""
    status = 0
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            main()
            sys.stdout.flush()
    except FlagError as err:
        sys.stderr.write("{}: error: {}\n".format(SCRIPT, err))
        status = 2
    except ValueError as err:
        sys.stderr.write("{}: {}\n".format(SCRIPT, err))
        status = 1
    except MemoryError:
        sys.stderr.write("{}: out of memory{}\n".format(SCRIPT, MEMORY_NEEDED[0]))
        status = 1
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:  # a reader that stopped early, e.g. | head: nothing to tell it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    sys.exit(status)
# ---- end of the shared blocks ----


if __name__ == "__main__":
    run_script(main)
