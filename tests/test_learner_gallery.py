"""The learner gallery (tests/learners/) is what its manifest (tests/learners/gallery.py) says.

Independently of any checker: every file runs as the grader runs it, one process per input
(`python FILE < input`), on seeded random inputs in the graded format, and its stdout is
compared with the plain-loop reference's answer (convkit/reference.py). Correct files agree
on every input, as floats; each file with fails="here" disagrees on at least one, in the way
its mistake predicts where that is cheap to check; "grader-only" files agree here and (the
tests marked `grader`, where .venv-grader exists: `make test-grader` builds it) fail on
Python 3.6 + numpy 1.14.1 with the error the manifest records, while the correct files are
right there too.
"""
import ast
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from cases import ROOT, SAMPLES
from convkit import reference
from learners import gallery

LEARNERS = os.path.join(ROOT, "tests", "learners")
GRADER_PYTHON = os.path.join(ROOT, ".venv-grader", "bin", "python")
NUMPY_VERSION = tuple(int(part) for part in np.__version__.split(".")[:2])
# what each grader-only mistake needs, and whether this Python and numpy have it: the
# newest of its files' needs (sliding_window_view 1.20; np.pad without mode 1.17, np.flip
# without axis and ndarray.sum(initial=) 1.15; := and positional-only parameters 3.8)
HERE_HAS = {"numpy-too-new": NUMPY_VERSION >= (1, 20),
            "python-too-new": sys.version_info >= (3, 8)}
ON_GRADER = sys.version_info[:2] == (3, 6) and np.__version__ == "1.14.1"
WORKERS = 2  # the machine has 2 cores, shared
QUICK = {"convolve/loops.py", "kernel_grad/loops.py", "input_grad/loops.py",
         "receptive_field/loop.py"}  # the correct files make test runs (see tiered)
# the inputs are small: OpenBLAS's threads would only cost each process start-up time (~20%)
CHILD_ENV = dict(os.environ, OPENBLAS_NUM_THREADS="1")
TOL = 1e-9  # relative, and times the sum of |terms| of each element
CONV_CASES = 12  # inputs per convolution task: 6 fixed shapes, then random ones
FIELD_CASES = 10  # inputs for the receptive field
GRADED = {"convolve": "apply_convolution", "kernel_grad": "calculate_kernel_grad",
          "input_grad": "calculate_conv_x_grad", "receptive_field": "calculate_receptive_field"}


# ---- inputs in the graded format, with the reference's answers

def numbers(rng, style, shape):
    """Nested lists of the given shape: floats in [0, 1) ("unit"), floats in [-1, 1)
    ("signed") or small integers ("int"), as one stdin line of a learner's input holds."""
    if shape:
        return [numbers(rng, style, shape[1:]) for _ in range(shape[0])]
    if style == "unit":
        return rng.random()
    if style == "signed":
        return rng.uniform(-1.0, 1.0)
    return rng.randint(-3, 3)


def conv_case(task, rng, in_len, size, in_ch, out_ch, styles):
    """One input for a convolution task: its stdin text, its arrays, the reference's answer
    (want) and the error bound of each element's floating-point sum (bound: the reference
    on absolute values, the sum of |terms|)."""
    x = numbers(rng, styles[0], (in_len, in_ch))
    kernel = numbers(rng, styles[1], (out_ch, in_ch, size))
    bias = numbers(rng, styles[2], (out_ch,))
    y = reference.conv1d(x, kernel, bias)
    all_int = styles == ("int", "int", "int")
    lines = [x, kernel, bias] if task == "convolve" else [
        x, y.astype(int).tolist() if all_int else y.tolist(), kernel, bias]
    ax, ak, ab = (np.abs(np.array(value, dtype=float)) for value in (x, kernel, bias))
    if task == "convolve":
        want, bound = y, reference.conv1d(ax, ak, ab)
    elif task == "kernel_grad":
        want, bound = reference.kernel_grad(x, kernel), reference.kernel_grad(ax, kernel)
    else:
        want, bound = reference.input_grad(x, kernel), reference.input_grad(x, ak)
    return dict(text="".join(repr(line) + "\n" for line in lines), want=want, bound=bound,
                x=np.array(x, dtype=float), kernel=np.array(kernel, dtype=float),
                bias=np.array(bias, dtype=float), in_ch=in_ch, out_ch=out_ch,
                out_len=in_len - size + 1, styles=styles)


# (InLen, KernelSize, InChannels, OutChannels, line styles) put first, before random ones:
# equal channel counts, the smallest shape, an integer kernel with float data and the other
# way round (where an integer accumulator truncates), all lines integer, K == InLen
FIXED = [(12, 3, 3, 3, ("unit", "signed", "unit")), (1, 1, 1, 1, ("unit", "unit", "unit")),
         (9, 2, 2, 2, ("unit", "int", "signed")), (6, 4, 1, 2, ("int", "signed", "int")),
         (7, 3, 2, 3, ("int", "int", "int")), (5, 5, 2, 1, ("signed", "unit", "int"))]
ON_THE_GRADER = (0, 1, 4)  # the inputs the correct files also run on there (see below)


def conv_cases(task):
    rng = random.Random("gallery-" + task)
    shapes = list(FIXED)
    while len(shapes) < CONV_CASES:
        in_len = rng.randint(1, 30)
        shapes.append((in_len, rng.randint(1, min(5, in_len)), rng.randint(1, 5),
                       rng.randint(1, 5),
                       tuple(rng.choice(("unit", "signed", "int")) for _ in range(3))))
    return [conv_case(task, rng, *shape) for shape in shapes]


def field_case(kernels, dilations):
    return dict(text="{!r}\n{!r}\n".format(kernels, dilations), kernels=kernels,
                dilations=dilations, want=reference.receptive_field(kernels, dilations))


def field_cases():
    """The lesson's layers, [1], [5], even kernels without dilation, then random ones: odd
    and even kernel sizes 1 to 9."""
    rng = random.Random("gallery-receptive_field")
    cases = [field_case([9, 9, 3], [2, 3, 4]), field_case([1], [1]), field_case([5], [3]),
             field_case([2, 4], [1, 1])]
    while len(cases) < FIELD_CASES:
        layers = rng.randint(1, 6)
        cases.append(field_case([rng.randint(1, 9) for _ in range(layers)],
                                [rng.randint(1, 8) for _ in range(layers)]))
    return cases


CASES = {task: field_cases() if task == "receptive_field" else conv_cases(task)
         for task in gallery.TASKS}


def long_cases(entry):
    """InLen one short of the entry's min_in_len, then min_in_len: KernelSize 1, 1 channel."""
    rng = random.Random("gallery-long")
    return [conv_case(entry["task"], rng, in_len, 1, 1, 1, ("unit", "unit", "signed"))
            for in_len in (entry["min_in_len"] - 1, entry["min_in_len"])]


# ---- running a file and judging what it printed

def run(path, text, python=None):
    """(exit status, stdout, stderr) of `python tests/learners/<path> < text`."""
    done = subprocess.run([python or sys.executable, os.path.join(LEARNERS, path)],
                          input=text.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=120, env=CHILD_ENV)
    return done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace")


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def printed(ran):
    """The one line a run printed, as a Python value; None if it did not print one."""
    status, out, _ = ran
    lines = out.splitlines()
    if status != 0 or len(lines) != 1:
        return None
    try:
        return ast.literal_eval(lines[0])
    except (ValueError, SyntaxError):
        return None


def leaves(value):
    if isinstance(value, list):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


def nested_shape(value):
    """The shape of nested lists; None if ragged."""
    if not isinstance(value, list):
        return ()
    shapes = [nested_shape(item) for item in value]
    if any(shape is None or shape != shapes[0] for shape in shapes):
        return None
    return (len(value),) + (shapes[0] if shapes else ())


def disagreement(task, case, ran):
    """None if the run printed the reference's answer (floats, within the tolerance), else
    what is wrong, in a few words."""
    status, out, err = ran
    if status != 0:
        return "exit status {}: {}".format(status, last_line(err))
    got = printed(ran)
    if got is None:
        return "did not print one literal line: {!r}".format(out[:80])
    if task == "receptive_field":
        ok = type(got) is int and got == case["want"]
        return None if ok else "printed {!r}, want {}".format(got, case["want"])
    want = case["want"]
    if nested_shape(got) != want.shape:
        return "shape {}, want {}".format(nested_shape(got), want.shape)
    if not all(type(leaf) is float for leaf in leaves(got)):
        return "printed integers: {!r}".format(out[:80])
    error = np.abs(np.array(got) - want)
    allowed = TOL * np.abs(want) + TOL * case["bound"]
    if (error > allowed).any():
        at = np.unravel_index(np.argmax(error - allowed), want.shape)
        return "at {}: got {!r}, want {!r}".format(at, np.array(got)[at], want[at])
    return None


def close(got, want, case):
    """Whether a printed value is `want`, loosely (for telling mistakes apart)."""
    try:
        got = np.array(got, dtype=float)
    except (TypeError, ValueError):
        return False
    want = np.asarray(want, dtype=float)
    if got.size == 0 and want.size == 0:
        return True
    scale = 1.0 + np.abs(case["bound"]).max()
    return got.shape == want.shape and np.allclose(got, want, rtol=TOL, atol=TOL * scale)


def lesson_answer(task):
    with open(os.path.join(SAMPLES, task, "01-lesson.out")) as f:
        return ast.literal_eval(f.read().strip())


def explained(entry, case, ran):
    """Whether a disagreeing run shows the entry's mistake (a cheap check of the output)."""
    mistake, task, got = entry["mistake"], entry["task"], printed(ran)
    if mistake == "kernel-axes-swapped" and case["in_ch"] != case["out_ch"]:
        return ran[0] != 0 and "IndexError" in ran[2]
    if mistake == "stale-samples":
        return got == lesson_answer(task) if task == "receptive_field" else close(
            got, lesson_answer(task), case)
    if mistake == "no-dilation":
        return got == reference.receptive_field(case["kernels"], [1] * len(case["kernels"]))
    if mistake == "off-by-one":
        return got == case["want"] - 1
    if mistake == "float-for-integer":
        return type(got) is float and got == case["want"]
    if mistake == "even-kernel":  # rf += (k // 2) * 2 * d: k - 1 for odd k, k for even
        return type(got) is int and got == 1 + sum(
            (k // 2) * 2 * d for k, d in zip(case["kernels"], case["dilations"], strict=True))
    if mistake == "numpy-print":  # str(array): no commas, and so not one literal line
        return got is None and ran[0] == 0 and "," not in ran[1] and ran[1].startswith("[")
    if mistake == "extra-text":  # the answer's line with a word before it
        out = ran[1].strip()
        return got is None and "[" in out and close(ast.literal_eval(out[out.index("["):]),
                                                    case["want"], case)
    if mistake == "integer-output":  # integers, and wrong: float terms were truncated
        return got is not None and all(type(leaf) is int for leaf in leaves(got)) and not close(
            got, case["want"], case)
    if mistake == "nothing-printed":  # ran to the end, silently
        status, out, _ = ran
        return status == 0 and out == ""
    if mistake == "kernel-size-axis":  # KernelSize taken as InChannels: the windows' length
        out_len = len(case["x"]) - case["in_ch"] + 1  # of its taps
        if case["in_ch"] > case["kernel"].shape[2]:  # more taps than the kernel has
            if out_len > 0:
                return ran[0] != 0 and "IndexError" in last_line(ran[2])
            if task == "convolve" and out_len < 0:  # np.zeros((OutLen, OutChannels))
                return ran[0] != 0 and "negative dimensions" in last_line(ran[2])
            # no window at all: nothing added
            return got is not None and close(got, np.zeros((0, case["out_ch"])) if task ==
                                             "convolve" else np.zeros(case["x"].shape), case)
    if got is None:
        return False
    x, kernel, bias, want = case["x"], case["kernel"], case["bias"], case["want"]
    # the weight im2col pairs with x[p + k, ic]: the kernel flattened InChannels x KernelSize
    # and read back as KernelSize x InChannels
    out_ch, in_ch, size = kernel.shape
    im2col_kernel = kernel.reshape(out_ch, size, in_ch).transpose(0, 2, 1)
    if mistake == "flipped-kernel":
        flipped = kernel[:, :, ::-1]
        return close(got, reference.conv1d(x, flipped, bias) if task == "convolve" else
                     reference.input_grad(x, flipped), case)
    if mistake == "kernel-axes-swapped":
        return close(got, reference.conv1d(x, kernel.transpose(1, 0, 2), bias), case)
    if mistake == "kernel-size-axis":  # the first InChannels taps of a longer kernel
        taps = kernel[:, :, :in_ch]
        return close(got, reference.conv1d(x, taps, bias) if task == "convolve" else
                     reference.input_grad(x, taps), case)
    if mistake == "im2col-order":
        if task == "kernel_grad":  # dK's (KernelSize x InChannels) sums reshaped to kernel's
            return close(got, reference.kernel_grad(x, kernel).transpose(0, 2, 1).reshape(
                kernel.shape), case)
        return close(got, reference.conv1d(x, im2col_kernel, bias) if task == "convolve" else
                     reference.input_grad(x, im2col_kernel), case)
    if mistake == "channel-missing" and task == "convolve":  # the last column left 0
        return close(got, np.hstack([want[:, :-1], np.zeros((len(want), 1))]), case)
    if mistake == "bias-missing":
        return close(got, want - bias, case)
    if mistake == "out-len-short":
        return close(got, want[:-1], case)
    if mistake == "out-len-long":
        return len(got) == len(want) + 1 and close(got[:-1], want, case) and close(
            got[-1], bias, case)
    if mistake == "transposed":
        return close(got, want.T, case)
    if mistake == "mean-not-sum":
        return any(close(got, want / n, case)
                   for n in (case["out_len"], case["out_len"] * case["out_ch"]))
    if mistake == "wrong-shape":
        return close(got, want.sum(axis=0), case)
    if mistake == "y-as-upstream":
        y = reference.conv1d(x, kernel, bias)
        return close(got, reference.kernel_grad(x, kernel, g=y), case)
    if mistake == "channel-missing":  # the gradient with dL/dY = 0 on the last channel
        g = np.ones((case["out_len"], case["out_ch"]))
        g[:, -1] = 0
        gradient = reference.kernel_grad if task == "kernel_grad" else reference.input_grad
        return close(got, gradient(x, kernel, g=g), case)
    if mistake == "few-digits":  # within float32's rounding, not within float64's
        got = np.array(got, dtype=float)
        scale = 1.0 + np.abs(case["bound"]).max()
        return got.shape == want.shape and np.allclose(got, want, rtol=1e-5, atol=1e-5 * scale)
    raise AssertionError("no check for " + mistake)


def first_disagreement(entry, cases):
    """Run the cases in order until one disagrees: (its index, the case, the run), or None."""
    for i, case in enumerate(cases):
        ran = run(entry["path"], case["text"])
        if disagreement(entry["task"], case, ran) is not None:
            return i, case, ran
    return None


def grammar_too_new(entry):
    """Whether the grader cannot even parse the file: its error there is a SyntaxError, raised
    before any input is read (the other grader-only files fail on a call)."""
    return (entry["grader_error"] or "").startswith("SyntaxError")


def fails_here(entry):
    """Whether the entry must give a wrong answer on this Python and numpy."""
    return entry["fails"] == "here" or (entry["fails"] == "grader-only"
                                        and not HERE_HAS[entry["mistake"]])


def entry_runs(entry):
    """The file's runs here: a list of (case, run) for a file that must agree on every
    input, or first_disagreement() for one that must not."""
    cases = CASES[entry["task"]]
    if entry["mistake"] == "long-input-only":
        cases = long_cases(entry)[:1] + cases[:4] + long_cases(entry)[1:]
    if fails_here(entry):
        return first_disagreement(entry, cases)
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(zip(cases, pool.map(lambda case: run(entry["path"], case["text"]), cases),
                        strict=True))


def ids(entries):
    return [entry["path"] for entry in entries]


def tiered(entries):
    """pytest params of the entries: in make test (quick) a correct file of each task and
    every file that must fail here (each stops at its first wrong answer, most often the
    first input); the other correct files, a dozen runs each, in make test-all (slow)."""
    return [pytest.param(entry, id=entry["path"], marks=[] if entry["path"] in QUICK or
                         fails_here(entry) else [pytest.mark.slow]) for entry in entries]


# ---- the manifest itself

def test_manifest_lists_every_file_once():
    files = sorted(os.path.join(task, name) for task in os.listdir(LEARNERS)
                   if os.path.isdir(os.path.join(LEARNERS, task)) and task != "__pycache__"
                   for name in os.listdir(os.path.join(LEARNERS, task)) if name.endswith(".py"))
    assert sorted(ids(gallery.GALLERY)) == files


@pytest.mark.parametrize("entry", gallery.GALLERY, ids=ids(gallery.GALLERY))
def test_manifest_entry_is_consistent(entry):
    assert entry["task"] in gallery.TASKS and entry["path"].startswith(entry["task"] + "/")
    assert entry["fails"] in gallery.FAILS and entry["notes"]
    assert entry["correct"] == (entry["mistake"] is None) == (entry["fails"] is None)
    if not entry["correct"]:
        assert entry["mistake"] in gallery.MISTAKES
    assert (entry["fails"] == "grader-only") == (entry["mistake"] in HERE_HAS)
    assert (entry["fails"] == "grader-only") == (entry["grader_error"] is not None)
    if grammar_too_new(entry):  # numpy cannot make a file unparsable
        assert entry["mistake"] == "python-too-new"
    assert (entry["mistake"] == "long-input-only") == (entry["min_in_len"] is not None)


def test_gallery_covers_every_mistake_and_style():
    assert {entry["mistake"] for entry in gallery.GALLERY} == set(gallery.MISTAKES) | {None}
    for task in gallery.TASKS:
        assert len(gallery.entries(task, correct=True)) >= (2 if task == "receptive_field"
                                                             else 4)


@pytest.mark.parametrize("entry", gallery.GALLERY, ids=ids(gallery.GALLERY))
def test_file_is_written_on_the_course_template(entry):
    """The template's three helpers, the graded function, top-level code that reads stdin
    (none in a file whose mistake is that nothing is printed): no main, no __name__ guard."""
    with open(os.path.join(LEARNERS, entry["path"]), encoding="utf-8") as f:
        text = f.read()
    assert text.startswith("import sys, ast, numpy as np\n")
    assert "return np.array(ast.literal_eval(s))" in text
    assert "return parse_array(sys.stdin.readline())" in text
    assert "print(repr(arr.tolist()))" in text
    assert "def {}(".format(GRADED[entry["task"]]) in text
    assert "__name__" not in text and "def main" not in text
    if grammar_too_new(entry) and not HERE_HAS[entry["mistake"]]:
        with pytest.raises(SyntaxError):  # it does not parse here: that is its mistake
            ast.parse(text)
        return
    top_level_calls = {node.func.id for statement in ast.parse(text).body
                       if not isinstance(statement, ast.FunctionDef)
                       for node in ast.walk(statement)
                       if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    if entry["mistake"] == "nothing-printed":
        assert not {"read_array", "write_array", "print", "input"} & top_level_calls
    else:
        assert {"read_array", GRADED[entry["task"]]} <= top_level_calls


# ---- the files, run here

@pytest.mark.parametrize("entry", tiered(gallery.entries(correct=True)))
def test_correct_file_prints_the_reference_answer(entry):
    runs = entry_runs(entry)
    wrong = [(case["text"][:60], disagreement(entry["task"], case, ran))
             for case, ran in runs if disagreement(entry["task"], case, ran) is not None]
    assert len(runs) == len(CASES[entry["task"]])
    assert wrong == []


@pytest.mark.parametrize("entry", tiered(gallery.entries(fails="here")))
def test_buggy_file_gives_a_wrong_answer_here(entry):
    found = entry_runs(entry)
    assert found is not None, "agreed with the reference on every input"
    index, case, ran = found
    if entry["mistake"] == "long-input-only":
        # the inputs are InLen min_in_len - 1, four short ones, then InLen min_in_len
        assert case["out_len"] == entry["min_in_len"], disagreement(entry["task"], case, ran)
        assert "IndexError" in ran[2]
    else:
        assert explained(entry, case, ran), (index, disagreement(entry["task"], case, ran),
                                             ran[1][:200], last_line(ran[2]))


@pytest.mark.parametrize("entry", tiered(gallery.entries(fails="grader-only")))
def test_grader_only_file_is_right_here(entry):
    found = entry_runs(entry)
    if fails_here(entry):  # under .venv-grader: here is the grader
        index, case, ran = found
        assert (index, ran[0], ran[1], last_line(ran[2])) == (0, 1, "", entry["grader_error"])
        return
    wrong = [disagreement(entry["task"], case, ran) for case, ran in found
             if disagreement(entry["task"], case, ran) is not None]
    assert wrong == []


# ---- the files, run on the grader's Python 3.6 + numpy 1.14.1

@pytest.fixture(scope="module")
def grader_python():
    if ON_GRADER:
        pytest.skip("this run is on the grader's Python and numpy: the tests above ran there")
    if not os.path.exists(GRADER_PYTHON):
        pytest.skip("no .venv-grader (make test-grader builds it)")
    version = subprocess.run(
        [GRADER_PYTHON, "-c", "import sys, numpy; print(sys.version[:3], numpy.__version__)"],
        stdout=subprocess.PIPE, universal_newlines=True).stdout.split()
    assert version == ["3.6", "1.14.1"]
    return GRADER_PYTHON


@pytest.mark.grader
@pytest.mark.parametrize("entry", gallery.entries(fails="grader-only"),
                         ids=ids(gallery.entries(fails="grader-only")))
def test_grader_only_file_fails_on_the_grader(entry, grader_python):
    status, out, err = run(entry["path"], CASES[entry["task"]][0]["text"], grader_python)
    assert (status, out, last_line(err)) == (1, "", entry["grader_error"])


@pytest.mark.grader
@pytest.mark.parametrize("entry", gallery.entries(correct=True),
                         ids=ids(gallery.entries(correct=True)))
def test_correct_file_is_right_on_the_grader(entry, grader_python):
    """Three inputs: for the convolutions equal channel counts, the 1 x 1 x 1 smallest shape
    and all-integer lines; for the receptive field the lesson's, [1] and [5]."""
    cases = CASES[entry["task"]][:3] if entry["task"] == "receptive_field" else [
        CASES[entry["task"]][i] for i in ON_THE_GRADER]
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = list(pool.map(lambda case: run(entry["path"], case["text"], grader_python),
                             cases))
    assert [disagreement(entry["task"], case, ran)
            for case, ran in zip(cases, runs, strict=True)] == [None] * len(cases)
