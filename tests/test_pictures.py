"""--draw and --svg FILE of the three conv commands (`python -m convkit NAME`, here mostly
in this process; convkit.conv_picture, convkit.grad_picture): golden pictures, the forward
picture against the formula Xpad[p*stride + k*dilation] (reference.tap_reads), each
gradient's picture against what it sums (plain loops here), the SVG against the text
picture, every kind of SVG through a real renderer (MuPDF, pinned in requirements-dev.txt:
its size, every text inside it, not mostly empty), stdout untouched, bad --svg paths, and
bounded work on huge inputs."""
import os
import re
import time
import tracemalloc
import xml.etree.ElementTree as ElementTree

import pymupdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases import ROOT, SAMPLES
from convkit import grad_picture, reference
from convkit.conv_picture import conv_grid, conv_picture, conv_svg, conv_text
from convkit.svg import case_svg, write_case_svg, write_svg, xml_escape
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
    ("kernel_grad", grad_text([[i] for i in range(1, 11)], 4, [[[1, 10, 100]]]),
     ["--stride", "2", "--padding", "1", "--dilation", "2"], "draw_kernel_grad_spd.txt"),
    ("input_grad", grad_text([[i] for i in range(1, 11)], 4, [[[1, 10, 100]]]),
     ["--stride", "2", "--padding", "1", "--dilation", "2"], "draw_input_grad_spd.txt"),
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
    status, out, err = in_process("convolve", "{}\n{}\n".format(x, kernel), flags + ["--draw"])
    assert status == 0 and out == in_process("convolve", "{}\n{}\n".format(x, kernel), flags)[1]
    check_picture(parse_text(err), *geometry)
    for script in ("kernel_grad", "input_grad"):  # their own pictures, checked below
        text = grad_text(x, out_len, kernel)
        status, out, err = in_process(script, text, flags + ["--draw"])
        assert status == 0 and out == in_process(script, text, flags)[1]
        check_grad_picture(script, err, *geometry)


# ---- the gradients' pictures against what each gradient sums


def parse_grad_text(err):
    """The grid of a gradient's --draw picture: {label: {Xpad column: cell}} per grid line
    (the lines of a stack of input_grad keyed 'read by', 'read by 1', ...), the Xpad columns
    (None for '...'), and the lines after the grid."""
    lines = err.splitlines()
    top = [i for i, line in enumerate(lines) if line.startswith("Xpad ")][0]
    found = list(re.finditer(r"\S+", lines[top]))[1:]
    columns = [None if m.group() == "..." else int(m.group()) for m in found]
    at = {m.end(): c for m, c in zip(found, columns, strict=True)}
    grid, i, stack = {}, top + 1, 0
    while i < len(lines) and re.match(r"(X |k\d+ |read by |terms |\s|\.\.\.\s+taps? k)", lines[i]):
        line = lines[i]
        label = re.match(r"(X|k\d+|read by|terms|\.\.\.|)", line).group()
        if label == "":
            stack += 1
            label = "read by {}".format(stack)
        grid[label] = {at[m.end()]: m.group() for m in re.finditer(r"\S+", line)
                       if m.start() >= len(label) and m.end() in at and label != "..."
                       and at[m.end()] is not None}  # not the '...' columns
        i += 1
    return grid, columns, lines[i:]


def sum_text(terms):
    return "0" if not terms else " + ".join(terms) if len(terms) <= 8 else " + ".join(
        terms[:3] + ["..."] + terms[-2:])


def count_text(count):
    return "no term" if not count else "1 term" if count == 1 else "{} terms".format(count)


def check_grad_picture(script, err, in_len, size, stride, padding, dilation):
    """A gradient's picture against plain loops over p and k: for kernel_grad, under tap k
    the X rows Xpad[p*s + k*d] marked with their p, and dK[:, :, k]'s terms; for
    input_grad, under each Xpad row c the pairs (p, k) with p*s + k*d = c, their count, and
    dX[j]'s terms."""
    left, right = reference.padding_amounts(in_len, size, stride, padding, dilation)
    out_len = reference.out_length(in_len, size, stride, padding, dilation)
    grid, columns, notes = parse_grad_text(err)
    drawn = [c for c in columns if c is not None]
    assert drawn[0] == 0 and drawn[-1] == left + in_len + right - 1
    assert grid["X"] == {c: str(c - left) if left <= c < left + in_len else "pad" for c in drawn}
    rows = range(out_len) if out_len <= 12 else list(range(4)) + list(range(out_len - 4, out_len))
    taps = range(size) if size <= 16 else list(range(8)) + list(range(size - 8, size))
    if script == "kernel_grad":
        assert [label for label in grid if label.startswith("k")] == [
            "k{}".format(k) for k in taps]
        assert ("..." in grid) == (size > 16)
        for k in taps:
            marks = {c: cell for c, cell in grid["k{}".format(k)].items() if c is not None}
            assert marks == {p * stride + k * dilation: "p{}".format(p) for p in rows}
            summed, pads = [], 0
            for p in range(out_len):
                j = p * stride + k * dilation - left
                if 0 <= j < in_len:
                    summed.append("G[{}]*X[{}]".format(p, j))
                else:
                    pads += 1
            line = "dK[:, :, {}] = {}   ({}{})".format(k, sum_text(summed), count_text(
                len(summed)), "; {} padding zero{} 0".format(pads, " adds" if pads == 1 else
                                                            "s add") if pads else "")
            assert line in notes
        return
    pairs = {}
    for p in range(out_len):
        for k in range(size):
            pairs.setdefault(p * stride + k * dilation, []).append((p, k))
    stack = [label for label in grid if label.startswith("read by")]
    for c in drawn:
        read = sorted(pairs.get(c, []))
        cells = [grid[label].get(c) for label in stack]
        want = ["p{}k{}".format(p, k) for p, k in read]
        if len(want) > 6:
            want = want[:5] + ["+{}".format(len(read) - 5)]
        assert [cell for cell in cells if cell] == want
        assert grid["terms"][c] == (str(len(read)) if left <= c < left + in_len else "-")
    x_rows = [c for c in drawn if left <= c < left + in_len]
    if len(x_rows) > 8:
        x_rows = x_rows[:4] + x_rows[-4:]
    for c in x_rows:
        read = sorted(pairs.get(c, []))
        terms = ["G[{}]*W[{}]".format(p, k) for p, k in read]
        text = " + ".join(terms[:3] + ["..."] + terms[-1:]) if len(terms) > 8 else sum_text(terms)
        assert "dX[{}] = {}   ({})".format(c - left, text, count_text(len(read))) in notes


@given(geometries(), st.sampled_from(["kernel_grad", "input_grad"]))
def test_gradient_pictures_show_what_each_gradient_sums(geometry, script):
    pic = conv_picture(*geometry)
    text = grad_picture.grad_text(pic, grad_picture.grad_grid(pic, script), script)
    check_grad_picture(script, text, *geometry)


@given(geometries(), st.sampled_from(["kernel_grad", "input_grad"]))
def test_gradient_svg_has_a_box_for_each_mark_of_the_text_picture(tmp_path_factory, geometry,
                                                                 script):
    pic = conv_picture(*geometry)
    grid = grad_picture.grad_grid(pic, script)
    path = str(tmp_path_factory.mktemp("svg") / "picture.svg")
    write_svg(path, grad_picture.grad_svg(pic, grid, script))
    root = ElementTree.parse(path).getroot()
    terms = {(int(r.get("data-row")), int(r.get("data-tap")), int(r.get("data-col")))
             for r in root.iter(SVG + "rect") if r.get("class") == "term"}
    parsed, columns, notes = parse_grad_text(grad_picture.grad_text(pic, grid, script))
    marks = set()
    for label, cells in parsed.items():
        for c, cell in cells.items():
            found = re.fullmatch(r"p(\d+)(?:k(\d+))?", cell)
            if found and c is not None:
                marks.add((int(found.group(1)), int(found.group(2) or label[1:]), c))
    assert terms == marks
    texts = [t.text for t in root.iter(SVG + "text")]
    assert_wrapped(notes, texts)


def test_lesson_gradient_pictures_by_hand():
    """The lesson's kernel_grad sample (InLen 9, 3 taps): tap 0 sums X[0..6], tap 2
    X[2..8]; its input_grad sample (InLen 8): 1, 2, 3, 3, 3, 3, 2, 1 terms, the edge rows
    fewest."""
    err = in_process("kernel_grad", read(os.path.join(SAMPLES, "kernel_grad", "01-lesson.in")),
                     ["--draw"])[2]
    assert "dK[:, :, 0] = " + " + ".join("G[{0}]*X[{0}]".format(p) for p in range(7)) + \
        "   (7 terms)" in err.splitlines()
    assert "dK[:, :, 2] = " + " + ".join("G[{}]*X[{}]".format(p, p + 2) for p in range(7)) + \
        "   (7 terms)" in err.splitlines()
    err = in_process("input_grad", read(os.path.join(SAMPLES, "input_grad", "01-lesson.in")),
                     ["--draw"])[2]
    grid, _, _ = parse_grad_text(err)
    assert [grid["terms"][c] for c in range(8)] == "1 2 3 3 3 3 2 1".split()


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
    assert_wrapped(picture["notes"], texts)


def assert_wrapped(lines, texts):
    """Each of lines is some run of the SVG's <text> elements, wrapped: joined by spaces."""
    texts = [" ".join(text.split()) for text in texts]  # as XML shows runs of spaces
    for line in lines:
        assert any(" ".join(texts[i:j]) == " ".join(line.split()) for i in range(len(texts))
                   for j in range(i + 1, min(len(texts), i + 8) + 1)), line


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
    path = str(tmp_path / "no" / "such" / "dir.svg")
    status, out, err = in_process(script, text, ["--draw", "--explain", "--svg", path])
    assert (status, out) == (1, "")
    assert err.startswith("convkit {}: --svg {}: cannot write it: ".format(script, path))
    assert err.count("\n") == 1
    for path, says in ((str(tmp_path), "{}: not a regular file".format(tmp_path)),
                       ("", "give a file name, not an empty one")):  # usage errors
        status, out, err = in_process(script, text, ["--draw", "--explain", "--svg", path])
        assert (status, out, err.count("\n")) == (2, "", 1)
        assert err.startswith("convkit {}: error: argument --svg: {}".format(script, says))


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
    grads = [grad_picture.grad_grid(pic, kind) for kind in ("kernel_grad", "input_grad")]
    grad_texts = [grad_picture.grad_text(pic, g, k) for g, k in zip(
        grads, ("kernel_grad", "input_grad"), strict=True)]
    grad_svgs = [grad_picture.grad_svg(pic, g, k) for g, k in zip(
        grads, ("kernel_grad", "input_grad"), strict=True)]
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 3 and peak < 4 * 2 ** 20  # ~0.03 s when the machine is idle; 3 s
    # leaves room for a loaded one, and an unbounded drawing of 10**6 rows takes minutes
    assert len(text.splitlines()) <= 20 and len(text) < 20000 and len(svg) < 400000
    for grad_text_, grad_svg_ in zip(grad_texts, grad_svgs, strict=True):
        assert len(grad_text_.splitlines()) <= 60 and len(grad_svg_) < 400000
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


# ---- every kind of SVG through a real renderer


def rendered(svg):
    """The SVG drawn by MuPDF (pymupdf, pinned in requirements-dev.txt: a self-contained
    wheel, with its own fonts): (the SVG's width and height attributes, the page's
    rectangle, the image, the text spans MuPDF laid out, the SVG's <text> strings)."""
    root = ElementTree.fromstring(svg)
    width, height = int(root.get("width")), int(root.get("height"))
    page = pymupdf.open(stream=svg.encode(), filetype="svg")[0]
    spans = [span for block in page.get_text("dict")["blocks"] for line in block.get(
        "lines", ()) for span in line["spans"]]
    texts = [t.text for t in root.iter(SVG + "text") if t.text]
    return (width, height), page.rect, page.get_pixmap(colorspace=pymupdf.csGRAY), spans, texts


def check_rendered(svg, beside=0):
    """The image is the SVG's size; all its text is drawn, inside it, in a monospace font;
    ink reaches near each edge (wrapped lines end short of the right one); no text runs
    past the figure (its boxes and lines) or 480 px, whichever is wider (a caption 1,400 px
    wide over a figure of 300 did), and half of an 8 x 8 grid of tiles has some ink.
    beside: px of text allowed right of the figure (the stack's counts of each level)."""
    (width, height), rect, pixmap, spans, texts = rendered(svg)
    assert (rect.width, rect.height) == (width, height) and rect.x0 == rect.y0 == 0
    assert (pixmap.width, pixmap.height) == (width, height)
    assert sum(len(span["text"].replace(" ", "")) for span in spans) == sum(
        len(text.replace(" ", "")) for text in texts)  # every character drawn
    for span in spans:
        x0, y0, x1, y1 = span["bbox"]
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, span["text"]
        assert span["font"].startswith("Courier"), span["font"]  # not Times: monospace
    samples, stride = pixmap.samples, pixmap.stride
    ink = [(x, y) for y in range(height) for x, value in enumerate(
        samples[y * stride:y * stride + width]) if value < 200]
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    assert min(xs) <= 30 and min(ys) <= 30  # no blank band along any edge
    assert max(xs) >= 0.8 * width and max(ys) >= height - 30
    figure = [d["rect"] for d in pymupdf.open(stream=svg.encode(), filetype="svg")[0]
              .get_drawings() if d["rect"].width < width - 1]  # not the background
    if figure:  # text wraps at the figure's width, or at 480 px if it is narrower
        right = max([rect.x1 for rect in figure] + [480 + 10]) + beside
        assert max(span["bbox"][2] for span in spans) <= right + 10
        tiles = {(8 * x // width, 8 * y // height) for x, y in ink}
        assert len(tiles) >= 0.5 * 64, len(tiles)
    return width, height


def lesson(script):
    return read(os.path.join(SAMPLES, script, "01-lesson.in"))


FLAGS = ["--stride", "2", "--padding", "1", "--dilation", "2"]
LONG = grad_text([[i] for i in range(1000)], 998, [[[1, 2, 3]]])
WIDE_KERNEL = grad_text([[1]] * 40, 21, [[[1] * 20]])
RENDERED = [  # (name, command, flags, stdin): every kind of picture the package draws
    ("convolve-lesson", "convolve", [], lesson("convolve")),
    ("convolve-spd", "convolve", FLAGS, "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n[1, 10, 100]\n"),
    ("convolve-same", "convolve", ["--padding", "same"], "[1, 2, 3, 4, 5, 6]\n[1, 2, 3, 4]\n"),
    ("convolve-long", "convolve", [], "{}\n[1, 2, 3]\n".format(list(range(1000)))),
    ("convolve-dilation-gaps", "convolve", ["--dilation", "20"],
     "{}\n[1, 2, 3]\n".format(list(range(50)))),
    ("convolve-many-taps", "convolve", ["--stride", "3"],
     "{}\n{}\n".format(list(range(60)), list(range(20)))),
] + [(name.format(script), script, flags, text(script)) for script in ("kernel_grad", "input_grad")
     for name, flags, text in [
         ("{}-lesson", [], lesson),
         ("{}-spd", FLAGS, lambda s: grad_text([[i] for i in range(1, 11)], 4, [[[1, 10, 100]]])),
         ("{}-stride3", ["--stride", "3"], lambda s: grad_text([[1]] * 11, 4, [[[1, 2]]])),
         ("{}-same-even", ["--padding", "same"], lambda s: grad_text([[1]] * 6, 6, [[[1] * 4]])),
         ("{}-long", [], lambda s: LONG),
         ("{}-dilated-many-taps", ["--dilation", "2", "--padding", "3"], lambda s: grad_text(
             [[1]] * 40, reference.out_length(40, 20, 1, 3, 2), [[[1] * 20]])),
         ("{}-wide-kernel", [], lambda s: WIDE_KERNEL)]] + [
    ("receptive-field-small", "receptive_field", [], "[3, 3]\n[1, 2]\n"),
    ("receptive-field-one-layer", "receptive_field", [], "[2]\n[1]\n"),
    ("receptive-field-lesson", "receptive_field", [], lesson("receptive_field")),
    ("receptive-field-strided", "receptive_field", [], "[3, 3, 3]\n[1, 1, 1]\n[2, 2, 2]\n"),
    ("receptive-field-cut", "receptive_field", [], "[9, 9, 9, 9]\n[1, 4, 16, 2]\n"),
    ("receptive-field-deep", "receptive_field", [], "{}\n{}\n".format([2] * 40, [1] * 40)),
    ("receptive-field-not-drawn", "receptive_field", [], "{}\n{}\n".format([2] * 2000,
                                                                           [1] * 2000)),
]


@pytest.mark.parametrize("name, script, flags, text", RENDERED, ids=[c[0] for c in RENDERED])
def test_every_svg_renders_at_its_size_with_its_text_inside(name, script, flags, text, tmp_path):
    path = str(tmp_path / "picture.svg")
    status, out, err = in_process(script, text, flags + ["--svg", path])
    assert (status, err) == (0, "")
    check_rendered(read(path), 10 + 8 * len("27 of 33 feed (drawn)") if
                   script == "receptive_field" else 0)


def test_lesson_stack_draws_spans_not_its_273_edges(tmp_path):
    """The lesson's stack has 273 edges: past EDGE_DRAW, a band from each level's span of
    positions that feed to the span it reads, and each level's count of them."""
    path = str(tmp_path / "lesson.svg")
    in_process("receptive_field", lesson("receptive_field"), ["--svg", path])
    root = ElementTree.parse(path).getroot()
    assert [e for e in root.iter(SVG + "line") if e.get("class") == "edge"] == []
    assert len([e for e in root.iter(SVG + "polygon") if e.get("class") == "span"]) == 3
    texts = [t.text for t in root.iter(SVG + "text")]
    for counts in ("1 of 1 feed", "3 of 9 feed", "27 of 33 feed", "47 of 49 feed"):
        assert counts in texts
    path = str(tmp_path / "small.svg")  # a small stack keeps its edges: 4 + 3*3 = 13
    in_process("receptive_field", "[3, 3]\n[1, 2]\n", ["--svg", path])
    root = ElementTree.parse(path).getroot()
    assert len([e for e in root.iter(SVG + "line") if e.get("class") == "edge"]) == 3 + 3 * 3


@pytest.mark.parametrize("script", GRADED)
def test_the_checkers_case_svg_is_the_commands_picture(script, tmp_path):
    """write_case_svg(task, case, path), for the checker's --svg: the picture the command
    draws of the case's stdin without flags, and the text task.picture(case) gives."""
    task = TASKS[script]
    case = {"receptive_field": {"kernel sizes": [3, 3], "dilations": [1, 2]},
            "convolve": {"data": [[1], [2], [3], [4]], "kernel": [[[1, 2]]], "bias": [0]}}.get(
        script, {"x": [[1], [2], [3], [4]], "y": [[0], [0], [0]], "kernel": [[[1, 2]]],
                 "bias": [0]})
    path = str(tmp_path / "case.svg")
    write_case_svg(task, case, path)
    command = str(tmp_path / "command.svg")
    status, _, err = in_process(script, task.text(case), ["--draw", "--svg", command])
    assert status == 0 and read(path) == read(command) == case_svg(task, case)
    assert err.startswith(task.picture(case))
    check_rendered(read(path), 200 if script == "receptive_field" else 0)
    with pytest.raises(ValueError):
        write_case_svg(task, case, str(tmp_path))
