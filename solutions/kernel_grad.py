"""Gradient of a 1-D convolution's output with respect to its kernel (PyTorch's conv1d).

stdin, one Python list literal per line (blank lines are skipped):
  1  x       InLen x InChannels
  2  y       OutLen x OutChannels    (the forward result: only its shape is used)
  3  kernel  OutChannels x InChannels x KernelSize
  4  bias    OutChannels
  5  G       OutLen x OutChannels    (optional upstream gradient dL/dY; all ones = d sum(Y);
                                      read only as the last line)
stdout: dL/dkernel, OutChannels x InChannels x KernelSize, on one line as repr(list).

  python3 kernel_grad.py [--stride S] [--padding P|valid|same] [--dilation D] < input
  python3 kernel_grad.py --explain [--at OC,IC,K] < input   (shows the work on stderr)
  python3 kernel_grad.py --draw [--svg FILE] < input   (the taps over Xpad: stderr, an SVG)

The same formula as plain loops, nothing vectorised: tests/reference.py in convkit.
"""
import json
import os
import re
import sys
import types
import warnings

try:
    import numpy as np
    from numpy.lib.stride_tricks import as_strided
except ImportError:  # one line, not a traceback
    sys.exit("{}: needs numpy: python3 -m pip install numpy".format(sys.argv[0]))


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
        classes = {}  # residue r -> the taps k with k*d mod s = r, in one pass over k
        for k in range(size):
            classes.setdefault(k * dilation % stride, []).append(k)
        for r, taps in sorted(classes.items()):
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
    args = parse_conv_args(argv, __doc__, "OC,IC,K")
    x, y, kernel, bias, g, (left, right, out_len) = read_gradient_input(args)
    rows = len(x) + left + right  # of Xpad
    check_memory(([("Xpad", (rows, x.shape[1]))] if left or right else []) + (
        [("window sums (4 temporaries)", (4 * (rows // args.stride + 1), x.shape[1]))]
        if g is None else []),
        kernel.size)
    grad = calculate_kernel_grad(x, y, kernel, bias, args.stride, args.padding,
                                 args.dilation, grad_output=g)
    check_finite(grad, "dK", "lines 1-{} (x{})".format(LINES_READ, "" if g is None else ", G"))
    at = args.at or (0, 0, 0) if args.explain or args.at is not None else None
    if at is not None:
        check_index(at, grad.shape)
    drawing = draw_conv(args, len(x), kernel.shape[2], "kernel_grad")  # --svg; --draw's text
    if at is not None:
        explain(x, g, grad, at, args.stride, args.padding, args.dilation)
    to_stderr(drawing)
    write_array(grad)
    warn_of_more_lines("kernel_grad reads 4 lines: x, y, kernel, bias (and G, when it is the last"
                       " line)")


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
DIGITS = r"[0-9](?:_?[0-9])*"  # Python's: 1_000 is 1000
LITERAL_TOKEN = re.compile(  # one token of a list literal of numbers, after any spaces
    r"[ \t\f\r\n]*(?:(?P<number>[-+]?[ \t]*(?:(?:(?:{d})?\.{d}|{d}\.)(?:[eE][-+]?{d})?|{d}"
    r"[eE][-+]?{d}|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?"
    r"[0-9])*|0+(?:_?0)*))|(?P<open>[\[(])|(?P<close>[\])])|(?P<comma>,)|(?P<end>\Z)|"
    r"(?P<other>.))".format(d=DIGITS), re.S)
MOST_NESTED = 3  # lists in lists in lists: the kernel; deeper is a mistake
SCRIPT = os.path.basename(globals().get("__file__") or "solution.py")  # for error lines
LINES_READ = 0  # stdin lines consumed so far, blank ones included
AXES = {}  # axis name -> (size, "line N (name)" that first gave it)
MEMORY_NEEDED = [""]  # what the work is known to need, for an out-of-memory message
NOTEBOOK_BLANKS = [0]  # blank lines in a row from the notebook's readline: 1000 end it
IGNORED = []  # the line an optional last line turned out not to be: a second case's


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
            except RecursionError:  # nested deeper than JSON's recursion: read it below
                break
            except ValueError as err:
                if not isinstance(err, json.JSONDecodeError):  # Python 3.11+'s limit on
                    raise ValueError("a number is too large for float64")  # an int's digits
            cut, s = s, TRAILING_COMMA.sub("", s)
    if s.endswith(","):
        raise ValueError("a comma after the last bracket makes the line a tuple: remove it")
    return read_literal(s)


def read_literal(s):
    """Python's syntax for numbers in lists and tuples, read by this function rather than
    by ast: the same values, and the same messages on every Python version, at any depth.
    A number takes one sign at most (--1 is an operator); (1) is 1, (1,) a tuple."""
    frames = []  # the lists and tuples open: [opener, its items, its column, a comma seen]
    value, position = None, 0  # value: the last value read, None while one is due
    while True:
        token = LITERAL_TOKEN.match(s, position)
        if token is None or token.lastgroup == "other":
            raise ValueError("expected a list literal of numbers, got {}".format(
                at_column(s, len(s) - len(s[position:].lstrip()) + 1)))
        kind, text, start, position = token.lastgroup, token.group(token.lastgroup), \
            token.start(token.lastgroup), token.end()
        if kind == "end":
            if frames:
                raise ValueError("not a list literal (never closed): {}".format(
                    at_column(s, frames[-1][2])))
            return value
        if value is None and kind in ("number", "open"):
            if kind == "open":
                frames.append([text, [], start + 1, False])
                continue
            after = s[position:position + 1]
            if after and (after.isalnum() or after in "_."):
                raise ValueError("not a list literal (not a number): {}".format(
                    at_column(s, start + 1)))
            value = number_value(text)
        elif kind == "close" and frames and (value is not None or not frames[-1][1]
                                             or frames[-1][3]):
            opener, items, column, comma = frames.pop()
            if opener + text not in ("[]", "()"):
                raise ValueError("not a list literal ({!r} closes the {!r} at column {}): {}"
                                 .format(text, opener, column, at_column(s, start + 1)))
            items += [] if value is None else [value]
            value = items[0] if opener == "(" and len(items) == 1 and not comma else items
        elif kind == "comma" and value is not None and frames:
            frames[-1][1].append(value)
            frames[-1][3], value = True, None
        elif value is not None and kind == "number" and text[0] in "+-":
            raise ValueError("expected a list literal of numbers, got {}".format(
                at_column(s, start + 1)))  # 1+1: an operator
        else:
            raise ValueError("not a list literal ({}): {}".format(
                "nothing to close" if kind == "close" and not frames else
                "a comma outside brackets" if kind == "comma" and not frames else
                "a comma is missing" if value is not None else "a number is missing",
                at_column(s, start + 1)))


def number_value(text):
    """A number token (a sign, digits, a point, an exponent, _ between digits, 0x/0o/0b)
    as the int or float Python reads from it."""
    sign, text = (-1 if text[0] == "-" else 1), text.lstrip("+-").strip()
    if text[:2].lower() in ("0x", "0o", "0b"):
        return sign * int(text, 0)
    if "." in text or "e" in text or "E" in text:
        return sign * float(text)
    if len(text) > 4300:  # Python 3.11+ refuses to read longer ints; never a float64 here
        raise ValueError("a number is too large for float64")
    return sign * int(text)


def at_column(s, column):
    """What stands at a column (from 1) of the stripped line, quoted, with its place."""
    start = max(0, min(column, len(s)) - 1)
    return "{!r} at column {}".format(s[start:start + 24] + ("..." if len(s) > start + 24
                                                            else ""), start + 1)


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
        if "readline" in getattr(stream, "__dict__", {}):  # the lesson's notebook: its
            line = stream.readline()  # readline gives lines without "\n", ends by raising
            NOTEBOOK_BLANKS[0] = NOTEBOOK_BLANKS[0] + 1 if not line.strip() else 0
            return line + "\n" if NOTEBOOK_BLANKS[0] < 1000 else ""  # "" is a blank line
        if not hasattr(stream, "buffer"):
            line = stream.readline()  # a StringIO
        else:
            line = stream.buffer.readline().decode("utf-8")
    except StopIteration:  # the end of the lesson's notebook's SAMPLES
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
    found = read_line(name)
    if found is None:
        if optional:
            return None
        raise ValueError("line {} ({}): missing, expected {}".format(
            LINES_READ + 1, name, " or ".join(shapes) or "a list"))
    return parse_line(found, name, shapes, exact)


def read_last_line(name, shapes, exact=False):
    """An optional line after the graded ones (G, strides), read only when it is the last
    non-blank line: with a line after it, it starts a second case pasted below the first,
    and it is left, with what follows, to warn_of_more_lines."""
    found = read_line(name) if stdin_ready() else None
    if found is None:
        return None
    try:
        after = read_line(name) if stdin_ready() else None
    except ValueError:  # not text: not blank either
        after = True
    if after is None:
        return parse_line(found, name, shapes, exact)
    IGNORED.append(found[0])
    return None


def read_line(name):
    """(number, text) of the next non-blank stdin line, or None at the end."""
    global LINES_READ
    while True:
        try:
            line = next_line()
        except ValueError as err:
            raise ValueError("line {} ({}): {}".format(LINES_READ + 1, name, err))
        except MemoryError:
            raise ValueError("line {} ({}): too long to hold in memory".format(
                LINES_READ + 1, name))
        if not line:
            return None
        LINES_READ += 1
        if line.strip():
            return LINES_READ, line


def parse_line(found, name, shapes, exact=False):
    """The array on a line read, checked against its allowed layouts and the axis sizes
    of the lines before it."""
    where = "line {} ({})".format(found[0], name)
    try:
        value = parse_literal(found[1])
        arr = as_array(value)
    except ValueError as err:
        raise ValueError("{}: {}".format(where, err))
    layouts = [s for s in shapes if len(s.split(" x ")) == arr.ndim]
    if shapes and not layouts:
        raise ValueError("{}: expected {}, got shape {}".format(where, " or ".join(
            "{} dim{} {}".format(len(s.split(" x ")), "s" if " x " in s else "", s)
            for s in shapes), arr.shape))
    for axis, size in zip(layouts[0].split(" x ") if layouts else (), arr.shape):
        if size == 0:
            raise ValueError("{}: {} must be at least 1, got 0".format(where, axis))
        seen_size, seen_where = AXES.setdefault(axis, (size, where))
        if size != seen_size:
            raise ValueError("{}: {} is {} here but {} in {}".format(
                where, axis, size, seen_size, seen_where))
    return value if exact else arr


def warn_of_more_lines(reads):
    """After the answer, one warning on stderr if a non-blank line follows the graded ones
    (two cases pasted into one input?): the answer is the first case's. Only what stdin
    holds now is read: a grader that keeps it open must not find the script waiting."""
    if sys.stdout is not None:
        sys.stdout.flush()  # the answer first, then the warning, in a terminal too
    try:
        line = IGNORED[0] if IGNORED else (read_line("more") if stdin_ready() else None)
    except ValueError:  # not text: not blank either
        line = (LINES_READ + 1,)
    if line is not None:
        to_stderr("{}: line {}: ignored, with what follows; {}\n".format(
            SCRIPT, line if IGNORED else line[0], reads))


def stdin_ready():
    """False when reading stdin now would wait for more (a pipe kept open, a terminal)."""
    stream = sys.stdin
    if stream is None or "readline" in getattr(stream, "__dict__", {}) or not hasattr(
            stream, "buffer"):
        return True  # nothing to wait for: closed, the notebook's SAMPLES, a StringIO
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # in memory (a BytesIO): it cannot wait
        return True
    try:
        import select
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):  # Windows' select takes sockets only: read, as ever
        return True


def to_stderr(text):
    """Write to stderr; if it is closed or full, there is no one else to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


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
            if sys.stdout is None:
                raise OSError("stdout is closed")
            sys.stdout.flush()
    except FlagError as err:
        to_stderr("{}: error: {}\n".format(SCRIPT, err))
        status = 2
    except ValueError as err:
        to_stderr("{}: {}\n".format(SCRIPT, err))
        status = 1
    except MemoryError:
        to_stderr("{}: out of memory{}\n".format(SCRIPT, MEMORY_NEEDED[0]))
        status = 1
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:  # a reader that stopped early, e.g. | head: nothing to tell it
        stdout_to_devnull()
        status = 1
    except OSError as err:  # stdout closed, or a full disk
        to_stderr("{}: cannot write the answer: {}\n".format(SCRIPT, err.strerror or err))
        stdout_to_devnull()
        status = 1
    if status:  # not on success: a notebook cell would show SystemExit(0) as an error
        sys.exit(status)


def stdout_to_devnull():
    """What could not be written to stdout is not tried again when Python exits."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or not a file (a StringIO)
        pass


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


def parse_conv_args(argv, doc, at="I,J"):
    """--stride, --padding, --dilation, --explain, --at, --draw, --svg: bad ones give one
    line and exit 2. doc: the script's docstring, for --help; at: --at's indices."""
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
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0], epilog="\n\n".join(
        doc.split("\n\n")[1:]), formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False)
    parser.add_argument("--stride", type=int, default=1, metavar="S",
                        help="the step between output positions (default 1)")
    parser.add_argument("--padding", type=padding, default=0, metavar="P|valid|same",
                        help="zeros on each side; 'same' keeps the length, the odd one after"
                        " (default 0)")
    parser.add_argument("--dilation", type=int, default=1, metavar="D",
                        help="the step between taps; 1 is dense (default 1)")
    parser.add_argument("--explain", action="store_true",
                        help="the shapes, OutLen and one element worked out, on stderr")
    parser.add_argument("--at", type=index, metavar=at,
                        help="the element --explain works out, as the answer is printed")
    parser.add_argument("--draw", action="store_true",
                        help="a picture of the taps over the padded input, on stderr")
    parser.add_argument("--svg", type=svg_path, metavar="FILE",
                        help="the same picture as an SVG image, written to FILE")
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
        raise ValueError("{}: {}[{}] overflows float64 (a sum of its terms passes 1.8e308)".format(
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
            " (padding 'same': span-1 zeros, the odd one after)" if padding == "same" else ""))
        if left or right else "Xpad = X (no padding)"]


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
    to_stderr("\n".join(lines + terms + ["= {!r}".format(float(total))]) + "\n")


def check_index(at, shape):
    """--at must name one element of the answer as it is printed."""
    text = ",".join(str(i) for i in at)
    if len(at) != len(shape):
        raise FlagError("argument --at: expected {} ind{} for an answer of shape {}, got {}"
                        .format(len(shape), "ices" if len(shape) > 1 else "ex", shape, text))
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
    g = read_last_line("G", ("OutLen x OutChannels",))
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


# ---- conv pictures: the same in the three conv scripts (--draw, --svg) ----
DRAW_ROWS = 12  # longer outputs: --draw and --svg show their first and last EDGE_ROWS rows
EDGE_ROWS = 4
DRAW_TAPS = 16  # bigger kernels: the first and last 8 taps of each drawn row place columns
DRAW_GAP = 3  # more Xpad rows than this between two drawn ones: one '...' column instead
READING = {  # how each script's answer reads off the picture; {s}, {d}: stride, dilation
    "convolve": ("line Y[p]: tap k reads the row marked kK, Xpad[p*{s} + k*{d}]; Y[p] = b + sum"
                 " over k of Xpad[p*{s} + k*{d}] * W[:, :, k]", "Y does not depend on them"),
    "kernel_grad": ("tap k's inputs are the rows marked kK, one in each line Y[p]: dK[:, :, k]"
                    " = sum over p of G[p] * Xpad[p*{s} + k*{d}] (G = 1 without line 5)",
                    "no term of dK holds them"),
    "input_grad": ("X row j's column holds the taps that add into dX[j]: dX[j] = sum over its"
                   " marks kK, in lines Y[p], of G[p] * W[:, :, k] (G = 1 without line 5)",
                   "dX is 0 there"),
}


def draw_conv(args, in_len, size, script):
    """--svg FILE and --draw: writes the SVG now, so that a file that cannot be written
    stops the script before anything is shown, and returns the text picture for stderr
    ('' without --draw). The grader's bare command line gets no picture flags: getattr."""
    draw, svg = getattr(args, "draw", False), getattr(args, "svg", None)
    if not draw and svg is None:
        return ""
    picture = conv_picture(in_len, size, args.stride, args.padding, args.dilation)
    grid = conv_grid(picture)
    if svg is not None:
        write_svg(svg, conv_svg(picture, grid, script))
    return conv_text(picture, grid, script) if draw else ""


def conv_picture(in_len, size, stride, padding, dilation):
    """What --draw and --svg show, in bounded work however long the input and however
    large the padding, stride or dilation: the output rows drawn (None stands for the
    rows left out), the Xpad rows drawn as columns (None: one '...' column for the rows
    between two drawn ones), and the X rows that no output reads (the drawn ones, and
    how many in all). Tap k of output row p reads Xpad[p*stride + k*dilation]."""
    left, right, out_len = conv_geometry(in_len, size, stride, padding, dilation)
    length = left + in_len + right  # Xpad rows
    if out_len <= DRAW_ROWS:
        rows = list(range(out_len))
    else:  # the first and last rows, None for the ones between
        rows = list(range(EDGE_ROWS)) + [None] + list(range(out_len - EDGE_ROWS, out_len))
    half = DRAW_TAPS // 2
    taps = range(size) if size <= DRAW_TAPS else list(range(half)) + list(
        range(size - half, size))
    keep = set(c for c in (0, left - 1, left, left + in_len - 1, left + in_len, length - 1)
               if 0 <= c < length)  # the ends of the padding and of X
    keep.update(p * stride + k * dilation for p in rows if p is not None for k in taps)
    columns = []
    for c in sorted(keep):
        if columns and c - columns[-1] > DRAW_GAP + 1:
            columns.append(None)  # the Xpad rows between: one '...' column
        elif columns:
            columns.extend(range(columns[-1] + 1, c))  # a short gap: draw its rows
        columns.append(c)
    # Which X rows some output reads, from runs of rows (read_runs), never a mask of Xpad.
    # A stride or dilation beyond the Xpad rows reads as much as one just past them.
    step, spread = min(stride, length), min(dilation, length)
    residues, starts, ends = read_runs(size, step, spread, out_len)

    def is_read(c):  # Xpad row c = r + q*step lies in a run of its residue r
        r, q = c % step, c // step
        lo, hi = np.searchsorted(residues, [r, r + 1])
        i = lo + np.searchsorted(starts[lo:hi], q, "right") - 1
        return i >= lo and q < ends[i]

    lo = (left - residues + step - 1) // step  # each run's first q in X: r + q*step >= left
    hi = (left + in_len - 1 - residues) // step + 1  # and past its last one in X
    reads = int(np.maximum(0, np.minimum(ends, hi) - np.maximum(starts, lo)).sum())
    unread = set(c for c in columns if c is not None and left <= c < left + in_len and
                 not is_read(c))
    return types.SimpleNamespace(
        in_len=in_len, size=size, stride=stride, padding=padding, dilation=dilation,
        left=left, right=right, out_len=out_len, rows=rows, columns=columns,
        unread=unread, unread_count=in_len - reads)


def read_runs(size, stride, dilation, out_len):
    """The Xpad rows that some output reads, as runs: rows r + q*stride for q from start
    to end-1, returned as sorted arrays (residues r, starts, ends), one entry per run.
    Tap k reads Xpad[p*stride + k*dilation] for p < OutLen: OutLen rows of residue
    k*dilation % stride from q = k*dilation // stride on; the runs of one residue that
    overlap or touch are merged. O(K log K) work, whatever InLen."""
    first = np.arange(size, dtype=np.int64) * dilation  # (K,): the row tap k reads for p = 0
    residue, start = first % stride, first // stride
    order = np.lexsort((start, residue))  # by residue, then by start
    residue, start = residue[order], start[order]
    new = np.ones(size, dtype=bool)  # (K,): this tap's run does not join the one before
    new[1:] = (residue[1:] != residue[:-1]) | (start[1:] > start[:-1] + out_len)
    first_tap = np.flatnonzero(new)  # of each merged run, in the sorted order
    last_tap = np.append(first_tap[1:] - 1, size - 1)
    return residue[first_tap], start[first_tap], start[last_tap] + out_len


def conv_grid(pic):
    """The picture as rows of cells, one cell per drawn column: (label, cells) for
    'Xpad' (the row's index), 'X' (the X row, or 'pad'), each drawn output row Y[p]
    ('kK' where tap k reads, '.' a row between two taps, '...' where the line runs
    through rows not drawn), and 'unread' ('x' under an X row that no output reads,
    if one is drawn); None where output rows are left out. --draw and --svg both draw
    this, so they cannot disagree."""
    span = pic.dilation * (pic.size - 1) + 1
    grid = [("Xpad", ["..." if c is None else str(c) for c in pic.columns]),
            ("X", ["..." if c is None else str(c - pic.left)
                   if pic.left <= c < pic.left + pic.in_len else "pad" for c in pic.columns])]
    for p in pic.rows:
        if p is None:
            grid.append(None)
            continue
        first, last = p * pic.stride, p * pic.stride + span - 1  # the Xpad rows Y[p] spans
        cells = []
        for i, c in enumerate(pic.columns):
            if c is None:  # the rows between the columns either side
                inside = first < pic.columns[i + 1] and last > pic.columns[i - 1]
                cells.append("..." if inside else "")
            elif first <= c <= last:
                k, rest = divmod(c - first, pic.dilation)  # c = p*stride + k*dilation
                cells.append("." if rest else "k{}".format(k))
            else:
                cells.append("")
        grid.append(("Y[{}]".format(p), cells))
    if pic.unread:
        grid.append(("unread", ["x" if c in pic.unread else "" for c in pic.columns]))
    return grid


def conv_caption(pic):
    """Two lines: InLen, the padding on each side, KernelSize, stride and dilation; then
    OutLen with the numbers put in."""
    return ["InLen {}, padding {}{} left {} right, KernelSize {}, stride {}, dilation {}".format(
        pic.in_len, "'same', " if pic.padding == "same" else "", pic.left, pic.right, pic.size,
        pic.stride, pic.dilation), out_len_formula(pic.in_len, pic.size, pic.stride, pic.left,
                                                   pic.right, pic.dilation)]


def conv_notes(pic, grid, script):
    """The lines under the picture: how to read the answer off it, then what each mark
    means (only the marks it uses)."""
    reading, unread = READING[script]
    marks = set(cell for row in grid if row for cell in row[1])
    notes = [reading.format(s=pic.stride, d=pic.dilation)]
    if "pad" in marks:
        notes.append("pad: a padding zero")
    if "." in marks:
        notes.append(".: a row between two taps, skipped by the dilation")
    if pic.unread_count:
        rows = sorted(c - pic.left for c in pic.unread)
        notes.append("x: {} of the {} X rows are read by no output ({}){}".format(
            pic.unread_count, pic.in_len, unread, ": " + ", ".join(str(j) for j in rows)
            if len(rows) == pic.unread_count <= 12 else "; {} of them drawn".format(
                len(rows) or "none") if len(rows) < pic.unread_count else ""))
    if None in pic.columns:
        notes.append("...: Xpad rows not drawn")
    return notes


def conv_text(pic, grid, script):
    """--draw: the caption, the grid in fixed-width columns, and the notes."""
    width = max([3] + [len(cell) for row in grid if row for cell in row[1]])
    labels = max(len(row[0]) for row in grid if row)
    lines = conv_caption(pic)
    for row in grid:
        if row is None:
            lines.append("{:<{}} {} output rows not shown: Y[{}] to Y[{}]".format(
                "...", labels, pic.out_len - 2 * EDGE_ROWS, EDGE_ROWS,
                pic.out_len - EDGE_ROWS - 1))
        else:
            lines.append(("{:<{}}".format(row[0], labels) + "".join(
                " {:>{}}".format(cell, width) for cell in row[1])).rstrip())
    return "\n".join(lines + conv_notes(pic, grid, script)) + "\n"


def conv_svg(pic, grid, script):
    """--svg: the same grid as an image. One <rect> per drawn cell: class 'pad', 'input'
    or 'input unread' (dashed) in the X row, class 'tap' (data-tap k, its number written
    in it, a colour per tap) in the output rows; each carries data-col, its Xpad row."""
    width = max([3] + [len(cell) for row in grid if row for cell in row[1]])
    cell_w, row_h = SVG_CHAR * width + 12, 28
    left = SVG_MARGIN + SVG_CHAR * max(len(row[0]) for row in grid if row) + 12
    notes = conv_notes(pic, grid, script)
    texts = conv_caption(pic) + notes
    body = [svg_text(SVG_MARGIN, SVG_MARGIN + 14, texts[0]),
            svg_text(SVG_MARGIN, SVG_MARGIN + 32, texts[1])]
    y = SVG_MARGIN + 46
    for row in grid:
        if row is None:
            body.append(svg_text(SVG_MARGIN, y + 17, "... {} output rows not shown: Y[{}] to"
                                 " Y[{}]".format(pic.out_len - 2 * EDGE_ROWS, EDGE_ROWS,
                                                 pic.out_len - EDGE_ROWS - 1)))
            y += row_h
            continue
        label, cells = row
        body.append(svg_text(SVG_MARGIN, y + 17, label))
        xs = [left + i * cell_w for i in range(len(cells))]
        taps = [i for i, cell in enumerate(cells) if cell.startswith("k")]
        if taps:  # the kernel's reach, under its taps
            body.append('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999999"'
                        ' stroke-width="2"/>'.format(xs[taps[0]] + cell_w // 2, y + 12,
                                                     xs[taps[-1]] + cell_w // 2, y + 12))
        for i, (c, cell) in enumerate(zip(pic.columns, cells)):
            box = 'x="{}" y="{}" width="{}" height="22" data-col="{}"'.format(
                xs[i] + 2, y + 1, cell_w - 4, c)
            centre = xs[i] + cell_w // 2
            if label == "Xpad" or cell in ("", ".", "...", "x"):
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle"' + (
                    ' fill="#555555" font-size="11"' if label == "Xpad" else "")) if cell
                    else "")
            elif label == "X":
                kind = "pad" if cell == "pad" else "input unread" if c in pic.unread else "input"
                body.append('<rect class="{}" {} {}/>'.format(kind, box, SVG_BOXES[kind]))
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle"'))
            else:  # a tap
                k = int(cell[1:])
                fill, ink = SVG_COLOURS[k % len(SVG_COLOURS)]
                body.append('<rect class="tap" {} data-row="{}" data-tap="{}" fill="{}"'
                            ' stroke="#333333"/>'.format(box, label[2:-1], k, fill))
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle" fill="{}"'
                                     .format(ink)))
        y += row_h if label != "Xpad" else 20
    y += 8
    for note in notes:
        body.append(svg_text(SVG_MARGIN, y + 14, note))
        y += 20
    kinds = (["pad"] if "pad" in grid[1][1] else []) + ["input"] + (
        ["input unread"] if pic.unread else [])
    names = {"pad": "padding zero", "input": "X row", "input unread": "X row no output reads"}
    legend = [(SVG_BOXES[kind], names[kind]) for kind in kinds]
    legend += [('fill="{}" stroke="#333333"'.format(SVG_COLOURS[k][0]), "k{}".format(k))
               for k in range(min(pic.size, len(SVG_COLOURS)))]
    body.append(svg_legend(SVG_MARGIN, y + 4, legend))
    y += 32
    if pic.size > len(SVG_COLOURS):
        body.append(svg_text(SVG_MARGIN, y + 10, "the colours repeat after k{}; every cell"
                             " says its tap".format(len(SVG_COLOURS) - 1)))
        y += 20
    wide = max([left + len(pic.columns) * cell_w] + [SVG_MARGIN + SVG_CHAR * len(text)
                                                      for text in texts])
    title = "{}.py --draw: the kernel's taps over the padded input, one line per output row;" \
            " {}".format(script, texts[0])
    return svg_document(wide + SVG_MARGIN, y + SVG_MARGIN, title, "\n".join(notes), body)
# ---- svg: the same in every script that draws (--svg FILE) ----
SVG_MARGIN = 10  # px around the picture
SVG_CHAR = 8  # px per character of the 12 px monospace text, a little more than it takes
SVG_COLOURS = (("#E69F00", "#000000"), ("#56B4E9", "#000000"), ("#009E73", "#000000"),
               ("#F0E442", "#000000"), ("#0072B2", "#ffffff"), ("#D55E00", "#000000"),
               ("#CC79A7", "#000000"))  # fill, text on it: Okabe-Ito, safe for colour blindness
SVG_BOXES = {  # the cells that are not taps: fill and outline
    "pad": 'fill="#d9d9d9" stroke="#777777"',
    "input": 'fill="#ffffff" stroke="#333333"',
    "input unread": 'fill="#ffffff" stroke="#333333" stroke-dasharray="3 2"',
    "feeds": 'fill="#0072B2" stroke="#0072B2"',
    "node": 'fill="#ffffff" stroke="#777777"',
}


def svg_path(text):
    """--svg's value: a file name. '-' is refused: stdout holds the answer and only it."""
    if text == "-":
        import argparse
        raise argparse.ArgumentTypeError("give a file name, not '-': stdout holds the answer")
    return text


def xml_escape(text):
    """Text for an XML element or attribute; anything not ASCII as a character reference."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").encode("ascii", "xmlcharrefreplace").decode("ascii")


def svg_text(x, y, text, attributes=""):
    """A <text> element at (x, y), the baseline's left end (or centre, with text-anchor)."""
    return '<text x="{}" y="{}"{}>{}</text>'.format(
        x, y, " " + attributes if attributes else "", xml_escape(text))


def svg_legend(x, y, items):
    """One row of legend swatches: items (the swatch's fill and stroke, its label)."""
    parts = []
    for paint, label in items:
        parts.append('<rect class="legend" x="{}" y="{}" width="16" height="16" {}/>'.format(
            x, y, paint))
        parts.append(svg_text(x + 22, y + 13, label))
        x += 22 + SVG_CHAR * len(label) + 16
    return "\n".join(parts)


def svg_document(width, height, title, desc, body):
    """A whole SVG image: fixed size, a viewBox, a white background, role="img" with its
    <title> and <desc> for screen readers, no scripts, no external fonts."""
    return "\n".join([
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
        ' role="img" aria-labelledby="svg-title svg-desc" font-family="DejaVu Sans Mono, Menlo,'
        ' Consolas, monospace" font-size="12">'.format(w=width, h=height),
        '<title id="svg-title">{}</title>'.format(xml_escape(title)),
        '<desc id="svg-desc">{}</desc>'.format(xml_escape(desc)),
        '<rect class="background" width="100%" height="100%" fill="#ffffff"/>']
        + [part for part in body if part] + ["</svg>"]) + "\n"


def write_svg(path, text):
    """Write the image to path; a file that cannot be written is one line (ValueError).
    Only a regular file: /dev/stdout would mix the image into the answer, a FIFO wait."""
    try:
        there, answer = os.stat(path), os.fstat(1)
        if not os.path.isfile(path) or (there.st_dev, there.st_ino) == (
                answer.st_dev, answer.st_ino):
            raise ValueError("--svg {}: give a regular file other than stdout".format(path))
    except OSError:  # no such file yet (or no stdout): open() below says what is wrong
        pass
    try:
        with open(path, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
    except OSError as err:
        raise ValueError("--svg {}: cannot write it: {}".format(path, err.strerror or err))
# ---- end of the shared blocks ----


if __name__ == "__main__":
    run_script(main)
