"""The marks in samples/<task>/GRADER_FORMAT are true: a marked case is exactly the lines
the course template reads, each a list literal (no tuples, blank lines or CRLF), of the
graded shapes, without .args; every case left unmarked is not (or has .args). The sample
suite runs the graded file solutions/<task>.py on the marked ones (and the package's command
on all); only the graded tasks have marks."""
import ast
import os

import numpy as np
import pytest

from cases import SAMPLES
from convkit.checker import harness
from convkit.tasks import TASKS


def graded_format(task, in_path):
    """True if the case is in the grader's own format for the task."""
    if os.path.exists(in_path[:-3] + ".args"):
        return False
    data = open(in_path, "rb").read()
    if b"\r" in data or not data.endswith(b"\n"):
        return False
    lines = data.decode().split("\n")[:-1]
    if len(lines) != len(TASKS[task].lines) or any(not line.strip() for line in lines):
        return False
    values = []
    for line in lines:
        value = ast.literal_eval(line)
        if "(" in line or not isinstance(value, list):
            return False
        values.append(np.array(value))
    if task == "receptive_field":
        kernels, dilations = values
        return (kernels.ndim == dilations.ndim == 1 and len(kernels) == len(dilations)
                and all(int(k) == k and k >= 1 and k % 2 == 1 for k in kernels)
                and all(int(d) == d and d >= 1 for d in dilations))
    x, kernel, bias = values[0], values[-2], values[-1]
    if not (x.ndim == 2 and kernel.ndim == 3 and bias.ndim == 1):
        return False
    out_ch, in_ch, size = kernel.shape
    good = x.shape[1] == in_ch and len(bias) == out_ch and 1 <= size <= len(x)
    if task != "convolve":
        good = good and values[1].shape == (len(x) - size + 1, out_ch)
    return good


@pytest.mark.parametrize("task", TASKS)
def test_the_marks_are_true(task):
    marked = harness.grader_format(task)
    folder = os.path.join(SAMPLES, task)
    names = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".in"))
    assert marked and marked <= set(names)
    for name in names:
        assert graded_format(task, os.path.join(folder, name + ".in")) == (name in marked), name


def test_only_the_graded_tasks_have_marks():
    """conv_arith and any other folder: the package's command only, no graded file."""
    for name in os.listdir(SAMPLES):
        if os.path.isdir(os.path.join(SAMPLES, name)) and name not in TASKS:
            assert not harness.grader_format(name), name
