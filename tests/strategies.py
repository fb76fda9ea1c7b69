"""Random conv problems for property tests: shapes, flags, magnitudes 1e-6 .. 1e6.

Every corner of the geometry is a deliberate target, not left to chance: a problem is
drawn from one of a few recipes, picked uniformly, so each test meets each corner in about
one example in eight (one in five without flags), and `corner_examples` adds the classic
corners as explicit examples to every test. Which examples a derandomized test draws
depends on the test's own source text, so a corner that is merely possible may never come
up in a given test: an even-span 'same' padding once came up in no example of the forward
test, and a one-row shift of 'same' passed it.
"""
import numpy as np
from hypothesis import example
from hypothesis import strategies as st

from convkit import reference

# (dilation, KernelSize) pairs whose span = dilation*(KernelSize-1) + 1 is odd (> 1) or even:
# 'same' splits span-1 zeros evenly for an odd span, and puts the odd one on the right.
ODD_SPANS = [(d, k) for d in (1, 2, 3) for k in range(2, 7) if d * (k - 1) % 2 == 0]
EVEN_SPANS = [(d, k) for d in (1, 2, 3) for k in range(2, 7) if d * (k - 1) % 2 == 1]
FLAG_RECIPES = ("any", "same, odd span", "same, even span", "stride with a remainder",
                "stride past the span", "dilation fills the input", "padding past the span",
                "one tap")
GRADED_RECIPES = ("any", "one tap", "kernel as long as the input", "few outputs, many taps",
                  "long input")


def problem(in_len, in_ch, out_ch, size, stride=1, padding=0, dilation=1, seed=0, scale=1.0,
            integers=False):
    """A dict with x, kernel, bias, g (upstream gradient) and geometry (stride, padding,
    dilation), the values drawn from RandomState(seed): integers -9..9, or uniform floats
    in (-scale, scale)."""
    rng = np.random.RandomState(seed)

    def values(*shape):
        if integers:
            return rng.randint(-9, 10, shape).astype(float)
        return rng.uniform(-1, 1, shape) * scale

    out_len = reference.out_length(in_len, size, stride, padding, dilation)
    assert out_len >= 1, "a problem with no output"
    return dict(x=values(in_len, in_ch), kernel=values(out_ch, in_ch, size),
                bias=values(out_ch), g=values(out_len, out_ch),
                geometry=dict(stride=stride, padding=padding, dilation=dilation))


def flag_geometry(draw, recipe):
    """(in_len, size, stride, padding, dilation) for one of FLAG_RECIPES."""
    stride, padding, dilation = 1, 0, 1
    if recipe in ("same, odd span", "same, even span"):
        # Inputs from half the span to 12 rows past it: every output row of an even span
        # moves if the odd zero goes to the wrong side.
        padding = "same"
        dilation, size = draw(st.sampled_from(ODD_SPANS if "odd" in recipe else EVEN_SPANS))
        span = dilation * (size - 1) + 1
        return draw(st.integers(max(2, span // 2), span + 12)), size, stride, padding, dilation
    if recipe == "stride with a remainder":  # InLen + pads - span not a multiple of stride
        stride, dilation, size = draw(st.integers(2, 4)), draw(st.integers(1, 3)), draw(
            st.integers(1, 6))
        padding = draw(st.sampled_from([0, 1, 2, 3, "valid"]))
        left, right = reference.padding_amounts(0, size, stride, padding, dilation)
        rest = dilation * (size - 1) + 1 - left - right + draw(st.integers(1, stride - 1))
        while rest < 1:
            rest += stride
        return rest + stride * draw(st.integers(0, 5)), size, stride, padding, dilation
    if recipe == "stride past the span":  # rows between the windows that no tap reads
        dilation, size = draw(st.integers(1, 2)), draw(st.integers(1, 3))
        span = dilation * (size - 1) + 1
        stride = span + draw(st.integers(1, 3))
        padding = draw(st.sampled_from([0, 1, 2, "valid"]))
        left, right = reference.padding_amounts(0, size, stride, padding, dilation)
        return (draw(st.integers(max(1, span - left - right), span + 3 * stride)), size,
                stride, padding, dilation)
    if recipe == "dilation fills the input":  # span = the padded input, or nearly: OutLen 1-2
        dilation, size, stride = draw(st.integers(2, 4)), draw(st.integers(2, 5)), draw(
            st.integers(1, 3))
        padding = draw(st.sampled_from([0, 1, "valid"]))
        left, right = reference.padding_amounts(0, size, stride, padding, dilation)
        in_len = dilation * (size - 1) + 1 - left - right + draw(st.integers(0, stride))
        return max(1, in_len), size, stride, padding, dilation
    if recipe == "padding past the span":  # output rows that see nothing but zeros
        dilation, size, stride = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(
            st.integers(1, 3))
        span = dilation * (size - 1) + 1
        padding = span + draw(st.integers(1, 3))
        return draw(st.integers(1, span + 6)), size, stride, padding, dilation
    # "any" and "one tap": every flag at random
    size = 1 if recipe == "one tap" else draw(st.integers(1, 6))
    stride, dilation = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    padding = draw(st.sampled_from([0, 1, 2, 3, "valid"] + (["same"] if stride == 1 else [])))
    left, right = reference.padding_amounts(0, size, stride, padding, dilation)
    span = dilation * (size - 1) + 1
    return (draw(st.integers(max(1, span - left - right), span + 12)), size, stride, padding,
            dilation)


def graded_geometry(draw, recipe):
    """(in_len, size) for one of GRADED_RECIPES: stride 1, no padding, dilation 1."""
    if recipe == "one tap":
        return draw(st.integers(1, 13)), 1
    if recipe == "kernel as long as the input":  # OutLen 1
        size = draw(st.integers(1, 8))
        return size, size
    if recipe == "few outputs, many taps":  # OutLen < KernelSize - 1: window_sums' blocks
        size = draw(st.integers(4, 8))
        return size + draw(st.integers(0, size - 3)), size
    if recipe == "long input":  # OutLen far past KernelSize
        return draw(st.integers(20, 60)), draw(st.integers(1, 4))
    size = draw(st.integers(1, 6))
    return draw(st.integers(size, size + 12)), size


@st.composite
def conv_problems(draw, flags=True):
    """A problem() dict; without flags the geometry is the graded one (1, 0, 1)."""
    in_ch = draw(st.integers(1, 4))
    out_ch = draw(st.integers(1, 4))
    if flags:
        recipe = draw(st.sampled_from(FLAG_RECIPES))
        in_len, size, stride, padding, dilation = flag_geometry(draw, recipe)
    else:
        recipe = draw(st.sampled_from(GRADED_RECIPES))
        (in_len, size), stride, padding, dilation = graded_geometry(draw, recipe), 1, 0, 1
    p = problem(in_len, in_ch, out_ch, size, stride, padding, dilation,
                seed=draw(st.integers(0, 2 ** 32 - 1)), scale=10.0 ** draw(st.integers(-6, 6)),
                integers=draw(st.booleans()))
    p["recipe"] = recipe  # shown with a failing example
    return p


# The classic corners, as (in_len, in_ch, out_ch, size, stride, padding, dilation).
FLAG_CORNERS = [
    (9, 2, 3, 4, 1, "same", 1),  # even span: the odd zero on the right, every row shows it
    (7, 1, 1, 2, 1, "same", 3),  # even span by dilation (4), one channel in and out
    (8, 2, 1, 3, 1, "same", 2),  # odd span (5): two zeros each side
    (12, 2, 2, 3, 3, 1, 1),  # stride with a remainder: (12 + 2 - 3) % 3 = 2 rows unread
    (11, 3, 2, 2, 4, "valid", 1),  # stride 4 past span 2: two rows of each four unread
    (7, 2, 2, 3, 2, 1, 4),  # span 9 = the padded input: OutLen 1
    (5, 3, 2, 5, 1, 0, 1),  # KernelSize = InLen: OutLen 1
    (3, 1, 2, 2, 2, 4, 1),  # padding 4 past span 2: outputs of nothing but the bias
    (6, 1, 3, 1, 2, 1, 3),  # one tap, dilation ignored
]
GRADED_CORNERS = [
    (6, 1, 1, 1, 1, 0, 1),  # one tap, one channel in and out
    (5, 3, 2, 5, 1, 0, 1),  # KernelSize = InLen: OutLen 1
    (7, 2, 3, 6, 1, 0, 1),  # OutLen 2 < KernelSize - 1
    (30, 2, 2, 3, 1, 0, 1),  # OutLen 28, far past KernelSize
]


def corner_examples(flags=True, *more):
    """Decorate a @given test with an explicit example for each classic corner (fresh
    arrays for each test); `more` are the test's other arguments, after the problem."""
    corners = FLAG_CORNERS if flags else GRADED_CORNERS

    def decorate(test):
        for i, corner in enumerate(reversed(corners)):  # run in the order listed
            test = example(problem(*corner, seed=len(corners) - 1 - i), *more)(test)
        return test
    return decorate
