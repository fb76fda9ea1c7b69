"""Receptive field: the formula against the walk-down reference, and --explain/--draw."""
import os

from hypothesis import given, settings
from hypothesis import strategies as st

import reference
import scripts
from cases import SAMPLES

module = scripts.load("receptive_field")
stacks = st.lists(st.tuples(st.integers(1, 9), st.integers(1, 6), st.integers(1, 3)),
                  min_size=1, max_size=6)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(stacks)
def test_formula_matches_walking_down(stack):
    layers = [module.LayerInfo(*layer) for layer in stack]
    kernels, dilations, strides = (list(column) for column in zip(*stack))
    assert module.calculate_receptive_field(layers) == reference.receptive_field(
        kernels, dilations, strides)


def test_graded_layerinfo_has_two_fields_and_a_default_stride():
    layer = module.LayerInfo(3, 2)
    assert (layer.kernel_size, layer.dilation, layer.stride) == (3, 2, 1)
    assert module.calculate_receptive_field([module.LayerInfo(9, 2), module.LayerInfo(9, 3),
                                             module.LayerInfo(3, 4)]) == 49


def test_a_callers_own_two_field_layerinfo_works():
    import collections
    layer_info = collections.namedtuple("LayerInfo", ("kernel_size", "dilation"))
    assert module.calculate_receptive_field([layer_info(9, 2), layer_info(9, 3),
                                             layer_info(3, 4)]) == 49


def test_dilated_stack_corrects_the_lessons_slip():
    """Dilations 1, 2, ..., 2^(n-1), kernel 5: 1 + 4*(2^n - 1), not the lesson's 1 + 4*2^n."""
    fields = [module.calculate_receptive_field([module.LayerInfo(5, 2 ** i)
                                                for i in range(n)]) for n in range(1, 6)]
    assert fields == [5, 13, 29, 61, 125]


def input_row(err):
    """The picture's bottom row, between its bars."""
    row = [line for line in err.splitlines() if line.startswith("input")][0]
    return row[row.index("|") + 1:row.rindex("|")]


@settings(max_examples=40, derandomize=True, deadline=None)
@given(stacks)
def test_drawn_span_is_the_receptive_field(stack):
    kernels, dilations, strides = (list(column) for column in zip(*stack))
    text = "{}\n{}\n{}\n".format(kernels, dilations, strides)
    status, out, err = scripts.run("receptive_field", text, ["--explain", "--draw"])
    assert out == scripts.run("receptive_field", text)[1]  # stdout as without the flags
    field = int(out)
    assert (status, field) == (0, reference.receptive_field(kernels, dilations, strides))
    row = input_row(err)
    if field <= module.DRAW_WIDTH:
        assert len(row) == field and row[0] == row[-1] == "o"
        marked = {i for i, mark in enumerate(row) if mark == "o"}
        assert marked == reference.reached_positions(kernels, dilations, strides)
    else:
        assert "..." in row and "R = {} columns; cut".format(field) in err


def test_lesson_stack_drawing_is_the_golden_one():
    with open(os.path.join(SAMPLES, "receptive_field", "01-lesson.in")) as f:
        status, out, err = scripts.run("receptive_field", f.read(), ["--explain", "--draw"])
    with open(os.path.join(os.path.dirname(__file__), "golden", "lesson_stack.txt")) as f:
        assert (status, out, err) == (0, "49\n", f.read())


def test_too_big_to_draw_still_answers():
    """The limit counts rows x R cells, not only the width: R = 30000 in two rows is drawn
    (cut at '...'), and a stack of more cells says so in one line."""
    status, out, err = scripts.run("receptive_field", "[30000]\n[1]\n", ["--draw"])
    assert (status, out) == (0, "30000\n")
    assert err.splitlines()[-1] == "             R = 30000 columns; cut to 119 at '...', 29884 " \
        "columns not shown"
    status, out, err = scripts.run("receptive_field", "[2, 2000]\n[1, 1000]\n", ["--draw"])
    assert (status, out, err) == (0, "1999001\n", "--draw: not drawn: 3 rows x R = 1999001 "
                                  "columns is 5997003 cells, more than the 1000000 it draws\n")


def test_explain_table_runs_the_sum():
    status, out, err = scripts.run("receptive_field", "[3, 3]\n[1, 2]\n[2, 1]\n", ["--explain"])
    assert (status, out) == (0, "11\n")
    rows = err.splitlines()
    assert rows[1].split() == "1 3 1 2 1 1 + (3-1)*1*1 = 3".split()
    assert rows[2].split() == "2 3 2 1 2 3 + (3-1)*2*2 = 11".split()
