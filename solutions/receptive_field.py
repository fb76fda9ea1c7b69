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
    args = parser.parse_args(argv)
    kernels = read_sizes("kernel sizes")
    dilations = read_sizes("dilations")
    strides = read_sizes("strides", optional=True) or [1] * len(kernels)
    layers = [LayerInfo(k, d, s) for k, d, s in zip(kernels, dilations, strides)]
    result = calculate_receptive_field(layers)
    if args.explain:
        explain(layers)
    if args.draw:
        draw(layers)
    print(result)


def read_sizes(name, optional=False):
    """A line of Layers integers >= 1, as Python ints (exact, whatever their size)."""
    sizes = read_array(name, ("Layers",), optional)
    if sizes is None:
        return None
    bad = sizes[(sizes < 1) | (sizes != np.floor(sizes)) | (sizes > 2 ** 53)]
    if len(bad):
        raise ValueError("line {} ({}): expected integers >= 1, got {:.17g}".format(
            LINES_READ, name, bad[0]))
    return [int(size) for size in sizes]


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
LINES_READ = 0  # stdin lines consumed so far, blank ones included
AXES = {}  # axis name -> (size, "line N (name)" that first gave it)


def parse_array(s):
    """Parse a list literal of numbers into a float64 array; ValueError if it is not one."""
    s = s.lstrip("\ufeff")  # the byte-order mark some Windows editors put first
    value = None
    if NUMBERS_ONLY.match(s):  # nothing but numbers and lists: JSON can read it
        try:
            value = json.loads(s)  # ~25x faster than ast.literal_eval on big lines
        except RecursionError:
            raise ValueError("lists nested too deeply")
        except ValueError:
            pass  # Python-only syntax such as a trailing comma: try literal_eval
    if value is None:
        import ast  # here: only this slow path needs it, and it costs start-up time
        try:
            with warnings.catch_warnings():  # "invalid decimal literal" and the like
                warnings.simplefilter("ignore")
                value = ast.literal_eval(s.strip())  # literals only: never eval
            text = json.dumps(value)  # tuples -> lists; fails on sets, bytes, complex
        except SyntaxError as err:
            raise ValueError("not a list literal ({}): {!r}".format(err.msg, s.strip()[:40]))
        except Exception:  # ValueError, TypeError, RecursionError, MemoryError, ...
            text = "?"
        if not NUMBERS_ONLY.match(text):  # names, strings, True/None, dicts, nan, ...
            raise ValueError("expected a list literal of numbers, got {!r}".format(
                s.strip()[:40]))
    try:
        arr = np.array(value, dtype=float)
    except OverflowError:
        raise ValueError("a number is too large for float64")
    except ValueError:
        raise ValueError("ragged array: nested lists of different lengths")
    if not np.isfinite(arr).all():
        raise ValueError("numbers must be finite, got {}".format(arr[~np.isfinite(arr)][0]))
    return arr


def read_array(name="array", shapes=(), optional=False):
    """Read the next non-blank stdin line as an array.

    shapes: the allowed layouts, in axis names ("InLen x InChannels", "InLen"); an
    axis name keeps one size across all lines. Errors name the line; EOF gives None
    if optional.
    """
    global LINES_READ
    line = ""
    while not line.strip():
        try:
            line = sys.stdin.readline()
        except UnicodeDecodeError:
            raise ValueError("line {}: not valid text".format(LINES_READ + 1))
        except StopIteration:  # the lesson's notebook feeds readline from a generator
            line = ""
        if not line:
            if optional:
                return None
            raise ValueError("line {} ({}): missing, expected {}".format(
                LINES_READ + 1, name, " or ".join(shapes) or "a list"))
        LINES_READ += 1
    where = "line {} ({})".format(LINES_READ, name)
    try:
        arr = parse_array(line)
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
    return arr


def write_array(arr):
    print(repr(arr.tolist()))
# ---- end of the shared blocks ----


if __name__ == "__main__":
    try:
        main()
    except ValueError as err:
        sys.exit("{}: {}".format(sys.argv[0].split("/")[-1], err))
