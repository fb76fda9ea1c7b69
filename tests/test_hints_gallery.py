"""Every hint against every gallery file (issue 17, item 5): hints only on evidence.

Each file of the learner gallery (tests/learners/gallery.py) runs on every case of its task
listed here: the shrunk counterexample the checker finds for each buggy file
(`run_tests.sh --solution FILE --stress 60 --seed 1 TASK`, recorded), a hand-shrunk one
where that first failure is a crash (no output to diagnose), and one case on which every
mistake shows. Its output, when wrong, is diagnosed (convkit/checker/diagnose.py) and:

- each buggy file's own hint fires on its own counterexample;
- no hint fires on a file whose bug is another, unless the case cannot tell the two apart,
  and then both are named, as "Either ... Or ..." (a 1 x 1 case: a forgotten output channel
  and a forgotten last window both print 0);
- no hint fires on a correct file, and every hint of every task has a file that shows it
  (the few without one are listed, WITHOUT_FILE).

The files run in this process (exec with stdin and stdout replaced, a few ms each): the
whole command on each file is tests/test_solution_checker.py's (make test-all).
"""
import contextlib
import io
import os
import sys

import pytest

from convkit import compare
from convkit.checker import diagnose
from convkit.exercises import convolve, gradients, receptive_field
from convkit.tasks import TASKS
from learners import gallery

LEARNERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "learners")
# Found from behaviour or on the grader only: no one output shows them.
NOT_FROM_OUTPUT = {"stale-samples", "long-input-only", "numpy-too-new", "python-too-new"}

# (x or data, kernel, bias) of each buggy file's counterexample: the checker's shrunk one at
# seed 1, or (*) a hand-shrunk one where the checker's first failure is an IndexError.
CONV_COUNTEREXAMPLES = {
    "convolve/flipped_kernel.py": ([[0], [1]], [[[0, 1]]], [0]),
    "convolve/out_len_short.py": ([[0]], [[[0]]], [0]),
    "convolve/out_len_long.py": ([[0]], [[[0]]], [0]),
    "convolve/bias_missing.py": ([[0]], [[[0]]], [1]),
    "convolve/transposed.py": ([[0]], [[[0]], [[0]]], [0, 0]),
    "convolve/kernel_axes_swapped.py": ([[1, 2]], [[[1], [2]], [[3], [4]]], [0, 0]),  # *
    "convolve/numpy_print.py": ([[0]], [[[0]]], [0]),
    "convolve/extra_text.py": ([[0]], [[[0]]], [0]),
    "convolve/float32.py": ([[1]], [[[0.8444218515250481]]], [0]),
    "convolve/im2col_order.py": ([[0, 0], [1, 0]], [[[0, 0], [1, 0]]], [0]),
    "convolve/channel_missing.py": ([[1]], [[[1]]], [0]),
    "convolve/kernel_size_axis.py": ([[1], [2]], [[[1, 1]]], [0]),  # *
    "convolve/only_function.py": ([[1]], [[[1]]], [0]),
    "kernel_grad/mean_not_sum.py": ([[0], [1]], [[[0]]], [0]),
    "kernel_grad/wrong_shape.py": ([[0]], [[[0]]], [0]),
    "kernel_grad/integer_output.py": ([[0.8444218515250481], [0]], [[[0]], [[0]]], [0, 1]),
    "kernel_grad/channel_missing.py": ([[1]], [[[0]]], [1]),
    "kernel_grad/y_as_upstream.py": ([[1]], [[[0]]], [3]),
    "kernel_grad/im2col_order.py": ([[0, 0, 0], [0, 1, 0]], [[[0, 0], [0, 0], [0, 0]]], [0]),
    "input_grad/mean_not_sum.py": ([[0]], [[[0]], [[1]]], [0, 0]),
    "input_grad/integer_output.py": ([[0], [0]], [[[0.8444218515250481]], [[0]]], [1, 0]),
    "input_grad/channel_missing.py": ([[0]], [[[1]]], [1]),
    "input_grad/flipped_kernel.py": ([[0], [0]], [[[0, 1]]], [0]),
    "input_grad/im2col_order.py": ([[0, 0, 0], [0, 0, 0]], [[[0, 0], [0, 0], [1, 0]]], [0]),
    "input_grad/kernel_size_axis.py": ([[0], [0]], [[[1, 2]]], [0]),  # *
}
FIELD_COUNTEREXAMPLES = {
    "receptive_field/no_dilation.py": ([3], [2]),
    "receptive_field/off_by_one.py": ([1], [1]),
    "receptive_field/float_output.py": ([1], [1]),
    "receptive_field/even_kernel_wrong.py": ([2], [2]),
}
# One case of each task on which every mistake shows (as tests/test_solution_checker.py's)
X = [[0.1, -0.7], [0.35, 1.3], [-0.45, 0.2], [0.9, 0.15]]
W = [[[0.3, -1.1], [0.7, 0.25]], [[-0.6, 0.4], [1.7, 0.05]]]
B = [0.3, -1.9]
EVERY_MISTAKE = {
    "convolve": (X, W, B),
    "kernel_grad": (X, [[[1, -2], [0, 3]], [[2, 1], [-1, 1]]], B),
    "input_grad": ([[1, -2], [3, 0], [-1, 2], [2, 1]], W, B),
    "receptive_field": ([3, 4], [2, 3])}  # an even kernel too


def make_case(task, lines):
    if task == "receptive_field":
        return receptive_field.make_case(*lines)
    return (convolve.make_case if task == "convolve" else gradients.make_case)(*lines)


def cases(task):
    """[(label, case)]: the counterexamples of the task's files, then EVERY_MISTAKE's."""
    found = [(path, make_case(task, lines)) for path, lines in
             list(CONV_COUNTEREXAMPLES.items()) + list(FIELD_COUNTEREXAMPLES.items())
             if path.startswith(task + "/")]
    return found + [("every mistake", make_case(task, EVERY_MISTAKE[task]))]


def run(path, text):
    """What the file prints on stdin text, as bytes; None if it raises (an RE: nothing to
    diagnose)."""
    with open(os.path.join(LEARNERS, path), encoding="utf-8") as f:
        code = compile(f.read(), path, "exec")
    out = io.StringIO()
    stdin = sys.stdin
    try:
        sys.stdin = io.StringIO(text)
        with contextlib.redirect_stdout(out):
            exec(code, {"__name__": "__main__", "__file__": path})
    except Exception:
        return None
    finally:
        sys.stdin = stdin
    return out.getvalue().encode("utf-8")


def hints(task, case, got):
    """[(id, sentence)] diagnose names for the output (none for a right one)."""
    task = TASKS[task]
    want = task.answer(case)
    rtol, atol = task.tolerance(case)
    if compare.compare_bytes(got, want.encode(), rtol, atol) is None:
        return []
    return diagnose.diagnose(task, case, got, want, rtol, atol)


def matrix(task):
    """{(file, case label): [(id, sentence)]} for every file of the task on every case."""
    found = {}
    for label, case in cases(task):
        text = TASKS[task].text(case)
        for entry in gallery.entries(task):
            got = run(entry["path"], text)
            found[entry["path"], label] = [] if got is None else hints(task, case, got)
    return found


MATRICES = {}


def matrix_of(task):
    if task not in MATRICES:
        MATRICES[task] = matrix(task)
    return MATRICES[task]


def mistake_of(path):
    return next(entry["mistake"] for entry in gallery.GALLERY if entry["path"] == path)


@pytest.mark.parametrize("task", gallery.TASKS)
def test_each_hint_fires_on_its_own_file_s_counterexample(task):
    for path in list(CONV_COUNTEREXAMPLES) + list(FIELD_COUNTEREXAMPLES):
        if path.startswith(task + "/"):
            named = [mistake for mistake, _ in matrix_of(task)[path, path]]
            assert mistake_of(path) in named, (path, named)


@pytest.mark.parametrize("task", gallery.TASKS)
def test_no_hint_fires_on_a_file_whose_bug_is_another(task):
    """A hint on a file of another mistake only beside the file's own, as one of the
    things a case that cannot tell them apart shows."""
    wrong = []
    for (path, label), found in matrix_of(task).items():
        own = mistake_of(path)
        named = [mistake for mistake, _ in found]
        if own in NOT_FROM_OUTPUT:  # its output is another file's: the right answer at most
            ok = named in ([], ["wrong-shape"])  # (stale-samples: the lesson's answer)
        elif own is None:
            ok = named == []
        else:
            ok = set(named) <= {own} or (own in named and found[0][1].startswith(
                "On this case more than one mistake gives your answer. Either: "))
        if not ok:
            wrong.append((path, label, named))
    assert wrong == []


def test_every_hint_has_a_file_that_shows_it():
    shown = {(path.split("/")[0], mistake) for task in gallery.TASKS
             for (path, _), found in matrix_of(task).items()
             for mistake, _ in found if mistake == mistake_of(path)}
    every = {(task, mistake) for task in gallery.TASKS for mistake in TASKS[task].hints} | {
        (task, mistake) for task in gallery.TASKS for mistake in FORM_LEVEL[task]}
    assert every - shown == WITHOUT_FILE


# diagnose.py's own hints that a gallery file of the task shows (each one file suffices)
FORM_LEVEL = {"convolve": {"numpy-print", "extra-text", "few-digits", "nothing-printed"},
              "kernel_grad": {"integer-output", "wrong-shape"},
              "input_grad": {"integer-output"},
              "receptive_field": {"float-for-integer"}}
# The hints that no gallery file shows yet: each is tested from its slip's own answer
# (tests/test_diagnose.py), not from a learner's file.
WITHOUT_FILE = {("kernel_grad", "flipped-kernel"), ("kernel_grad", "out-len-short"),
                ("kernel_grad", "transposed"), ("kernel_grad", "kernel-axes-swapped"),
                ("kernel_grad", "kernel-size-axis"), ("input_grad", "out-len-short"),
                ("input_grad", "transposed"), ("input_grad", "kernel-axes-swapped"),
                ("input_grad", "y-as-upstream")}
