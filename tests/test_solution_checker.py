"""./run_tests.sh --solution FILE --stress N --seed S TASK on the learner gallery
(tests/learners/): correct files pass, each buggy file is caught with the mistake its
manifest names, on a shrunk case that meets the size bound and, saved, fails again; files
that fail only on the grader fail with --grader (or its static check).

Tiers: make test judges one file per task and one per hint (QUICK) in this process
(checking.judge: the random cases, as the checker judges them, without the start-up and the
samples); every gallery entry goes through the whole command in make test-all (`slow`)."""
import os
import sys

import pytest

import checking
from convkit.exercises import convolve, gradients, receptive_field
from convkit.tasks import TASKS
from learners import gallery

pytestmark = pytest.mark.skipif(sys.version_info < (3, 10),
                                reason="the checker runs on .venv's Python 3.10+")

SEED = "1"
STRESS = "60"  # random cases per file in these tests (make check runs 300)
LONG_STRESS = "300"  # long-input-only needs a case past 50 rows
# The files make test stresses: a correct file of each task, a file of each task's own
# mistakes (its hints), and one of each kind of report that is not an exercise's hint: the
# form-level hints of diagnose.py (few-digits: test_a_float32_solution_fails), the output
# that does not change (stale-samples), a crash on long inputs only, shrunk by bisection.
# Every other buggy file is run once in make test (its hint named from what it prints) and
# goes through the whole command in make test-all.
QUICK = {"convolve/loops.py", "kernel_grad/einsum.py", "input_grad/windows_add_at.py",
         "receptive_field/loop.py",
         "convolve/flipped_kernel.py", "kernel_grad/y_as_upstream.py",
         "input_grad/mean_not_sum.py", "receptive_field/off_by_one.py",
         "convolve/numpy_print.py", "convolve/extra_text.py", "kernel_grad/integer_output.py",
         "kernel_grad/wrong_shape.py", "receptive_field/float_output.py",
         "convolve/stale_samples.py", "convolve/long_input_only.py"}
FORM_HINTS = {"integer-output", "wrong-shape", "numpy-print", "extra-text",
              "float-for-integer", "few-digits"}  # diagnose.py's own, for every exercise
# What the report says for each mistake: a sentence of convkit/checker/diagnose.py or of an
# exercise's hints (task.hints), or of the stale-output check, or (kernel-axes-swapped: an
# IndexError unless the channels agree) the crash.
SAYS = {
    "flipped-kernel": "your kernel is flipped",
    "bias-missing": "The bias is missing",
    "out-len-short": "one row short",
    "out-len-long": "one row too many",
    "transposed": "Your answer is transposed",
    "kernel-axes-swapped": "IndexError",
    "integer-output": "printed as integers where the right one has fractions",
    "stale-samples": "Your output did not change while the input did",
    "mean-not-sum": "the gradient of the mean of Y",
    "wrong-shape": "Your answer has shape",
    "no-dilation": "the receptive field without dilation",
    "off-by-one": "Your receptive field is one off",
    "float-for-integer": "you printed it as a float",
    "y-as-upstream": "You used y's values as dL/dY",
    "channel-missing": "leaves out the last output channel",
    "numpy-print": "in numpy's own form",
    "extra-text": "with other text around it",
    "few-digits": "significant digits only. float32 arithmetic",
    "long-input-only": "IndexError",
}


def check_entry(entry, tmp_path, here=False):
    """The whole command (`run_tests.sh --solution FILE --stress N --seed 1 --save DIR
    TASK`, the samples first), or with here its random cases judged in this process."""
    path = os.path.join(checking.LEARNERS, entry["path"])
    stress = LONG_STRESS if entry["mistake"] == "long-input-only" else STRESS
    save = str(tmp_path / "saved")
    if here:
        status, out = checking.judge(entry["task"], path, int(stress), int(SEED), save)
        err = ""  # in this process: a traceback would fail the test itself
    else:
        status, out, err = checking.checker("--solution", path, "--stress", stress, "--seed",
                                            SEED, "--save", save, entry["task"])
    assert err == "", err
    passed, failed, skipped = checking.summary(out)
    if entry["fails"] != "here":
        assert (status, failed) == (0, 0), out
        assert passed > int(stress) // 2 and (here or skipped >= 1)
        assert "random cases (seed 1)" in out
        return
    assert status == 1 and failed >= 1, out
    report = checking.block(out, "random case ")
    assert report, out
    text = "\n".join(report)
    assert SAYS[entry["mistake"]] in text, text
    assert "saved: " in text
    shrunk = checking.input_lines(report)
    if entry["mistake"] == "long-input-only":  # a few rows past the shortest that fails
        data = shrunk[checking_first_line(entry["task"])]
        assert entry["min_in_len"] <= data.count("[") - 1 <= entry["min_in_len"] + 3, text
    else:  # at most 12 numbers, the y line aside
        numbers = sum(value.count(",") + 1 - value.count("], [") for name, value in
                      shrunk.items() if name != "y")
        assert numbers <= 12, text
    # the saved counterexample fails the file again, through the harness
    case = os.path.join(save, entry["task"] + ".in")
    assert os.path.isfile(case[:-3] + ".out")
    if here:
        status, again = checking.judge(entry["task"], path, cases=[case])
    else:
        status, again, _ = checking.checker("--solution", path, case)
    assert status == 1 and checking.summary(again)[:2] == (0, 1), again


def checking_first_line(task):
    return "data" if task == "convolve" else "kernel sizes" if task == "receptive_field" \
        else "x"


def test_quick_covers_every_task_and_every_kind_of_report():
    chosen = [entry for entry in gallery.GALLERY if entry["path"] in QUICK]
    assert len(chosen) == len(QUICK)
    assert {entry["task"] for entry in chosen if entry["correct"]} == set(gallery.TASKS)
    mistakes = {entry["mistake"]: entry["task"] for entry in chosen if not entry["correct"]}
    hints = {task: set(TASKS[task].hints) for task in gallery.TASKS}
    assert {task for mistake, task in mistakes.items() if mistake in hints[task]} == set(
        gallery.TASKS)
    assert set(mistakes) | {"few-digits"} >= FORM_HINTS | {"stale-samples", "long-input-only"}
    assert {entry["mistake"] for entry in gallery.entries(fails="here")} == set(SAYS)


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"]) for e in gallery.GALLERY
                                   if e["path"] in QUICK])
def test_gallery_quick(entry, tmp_path):
    check_entry(entry, tmp_path, here=True)


@pytest.mark.slow
@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"]) for e in gallery.GALLERY])
def test_gallery(entry, tmp_path):
    check_entry(entry, tmp_path)


# One case of each task on which every mistake of the gallery shows (the kernels have as
# many input as output channels, the gradients' integer-output needs an integer kernel
# line, or x line, beside fractions; fractions that float32 rounds)
X = [[0.1, -0.7], [0.35, 1.3], [-0.45, 0.2], [0.9, 0.15]]
W = [[[0.3, -1.1], [0.7, 0.25]], [[-0.6, 0.4], [1.7, 0.05]]]
B = [0.3, -1.9]
SHOWS_EVERY_MISTAKE = {
    "convolve": convolve.make_case(X, W, B),
    "kernel_grad": gradients.make_case(X, [[[1, -2], [0, 3]], [[2, 1], [-1, 1]]], B),
    "input_grad": gradients.make_case([[1, -2], [3, 0], [-1, 2], [2, 1]], W, B),
    "receptive_field": receptive_field.make_case([3, 5], [2, 3])}
BY_BEHAVIOUR = ("stale-samples", "long-input-only")  # no one output shows them


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"])
                                   for e in gallery.entries(fails="here")
                                   if e["mistake"] not in BY_BEHAVIOUR])
def test_each_file_s_mistake_is_named_from_what_it_prints(entry, tmp_path):
    """Every buggy file of the gallery, also those make test does not stress (QUICK), run
    once as `python FILE` and judged as a stress run judges a case (stress.judge): WA with
    its mistake's hint, and no other."""
    from convkit.checker import isolate, stress
    task = TASKS[entry["task"]]
    path = os.path.join(checking.LEARNERS, entry["path"])
    prepared = stress.Prepared(task, SHOWS_EVERY_MISTAKE[task.name], "case", str(tmp_path))
    outcome = stress.judge(isolate.run([sys.executable, path], prepared.stdin, 20,
                                       prepared.limit, str(tmp_path)), prepared, 20)
    assert outcome.verdict == "WA", outcome.details
    assert [mistake for mistake, _ in outcome.diagnoses] == [entry["mistake"]]
    if SAYS[entry["mistake"]] != "IndexError":  # with as many channels in as out: named
        assert SAYS[entry["mistake"]] in outcome.diagnoses[0][1]


GRADER_ONLY = [pytest.param(e, id=e["path"]) for e in gallery.entries(fails="grader-only")]
# make test judges in this process; make test-all runs the whole command too
HERE_OR_COMMAND = [pytest.param(True, id="here"),
                   pytest.param(False, id="command", marks=pytest.mark.slow)]


@pytest.mark.parametrize("here", HERE_OR_COMMAND)
@pytest.mark.parametrize("entry", GRADER_ONLY)
def test_grader_only_files_fail_with_grader(entry, here):
    path = os.path.join(checking.LEARNERS, entry["path"])
    if here:
        status, out = checking.judge(entry["task"], path, 20, int(SEED), grader=True)
    else:
        status, out, err = checking.checker("--solution", path, "--stress", "20", "--seed",
                                            SEED, "--grader", entry["task"])
    assert status == 1, out
    if os.path.exists(checking.GRADER_PYTHON):
        where = "line 22: " if entry["mistake"] == "python-too-new" else ""  # its := line
        assert ("fails on the grader (Python 3.6, numpy 1.14.1): " + where +
                entry["grader_error"]) in out
    else:
        assert "static check for the grader" in out
    from convkit.checker import static_check
    assert static_check.problems(path)


@pytest.mark.parametrize("here", HERE_OR_COMMAND)
@pytest.mark.parametrize("entry", GRADER_ONLY)
def test_without_python_3_6_the_static_check_runs(entry, here, monkeypatch):
    correct = os.path.join(checking.LEARNERS, entry["task"], "loop.py" if entry["task"] ==
                           "receptive_field" else "loops.py")

    def run(path):
        if here:
            monkeypatch.setenv("CONVKIT_GRADER_PYTHON", "")
            return checking.judge(entry["task"], path, grader=True)
        return checking.checker("--solution", path, "--grader", entry["task"],
                                env={"CONVKIT_GRADER_PYTHON": ""})[:2]
    status, out = run(os.path.join(checking.LEARNERS, entry["path"]))
    entry_lines = checking.block(out, "static check for the grader")
    assert status == 1 and entry_lines[0].startswith("FAIL"), out
    assert "no grader environment here" in entry_lines[1] and "line " in entry_lines[2]
    status, out = run(correct)
    assert status == 0 and checking.block(out, "static check for the grader")[0].startswith(
        "AC")


@pytest.mark.slow
@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"])
                                   for e in gallery.entries(correct=True)])
def test_correct_files_pass_a_thousand_cases(entry):
    """Different summation orders, einsum, np.convolve, loops: never failed (13 files x
    1000 cases, another seed)."""
    path = os.path.join(checking.LEARNERS, entry["path"])
    status, out, err = checking.checker("--solution", path, "--stress", "1000", "--seed", "2",
                                        entry["task"], timeout=900)
    assert status == 0, out


def test_a_float32_solution_fails(tmp_path):
    """Its errors, ~1e-7 relative, are far past the tolerance of float64 sums."""
    path = os.path.join(checking.LEARNERS, "convolve", "float32.py")
    status, out = checking.judge("convolve", path, 60, int(SEED), save=str(tmp_path))
    report = "\n".join(checking.block(out, "random case "))
    assert status == 1 and "elements out of tolerance" in report
    assert "significant digits only. float32 arithmetic" in report, report


def test_a_wrong_answer_that_repeats_by_chance_is_not_called_stale(tmp_path):
    """One position short: all zeros for a 1-row x, as for any other 1-row x of one
    channel; inputs of other shapes get other outputs, so it reads its stdin."""
    path = os.path.join(checking.FIXTURES, "input_grad_one_short.py")
    status, out = checking.judge("input_grad", path, 60, 3, save=str(tmp_path))
    report = "\n".join(checking.block(out, "random case "))
    assert status == 1 and "leaves out the last window" in report, report
    assert "did not change" not in report


def test_the_grader_reruns_the_first_random_cases_of_the_same_run():
    from convkit.checker import stress
    first = stress.generate(TASKS["convolve"], 300, 7, first=50)
    assert len(first) == 50 and first == stress.generate(TASKS["convolve"], 300, 7)[:50]


USAGE_ERRORS = [
    ["--solution", "tests/learners/convolve/loops.py"],
    ["--solution", "tests/learners/convolve/loops.py", "nosuchtask"],
    ["--solution", "no/such/file.py", "convolve"],
    ["--stress", "10", "convolve"], ["--grader", "convolve"], ["--seed", "1", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "ten", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "-1", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--seed", "x", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "samples/convolve/01-lesson.in",
     "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "README.md.in"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "\u00b2", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--seed", "\u0661\u0660", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "3", "--stress", "0",
     "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--solution", "x.py", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--grader", "--grader", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--rtol", "1", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--atol", "0", "convolve"],
    ["--solution", "tests/learners", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "3", "--save", "README.md",
     "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "3", "--save",
     "README.md/sub", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "3", "--save=", "convolve"],
]


@pytest.fixture(scope="module")
def usage_runs():
    """Each of USAGE_ERRORS through the checker's main(), all in one process of their own."""
    return dict(zip(map(tuple, USAGE_ERRORS), checking.checker_batch(USAGE_ERRORS),
                    strict=True))


@pytest.mark.parametrize("args", USAGE_ERRORS)
def test_usage_errors_are_one_line_and_exit_2(args, usage_runs):
    status, out, err = usage_runs[tuple(args)]
    assert (status, out) == (2, "") and len(err.splitlines()) == 1
    assert err.startswith("run_tests.sh: ") and "Traceback" not in err


def test_a_usage_error_through_the_command():
    """The same, as a learner runs it: the exit status and the one line of stderr."""
    status, out, err = checking.checker(*USAGE_ERRORS[0])
    assert (status, out) == (2, "") and len(err.splitlines()) == 1
    assert err.startswith("run_tests.sh: ") and "Traceback" not in err


def test_a_grader_python_that_cannot_run_is_a_usage_error():
    status, out, err = checking.checker("--solution", "tests/learners/convolve/loops.py",
                                        "--grader", "convolve",
                                        env={"CONVKIT_GRADER_PYTHON": "/bin/false"})
    assert (status, out) == (2, "") and err.startswith("run_tests.sh: --grader: /bin/false "
                                                       "cannot run and import numpy")


def test_sigterm_stops_the_run_with_no_summary_and_nothing_left(tmp_path):
    """Not a SystemExit inside Hypothesis's find(), which took it for a failing case, ended
    the draws and reported the cases so far as passed (exit 0)."""
    import signal
    import subprocess
    import time
    path = tmp_path / "slow.py"
    path.write_text("import sys, time\nif 'numpy' in sys.modules:  # forked: a random case\n"
                    "    time.sleep(30)\n")  # the samples end at once (WA), then the stress
    process = subprocess.Popen(
        checking.command() + ["--solution", str(path), "--stress", "50", "--seed", "1",
                              "--timeout", "60", "convolve"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(tmp_path), env=checking.ENV)
    time.sleep(3)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert b"passed" not in out and err == b"run_tests.sh: stopped by SIGTERM\n"
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", str(path)], stdout=subprocess.PIPE).stdout
    assert left == b""


def test_without_stress_only_the_grader_format_samples_run():
    status, out, err = checking.checker("--solution", "tests/learners/convolve/loops.py",
                                        "convolve")
    assert status == 0 and checking.summary(out) == (7, 0, 5)
