"""check(function) (convkit/notebook.py, convkit/checker/function.py): a learner's function
judged as `make check` judges a file, in a forked worker, from any Python session.

Correct functions of every task pass; each buggy one gets the verdict and the hint the file
checker gives the same code as a file; an endless loop is TLE and a crash RE, the caller
lives on and nothing is left running; the text is make check's, line for line."""
import ast
import os
import re
import subprocess
import sys
import time

import numpy as np
import pytest

from convkit import notebook
from convkit.checker import PROJECT, diagnose, grader_env
from convkit.checker.function import TEMPLATES, Worker
from convkit.conv import apply_convolution as package_convolution
from convkit.tasks import task_named
from learners import gallery

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="check() forks a worker")

LEARNERS = os.path.join(PROJECT, "tests", "learners")
NOT_THE_FUNCTIONS = {"stale-samples", "numpy-print", "extra-text"}  # the file's own lines
QUICK = {"convolve/loops.py", "kernel_grad/einsum.py", "input_grad/windows_add_at.py",
         "receptive_field/loop.py", "convolve/flipped_kernel.py", "convolve/bias_missing.py",
         "kernel_grad/wrong_shape.py", "kernel_grad/integer_output.py",
         "receptive_field/float_output.py", "input_grad/mean_not_sum.py"}


def function_from(path):
    """The graded function of a learner's file, without running the file's reading and
    printing: its imports (a try: of them too), its definitions and its LayerInfo."""
    task = task_named(os.path.basename(os.path.dirname(path)))
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    kept = [node for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.Try)) or (
                isinstance(node, ast.Assign) and "namedtuple" in ast.dump(node.value))]
    namespace = {"__name__": "learner"}
    exec(compile(ast.Module(kept, []), path, "exec"), namespace)
    return namespace[task.function]


def children():
    """The pids of this process's children (none should be left by a check; compare with
    the ones before it: other tests in this process may have left theirs, which a subreaper
    gets)."""
    path = "/proc/self/task/{}/children".format(os.getpid())
    if not os.path.exists(path):
        return []
    pids = []
    for task in os.listdir("/proc/self/task"):
        with open("/proc/self/task/{}/children".format(task)) as f:
            pids += [int(pid) for pid in f.read().split()]
    return [pid for pid in pids if not zombie(pid)]  # an orphan of another test, dead


def zombie(pid):
    try:
        with open("/proc/{}/stat".format(pid), "rb") as f:
            stat = f.read()
    except OSError:
        return True  # gone
    return stat[stat.rfind(b")") + 2:].split()[0] == b"Z"


def described(pids):
    """pid -> command line, for a failure's message."""
    found = {}
    for pid in pids:
        try:
            with open("/proc/{}/cmdline".format(pid), "rb") as f:
                found[pid] = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            found[pid] = "(gone)"
    return found


def mistakes(result):
    job, outcome = result.counterexample
    return [mistake for mistake, _ in outcome.diagnoses]


# ---- functions written in the notebook, with one mistake each

def loops(data, kernel, bias):
    out_ch, in_ch, size = kernel.shape
    out_len = data.shape[0] - size + 1
    res = np.zeros((out_len, out_ch))
    for p in range(out_len):
        for oc in range(out_ch):
            res[p, oc] = bias[oc] + np.sum(data[p:p + size].T * kernel[oc])
    return res


def flipped(data, kernel, bias):
    return loops(data, kernel[:, :, ::-1], bias)


def no_bias(data, kernel, bias):
    return loops(data, kernel, np.zeros_like(bias))


def integer_output(data, kernel, bias):
    out_ch, in_ch, size = kernel.shape
    res = np.zeros_like(data, shape=(data.shape[0] - size + 1, out_ch))  # int for int data
    res[...] = loops(data, kernel, bias)
    return res


def raises(data, kernel, bias):
    raise ValueError("operands could not be broadcast together")


def endless(data, kernel, bias):
    while True:
        pass


def exits_quietly(data, kernel, bias):
    os._exit(0)


def exits_with_3(data, kernel, bias):
    os._exit(3)


def sys_exit(data, kernel, bias):
    sys.exit()


def sys_exit_message(data, kernel, bias):
    sys.exit("giving up")


def talks(data, kernel, bias):
    print("Y =")
    return loops(data, kernel, bias)


def returns_list(data, kernel, bias):
    return loops(data, kernel, bias).tolist()


def floods(data, kernel, bias):
    while True:
        print("0" * 1000)


def forks_and_hangs(data, kernel, bias):
    if os.fork() == 0:  # a grandchild that would run on forever
        while True:
            time.sleep(1)
    while True:
        pass


def test_the_public_name():
    import convkit
    assert "check" in convkit.__all__
    from convkit import check
    assert check is notebook.check


@pytest.mark.parametrize("path", ["convolve/loops.py", "kernel_grad/einsum.py",
                                  "input_grad/windows_add_at.py", "receptive_field/loop.py"])
def test_correct_functions_of_every_task_pass(path):
    function = function_from(os.path.join(LEARNERS, path))
    result = notebook.check(function, seed=3)  # the task from the function's name
    assert result.ok and result.verdict == "AC", result.text
    assert result.task.name == path.split("/")[0]
    assert len(result.samples) >= 6 and result.random_passed > 250
    assert result.text.endswith("{} passed, 0 failed, {} skipped\n".format(
        result.passed, result.skipped))
    assert result.counterexample is None and "AC" in result._repr_html_()


@pytest.mark.parametrize("function, verdict, mistake", [
    (flipped, "WA", "flipped-kernel"),
    (no_bias, "WA", "bias-missing"),
    (integer_output, "WA", "integer-output"),
    (talks, "WA", "extra-text"),  # its own print: not in the form, no entry to mark
])
def test_buggy_functions_get_the_file_checkers_hint(function, verdict, mistake):
    result = notebook.check(function, task="convolve", seed=1)
    assert result.verdict == verdict and not result.ok
    job, outcome = result.counterexample
    assert outcome.verdict == verdict and mistake in mistakes(result), result.text
    assert result.task.count_numbers(job.case) <= 6  # shrunk
    page = result._repr_html_()
    assert "<svg" in page and "smallest failing case" in page
    assert ("ffd7d5" in page) == (function is not talks)  # the wrong entries marked
    assert result.hints[0] in result.text


def test_a_wrong_shape_and_a_float_for_an_integer():
    wrong = notebook.check(function_from(os.path.join(LEARNERS, "kernel_grad/wrong_shape.py")),
                           seed=1)
    assert wrong.verdict == "WA" and "wrong-shape" in mistakes(wrong)
    floats = notebook.check(function_from(os.path.join(
        LEARNERS, "receptive_field/float_output.py")), seed=1)
    assert floats.verdict == "WA" and "float-for-integer" in mistakes(floats)
    assert "<svg" in floats._repr_html_()  # the stack's picture


def test_an_exception_is_re_with_its_last_line():
    result = notebook.check(raises, task="convolve", seed=1)
    assert result.verdict == "RE"
    assert "ValueError: operands could not be broadcast together" in result.hints[0]
    assert "exit status 1; stderr ends:" in result.text
    assert 'in raises\n' in result.text  # the traceback from the function's frame
    list_result = notebook.check(returns_list, task="convolve", seed=1)
    assert list_result.verdict == "RE"  # the template's write_array calls .tolist()
    assert "'list' object has no attribute 'tolist'" in list_result.hints[0]


@pytest.mark.parametrize("function, verdict, said", [
    (exits_quietly, "WA", "no output"),
    (exits_with_3, "RE", "exit status 3"),
    (sys_exit, "WA", "no output"),
    (sys_exit_message, "RE", "giving up"),
])
def test_exits_are_judged_as_a_files_exit(function, verdict, said):
    before = set(children())
    result = notebook.check(function, task="convolve", seed=1, stress=20)
    assert result.verdict == verdict and said in result.text
    assert all(outcome.verdict == verdict for _, outcome in result.samples)
    assert set(children()) <= before, described(set(children()) - before)


def test_an_endless_loop_is_tle_and_the_caller_lives_on():
    before = set(children())
    start = time.monotonic()
    result = notebook.check(endless, task="convolve", seed=1, timeout=1)
    assert time.monotonic() - start < 5
    assert result.verdict == "TLE" and result.timed_out
    assert "killed after 1s" in result.text and "endless loop" in result.hints[0]
    assert set(children()) <= before, described(set(children()) - before)
    again = notebook.check(loops, task="convolve", seed=1, stress=20)  # the worker is new
    assert again.ok


def test_a_grandchild_is_killed_with_the_worker():
    before = set(children())
    result = notebook.check(forks_and_hangs, task="convolve", seed=1, timeout=1)
    assert result.verdict == "TLE"
    deadline = time.monotonic() + 5  # killed at once; reaped as soon as a loaded machine lets
    while set(children()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    ps = subprocess.run(["ps", "-eo", "pid,pgid,stat"], capture_output=True, text=True)
    assert set(children()) <= before, described(set(children()) - before)
    alive = [line for line in ps.stdout.splitlines()[1:]
             if line.split()[2][0] != "Z" and int(line.split()[1]) not in (os.getpgid(0),)]
    assert not [line for line in alive if "forks_and_hangs" in line]


def test_a_flood_of_output_is_ole():
    result = notebook.check(floods, task="convolve", seed=1, stress=5)
    assert result.verdict == "OLE" and "output limit exceeded" in result.text


def test_the_worker_is_forked_again_only_when_it_died():
    result = notebook.check(exits_with_3, task="convolve", seed=1, stress=20)
    assert result.forks > 7  # one per sample at least: each run ended it
    assert notebook.check(loops, task="convolve", seed=1).forks == 1


def test_ipykernels_argv(monkeypatch):
    monkeypatch.setattr(sys, "argv", [os.path.join(sys.prefix, "ipykernel_launcher.py"),
                                      "-f", "/tmp/kernel-0.json"])
    assert notebook.check(loops, task="convolve", seed=2, stress=50).ok
    assert notebook.check(flipped, task="convolve", seed=2, stress=50).verdict == "WA"


def test_the_task_is_found_by_name_or_given():
    def apply_convolution(data, kernel, bias):
        return loops(data, kernel, bias)
    assert notebook.task_of(apply_convolution).name == "convolve"
    assert notebook.task_of(loops, "input_grad").name == "input_grad"
    assert notebook.task_of(loops, task_named("kernel_grad")).name == "kernel_grad"
    with pytest.raises(ValueError, match="calculate_receptive_field"):
        notebook.task_of(loops)


def test_the_text_is_make_checks(tmp_path):
    """check(function).text says what ./run_tests.sh --solution says of the file the
    function comes from: each sample's verdict line, the same first failing random case,
    shrunk to the same size, with the same hint, and the same last line."""
    path = os.path.join(LEARNERS, "convolve/flipped_kernel.py")
    mine = notebook.check(function_from(path), seed=1).text
    process = subprocess.run(
        [os.path.join(PROJECT, "run_tests.sh"), "--solution", path, "--stress", "300",
         "--seed", "1", "convolve"], capture_output=True, text=True, cwd=str(tmp_path))
    assert process.returncode == 1

    def verdicts(text):
        return [re.sub(r" +[0-9]+\.[0-9]+s$", "", line) for line in text.splitlines()
                if re.match(r"(AC|WA|RE|TLE|OLE) ", line)]

    def shrunk(text):
        return re.search(r"-> (.*)", text).group(1)
    assert verdicts(mine) == verdicts(process.stdout)
    assert shrunk(mine) == shrunk(process.stdout)
    assert "your kernel is flipped" in mine
    assert mine.splitlines()[-1] == process.stdout.splitlines()[-1]


def test_the_grader_or_its_static_check(monkeypatch):
    path = os.path.join(LEARNERS, "convolve/numpy_too_new.py")
    namespace = {}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read().split("\ndata = read_array()")[0], path, "exec"), namespace)
    too_new = namespace["apply_convolution"]
    here = notebook.check(too_new, seed=1, stress=20)
    assert here.ok  # numpy 2 has sliding_window_view
    monkeypatch.setenv("CONVKIT_GRADER_PYTHON", "")
    static = notebook.check(too_new, seed=1, stress=20, grader=True)
    assert not static.ok and static.verdict == "FAIL"
    assert "sliding_window_view is not in numpy 1.14.1" in static.text
    assert "sliding_window_view" in static._repr_html_()
    assert "def apply_convolution" in static.grader_file
    assert static.grader_file.rstrip().endswith("write_array(result)")
    assert notebook.check(loops, task="convolve", seed=1, stress=20, grader=True).ok


@pytest.mark.grader
@pytest.mark.skipif(grader_env.python() is None, reason="no .venv-grader here")
def test_on_the_grader():
    path = os.path.join(LEARNERS, "convolve/numpy_too_new.py")
    namespace = {}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read().split("\ndata = read_array()")[0], path, "exec"), namespace)
    result = notebook.check(namespace["apply_convolution"], seed=1, stress=20, grader=True)
    assert not result.ok and "fails on the grader (Python 3.6, numpy 1.14.1)" in result.text


def test_no_source_for_the_grader():
    function = eval("lambda data, kernel, bias: data")  # no source to be found
    result = notebook.check(function, task="convolve", seed=1, stress=5, grader=True)
    assert "inspect.getsource cannot find it" in result.text


def test_speed():
    """The worker alone runs hundreds of cases a second; the whole check, Hypothesis's
    drawing and the package's answers included, more than a hundred."""
    from convkit.checker import stress
    task = task_named("convolve")
    cases = stress.generate(task, 300, 1)
    with Worker(package_convolution, TEMPLATES["convolve"], 10) as worker:
        start = time.monotonic()
        for case in cases:
            assert worker.run(case, 10 ** 6).status == 0
        rate = len(cases) / (time.monotonic() - start)
    result = notebook.check(package_convolution, task="convolve", seed=1)
    print("worker: {:.0f} cases/s; check(): {:.0f} random cases/s".format(
        rate, result.cases_per_second))
    # the worker alone is far past 200 a second; check() as a whole shares the machine
    # with the other tests here, so only a loose bound (make bench measures it alone)
    assert rate >= 200 and result.cases_per_second >= 40


def gallery_entries(quick):
    for entry in gallery.GALLERY:
        if entry["mistake"] in NOT_THE_FUNCTIONS or entry["fails"] == "grader-only" or \
                not os.path.exists(os.path.join(LEARNERS, entry["path"])):
            continue
        marks = () if entry["path"] in QUICK else (pytest.mark.slow,)
        if (entry["path"] in QUICK) == quick:
            yield pytest.param(entry, id=entry["path"], marks=marks)


@pytest.mark.parametrize("entry", list(gallery_entries(True)) + list(gallery_entries(False)))
def test_the_learner_gallerys_functions(entry):
    """Each gallery file's function, checked from memory: the file's verdict, and its
    mistake named where the shrunk case's wrong answer can name it (a crash names none, and
    a case where two mistakes give the same answer names both)."""
    function = function_from(os.path.join(LEARNERS, entry["path"]))
    result = notebook.check(function, seed=1)
    # a nothing-printed file's function is right: its mistake is the missing I/O lines
    assert result.ok == (entry["correct"] or entry["mistake"] == "nothing-printed"), \
        result.text
    if result.ok:
        return
    job, outcome = result.counterexample
    names = mistakes(result)
    if outcome.verdict == "WA" and len(names) <= 1 and (
            entry["mistake"] in result.task.hints or entry["mistake"] in diagnose.SENTENCES):
        assert names == [entry["mistake"]], result.text
