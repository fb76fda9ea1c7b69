"""The marks in samples/<task>/GRADER_FORMAT are true: a marked case is exactly the lines
the course template reads, each a list literal (no tuples, blank lines or CRLF), of the
graded shapes, without .args; every case left unmarked is not (or has .args). The sample
suite runs the graded file solutions/<task>.py on the marked ones (and the package's command
on all); only the graded tasks have marks."""
import ast
import os
import shutil

import numpy as np
import pytest

from cases import ROOT, SAMPLES
from convkit.checker import harness
from convkit.tasks import TASKS


def template_lines(task, in_path):
    """The values of the lines the course template reads (one stdin line a value,
    np.array(ast.literal_eval(line))), if the case is exactly those lines, each one list
    literal of numbers (no tuples, blank lines, CRLF or byte-order mark), without .args;
    else None."""
    if os.path.exists(in_path[:-3] + ".args"):
        return None
    data = open(in_path, "rb").read()
    if b"\r" in data or not data.endswith(b"\n") or data.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        lines = data.decode("utf-8").split("\n")[:-1]
    except UnicodeDecodeError:
        return None
    if len(lines) != len(TASKS[task].lines) or any(not line.strip() for line in lines):
        return None
    values = []
    for line in lines:
        try:
            value = ast.literal_eval(line)
        except (ValueError, SyntaxError):
            return None
        if "(" in line or not isinstance(value, list) or not all(
                type(leaf) in (int, float) for leaf in leaves(value)):
            return None
        values.append(np.array(value))
    return values


def leaves(value):
    return [leaf for item in value for leaf in leaves(item)] if isinstance(value, list) else [
        value]


def graded_format(task, in_path):
    """True if the case is in the grader's own format for the task: the template reads it
    (template_lines) and its arrays have the graded function's shapes. Any kernel size
    from 1 is the grader's (even ones too: the graded file reads them, and a solution
    right for odd kernels only is wrong)."""
    values = template_lines(task, in_path)
    if values is None:
        return False
    if task == "receptive_field":
        kernels, dilations = values
        return (kernels.ndim == dilations.ndim == 1 and len(kernels) == len(dilations) >= 1
                and all(int(k) == k and k >= 1 for k in kernels)
                and all(int(d) == d and d >= 1 for d in dilations))
    x, kernel, bias = values[0], values[-2], values[-1]
    if not (x.ndim == 2 and kernel.ndim == 3 and bias.ndim == 1):
        return False
    out_ch, in_ch, size = kernel.shape
    good = x.shape[1] == in_ch and len(bias) == out_ch and 1 <= size <= len(x)
    if task != "convolve":
        good = good and values[1].shape == (len(x) - size + 1, out_ch)
    return good


def wrong_marks(task, root=ROOT):
    """(cases in the grader's format that GRADER_FORMAT does not mark, cases it marks that
    are not in it or do not exist) of root/samples/<task>/."""
    marked = harness.grader_format(task, root)
    folder = os.path.join(root, "samples", task)
    names = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".in"))
    in_format = {name for name in names if graded_format(task, os.path.join(folder,
                                                                             name + ".in"))}
    return sorted(in_format - marked), sorted(marked - in_format)


@pytest.mark.parametrize("task", TASKS)
def test_the_marks_are_true(task):
    """Every case in the grader's format is marked (the graded file and a learner's run
    on it), and every mark is true."""
    assert harness.grader_format(task)
    unmarked, untrue = wrong_marks(task)
    assert unmarked == [], "in the grader's format, not in GRADER_FORMAT"
    assert untrue == [], "in GRADER_FORMAT, not in the grader's format"


def test_a_case_in_the_format_left_unmarked_is_found(tmp_path):
    """The check itself: a copy of receptive_field's samples with 07-even-kernels' mark
    taken out fails it (an even kernel is the grader's format), and one with a mark on a
    case of three lines (strides) too."""
    folder = tmp_path / "samples" / "receptive_field"
    shutil.copytree(os.path.join(SAMPLES, "receptive_field"), str(folder))
    marks = folder / harness.GRADER_FORMAT
    text = marks.read_text(encoding="utf-8")
    assert "\n07-even-kernels\n" in text
    marks.write_text(text.replace("\n07-even-kernels\n", "\n06-strides\n"), encoding="utf-8")
    assert wrong_marks("receptive_field", str(tmp_path)) == (["07-even-kernels"],
                                                             ["06-strides"])


def test_only_the_graded_tasks_have_marks():
    """conv_arith and any other folder: the package's command only, no graded file."""
    for name in os.listdir(SAMPLES):
        if os.path.isdir(os.path.join(SAMPLES, name)) and name not in TASKS:
            assert not harness.grader_format(name), name
