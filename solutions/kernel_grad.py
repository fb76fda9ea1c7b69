"""Gradient of a 1-D convolution's output with respect to its kernel (PyTorch's conv1d).

stdin, one Python list literal per line (blank lines are skipped):
  1  x       InLen x InChannels
  2  y       OutLen x OutChannels    (the forward result: only its shape is used)
  3  kernel  OutChannels x InChannels x KernelSize
  4  bias    OutChannels
  5  G       OutLen x OutChannels    (optional upstream gradient dL/dY; all ones = d sum(Y))
stdout: dL/dkernel, OutChannels x InChannels x KernelSize, on one line as repr(list).

  python3 kernel_grad.py [--stride S] [--padding P|valid|same] [--dilation D] < input
  python3 kernel_grad.py --explain [--at OC,IC,K] < input   (shows the work on stderr)
"""
import json
import os
import re
import sys
import types
import warnings

import numpy as np
from numpy.lib.stride_tricks import as_strided


def calculate_kernel_grad(x, y, kernel, bias, stride=1, padding=0, dilation=1,
                          grad_output=None):
    """dL/dkernel for Y = conv1d(X, W) + b; L = sum(Y) (graded) unless G = dL/dY is given.

        dK[oc, ic, k] = sum_p G[p, oc] * Xpad[p*stride + k*dilation, ic]      (G = 1 for sum(Y))

    Why: Y[p, oc] = b[oc] + sum_k sum_ic Xpad[p*s + k*d, ic] * W[oc, ic, k], so W[oc, ic, k]
    multiplies one input in each output row: dY[p, oc] / dW[oc, ic, k] = Xpad[p*s + k*d, ic].
    The chain rule adds these up over p, each weighted by G[p, oc]; for L = sum(Y) (G = 1),
    dK[oc, ic, k] is the sum of the inputs that tap k meets, the same for every oc.

    Parameters
    ----------
    x : InLen x InChannels
    y : OutLen x OutChannels, the forward result (its values are not used)
    kernel : OutChannels x InChannels x KernelSize
    bias : OutChannels
    stride, padding, dilation : as in torch.nn.functional.conv1d (padding: int, 'valid', 'same')
    grad_output : OutLen x OutChannels, G = dL/dY; None means all ones

    Returns
    -------
    dK : OutChannels x InChannels x KernelSize
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(kernel, dtype=float)
    out_ch, in_ch, size = w.shape
    left, right, out_len = conv_geometry(len(x), size, stride, padding, dilation)
    xpad = np.pad(x, ((left, right), (0, 0)), mode="constant") if left or right else x
    # xpad: (InLen+left+right, InCh), X with the padding zeros; X itself when there are none
    # Speed: for G = 1 no product is needed, only sums of input windows (window_sums below,
    # linear in InLen); with a G, the forward's windows (window_chunks) times G, by chunks.
    if grad_output is None:  # G = 1: dK[oc, ic, k] = sum_p Xpad[p*s + k*d, ic], for every oc
        grad = np.empty((out_ch, in_ch, size))  # (OutCh, InCh, K)
        # Tap k reads rows k*d, k*d + s, ...: OutLen consecutive rows of the residue class
        # r = k*d mod s of Xpad, from its row k*d // s. Window sums give all of them at once.
        for r in sorted({k * dilation % stride for k in range(size)}):
            taps = [k for k in range(size) if k * dilation % stride == r]
            sums = window_sums(xpad[r::stride], out_len)  # sums[i] = sum_p Xpad[r + (i+p)*s]
            grad[:, :, taps] = sums[[k * dilation // stride for k in taps]].T  # (InCh, taps)
        return grad
    g = np.asarray(grad_output, dtype=float)  # (OutLen, OutCh)
    grad_rows = np.zeros((size * in_ch, out_ch))  # row k*InCh+ic = dK[:, ic, k]
    part = np.empty_like(grad_rows)
    # The forward's product turned around: the windows of each chunk, transposed, times G.
    for start, cols in window_chunks(xpad, size, out_len, stride, dilation, out_ch):
        np.dot(cols.T, g[start:start + len(cols)], out=part)  # (K*InCh, OutCh) =
        grad_rows += part  # sum_p Xpad[(start+p)*s + k*d, ic] * G[start+p, oc]
    return np.ascontiguousarray(grad_rows.reshape(size, in_ch, out_ch).transpose(2, 1, 0))


def main(argv=None):
    args = parse_conv_args(argv, __doc__.split("\n")[0])
    x, y, kernel, bias, g, (left, right, out_len) = read_gradient_input(args)
    rows = len(x) + left + right  # of Xpad
    check_memory(([("Xpad", (rows, x.shape[1]))] if left or right else []) + (
        [("window sums (4 temporaries)", (4 * (rows // args.stride + 1), x.shape[1]))]
        if g is None else []),
        kernel.size)
    grad = calculate_kernel_grad(x, y, kernel, bias, args.stride, args.padding,
                                 args.dilation, grad_output=g)
    check_finite(grad, "dK", "lines 1-{} (x{})".format(LINES_READ, "" if g is None else ", G"))
    if args.explain or args.at is not None:
        at = args.at or (0, 0, 0)
        check_index(at, grad.shape)
        explain(x, g, grad, at, args.stride, args.padding, args.dilation)
    write_array(grad)
    warn_of_more_lines("kernel_grad reads 5 lines: x, y, kernel, bias, G")


def explain(x, g, grad, at, stride, padding, dilation):
    """The shapes, OutLen with its numbers, and dK[at] worked out term by term, on stderr."""
    oc, ic, k = at
    left, right, out_len = conv_geometry(len(x), grad.shape[2], stride, padding, dilation)
    lines = explain_shapes(x.shape, grad.shape, stride, padding, dilation) + [
        "dK[{oc},{ic},{k}] = sum over p of G[p,{oc}] * Xpad[p*{s} + {k}*{d}, {ic}]: the inputs"
        " that tap {k} meets; G = {g}".format(
            oc=oc, ic=ic, k=k, s=stride, d=dilation,
            g="all ones, the gradient of sum(Y)" if g is None else "line 5")]
    terms = []
    for p in range(out_len):
        name, value = padded_input(x, p * stride + k * dilation, ic, left)
        terms.append("+ {} = {!r}".format(name, value) if g is None else
                     "+ G[{},{}] * {} = {!r} * {!r}".format(p, oc, name, float(g[p, oc]), value))
    show_work(lines, terms, grad[oc, ic, k])


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


# ---- conv geometry and flags: the same in the three conv scripts ----
LARGEST_FLAG = 2 ** 40  # stride, padding and dilation beyond this mean nothing here


def conv_geometry(in_len, kernel_size, stride=1, padding=0, dilation=1):
    """PyTorch's conv1d shape rules -> (left_pad, right_pad, out_len).

    span = dilation*(KernelSize-1) + 1 is the kernel's reach over the input;
    OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1 (PyTorch's L_out).
    padding: an int >= 0, 'valid' (0) or 'same' (stride 1 only; odd extra zero on the right).
    """
    for name, value, least in (("stride", stride, 1), ("dilation", dilation, 1),
                               ("padding", padding, 0)):
        if name == "padding" and value in ("valid", "same"):
            continue
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < least:
            raise ValueError("{} must be an integer >= {}{}, got {!r}".format(
                name, least, ", 'valid' or 'same'" if name == "padding" else "", value))
        if value > LARGEST_FLAG:
            raise ValueError("{} must be at most 2**40, got {}".format(name, value))
    span = dilation * (kernel_size - 1) + 1
    if padding == "valid":
        left = right = 0
    elif padding == "same":
        if stride != 1:
            raise ValueError("padding 'same' needs stride 1, got stride {}".format(stride))
        left = (span - 1) // 2  # PyTorch: total span-1, the odd one on the right
        right = span - 1 - left
    else:
        left = right = padding
    out_len = (in_len + left + right - span) // stride + 1
    if out_len < 1:
        raise ValueError("no output: " + out_len_formula(in_len, kernel_size, stride, left, right,
                                                         dilation))
    return left, right, out_len


def out_len_formula(in_len, kernel_size, stride, left, right, dilation):
    """PyTorch's L_out with the numbers put in; 2*padding is left + right for 'same'."""
    return ("OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1"
            " = ({} + {} - {}*({}-1) - 1) // {} + 1 = {}".format(
                in_len, "2*{}".format(left) if left == right else "({}+{})".format(left, right),
                dilation, kernel_size, stride,
                (in_len + left + right - dilation * (kernel_size - 1) - 1) // stride + 1))


def parse_conv_args(argv, description):
    """--stride, --padding, --dilation, --explain, --at I,J; bad ones: one line, exit 2."""
    argv = command_line() if argv is None else list(argv)
    if not argv:  # the grader's case: skip argparse, whose import costs 10% of start-up
        return types.SimpleNamespace(stride=1, padding=0, dilation=1, explain=False, at=None)
    import argparse

    def padding(text):
        return text if text in ("valid", "same") else int(text)

    def index(text):
        at = tuple(int(part) for part in text.split(","))
        if min(at) < 0:
            raise ValueError(text)
        return at

    if "--at" in argv[:-1]:  # "--at -1,0" would be taken for a flag named -1,0
        i = argv.index("--at")
        argv[i:i + 2] = ["--at=" + argv[i + 1]]
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--padding", type=padding, default=0, metavar="P|valid|same")
    parser.add_argument("--dilation", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="show the work on stderr")
    parser.add_argument("--at", type=index, metavar="I,J", help="the element to work out")
    parser.error = lambda message: parser.exit(2, "{}: error: {}\n".format(parser.prog, message))
    args = parser.parse_args(argv)
    try:
        conv_geometry(1, 1, args.stride, args.padding, args.dilation)  # checks the values
    except ValueError as err:
        parser.error(str(err))
    return args


def check_memory(arrays, printed):
    """Refuse, before trying, work that cannot fit in the memory free on this machine.

    arrays: (name, shape) of the float64 arrays the work makes; printed: how many numbers
    the answer prints (each a Python float and its text on the way out, ~64 bytes).
    """
    need = []
    for name, shape in arrays:
        count = 1
        for n in shape:
            count *= n
        need.append((8 * count, "{} would be {} float64".format(
            name, " x ".join(str(n) for n in shape))))
    need.append((64 * printed, "the answer would print {} numbers".format(printed)))
    total = sum(size for size, _ in need)
    MEMORY_NEEDED[0] = ": the work needs about {}".format(in_bytes(total))
    available = memory_available()
    if available is None or total <= available:
        return
    running = 0
    for size, what in need:  # name the first that would not fit, in the order made
        running += size
        if running > available:
            whole = "" if in_bytes(size) == in_bytes(total) else " (all the work {})".format(
                in_bytes(total))
            raise ValueError("out of memory: {}, {}{}: more than the {} free".format(
                what, in_bytes(size), whole, in_bytes(available)))


def memory_available():
    """Bytes of memory free for new work (Linux's MemAvailable), or None where unknown."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def in_bytes(size):
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if size < 1024 or unit == "PiB":
            return "{:.3g} {}".format(size, unit)
        size /= 1024.0


def check_finite(result, name, lines):
    """Refuse a result with an element that overflowed float64, naming the first one."""
    bad = ~np.isfinite(result)
    if bad.any():
        index = np.unravel_index(np.argmax(bad), bad.shape)
        raise ValueError("{}: {}[{}] overflows float64 (its terms add up past 1.8e308)".format(
            lines, name, ", ".join(str(int(i)) for i in index)))


def explain_shapes(x_shape, w_shape, stride, padding, dilation):
    """--explain's first lines: the shapes, span and OutLen with the numbers put in."""
    left, right, out_len = conv_geometry(x_shape[0], w_shape[2], stride, padding, dilation)
    return [
        "X: InLen {} x InChannels {}; W: OutChannels {} x InChannels {} x KernelSize {}"
        .format(*(tuple(x_shape) + tuple(w_shape))),
        "span = dilation*(KernelSize-1) + 1 = {}*({}-1) + 1 = {}".format(
            dilation, w_shape[2], dilation * (w_shape[2] - 1) + 1),
        out_len_formula(x_shape[0], w_shape[2], stride, left, right, dilation),
        "Xpad = X with {} zero rows before and {} after{}".format(left, right, (
            " (padding 'same': span-1 zeros, the odd one after)" if padding == "same" else ""))]


def padded_input(x, row, ic, left):
    """Xpad[row, ic] named for --explain, and its value: X[row-left, ic], or a pad zero."""
    if 0 <= row - left < len(x):
        return "Xpad[{},{}]=X[{},{}]".format(row, ic, row - left, ic), float(x[row - left, ic])
    return "Xpad[{},{}]=pad".format(row, ic), 0.0


def show_work(lines, terms, total, most=40):
    """Write --explain's lines, the worked element's terms (its first and last ones when
    there are more than `most`) and its value to stderr."""
    if len(terms) > most:
        terms = terms[:most - 5] + ["... {} more terms ...".format(len(terms) - most)] + \
            terms[-5:]
    sys.stderr.write("\n".join(lines + terms + ["= {!r}".format(float(total))]) + "\n")


def check_index(at, shape):
    """--at must name one element of the answer as it is printed."""
    text = ",".join(str(i) for i in at)
    if len(at) != len(shape):
        raise FlagError("argument --at: expected {} indices for an answer of shape {}, got {}"
                        .format(len(shape), shape, text))
    if not all(i < n for i, n in zip(at, shape)):
        raise FlagError("argument --at: {} is outside the answer, whose shape is {}".format(
            text, shape))


# ---- windows in chunks: the same in the three conv scripts ----
CHUNK_BYTES = 384 * 1024  # windows per chunk: fastest in bench/chunk_rows.py on these machines


def window_chunks(xpad, size, out_len, stride=1, dilation=1, columns=1):
    """The windows of a conv's output rows, copied side by side a chunk at a time (im2col).

    xpad : Len x Channels, with Len >= (out_len-1)*stride + dilation*(size-1) + 1
    Yields (start, cols), cols : n x (size*Channels), the same buffer every time:
        cols[p, k*Channels + c] = xpad[(start+p)*stride + k*dilation, c]
    A chunk holds about CHUNK_BYTES, so it is still in the core's cache when a product
    reads it, and at least 8 rows per column of that product (`columns`), so the work
    BLAS spends packing the product's other factor is spread over enough rows.
    """
    if xpad.ndim != 2 or len(xpad) < (out_len - 1) * stride + dilation * (size - 1) + 1:
        raise ValueError("{} windows of {} rows do not fit in shape {}".format(  # as_strided
            out_len, size, xpad.shape))  # would read whatever memory the strides point at
    channels = xpad.shape[1]
    rows = max(1, min(out_len, max(8 * columns, CHUNK_BYTES // max(1, 8 * size * channels))))
    cols = np.empty((rows, size, channels))  # (rows, K, Channels)
    row_bytes, channel_bytes = xpad.strides
    for start in range(0, out_len, rows):
        n = min(rows, out_len - start)
        # A view, no copy; the step of an axis of length 1 is never taken, so it is kept
        # small: numpy would overflow on stride * row_bytes for a stride of 2**60.
        cols[:n] = as_strided(xpad[start * stride:], (n, size, channels), (
            stride * row_bytes if n > 1 else 0, dilation * row_bytes if size > 1 else 0,
            channel_bytes))
        yield start, cols[:n].reshape(n, size * channels)


# ---- gradient input and window sums: the same in the two gradient scripts ----
def read_gradient_input(args):
    """The gradient scripts' stdin: x, y, kernel, bias and the optional G, checked
    against each other and against the flags; also the geometry (left, right, OutLen)."""
    x = read_array("x", ("InLen x InChannels",))
    y = read_array("y", ("OutLen x OutChannels",))
    y_line = "line {} (y)".format(LINES_READ)
    kernel = read_array("kernel", ("OutChannels x InChannels x KernelSize",))
    kernel_line = "line {} (kernel)".format(LINES_READ)
    bias = read_array("bias", ("OutChannels",))
    g = read_array("G", ("OutLen x OutChannels",), optional=True)
    try:
        geometry = conv_geometry(len(x), kernel.shape[2], args.stride, args.padding,
                                 args.dilation)  # (left, right, OutLen)
    except ValueError as err:
        raise ValueError("{}: {}".format(kernel_line, err))
    if len(y) != geometry[2]:
        raise ValueError("{}: OutLen is {} here but x and kernel give {}".format(
            y_line, len(y), geometry[2]))
    return x, y, kernel, bias, g, geometry


def window_sums(a, width):
    """out[t] = a[t:t+width].sum(axis=0) for t = 0 .. len(a)-width, in O(len(a)) time.

    a : n x C. Only additions, never a difference of two running sums, so a window of
    small values beside huge ones keeps its digits.
    """
    n, channels = a.shape
    count = n - width + 1  # the number of windows
    out = np.empty((count, channels))
    if count - 1 <= width:  # every window holds the core a[count-1:width]
        out[:] = a[count - 1:width].sum(axis=0)  # (count, C) = the core
        out[:-1] += np.cumsum(a[:count - 1][::-1], axis=0)[::-1]  # out[t] += a[t:count-1]
        out[1:] += np.cumsum(a[width:], axis=0)  # out[t] += a[width:width+t]
        return out
    # Many short windows: cut a into blocks of `width` rows; a window is the tail of
    # one block plus the head of the next (van Herk / Gil-Werman).
    blocks = np.zeros((n // width + 1, width, channels))  # (blocks, width, C)
    blocks.reshape(-1, channels)[:n] = a
    tails = np.cumsum(blocks[:, ::-1], axis=1)[:, ::-1]  # tails[q, r] = blocks[q, r:].sum
    heads = np.zeros_like(blocks)
    np.cumsum(blocks[:, :-1], axis=1, out=heads[:, 1:])  # heads[q, r] = blocks[q, :r].sum
    out[:] = tails.reshape(-1, channels)[:count]
    out += heads.reshape(-1, channels)[width:width + count]
    return out


# ---- end of the shared blocks ----


if __name__ == "__main__":
    run_script(main)
