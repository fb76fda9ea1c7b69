"""What the three conv exercises share: their command-line flags, how their random cases
are drawn, sized, judged and shrunk, and the picture of a case. Each exercise passes its
own pieces in (make_case: how its case dict is built from x, kernel and bias)."""
import collections
import random

import numpy as np

from convkit.geometry import check_flags, conv_geometry
from convkit.program import FlagError
from convkit.svg import svg_path

STYLES = ("int", "unit", "signed")  # the simplest first: Hypothesis shrinks towards it
MAX_CHANNELS = 6
MAX_KERNEL = 6
SHORT_EXTRA = 10  # a short case's InLen - KernelSize
LONG_IN_LEN = 300
LONG_CHANNELS = 3


# ---- the command line

def conv_arguments(at):
    """add_arguments for a conv command: PyTorch's flags, --explain with --at (at: the
    answer's indices, "P,OC"), --draw and --svg."""
    def add_arguments(parser):
        parser.add_argument("--stride", type=int, default=1, metavar="S",
                            help="the step between output positions (default 1)")
        parser.add_argument("--padding", type=padding, default=0, metavar="P|valid|same",
                            help="zeros on each side; 'same' keeps the length, the odd one "
                            "after (default 0)")
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
    return add_arguments


def padding(text):
    return text if text in ("valid", "same") else int(text)


def index(text):
    at = tuple(int(part) for part in text.split(","))
    if min(at) < 0:
        raise ValueError(text)
    return at


def check_geometry_flags(args):
    """FlagError (exit 2) for a stride, padding or dilation out of range."""
    try:
        check_flags(args.stride, args.padding, args.dilation)
    except ValueError as err:
        raise FlagError(str(err))


def geometry(args, in_len, kernel_size, kernel_line):
    """(left, right, OutLen) for the flags; a ValueError names the kernel's line."""
    try:
        return conv_geometry(in_len, kernel_size, args.stride, args.padding, args.dilation)
    except ValueError as err:
        raise ValueError("{}: {}".format(kernel_line, err))


# ---- random cases, in the grader's format

def strategy(make_case):
    """The Hypothesis strategy of a conv exercise's random cases (dicts of input lines).

    Sizes: mostly small (InLen = KernelSize = 1 and one channel first: Hypothesis starts from
    the simplest case), channels and kernel sizes up to 6; one case in five is long, InLen up
    to 300 (with at most 3 channels, so that a loop solution stays quick). Values per line,
    each line on its own: small integers -9..9 (the quizzes), floats in [0, 1) (the lesson's
    samples) or floats in [-1, 1): an integer data line with a float kernel line is common.
    The values of a line come from a seeded random.Random (a line of 300 x 3 numbers drawn
    one by one would be slow and too big for Hypothesis's choice buffer); Hypothesis draws
    the sizes, the styles and the seeds, so it shrinks the sizes well, and the checker's
    greedy pass (variants below) then simplifies the numbers one by one.
    """
    from hypothesis import strategies as st

    @st.composite
    def conv_cases(draw):
        long = draw(st.integers(0, 4)) == 4  # one in five, the largest: shrinks to short
        channels = LONG_CHANNELS if long else MAX_CHANNELS
        size = draw(st.integers(1, MAX_KERNEL))
        in_len = size + draw(st.integers(0, LONG_IN_LEN - size if long else SHORT_EXTRA))
        in_ch = draw(st.integers(1, channels))
        out_ch = draw(st.integers(1, channels))
        lines = []
        for shape in ((in_len, in_ch), (out_ch, in_ch, size), (out_ch,)):
            style = draw(st.sampled_from(STYLES))
            seed = draw(st.integers(0, 2 ** 32 - 1))
            lines.append(values(style, seed, shape))
        return make_case(*lines)

    return conv_cases()


def values(style, seed, shape):
    """Nested lists of the shape, from seed: small ints ("int"), floats in [0, 1) ("unit")
    or in [-1, 1) ("signed"); the coverage table's own styles too: all 0 ("zero"), floats
    in [-1, 0) ("negative"), ints of 10**5 to 10**7 either sign ("bigint"), floats of the
    same magnitudes ("bigfloat"), floats of 10**-7 to 10**-5 either sign ("tiny")."""
    rng = random.Random(seed)

    def big():
        return rng.choice((-1, 1)) * rng.randint(10 ** 5, 10 ** 7)

    draw = {"int": lambda: rng.randint(-9, 9), "unit": rng.random,
            "signed": lambda: rng.uniform(-1.0, 1.0), "zero": lambda: 0,
            "negative": lambda: rng.random() - 1.0, "bigint": big,
            "bigfloat": lambda: big() + rng.random(),
            "tiny": lambda: rng.choice((-1, 1)) * rng.uniform(1e-7, 1e-5)}[style]

    def fill(shape):
        if len(shape) == 1:
            return [draw() for _ in range(shape[0])]
        return [fill(shape[1:]) for _ in range(shape[0])]

    return fill(shape)


# ---- the coverage table: classes of inputs drawn first, whatever the seed

class Cover(collections.namedtuple("Cover", ("name", "size", "extra", "channels", "styles",
                                             "why"))):
    """One class of inputs of a conv exercise, as data: KernelSize from `size` (a range or
    tuple), InLen = KernelSize + one of `extra`, InChannels and OutChannels of 1 to
    MAX_CHANNELS in the relation `channels` (None: any, "<", "=" (both > 1), ">", "one":
    both 1, "few": up to LONG_CHANNELS), the
    data, kernel and bias lines in `styles` (see values(); None: any of STYLES); `why`: the
    learner's mistake that shows on this class only (tests/learners/gallery.py)."""
    __slots__ = ()


def cover(name, why, size=range(1, MAX_KERNEL + 1), extra=range(0, SHORT_EXTRA + 1),
          channels=None, styles=(None, None, None)):
    return Cover(name, size, extra, channels, styles, why)


# Every conv exercise's classes (each exercise's COVERAGE adds its own), the simplest first:
# random case i of the first len(COVERAGE) is drawn from class i (stress.generate).
COVERAGE = (
    cover("InLen 1, one channel", "the smallest case: a squeeze() of every axis, an OutLen"
          " off by one", size=(1,), extra=(0,), channels="one"),
    cover("KernelSize 1", "windows of K - 1 rows, or squeezing the tap axis away",
          size=(1,), extra=range(1, SHORT_EXTRA + 1)),
    cover("KernelSize 2", "the smallest even kernel: centred windows (K // 2 each side)",
          size=(2,)),
    cover("odd KernelSize >= 3", "a flip or centring that only an odd kernel hides",
          size=(3, 5)),
    cover("even KernelSize >= 4", "centred windows, right for odd kernels only",
          size=(4, 6)),
    cover("KernelSize = InLen > 1", "OutLen 1: an extra or missing row, squeezed answers",
          size=range(2, MAX_KERNEL + 1), extra=(0,)),
    cover("OutLen < KernelSize - 1", "few outputs and many taps: windows cut short",
          size=range(4, MAX_KERNEL + 1), extra=(0, 1)),
    cover("InChannels > OutChannels", "loops over the wrong channel count", channels=">"),
    cover("InChannels = OutChannels > 1", "the kernel's first two axes swapped",
          channels="="),
    cover("InChannels < OutChannels", "loops over the wrong channel count", channels="<"),
    cover("long input", "a fixed-size buffer: wrong past 50 rows",
          size=range(1, 4), extra=range(60, 121), channels="few"),
    cover("integer lines", "integer arithmetic where the answer is exact anyway",
          styles=("int", "int", "int")),
    cover("integer data, float kernel", "an integer accumulator truncating float taps",
          styles=("int", "signed", "unit")),
    cover("float data, integer kernel", "an integer accumulator truncating float data",
          styles=("signed", "int", "int")),
    cover("zero data", "an answer that ignores the data: the bias, or nothing",
          styles=("zero", None, None)),
    cover("large magnitudes", "float32 or fixed decimals: digits lost at 10**5 to 10**7",
          styles=("bigint", "bigfloat", "bigint")),
    cover("tiny magnitudes", "an answer rounded to fixed decimals: np.round(Y, 10)",
          styles=("tiny", "tiny", "tiny")),
)


def cover_case(entry, rng, make_case):
    """A case of the class `entry` (a Cover), drawn from rng (random.Random)."""
    size = rng.choice(entry.size)
    in_len = size + rng.choice(entry.extra)
    top = LONG_CHANNELS if entry.channels == "few" else MAX_CHANNELS
    if entry.channels == "one":
        in_ch = out_ch = 1
    elif entry.channels == "=":
        in_ch = out_ch = rng.randint(2, top)
    elif entry.channels in (">", "<"):
        low, high = sorted(rng.sample(range(1, top + 1), 2))
        in_ch, out_ch = (high, low) if entry.channels == ">" else (low, high)
    else:
        in_ch, out_ch = rng.randint(1, top), rng.randint(1, top)
    lines = [values(style or rng.choice(STYLES), rng.getrandbits(32), shape)
             for style, shape in zip(entry.styles, ((in_len, in_ch), (out_ch, in_ch, size),
                                                    (out_ch,)))]
    return make_case(*lines)


def cover_cases(table, seed, make_case):
    """[(class name, case)]: one case of each class of the table, for the seed (the same
    seed, the same cases)."""
    return [(entry.name, cover_case(entry, random.Random("{}/{}".format(seed, entry.name)),
                                    make_case)) for entry in table]


def parts(case):
    """(x, kernel, bias) of a conv case, as lists: its first line, its kernel, its bias."""
    return next(iter(case.values())), case["kernel"], case["bias"]


def arrays(case):
    """(x, kernel, bias) of a conv case as float64 arrays."""
    return tuple(np.array(line, dtype=float) for line in parts(case))


def shape_of(value):
    shape = []
    while isinstance(value, list):
        shape.append(len(value))
        value = value[0] if value else None
    return tuple(shape)


def sizes(case):
    """[(axis, size)]: InLen, InChannels, OutChannels, KernelSize."""
    x, kernel, _ = parts(case)
    in_len, in_ch = shape_of(x)
    out_ch, _, size = shape_of(kernel)
    return [("InLen", in_len), ("InChannels", in_ch), ("OutChannels", out_ch),
            ("KernelSize", size)]


def tolerance(function):
    """tolerance(case) for an exercise whose answer is function(x, kernel, bias).

    Different summation orders differ in the last bits, and where terms cancel an element
    near 0 differs by more than any fixed atol. So atol = 1e-9 x the largest sum of |terms|
    of any element (the function run on the absolute values of the inputs), rtol 1e-9."""
    def case_tolerance(case):
        bound = function(*(np.abs(line) for line in arrays(case)))
        return 1e-9, 1e-9 * float(np.max(bound))
    return case_tolerance


def all_ints(value):
    if isinstance(value, list):
        return all(all_ints(item) for item in value)
    return isinstance(value, int)


# ---- shrinking: simpler cases than a failing one

def variants(make_case):
    """variants(case, fails) for a conv exercise: the shortest input that still fails
    (bisection), then fewer output channels, input channels and taps, then simpler numbers
    (whole lines, then one number at a time): the biggest steps first."""
    def conv_variants(case, fails):
        x, kernel, bias = parts(case)
        size = len(kernel[0][0])
        if len(x) > size:
            low, high = size, len(x)  # x[:high] fails
            while low < high:
                middle = (low + high) // 2
                if fails(make_case(x[:middle], kernel, bias)):
                    high = middle
                else:
                    low = middle + 1
            if high < len(x):
                yield make_case(x[:high], kernel, bias)
            yield make_case(x[1:], kernel, bias)
            if len(x) <= 16:
                for row in range(1, len(x) - 1):
                    yield make_case(x[:row] + x[row + 1:], kernel, bias)
        if len(kernel) > 1:
            for oc in range(len(kernel)):
                yield make_case(x, kernel[:oc] + kernel[oc + 1:], bias[:oc] + bias[oc + 1:])
        if len(x[0]) > 1:
            for ic in range(len(x[0])):
                yield make_case([row[:ic] + row[ic + 1:] for row in x],
                                [[taps for i, taps in enumerate(channels) if i != ic]
                                 for channels in kernel], bias)
        if size > 1:
            for k in range(size):
                yield make_case(x, [[taps[:k] + taps[k + 1:] for taps in channels]
                                    for channels in kernel], bias)
        lines = [x, kernel, bias]
        for i, line in enumerate(lines):  # whole lines first
            for simpler in simpler_lines(line):
                yield make_case(*(lines[:i] + [simpler] + lines[i + 1:]))
        if sum(count(line) for line in lines) <= 24:  # then one number at a time
            for i, line in enumerate(lines):
                for simpler in simpler_numbers(line):
                    yield make_case(*(lines[:i] + [simpler] + lines[i + 1:]))
    return conv_variants


def count(line):
    return sum(count(item) for item in line) if isinstance(line, list) else 1


def simple_numbers(value):
    """Simpler numbers than value, the simplest first."""
    options = [0, 1, int(round(value))] if isinstance(value, float) else [0, 1]
    found = []
    for option in options:
        if option != value and abs(option) < abs(value) + 1 and option not in found:
            found.append(option)
    return found


def map_numbers(line, function):
    if isinstance(line, list):
        return [map_numbers(item, function) for item in line]
    return function(line)


def simpler_lines(line):
    """The line with every number 0, every number 1, every number its nearest integer."""
    seen = {repr(line)}
    for function in (lambda v: 0, lambda v: 1, lambda v: int(round(v))):
        simpler = map_numbers(line, function)
        if repr(simpler) not in seen:
            seen.add(repr(simpler))
            yield simpler


def simpler_numbers(line):
    """The line with one number made simpler, for each number and each simpler number."""
    flat = []
    map_numbers(line, flat.append)
    for i, value in enumerate(flat):
        for option in simple_numbers(value):
            changed = list(flat)
            changed[i] = option
            numbers = iter(changed)
            yield map_numbers(line, lambda v, numbers=numbers: next(numbers))


# ---- the picture of a case

def drawing(args, in_len, size, task):
    """--svg FILE written now and --draw's text returned ('' without either): the
    gradients' own pictures (convkit.grad_picture), the forward's for convolve. The
    pictures' modules are imported only when a picture is asked for: they are a tenth of
    the start-up of a command that draws nothing."""
    if not args.draw and args.svg is None:
        return ""
    if task.name in ("kernel_grad", "input_grad"):
        from convkit.grad_picture import draw_grad
        return draw_grad(args, in_len, size, task)
    from convkit.conv_picture import draw_conv
    return draw_conv(args, in_len, size, task)


def draw_case(task, case, image=False):
    """The --draw text of a case in the grader's format (no flags); with image, the text
    of its --svg image instead."""
    x, kernel, _ = parts(case)
    if task.name in ("kernel_grad", "input_grad"):
        from convkit import grad_picture
        return grad_picture.case_picture(task, len(x), len(kernel[0][0]), image)
    from convkit import conv_picture
    pic = conv_picture.conv_picture(len(x), len(kernel[0][0]), 1, 0, 1)
    grid = conv_picture.conv_grid(pic)
    return (conv_picture.conv_svg if image else conv_picture.conv_text)(pic, grid, task)
