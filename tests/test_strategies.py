"""The property tests' problems reach every corner of the geometry on purpose: each recipe
of tests/strategies.py gives the corner it names, and the explicit examples that every
property test carries cover all the corners between them."""
from hypothesis import given, settings

import strategies
from convkit import reference
from strategies import conv_problems, problem


def corners(p):
    """The names of the corners that problem p is in."""
    g = p["geometry"]
    (in_len, in_ch), (out_ch, _, size) = p["x"].shape, p["kernel"].shape
    stride, padding, dilation = g["stride"], g["padding"], g["dilation"]
    span = dilation * (size - 1) + 1
    left, right = reference.padding_amounts(in_len, size, stride, padding, dilation)
    out_len = reference.out_length(in_len, size, stride, padding, dilation)
    named = {
        "same, odd span": padding == "same" and span % 2 == 1 and span > 1 and in_len >= 2,
        "same, even span": padding == "same" and span % 2 == 0 and in_len >= 2,
        "stride with a remainder": stride > 1 and (in_len + left + right - span) % stride != 0,
        "stride past the span": stride > span,
        "dilation fills the input": dilation > 1 and size > 1 and
        0 <= in_len + left + right - span <= stride,  # OutLen 1, or 2 at most
        "padding past the span": padding not in ("same", "valid") and padding > span,
        "one tap": size == 1,
        "kernel as long as the input": size == in_len and left + right == 0,
        "few outputs, many taps": out_len < size - 1,
        "long input": out_len >= 16 and out_len > 4 * size,
        "one channel": in_ch == 1 and out_ch == 1,
        "several channels": in_ch > 1 and out_ch > 1,
    }
    return {name for name, hit in named.items() if hit}


def test_explicit_examples_cover_every_corner():
    flagged = set().union(*(corners(problem(*corner)) for corner in strategies.FLAG_CORNERS))
    assert flagged >= set(strategies.FLAG_RECIPES[1:]) | {"one channel", "several channels"}
    graded = set().union(*(corners(problem(*corner)) for corner in strategies.GRADED_CORNERS))
    assert graded >= set(strategies.GRADED_RECIPES[1:]) | {"one channel", "several channels"}
    assert all(problem(*corner)["geometry"] == dict(stride=1, padding=0, dilation=1)
               for corner in strategies.GRADED_CORNERS)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(conv_problems())
def test_each_flag_recipe_gives_its_corner(p):
    assert p["recipe"] in strategies.FLAG_RECIPES
    assert p["recipe"] == "any" or p["recipe"] in corners(p)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(conv_problems(flags=False))
def test_each_graded_recipe_gives_its_corner(p):
    assert p["geometry"] == dict(stride=1, padding=0, dilation=1)
    assert p["recipe"] == "any" or p["recipe"] in corners(p)
