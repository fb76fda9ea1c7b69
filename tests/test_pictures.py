"""--draw and --svg FILE of the three conv commands (`python -m convkit NAME`, here mostly
in this process; convkit.conv_picture): golden pictures, the picture against the formula
Xpad[p*stride + k*dilation] (reference.tap_reads), the SVG against the text picture,
stdout untouched, bad --svg paths, and bounded work on huge inputs."""
import os
import re
import time
import tracemalloc
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases import ROOT, SAMPLES
from convkit import reference
from convkit.conv_picture import conv_grid, conv_picture, conv_svg, conv_text
from convkit.svg import write_svg, xml_escape
from convkit.tasks import TASKS
from programs import CONV, GRADED, in_process

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
SVG = "{http://www.w3.org/2000/svg}"


def read(path):
    with open(path) as f:
        return f.read()


def grad_text(x, out_len, kernel):
    """The gradient commands' input: x, a y of the right length, the kernel, a zero bias."""
    return "{}\n{}\n{}\n{}\n".format(x, [[0]] * out_len, kernel, [0] * len(kernel))


# command, stdin, flags, golden file (the stderr of --draw, checked by eye when written)
GOLDEN_CASES = [
    ("convolve", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n[1, 10, 100]\n",
     ["--stride", "2", "--padding", "1", "--dilation", "2"], "draw_stride2_pad1_dil2.txt"),
    ("convolve", "[1, 2, 3, 4, 5, 6]\n[1, 2, 3, 4]\n", ["--padding", "same"],
     "draw_same_even_kernel.txt"),
    ("input_grad", grad_text([[1]] * 11, 4, [[[1, 2]]]), ["--stride", "3"],
     "draw_stride3_skipped_rows.txt"),
    ("kernel_grad", grad_text([[i] for i in range(1000)], 998, [[[1, 2, 3]]]), [],
     "draw_elided_long_input.txt"),
    ("convolve", "{}\n[1, 2, 3]\n".format(list(range(50))), ["--dilation", "20"],
     "draw_dilation_gaps.txt"),
]


@pytest.mark.parametrize("script, text, flags, golden", GOLDEN_CASES,
                         ids=[case[3] for case in GOLDEN_CASES])
def test_golden_picture(script, text, flags, golden):
    plain = in_process(script, text, flags)
    status, out, err = in_process(script, text, flags + ["--draw"])
    assert (status, out) == (0, plain[1])  # stdout byte for byte the answer
    assert err == read(os.path.join(GOLDEN, golden))


# ---- reading a text picture back


def parse_text(err):
    """The grid of a --draw picture: Xpad columns (None for '...'), the X row's labels,
    the output rows drawn, their marks {(p, Xpad row): tap} and dots {(p, Xpad row)},
    the columns marked unread, the elision line, and the lines around the grid."""
    lines = err.splitlines()
    top = [i for i, line in enumerate(lines) if line.startswith("Xpad ")][0]
    ends = [m.end() for m in re.finditer(r"\S+", lines[top])][1:]  # right-aligned columns
    columns = [None if m.group() == "..." else int(m.group())
               for m in list(re.finditer(r"\S+", lines[top]))[1:]]
    at = dict(zip(ends, columns, strict=True))
    x_labels, rows, marks, dots, unread, elision = {}, [], {}, set(), set(), None
    i = top + 1  # the X row, then output rows, the elision line and 'unread', if any
    while i < len(lines) and (i == top + 1 or re.match(r"(Y\[|unread|\.\.\. )", lines[i])):
        line = lines[i]
        tokens = [] if line.startswith("...") else [
            (at[m.end()], m.group()) for m in re.finditer(r"\S+", line) if m.start() > 0]
        if i == top + 1:
            x_labels = {c: label for c, label in tokens if c is not None}
        elif line.startswith("Y["):
            p = int(line[2:line.index("]")])
            rows.append(p)
            for c, token in tokens:
                if token.startswith("k"):
                    marks[p, c] = int(token[1:])
                elif token == ".":
                    dots.add((p, c))
        elif line.startswith("unread"):
            unread = {c for c, token in tokens if token == "x"}
        else:
            elision = line
        i += 1
    return dict(columns=columns, x_labels=x_labels, rows=rows, marks=marks, dots=dots,
                unread=unread, elision=elision, caption=" ".join(lines[top - 2:top]),
                notes=lines[i:])


def check_picture(picture, in_len, size, stride, padding, dilation):
    """Everything the picture says, against the formula written out in the test."""
    left, right = reference.padding_amounts(in_len, size, stride, padding, dilation)
    out_len = reference.out_length(in_len, size, stride, padding, dilation)
    reads = reference.tap_reads(in_len, size, stride, padding, dilation)
    columns, rows = picture["columns"], picture["rows"]
    drawn = [c for c in columns if c is not None]
    # the Xpad rows drawn run from the first to the last, in order, '...' only over gaps
    assert drawn[0] == 0 and drawn[-1] == left + in_len + right - 1
    for a, b in zip(columns, columns[1:], strict=False):
        assert (a is None) != (b is None) or b == a + 1
    for a, gap, b in zip(columns, columns[1:], columns[2:], strict=False):
        assert gap is not None or b > a + 1
    # the first and last output rows; the rows between are all there or said to be left out
    assert rows[0] == 0 and rows[-1] == out_len - 1 and rows == sorted(set(rows))
    if len(rows) < out_len:
        assert "{} output rows not shown".format(out_len - len(rows)) in picture["elision"]
        assert len(rows) <= 8
    else:
        assert picture["elision"] is None
    # the cells marked are exactly the (output, tap) -> Xpad row pairs of the formula
    assert picture["marks"] == {(p, c): k for (p, k), c in reads.items()
                                if p in rows and c in drawn}
    span = dilation * (size - 1) + 1
    assert picture["dots"] == {(p, c) for p in rows for c in drawn
                               if p * stride <= c < p * stride + span
                               and (c - p * stride) % dilation}
    # padding cells, X rows, and the X rows that no output reads (never a padding cell)
    assert picture["x_labels"] == {c: str(c - left) if left <= c < left + in_len else "pad"
                                   for c in drawn}
    never = {c for c in range(left, left + in_len)} - set(reads.values())
    assert picture["unread"] == never & set(drawn)
    said = [note for note in picture["notes"] if note.startswith("x: ")]
    assert said == ([] if not never else [said[0]])
    if never:
        assert said[0].startswith("x: {} of the {} X rows".format(len(never), in_len))
    assert picture["caption"].startswith("InLen {}, padding ".format(in_len))
    assert "{} left {} right, KernelSize {}, stride {}, dilation {} OutLen = ".format(
        left, right, size, stride, dilation) in picture["caption"]
    assert picture["caption"].endswith(" = {}".format(out_len))


@st.composite
def geometries(draw):
    """Shapes and flags, small enough for the loops of the reference, long enough for
    rows to be left out (OutLen > 12) and for '...' columns."""
    size = draw(st.integers(1, 20))
    stride = draw(st.sampled_from([1, 1, 2, 3, 5]))
    dilation = draw(st.sampled_from([1, 1, 2, 3, 7]))
    padding = draw(st.sampled_from([0, 1, 2, 9, "valid"] + (["same"] * 3 if stride == 1 else [])))
    left, right = reference.padding_amounts(0, size, stride, padding, dilation)
    span = dilation * (size - 1) + 1
    in_len = draw(st.integers(max(1, span - left - right), span + 60))
    return in_len, size, stride, padding, dilation


def text_picture(script, in_len, size, stride, padding, dilation):
    pic = conv_picture(in_len, size, stride, padding, dilation)
    grid = conv_grid(pic)
    return pic, grid, conv_text(pic, grid, TASKS[script])


@given(geometries(), st.sampled_from(CONV))
def test_picture_marks_exactly_the_formulas_cells(geometry, script):
    check_picture(parse_text(text_picture(script, *geometry)[2]), *geometry)


@pytest.mark.parametrize("geometry", [(7, 3, 1, 0, 1), (10, 3, 2, 1, 2), (6, 4, 1, "same", 1),
                                      (11, 2, 3, 0, 1), (200, 5, 1, 0, 1), (50, 3, 1, 0, 20)])
def test_picture_checks_hold_end_to_end(geometry):
    """The same checks on what the commands print, for a few geometries."""
    in_len, size, stride, padding, dilation = geometry
    flags = ["--stride", str(stride), "--padding", str(padding), "--dilation", str(dilation)]
    x, kernel = [[1]] * in_len, [[[1] * size]]
    out_len = reference.out_length(in_len, size, stride, padding, dilation)
    for script in CONV:
        text = "{}\n{}\n".format(x, kernel) if script == "convolve" else grad_text(
            x, out_len, kernel)
        status, out, err = in_process(script, text, flags + ["--draw"])
        assert status == 0 and out == in_process(script, text, flags)[1]
        check_picture(parse_text(err), *geometry)


# ---- the SVG against the text picture


def svg_cells(path):
    """The SVG's cells: {Xpad row: class} of the X row, {(p, Xpad row): tap}, and how
    many <rect> cells in all; also checks what any SVG must have."""
    root = ElementTree.parse(path).getroot()  # valid XML
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    assert root.get("viewBox") == "0 0 {} {}".format(root.get("width"), root.get("height"))
    assert root.get("aria-labelledby") == "svg-title svg-desc"
    assert root.find(SVG + "title").get("id") == "svg-title" and root.find(SVG + "title").text
    assert root.find(SVG + "desc").get("id") == "svg-desc" and root.find(SVG + "desc").text
    assert all(element.tag != SVG + "script" for element in root.iter())
    rects = [r for r in root.iter(SVG + "rect") if r.get("class") not in ("background",
                                                                           "legend")]
    inputs = {int(r.get("data-col")): r.get("class") for r in rects if r.get("class") != "tap"}
    taps = {(int(r.get("data-row")), int(r.get("data-col"))): int(r.get("data-tap"))
            for r in rects if r.get("class") == "tap"}
    texts = [t.text for t in root.iter(SVG + "text")]
    return inputs, taps, len(rects), texts


@given(geometries(), st.sampled_from(CONV))
def test_svg_has_one_box_per_cell_of_the_text_picture(tmp_path_factory, geometry, script):
    pic, grid, text = text_picture(script, *geometry)
    path = str(tmp_path_factory.mktemp("svg") / "picture.svg")
    write_svg(path, conv_svg(pic, grid, TASKS[script]))
    inputs, taps, count, texts = svg_cells(path)
    picture = parse_text(text)
    drawn = [c for c in picture["columns"] if c is not None]
    assert inputs == {c: "pad" if picture["x_labels"][c] == "pad" else
                      "input unread" if c in picture["unread"] else "input" for c in drawn}
    assert taps == picture["marks"]
    assert count == len(drawn) + len(picture["marks"])
    for k in set(taps.values()):
        assert "k{}".format(k) in texts  # the tap's number, not only its colour
    for note in picture["notes"]:
        assert note in texts


def test_svg_escapes_text():
    assert xml_escape('a < b & "c" > d \u00b7') == \
        "a &lt; b &amp; &quot;c&quot; &gt; d &#183;"


# ---- the command line: stdout untouched, --svg errors


@pytest.mark.parametrize("script", CONV)
def test_draw_svg_and_explain_together_leave_stdout_alone(script, tmp_path):
    text = read(os.path.join(SAMPLES, script, "01-lesson.in"))
    plain = in_process(script, text)
    explained = in_process(script, text, ["--explain"])
    drawn = in_process(script, text, ["--draw"])
    path = str(tmp_path / "lesson.svg")
    status, out, err = in_process(script, text, ["--explain", "--draw", "--svg", path])
    assert (status, out) == (0, plain[1])
    assert err == explained[2] + drawn[2]  # the work, then the picture
    assert in_process(script, text, ["--svg", path])[1:] == (plain[1], "")
    ElementTree.parse(path)


@pytest.mark.parametrize("script", GRADED)
def test_svg_that_cannot_be_written_is_one_line_and_no_answer(script, tmp_path):
    text = read(os.path.join(SAMPLES, script, "01-lesson.in"))
    for path in (str(tmp_path / "no" / "such" / "dir.svg"), str(tmp_path), ""):
        status, out, err = in_process(script, text, ["--draw", "--explain", "--svg", path])
        assert (status, out) == (1, "")
        assert err.startswith("convkit {}: --svg {}: {}".format(script, path, (
            "give a regular file other than stdin's and stdout's" if path == str(tmp_path)
            else "cannot write it: ")))
        assert err.count("\n") == 1


@pytest.mark.parametrize("script", GRADED)
def test_bad_svg_flag_is_one_line_and_exit_2(script):
    text = read(os.path.join(SAMPLES, script, "01-lesson.in"))
    status, out, err = in_process(script, text, ["--svg"])
    assert (status, out, err.count("\n")) == (2, "", 1)
    assert err.startswith("convkit {}: error: argument --svg: expected one argument".format(
        script))
    status, out, err = in_process(script, text, ["--svg", "-"])
    assert (status, out, err.count("\n")) == (2, "", 1)
    assert "stdout holds the answer" in err


# ---- bounded work, however big the input or the flags


@pytest.mark.parametrize("geometry", [
    (10 ** 6, 5, 1, 0, 1), (10 ** 6, 3, 7, 3, 1000),
    (10 ** 6, 40, 1, "same", 3), (5, 3, 1, 10 ** 6, 1), (10 ** 6, 2, 10 ** 6 - 1, 0, 1),
    (10 ** 6, 20000, 1, 0, 50), (3, 2, 10 ** 12, 10 ** 6, 10 ** 6)])
def test_pictures_of_huge_inputs_take_bounded_time_and_memory(geometry, tmp_path):
    """Neither picture allocates anything the size of InLen, the padding or K x InLen:
    a few MB, and seconds at most, here as in-process numbers."""
    task = TASKS["input_grad"]
    tracemalloc.start()
    start = time.perf_counter()
    pic = conv_picture(*geometry)
    grid = conv_grid(pic)
    text = conv_text(pic, grid, task)
    svg = conv_svg(pic, grid, task)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 3 and peak < 4 * 2 ** 20  # ~0.03 s when the machine is idle; 3 s
    # leaves room for a loaded one, and an unbounded drawing of 10**6 rows takes minutes
    assert len(text.splitlines()) <= 20 and len(text) < 20000 and len(svg) < 400000
    path = str(tmp_path / "big.svg")
    write_svg(path, svg)
    svg_cells(path)


def test_readme_pictures_are_what_the_commands_draw(tmp_path):
    """docs/*.svg, shown in the README, regenerated (as make pictures does) byte for byte."""
    import sys
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import pictures
    for name in pictures.generate(str(tmp_path)):
        assert read(os.path.join(str(tmp_path), name)) == read(os.path.join(ROOT, "docs", name))
