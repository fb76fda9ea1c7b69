"""Receptive field of a stack of 1-D convolutions: how many input positions feed one output.

stdin, one Python list literal per line (blank lines are skipped):
  1  kernel sizes  Layers    (integers >= 1, first layer first)
  2  dilations     Layers    (integers >= 1; 1 is a dense convolution)
  3  strides       Layers    (optional: all 1; read only as the last line)
stdout: R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j, one integer.

  python3 receptive_field.py [--explain] [--draw] < input   (both show the work on stderr)
  python3 receptive_field.py --svg FILE < input   (the --draw picture as an SVG image)

The same formula as plain loops, nothing vectorised: tests/reference.py in convkit.
"""
import argparse
import collections
import json
import os
import re
import sys
import warnings

try:
    import numpy as np
except ImportError:  # one line, not a traceback
    sys.exit("{}: needs numpy: python3 -m pip install numpy".format(sys.argv[0]))

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
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="\n\n".join(__doc__.split("\n\n")[1:]),
        formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)
    parser.add_argument("--explain", action="store_true", help="a table of the layers")
    parser.add_argument("--draw", action="store_true", help="a picture of the stack")
    parser.add_argument("--svg", type=svg_path, metavar="FILE", help="the picture as an SVG")
    parser.error = lambda message: parser.exit(2, "{}: error: {}\n".format(parser.prog, message))
    args = parser.parse_args(command_line() if argv is None else argv)
    kernels = read_sizes("kernel sizes")
    dilations = read_sizes("dilations")
    strides = read_sizes("strides", last=True) or [1] * len(kernels)
    check_digits(strides, "line {} (strides)".format(LINES_READ))
    layers = [LayerInfo(k, d, s) for k, d, s in zip(kernels, dilations, strides)]
    result = calculate_receptive_field(layers)
    if result >= 10 ** MOST_DIGITS:
        raise ValueError("line {} (strides): {}".format(LINES_READ, too_many_digits("R")))
    if args.svg is not None:  # first: a file that cannot be written stops all output
        write_svg(args.svg, stack_svg(layers))
    if args.explain:
        explain(layers)
    if args.draw:
        draw(layers)
    print(result)
    warn_of_more_lines("receptive_field reads 2 lines: kernel sizes, dilations (and strides,"
                       " when they are the last line)")


MOST_DIGITS = 4300  # Python 3.11+ prints no longer int; the same limit on every version


def read_sizes(name, last=False):
    """A line of Layers integers from 1 to 2**53, as Python ints: read exactly, so that
    9007199254740993 is not taken for the float 9007199254740992. last: the optional
    strides line, read only when it is the last one."""
    sizes = read_last_line(name, ("Layers",), exact=True) if last else read_array(
        name, ("Layers",), exact=True)
    for size in sizes or ():
        exact = isinstance(size, int) or size < 2 ** 53  # a float from 2**53 on was rounded
        if not exact or size != int(size) or not 1 <= size <= 2 ** 53:
            raise ValueError("line {} ({}): expected integers from 1 to 2**53, got {!r}{}".format(
                LINES_READ, name, size, "" if exact else ", a float that may have been rounded:"
                " write the integer"))
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
    """One row per layer with the formula's running sum, on stderr; past EXPLAIN_ROWS
    layers, the first and last EXPLAIN_ROWS // 2 of them."""
    field, jump = fields_and_jumps(layers)
    rows = ["layer  kernel  dilation  stride  jump  receptive field after the layer"]
    half = EXPLAIN_ROWS // 2
    shown = range(len(layers)) if len(layers) <= EXPLAIN_ROWS else list(range(half)) + [
        None] + list(range(len(layers) - half, len(layers)))
    for i in shown:
        if i is None:
            rows.append("  ...  {} layers not shown".format(len(layers) - 2 * half))
            continue
        layer = layers[i]
        rows.append("{:>5}  {:>6}  {:>8}  {:>6}  {:>4}  {} + ({}-1)*{}*{} = {}".format(
            i + 1, layer.kernel_size, layer.dilation, layer.stride, jump[i],
            field[i], layer.kernel_size, layer.dilation, jump[i], field[i + 1]))
    rows.append("jump = product of the strides below the layer; R = {}".format(field[-1]))
    to_stderr("\n".join(rows) + "\n")


EXPLAIN_ROWS = 40  # --explain shows the first and last 20 layers of a deeper stack
DRAW_WIDTH = 120  # --draw and --svg cut wider pictures in the middle
DRAW_CELLS = 10 ** 6  # rows x R: bigger stacks are not drawn (a line says so)
DRAW_LAYERS = 1000  # more layers are not drawn: each costs a few numpy calls however narrow
DRAW_LEVELS = 16  # more rows than this: the top and bottom 8 are drawn, a line between
EDGE_LIMIT = 3000  # --svg draws the edges between the nodes when there are no more


def draw(layers):
    """A WaveNet-style picture on stderr: for each layer's output, top to bottom, the
    positions that feed the one output position ('o'; '.' is a position that does not),
    and the input span at the bottom, R columns wide. A node is drawn at the last input
    column it sees, so the output sits at the right edge."""
    picture = stack_picture(layers)
    if isinstance(picture, str):  # too big to draw; the answer still goes to stdout
        to_stderr("--draw: {}\n".format(picture))
        return
    rows, width = picture
    label_width = max(len(row[0]) for row in rows if row)
    lines = []
    for row in rows:
        if row is None:
            lines.append("{:<{}}  {}".format("...", label_width, elided_rows(rows)))
        else:
            lines.append("{:<{}} |{}|".format(row[0], label_width, row[2]))
    half = (DRAW_WIDTH - 3) // 2
    lines.append("{:<{}}  R = {} columns{}".format("", label_width, width, (
        "; cut to {} at '...', {} columns not shown".format(2 * half + 3, width - 2 * half)
        if width > DRAW_WIDTH else "")))
    to_stderr("\n".join(lines) + "\n")


def stack_picture(layers):
    """What --draw and --svg show: (rows, R), rows from the output (j = len(layers)) down
    to the input (j = 0) as (label, j, marks), None where rows are left out; marks: 'o'
    a node that feeds the one output, '.' one that does not, ' ' no node, cut to the
    first and last columns at '...' when R > DRAW_WIDTH. Or, for a stack too big to
    draw, a line that says so: the work is about rows x R cells, bounded by DRAW_CELLS."""
    field, jump = fields_and_jumps(layers)
    width, levels = field[-1], len(layers) + 1
    if levels * width > DRAW_CELLS:
        return "not drawn: {} rows x R = {} columns is {} cells, more than the {} it draws"\
            .format(levels, width, levels * width, DRAW_CELLS)
    if len(layers) > DRAW_LAYERS:
        return "not drawn: {} layers, more than the {} it draws".format(len(layers),
                                                                        DRAW_LAYERS)
    shown = set(range(levels)) if levels <= DRAW_LEVELS else set(
        list(range(DRAW_LEVELS // 2)) + list(range(levels - DRAW_LEVELS // 2, levels)))
    half = (DRAW_WIDTH - 3) // 2
    feeding = np.ones(1, dtype=bool)  # the nodes of the current level that feed the output
    rows = []
    for j in range(len(layers), -1, -1):  # from the output down to the input
        if j in shown:
            row = np.full(width, ord(" "), dtype=np.uint8)  # node q at q*jump + field-1:
            row[field[j] - 1::jump[j]] = np.where(feeding, ord("o"), ord("."))
            marks = row.tobytes().decode("ascii")
            rows.append(("input" if j == 0 else "layer {} out".format(j), j, marks if
                         width <= DRAW_WIDTH else marks[:half] + "..." + marks[-half:]))
        elif j + 1 in shown:
            rows.append(None)  # the rows left out, once
        if j:  # node q of this level reads nodes q*stride + k*dilation of the level below
            feeding = feeding_below(feeding, layers[j - 1],
                                    (width - field[j - 1]) // jump[j - 1] + 1)
    return rows, width


def feeding_below(feeding, layer, count):
    """The `count` nodes of the level below that feed: node i does when some node q that
    feeds reads it, i = q*stride + k*dilation for a tap k < kernel_size. Running sums
    over each residue of i mod dilation: O(count) work, whatever the kernel size."""
    stride, dilation, size = layer.stride, layer.dilation, layer.kernel_size
    rows = -(-count // dilation)  # column r of a (rows, dilation) grid: nodes r, r+d, r+2d, ...
    placed = np.zeros(rows * dilation, dtype=np.int32)
    placed[:len(feeding) * stride:stride] = feeding  # placed[q*stride] = feeding[q]
    sums = np.zeros((rows + 1, dilation), dtype=np.int32)  # sums[t] = placed rows 0..t-1
    np.cumsum(placed.reshape(rows, dilation), axis=0, out=sums[1:])
    window = sums[1:] - sums[np.maximum(np.arange(1, rows + 1) - size, 0)]  # the taps' nodes
    return window.reshape(-1)[:count] > 0  # (count,): i - k*dilation for k < size


def elided_rows(rows):
    """The line that stands for the rows left out."""
    i = rows.index(None)
    top, bottom = rows[i - 1][1] - 1, rows[i + 1][1] + 1
    return "{} rows not shown: layer {} out to layer {} out".format(
        top - bottom + 1, top, bottom)


def stack_svg(layers):
    """--svg: the picture of draw() as an image, WaveNet-style. One <rect> per drawn
    node: class 'feeds' (filled) for 'o', 'node' (hollow) for '.', with data-level j and
    data-pos, its input column; a line from each drawn node that feeds to each drawn
    node it reads, when there are at most EDGE_LIMIT of them."""
    picture = stack_picture(layers)
    title = "receptive_field.py --draw: which positions feed one output of a stack of {}" \
        " layers".format(len(layers))
    if isinstance(picture, str):
        body = [svg_text(SVG_MARGIN, SVG_MARGIN + 14, picture)]
        return svg_document(2 * SVG_MARGIN + SVG_CHAR * len(picture), 2 * SVG_MARGIN + 20,
                            title, picture, body)
    rows, width = picture
    field, jump = fields_and_jumps(layers)
    half = (DRAW_WIDTH - 3) // 2
    cut = width > DRAW_WIDTH

    def column(pos):  # where input column pos is drawn, or None if it is cut away
        if not cut or pos < half:
            return pos
        return pos - width + 2 * half + 3 if pos >= width - half else None

    cell, row_h = 12, 44
    left = SVG_MARGIN + SVG_CHAR * max(len(row[0]) for row in rows if row) + 12
    caption = "R = {}: the positions of each level that feed the one output".format(width)
    body, y = [svg_text(SVG_MARGIN, SVG_MARGIN + 14, caption)], SVG_MARGIN + 32
    level_y, nodes = {}, []
    for row in rows:
        if row is None:
            body.append(svg_text(SVG_MARGIN, y + 9, "... " + elided_rows(rows)))
            y += row_h
            continue
        label, j, marks = row
        level_y[j] = y
        body.append(svg_text(SVG_MARGIN, y + 9, label))
        for i, mark in enumerate(marks):
            if mark in "o." and not (cut and half <= i < half + 3):  # not the cut's '...'
                pos = i if i < half or not cut else i - 2 * half - 3 + width
                kind = "feeds" if mark == "o" else "node"
                nodes.append('<rect class="{}" x="{}" y="{}" width="10" height="10"'
                             ' data-level="{}" data-pos="{}" {}/>'.format(
                                 kind, left + i * cell + 1, y, j, pos, SVG_BOXES[kind]))
        if cut:
            body.append(svg_text(left + (half + 1) * cell + 6, y + 9, "...",
                                 'text-anchor="middle"'))
        y += row_h
    edges = []  # node q of level j at q*jump[j] + field[j]-1 reads, for k < kernel_size,
    for row in rows:  # the node at (q*stride + k*dilation)*jump[j-1] + field[j-1]-1 below
        if row is None or row[1] - 1 not in level_y:
            continue
        label, j, marks = row
        layer, step = layers[j - 1], layers[j - 1].dilation * jump[j - 1]
        for i, mark in enumerate(marks):
            if mark != "o" or len(edges) > EDGE_LIMIT:
                continue
            pos = i if i < half or not cut else i - 2 * half - 3 + width
            base = pos - field[j] + field[j - 1]  # the node that tap 0 reads
            for low, high in ((0, width),) if not cut else ((0, half), (width - half, width)):
                first = max(0, -(-(low - base) // step))  # the taps that land in [low, high)
                last = min(layer.kernel_size - 1, (high - 1 - base) // step)
                for k in range(first, min(last, first + EDGE_LIMIT) + 1):
                    edges.append('<line class="edge" x1="{}" y1="{}" x2="{}" y2="{}"/>'.format(
                        left + i * cell + 6, level_y[j] + 10,
                        left + column(base + k * step) * cell + 6, level_y[j - 1]))
    if len(edges) > EDGE_LIMIT:
        edges = []
        caption += "; the edges are not drawn: more than {}".format(EDGE_LIMIT)
        body[0] = svg_text(SVG_MARGIN, SVG_MARGIN + 14, caption)
    body.append('<g stroke="#0072B2" stroke-opacity="0.45">\n{}\n</g>'.format("\n".join(edges))
                if edges else "")
    body += nodes
    body.append(svg_text(left, y - 12, "0"))
    body.append(svg_text(left + (len(rows[-1][2]) - 1) * cell + 10, y - 12, str(width - 1),
                         'text-anchor="end"'))
    footer = "R = {} columns{}".format(width, "; cut at '...', {} columns not shown".format(
        width - 2 * half) if cut else "")
    body.append(svg_text(SVG_MARGIN, y + 10, footer))
    body.append(svg_legend(SVG_MARGIN, y + 24, [
        (SVG_BOXES["feeds"], "feeds the output"), (SVG_BOXES["node"], "does not")]))
    wide = max(left + len(rows[-1][2]) * cell, SVG_MARGIN + SVG_CHAR * len(caption))
    desc = "{}. Each row is one level of the stack, the output at the top, the input at the" \
        " bottom; a filled box is a position that feeds the output, a hollow one a position" \
        " that does not. {}.".format(caption, footer)
    return svg_document(wide + SVG_MARGIN, y + 52, title, desc, body)


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
