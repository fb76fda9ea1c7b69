"""Receptive field: the formula against the walk-down reference, and --explain/--draw."""
import os
import time
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import SAMPLES
from convkit import reference, stack_picture
from convkit.field import LayerInfo, calculate_receptive_field
from programs import in_process, run_convkit

SVG = "{http://www.w3.org/2000/svg}"
stacks = st.lists(st.tuples(st.integers(1, 9), st.integers(1, 6), st.integers(1, 3)),
                  min_size=1, max_size=6)


@settings(max_examples=300)
@given(stacks)
def test_formula_matches_walking_down(stack):
    layers = [LayerInfo(*layer) for layer in stack]
    kernels, dilations, strides = (list(column) for column in zip(*stack))
    assert calculate_receptive_field(layers) == reference.receptive_field(
        kernels, dilations, strides)


def test_graded_layerinfo_has_two_fields_and_a_default_stride():
    layer = LayerInfo(3, 2)
    assert (layer.kernel_size, layer.dilation, layer.stride) == (3, 2, 1)
    assert calculate_receptive_field([LayerInfo(9, 2), LayerInfo(9, 3),
                                             LayerInfo(3, 4)]) == 49


def test_a_callers_own_two_field_layerinfo_works():
    import collections
    layer_info = collections.namedtuple("LayerInfo", ("kernel_size", "dilation"))
    assert calculate_receptive_field([layer_info(9, 2), layer_info(9, 3),
                                             layer_info(3, 4)]) == 49


def test_dilated_stack_corrects_the_lessons_slip():
    """Dilations 1, 2, ..., 2^(n-1), kernel 5: 1 + 4*(2^n - 1), not the lesson's 1 + 4*2^n."""
    fields = [calculate_receptive_field([LayerInfo(5, 2 ** i)
                                                for i in range(n)]) for n in range(1, 6)]
    assert fields == [5, 13, 29, 61, 125]


def input_row(err):
    """The picture's bottom row, between its bars."""
    row = [line for line in err.splitlines() if line.startswith("input")][0]
    return row[row.index("|") + 1:row.rindex("|")]


@settings(max_examples=40)
@given(stacks)
def test_drawn_span_is_the_receptive_field(stack):
    kernels, dilations, strides = (list(column) for column in zip(*stack))
    text = "{}\n{}\n{}\n".format(kernels, dilations, strides)
    status, out, err = in_process("receptive_field", text, ["--explain", "--draw"])
    assert out == in_process("receptive_field", text)[1]  # stdout as without the flags
    field = int(out)
    assert (status, field) == (0, reference.receptive_field(kernels, dilations, strides))
    row = input_row(err)
    if field <= stack_picture.DRAW_WIDTH:
        assert len(row) == field and row[0] == row[-1] == "o"
        marked = {i for i, mark in enumerate(row) if mark == "o"}
        assert marked == reference.reached_positions(kernels, dilations, strides)
    else:
        assert "..." in row and "R = {} columns; cut".format(field) in err


def test_lesson_stack_drawing_is_the_golden_one():
    with open(os.path.join(SAMPLES, "receptive_field", "01-lesson.in")) as f:
        status, out, err = run_convkit("receptive_field", f.read(), ["--explain", "--draw"])
    with open(os.path.join(os.path.dirname(__file__), "golden", "lesson_stack.txt")) as f:
        assert (status, out, err) == (0, "49\n", f.read())


def test_too_big_to_draw_still_answers():
    """The limit counts rows x R cells, not only the width: R = 30000 in two rows is drawn
    (cut at '...'), and a stack of more cells says so in one line."""
    status, out, err = in_process("receptive_field", "[30000]\n[1]\n", ["--draw"])
    assert (status, out) == (0, "30000\n")
    assert err.splitlines()[-1] == "             R = 30000 columns; cut to 119 at '...', 29884 " \
        "columns not shown"
    status, out, err = in_process("receptive_field", "[2, 2000]\n[1, 1000]\n", ["--draw"])
    assert (status, out, err) == (0, "1999002\n", "--draw: not drawn: 3 rows x R = 1999002 "
                                  "columns is 5997006 cells, more than the 1000000 it draws\n")


def test_explain_table_runs_the_sum():
    status, out, err = in_process("receptive_field", "[3, 3]\n[1, 2]\n[2, 1]\n", ["--explain"])
    assert (status, out) == (0, "11\n")
    rows = err.splitlines()
    assert rows[1].split() == "1 3 1 2 1 1 + (3-1)*1*1 = 3".split()
    assert rows[2].split() == "2 3 2 1 2 3 + (3-1)*2*2 = 11".split()


def test_deep_stack_is_not_drawn_and_costs_nothing(tmp_path):
    """19,999 layers of kernel 2 took 62 s and 533 MB and wrote 20,001 lines when only
    the width was limited; rows x R cells are limited now, for --draw and --svg alike."""
    text = "{}\n{}\n".format([2] * 19999, [1] * 19999)
    path = str(tmp_path / "deep.svg")
    start = time.perf_counter()
    status, out, err = in_process("receptive_field", text, ["--draw", "--svg", path])
    assert time.perf_counter() - start < 5
    assert (status, out) == (0, "20000\n")
    assert err == "--draw: not drawn: 20000 rows x R = 20000 columns is 400000000 cells, more" \
        " than the 1000000 it draws\n"
    assert os.path.getsize(path) < 2000 and "not drawn" in open(path).read()


def test_many_narrow_layers_are_not_drawn():
    status, out, err = in_process("receptive_field", "{}\n{}\n".format([1] * 5000, [1] * 5000),
                                   ["--draw"])
    assert (status, out, err) == (0, "1\n", "--draw: not drawn: 5000 layers, more than the "
                                  "1000 it draws\n")


def test_deep_stack_shows_its_top_and_bottom_rows():
    """41 rows: the top 8 and the bottom 8, and one line for the 25 between."""
    status, out, err = in_process("receptive_field", "{}\n{}\n".format([2] * 40, [1] * 40),
                                   ["--draw"])
    lines = err.splitlines()
    assert (status, out, len(lines)) == (0, "41\n", 8 + 1 + 8 + 1)
    assert [line.split("|")[0].strip() for line in lines[:8]] == [
        "layer {} out".format(j) for j in range(40, 32, -1)]
    assert lines[8] == "...           25 rows not shown: layer 32 out to layer 8 out"
    assert lines[16] == "input        |" + "o" * 41 + "|"
    assert lines[9].startswith("layer 7 out  |       o")


@pytest.mark.parametrize("layers", [999, 1000])
def test_drawable_deep_stack_is_quick_and_short(layers):
    """Just within the limits: 1000 x 1000 cells; the old picture wrote 1,001 lines."""
    text = "{}\n{}\n".format([2] * layers, [1] * layers)
    start = time.perf_counter()
    status, out, err = in_process("receptive_field", text, ["--draw"])
    assert time.perf_counter() - start < 5
    assert (status, len(err.splitlines())) == (0, 18 if layers == 999 else 1)


def text_cells(err, width):
    """{(level, input position): 'o' or '.'} of a --draw picture."""
    cells, half = {}, (stack_picture.DRAW_WIDTH - 3) // 2
    for line in err.splitlines():
        if "|" not in line:
            continue
        label, marks = line.split("|")[0].strip(), line[line.index("|") + 1:line.rindex("|")]
        level = 0 if label == "input" else int(label.split()[1])
        for i, mark in enumerate(marks):
            if width > stack_picture.DRAW_WIDTH and half <= i < half + 3:
                continue  # the cut
            pos = i if width <= stack_picture.DRAW_WIDTH or i < half else i - 2 * half - 3 + width
            if mark in "o.":
                cells[level, pos] = mark
    return cells


@settings(max_examples=30)
@given(st.lists(st.tuples(st.integers(1, 9), st.integers(1, 30), st.integers(1, 3)),
                min_size=1, max_size=24))
def test_svg_has_a_box_for_each_node_of_the_text_picture(tmp_path_factory, stack):
    kernels, dilations, strides = (list(column) for column in zip(*stack))
    text = "{}\n{}\n{}\n".format(kernels, dilations, strides)
    path = str(tmp_path_factory.mktemp("svg") / "stack.svg")
    status, out, err = in_process("receptive_field", text, ["--draw", "--svg", path])
    root = ElementTree.parse(path).getroot()
    assert root.get("role") == "img" and root.get("aria-labelledby") == "svg-title svg-desc"
    rects = [r for r in root.iter(SVG + "rect") if r.get("class") in ("feeds", "node")]
    if err.startswith("--draw: not drawn"):
        assert rects == [] and err[len("--draw: "):-1] in open(path).read()
        return
    boxes = {(int(r.get("data-level")), int(r.get("data-pos"))):
             "o" if r.get("class") == "feeds" else "." for r in rects}
    assert boxes == text_cells(err, int(out)) and len(boxes) == len(rects)


@pytest.mark.parametrize("layers, message", [
    ([LayerInfo(0, 1)], "got kernel_size 0"), ([LayerInfo(3.5, 1)], "got kernel_size 3.5"),
    ([LayerInfo(3, 0)], "got dilation 0"), ([LayerInfo(3, 1, 0)], "got stride 0"),
    ([LayerInfo(3, True)], "got dilation True"), ([(3, 1)], "got kernel_size None"),
])
def test_the_api_refuses_a_layer_that_is_not_one(layers, message):
    with pytest.raises(ValueError) as refused:
        calculate_receptive_field(layers)
    assert str(refused.value) == ("layer 0: expected LayerInfo(kernel_size, dilation[, stride])"
                                  " of integers >= 1, " + message)
