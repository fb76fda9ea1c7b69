"""The four graded exercises as the checker sees them: the lines a learner's template reads,
random cases in the grader's format (Hypothesis strategies), how a case is written as the
template's stdin, and the expected output from our own solutions/<task>.py.

A case is a dict of the task's input lines, each a plain Python list (ints or floats), in
the order the template reads them (LINES). Written out, each is one `repr(list)` line:
no tuples, no blank lines, no CRLF, nothing the template's `np.array(ast.literal_eval(s))`
would not read as the grader sends it.

What the grader can send, and so what the cases are:
  convolve         data InLen x InChannels, kernel OutChannels x InChannels x KernelSize,
                   bias OutChannels; 1 <= KernelSize <= InLen
  kernel_grad,     x, y, kernel, bias; y is the true forward result Y = conv1d(x, kernel) +
  input_grad       bias (from solutions/convolve.py), since a learner may read its shape
  receptive_field  kernel sizes (odd, >= 1), dilations (>= 1), one per layer, 1 to 8 layers
Sizes: mostly small (InLen = KernelSize = 1 and one channel first: Hypothesis starts from
the simplest case), channels and kernel sizes up to 6; one case in five is long, InLen up
to 300 (with at most 3 channels, so that a loop solution stays quick). Values per line,
each line on its own: floats in [0, 1) (the lesson's samples), floats in [-1, 1), or small
integers -9..9 (the quizzes): an integer data line with a float kernel line is common.
The values of a line come from a seeded random.Random (a line of 300 x 3 numbers drawn
one by one would be slow and too big for Hypothesis's choice buffer); Hypothesis draws the
sizes, the styles and the seeds, so it shrinks the sizes well, and checker/shrink.py then
simplifies the numbers one by one.

Standard library only at import time: Hypothesis and numpy are imported when used, so
that the sample suite runs on any python3.
"""
import contextlib
import io
import os
import random
import warnings

from checker import ROOT

TASKS = ("convolve", "kernel_grad", "input_grad", "receptive_field")
LINES = {
    "convolve": ("data", "kernel", "bias"),
    "kernel_grad": ("x", "y", "kernel", "bias"),
    "input_grad": ("x", "y", "kernel", "bias"),
    "receptive_field": ("kernel sizes", "dilations"),
}
GRADED_FUNCTION = {"convolve": "apply_convolution", "kernel_grad": "calculate_kernel_grad",
                   "input_grad": "calculate_conv_x_grad",
                   "receptive_field": "calculate_receptive_field"}
# The answer's axes, for saying which shape was expected.
ANSWER_AXES = {"convolve": ("OutLen", "OutChannels"),
               "kernel_grad": ("OutChannels", "InChannels", "KernelSize"),
               "input_grad": ("InLen", "InChannels"), "receptive_field": ()}
STYLES = ("int", "unit", "signed")  # the simplest first: Hypothesis shrinks towards it
MAX_CHANNELS = 6
MAX_KERNEL = 6
SHORT_EXTRA = 10  # a short case's InLen - KernelSize
LONG_IN_LEN = 300
LONG_CHANNELS = 3
MAX_LAYERS = 8


def reference_path(task):
    return os.path.join(ROOT, "solutions", task + ".py")


# ---- the input lines

def text(task, case):
    """The case as the template's stdin: one repr(list) line per input line."""
    return "".join(repr(case[name]) + "\n" for name in LINES[task])


def shape_of(value):
    shape = []
    while isinstance(value, list):
        shape.append(len(value))
        value = value[0] if value else None
    return tuple(shape)


def sizes(task, case):
    """The case's sizes by name: InLen, InChannels, OutChannels, KernelSize (or Layers)."""
    if task == "receptive_field":
        return [("Layers", len(case["kernel sizes"]))]
    in_len, in_ch = shape_of(case[LINES[task][0]])
    out_ch, _, size = shape_of(case["kernel"])
    return [("InLen", in_len), ("InChannels", in_ch), ("OutChannels", out_ch),
            ("KernelSize", size)]


def describe(task, case):
    """'InLen 3, InChannels 1, OutChannels 2, KernelSize 2'."""
    return ", ".join("{} {}".format(name, size) for name, size in sizes(task, case))


def count_numbers(task, case):
    """How many numbers the case's input lines hold, the y line aside."""
    total = 0
    for name in LINES[task]:
        if name == "y":
            continue
        todo = [case[name]]
        while todo:
            value = todo.pop()
            if isinstance(value, list):
                todo.extend(value)
            else:
                total += 1
    return total


def conv_case(task, x, kernel, bias):
    """A case from its data (x), kernel and bias lines; y computed for the gradients."""
    if task == "convolve":
        return {"data": x, "kernel": kernel, "bias": bias}
    return {"x": x, "y": forward(x, kernel, bias), "kernel": kernel, "bias": bias}


def conv_parts(task, case):
    """(x, kernel, bias) of a conv case, as lists."""
    return case[LINES[task][0]], case["kernel"], case["bias"]


def forward(x, kernel, bias):
    """y for a gradient case: Y = conv1d(x, kernel) + bias by solutions/convolve.py, as ints
    when every input is an integer (the forward result is then exact), else floats."""
    import numpy as np
    y = reference_module("convolve")[GRADED_FUNCTION["convolve"]](
        np.array(x, dtype=float), np.array(kernel, dtype=float), np.array(bias, dtype=float))
    if all(_all_ints(line) for line in (x, kernel, bias)):
        return [[int(round(value)) for value in row] for row in y.tolist()]
    return y.tolist()


def _all_ints(value):
    if isinstance(value, list):
        return all(_all_ints(item) for item in value)
    return isinstance(value, int)


# ---- random cases: Hypothesis strategies

def strategy(task):
    """The Hypothesis strategy of the task's random cases (dicts of input lines)."""
    from hypothesis import strategies as st
    if task == "receptive_field":
        layer = st.tuples(st.integers(0, 12), st.integers(1, 40))  # (half kernel, dilation)
        return st.lists(layer, min_size=1, max_size=MAX_LAYERS).map(
            lambda layers: {"kernel sizes": [2 * half + 1 for half, _ in layers],
                            "dilations": [dilation for _, dilation in layers]})

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
        return conv_case(task, *lines)

    return conv_cases()


def values(style, seed, shape):
    """Nested lists of the shape: small ints, floats in [0, 1) or in [-1, 1), from seed."""
    rng = random.Random(seed)
    draw = {"int": lambda: rng.randint(-9, 9), "unit": rng.random,
            "signed": lambda: rng.uniform(-1.0, 1.0)}[style]

    def fill(shape):
        if len(shape) == 1:
            return [draw() for _ in range(shape[0])]
        return [fill(shape[1:]) for _ in range(shape[0])]

    return fill(shape)


# ---- the reference: solutions/<task>.py, in this process

_code = {}


def reference_module(task):
    """A fresh namespace of solutions/<task>.py with its definitions (main does not run):
    the script's code is compiled once and run anew each time, so nothing one case sets
    in the script's globals (the lines read, the axes seen) reaches the next."""
    if task not in _code:
        path = reference_path(task)
        with open(path, encoding="utf-8") as f:
            _code[task] = compile(f.read(), path, "exec")
    namespace = {"__name__": "convkit_reference_" + task, "__file__": reference_path(task)}
    exec(_code[task], namespace)
    return namespace


def expected(task, case):
    """What `python solutions/<task>.py` prints for the case (stdout, as text), computed in
    this process; ValueError with the script's message if it refuses the case."""
    import numpy as np
    namespace = reference_module(task)
    stdin = io.TextIOWrapper(io.BytesIO(text(task, case).encode("utf-8")), encoding="utf-8")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), _stdin(stdin), warnings.catch_warnings(), \
            np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        namespace["main"]([])
    return stdout.getvalue()


@contextlib.contextmanager
def _stdin(stream):
    import sys
    saved = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = saved


def tolerance(task, case):
    """(rtol, atol) for comparing an answer to the case's expected output.

    Different summation orders differ in the last bits, and where terms cancel an element
    near 0 differs by more than any fixed atol. So atol = 1e-9 x the largest sum of |terms|
    of any element (the reference run on the absolute values of the inputs that the answer
    sums: every input for the forward, x for the kernel gradient, the kernel for the input
    gradient), rtol 1e-9. The receptive field is an exact integer: (0, 0)."""
    if task == "receptive_field":
        return 0.0, 0.0
    import numpy as np
    functions = reference_module(task)
    x, kernel, bias = (np.abs(np.array(line, dtype=float)) for line in conv_parts(task, case))
    function = functions[GRADED_FUNCTION[task]]
    bound = function(x, kernel, bias) if task == "convolve" else function(x, None, kernel, bias)
    return 1e-9, 1e-9 * float(np.max(bound))
