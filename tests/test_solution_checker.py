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
         "convolve/stale_samples.py", "convolve/long_input_only.py",
         "convolve/only_function.py"}
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
    "mean-not-sum": "the gradient of a mean",
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
    "nothing-printed": "the grader runs the file as a program",
    "im2col-order": "flattened in different orders",
    "kernel-size-axis": ("You took the kernel size from the kernel's axis", "IndexError"),
    "even-kernel": "an even kernel size is counted as",
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
    if entry["mistake"] == "nothing-printed":  # judged as the function, and failed
        assert checking.block(out, "as the grader runs it")[0].startswith("FAIL"), out
        assert SAYS["nothing-printed"] in out
        if report is None:  # the function is right
            assert "random cases (seed 1)" in out and failed == 1, out
        else:
            assert "your kernel is flipped" in "\n".join(report), out
        return
    assert report, out
    text = "\n".join(report)
    assert any(says in text for says in said(entry["mistake"])), text
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
    case = os.path.join(save, "{}.{}.in".format(os.path.basename(entry["path"])[:-3],
                                                entry["task"]))
    assert os.path.isfile(case[:-3] + ".out")
    if here:
        status, again = checking.judge(entry["task"], path, cases=[case])
    else:
        status, again, _ = checking.checker("--solution", path, case)
    assert status == 1 and checking.summary(again)[:2] == (0, 1), again


def said(mistake):
    """What the report may say for the mistake: one sentence, or any of several (a crash
    where the case has more channels than taps)."""
    says = SAYS[mistake]
    return (says,) if isinstance(says, str) else says


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
    "receptive_field": receptive_field.make_case([3, 4], [2, 3])}  # an even kernel too
BY_BEHAVIOUR = ("stale-samples", "long-input-only",  # no one output shows them
                "kernel-size-axis")  # right on that case (2 channels, 2 taps):
# tests/test_hints_gallery.py shows it on its own file
RIGHT_ON_THAT_CASE = {"kernel_grad/im2col_order.py"}  # so is this file (the same there)


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"])
                                   for e in gallery.entries(fails="here")
                                   if e["mistake"] not in BY_BEHAVIOUR and
                                   e["path"] not in RIGHT_ON_THAT_CASE])
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
    if said(entry["mistake"])[0] != "IndexError":  # with as many channels in as out: named
        assert said(entry["mistake"])[0] in outcome.diagnoses[0][1]


QUICK_GRADER_ONLY = {"convolve/numpy_too_new.py", "receptive_field/python_too_new.py"}
GRADER_ONLY = [pytest.param(e, id=e["path"], marks=() if e["path"] in QUICK_GRADER_ONLY else
                            (pytest.mark.slow,))
               for e in gallery.entries(fails="grader-only")]  # the rest: make test-all
# make test judges in this process; make test-all runs the whole command too
HERE_OR_COMMAND = [pytest.param(True, id="here"),
                   pytest.param(False, id="command", marks=pytest.mark.slow)]


def marked_line(path):
    """The number of the line the gallery file marks "Python 3.6: SyntaxError here"."""
    with open(path, encoding="utf-8") as f:
        return next(number for number, line in enumerate(f, 1)
                    if "Python 3.6: SyntaxError here" in line)


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
        said = "fails on the grader (Python 3.6, numpy 1.14.1): "
        if entry["grader_error"].startswith("SyntaxError"):  # placed at the marked line
            line = "line {}: ".format(marked_line(path))
            assert said + line + entry["grader_error"] in out or (  # an f-string's: 3.6
                said + entry["grader_error"] + " in an f-string" in out and line in out), out
        else:
            assert said + entry["grader_error"] in out, out
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
    ["--solution", "tests/learners/convolve/loops.py", "--seed", "1", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "0", "--seed", "1",
     "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--timeout", "0", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--timeout", "-1", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--timeout", "inf", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--timeout", "nan", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--timeout", "1e400", "convolve"],
    ["--solution", "tests/learners/convolve/loops.py", "--timeout", "ten", "convolve"],
    ["--timeout", "0"],
    ["--solution", "tests/learners/convolve/loops.py", "--stress", "3", "--save",
     "tests/learners/convolve/loops.py/sub/deeper", "convolve"],
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


# ---- the report: quieter, grouped by cause, the counterexample last (17.6)

SAMPLE_CASES = [os.path.join(checking.ROOT, "samples", "convolve", name + ".in")
                for name in ("01-lesson", "03-quiz-three-out-channels", "05-k1")]


def test_failures_are_grouped_by_cause_and_the_counterexample_comes_last(tmp_path):
    path = os.path.join(checking.LEARNERS, "convolve", "flipped_kernel.py")
    status, out = checking.judge("convolve", path, 60, int(SEED), save=str(tmp_path),
                                 cases=SAMPLE_CASES)
    lines = out.splitlines()
    assert status == 1 and checking.summary(out)[1] == 3, out  # 2 samples, 1 random case
    sample_lines = [line for line in lines if "samples/convolve/" in line and
                    not line.startswith(" ")]
    assert [line.split()[0] for line in sample_lines] == ["WA", "WA", "AC"]
    assert sum(1 for line in lines if "elements out of tolerance" in line) == 2, out  # the
    # group's first sample, the counterexample: not once per sample
    group = checking.block(out, "2 samples fail here, WA")
    assert group and "the counterexample below fails the same way" in group[-1], out
    start = lines.index(next(line for line in lines if line.startswith("WA   random case")))
    assert start > lines.index(group[0])
    after = [line for line in lines[start + 1:] if not line.startswith(" ")]
    assert len(after) == 2 and after[0].startswith("random cases: ") and \
        "of 60 ran here (seed 1): it stops at the first failure" in after[0], out
    assert "your kernel is flipped" in "\n".join(checking.block(out, "random case "))


def test_the_summary_names_the_skipped_samples():
    status, out, err = checking.checker("--solution", "tests/learners/convolve/loops.py",
                                        "convolve")
    assert status == 0 and checking.summary(out) == (7, 0, 5)
    skipped = out.splitlines()[-2]
    assert skipped.startswith("skipped: 5 samples not in the grader's format") and \
        "02-quiz-one-out-channel" in skipped and "12-tuples-crlf-blanks" in skipped


@pytest.mark.skipif(not os.path.exists(checking.GRADER_PYTHON), reason="no .venv-grader")
def test_where_both_environments_agree_each_sample_is_one_line():
    path = os.path.join(checking.LEARNERS, "convolve", "flipped_kernel.py")
    status, out = checking.judge("convolve", path, 20, int(SEED), grader=True,
                                 cases=SAMPLE_CASES)
    assert status == 1 and "on the grader" not in "\n".join(
        line for line in out.splitlines() if "samples/convolve/" in line), out
    assert checking.block(out, "2 samples fail here and on the grader, WA"), out
    assert "the grader (Python 3.6, numpy 1.14.1) fails it the same way" in out


@pytest.mark.skipif(not os.path.exists(checking.GRADER_PYTHON), reason="no .venv-grader")
def test_the_grader_numbers_the_random_cases_as_the_run_here():
    path = os.path.join(checking.LEARNERS, "convolve", "numpy_too_new.py")
    status, out = checking.judge("convolve", path, 20, int(SEED), grader=True)
    assert status == 1 and "random case 1 of 20 (seed 1) on the grader" in out, out


# ---- the grader's verdict decides; numpy 2's differences are a note (17.2)

NP_FLOAT = os.path.join(checking.LEARNERS, "convolve", "loops.py")


def numpy_1_file(tmp_path):
    """The loops file with np.float, which numpy 1.14.1 has and numpy 2 removed."""
    with open(NP_FLOAT, encoding="utf-8") as f:
        text = f.read().replace("np.zeros((out_len, out_ch))",
                                "np.zeros((out_len, out_ch), dtype=np.float)")
    assert "np.float)" in text
    path = tmp_path / "np_float.py"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.skipif(not os.path.exists(checking.GRADER_PYTHON), reason="no .venv-grader")
def test_a_numpy_2_only_failure_is_a_note_where_the_grader_passes(tmp_path):
    status, out = checking.judge("convolve", numpy_1_file(tmp_path), 20, int(SEED),
                                 grader=True, cases=SAMPLE_CASES[:1], save=str(tmp_path))
    assert status == 0, out  # the grader passes it; here it is judged again with compat
    assert "np.float: numpy 2 removed it" in out and "judged again here" in out, out
    assert "\nRE " not in "\n" + out and "\nWA " not in "\n" + out, out


def test_without_the_grader_a_numpy_2_only_failure_is_said_and_judged_again(
        tmp_path, monkeypatch):
    monkeypatch.setenv("CONVKIT_GRADER_PYTHON", "")
    status, out = checking.judge("convolve", numpy_1_file(tmp_path), 20, int(SEED),
                                 grader=True, cases=SAMPLE_CASES[:1], save=str(tmp_path))
    notes = [line for line in out.splitlines() if line.startswith("note: numpy ")]
    assert len(notes) == 1 and "np.float: numpy 2 removed it" in notes[0], out
    assert status == 0 and "judged again here" in notes[0], out  # the math judged


def test_numpy_2_s_removed_names_and_print_forms_are_recognised():
    from convkit.checker import solution, stress
    crash = stress.Outcome("RE", "exit status 1", 0.1, stderr=(
        "Traceback (most recent call last):\nAttributeError: module 'numpy' has no attribute "
        "'float'.\n`np.float` was a deprecated alias\n"))
    assert solution.numpy2_only(crash).startswith("np.float: numpy 2 removed it")
    removed = stress.Outcome("RE", "exit status 1", 0.1, stderr=(
        "AttributeError: `np.NaN` was removed in the NumPy 2.0 release. Use `np.nan`"))
    assert solution.numpy2_only(removed).startswith("np.NaN")
    never = stress.Outcome("RE", "exit status 1", 0.1, stderr=(
        "AttributeError: module 'numpy' has no attribute 'sliding_window_view'"))
    assert solution.numpy2_only(never) is None  # not in numpy 1.14.1 either
    case = {"kernel sizes": [3], "dilations": [1]}
    prepared = stress.Prepared(TASKS["receptive_field"], case, 0, "/tmp")
    prepared.remove()
    form = stress.Outcome("WA", "not in the template's repr(list) form", 0.1,
                          got=b"np.int64(3)\n")
    assert "np.float64(...)" in solution.numpy2_only(form, prepared)
    wrong = stress.Outcome("WA", "not in the form", 0.1, got=b"np.int64(4)\n")
    assert solution.numpy2_only(wrong, prepared) is None  # wrong in numpy 1 too


# ---- a file that is the graded function only (17.4)

def test_a_function_only_file_is_judged_as_the_function_and_fails(tmp_path):
    path = os.path.join(checking.LEARNERS, "convolve", "only_function.py")
    status, out = checking.judge("convolve", path, 20, int(SEED), cases=SAMPLE_CASES)
    assert status == 1 and checking.summary(out) == (23, 1, 0), out
    first = checking.block(out, "as the grader runs it")
    assert first[0].startswith("FAIL") and len(first) == 2
    assert "defines apply_convolution and reads no input" in first[1]


def test_a_wrong_function_only_file_gets_the_function_s_counterexample():
    """Its function's own mistake (the kernel flipped) is found and named, and the file
    fails for the missing reading and printing as well."""
    path = os.path.join(checking.FIXTURES, "function_only_flipped.py")
    status, out = checking.judge("convolve", path, 50, int(SEED), cases=SAMPLE_CASES)
    assert status == 1 and "FAIL" in checking.block(out, "as the grader runs it")[0], out
    assert "your kernel is flipped" in out


@pytest.mark.parametrize("text, only", [
    ("import numpy as np\ndef apply_convolution(d, k, b):\n    return np.zeros(1)\n", True),
    ("import numpy as np\nEPS = 1e-9\nclass A:\n    x = 1\n"
     "def apply_convolution(d, k, b, f=float):\n    print(d)\n    return d\n", True),
    ("def apply_convolution(d, k, b):\n    return d\nprint(apply_convolution(1, 2, 3))\n",
     False),
    ("import sys\ndef apply_convolution(d, k, b):\n    return d\nx = sys.stdin.read()\n",
     False),
    ("def apply_convolution(d, k, b):\n    return d\ndef main():\n    pass\n"
     "if __name__ == '__main__':\n    main()\n", False),
    ("def apply_convolution(d, k, b):\n    return d\nclass A:\n    print(1)\n", False),
    ("def apply_convolution(d, k, b, x=input()):\n    return d\n", False),
    ("def calculate_kernel_grad(x, y, k, b):\n    return x\n", False),  # not the task's
    ("def apply_convolution(d, k, b):\n    return d +\n", False),  # a SyntaxError
])
def test_function_only_is_decided_statically(text, only, tmp_path):
    from convkit.checker import solution
    path = tmp_path / "f.py"
    path.write_text(text)
    source = solution.function_only(TASKS["convolve"], str(path))
    assert (source is not None) == only
    if only:
        assert source.startswith(text) and "def read_array(" in source
        assert source.count("def apply_convolution(") == 1


# ---- the command line: --seed, the counterexamples folder, --timeout (18.9, 8)

def test_the_counterexamples_folder_is_made_only_when_a_case_fails(tmp_path):
    loops = os.path.join(checking.LEARNERS, "convolve", "loops.py")
    flipped = os.path.join(checking.LEARNERS, "convolve", "flipped_kernel.py")
    status, out, err = checking.checker("--solution", loops, "--stress", "5", "--seed", "1",
                                        "convolve", cwd=str(tmp_path))
    assert status == 0 and os.listdir(tmp_path) == [], out + err
    status, out, err = checking.checker("--solution", flipped, "--stress", "5", "--seed",
                                        "1", "convolve", cwd=str(tmp_path))
    assert status == 1 and sorted(os.listdir(tmp_path / "counterexamples")) == [
        "flipped_kernel.convolve.in", "flipped_kernel.convolve.out"], out + err
    rerun = out.split("rerun with ", 1)[1].splitlines()[0].split()
    assert rerun[-1] == "counterexamples/flipped_kernel.convolve.in"
    status, again, err = checking.checker(*rerun[1:], cwd=str(tmp_path))
    assert status == 1 and checking.summary(again)[:2] == (0, 1), again + err


def test_a_save_folder_that_cannot_be_made_is_refused_before_any_case(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "link").symlink_to(locked)
    loops = os.path.join(checking.LEARNERS, "convolve", "loops.py")
    runs = checking.checker_batch([
        ["--solution", loops, "--stress", "3", "--save", str(tmp_path / "link"), "convolve"],
        ["--solution", loops, "--stress", "3", "--save", str(tmp_path / "a" / "b"),
         "convolve"]])
    assert runs[0][0] == 2 and "symbolic link" in runs[0][2]
    assert runs[1][0] == 0 and not (tmp_path / "a").exists(), runs[1]


def test_any_finite_positive_timeout_is_accepted():
    from convkit.checker.__main__ import TIMEOUT_CAP, parse_args
    for text in ("1e300", "1e-300", "0.5", "1e6", "9e9"):
        options, _ = parse_args(["--timeout", text, "convolve"])
        assert options["timeout"] == min(float(text), TIMEOUT_CAP)
    (status, out, err), = checking.checker_batch([[
        "--solution", "tests/learners/convolve/loops.py", "--stress", "3", "--seed", "1",
        "--timeout", "1e300", "convolve"]])
    assert status == 0 and err == "", out + err


# ---- the learner's output shown safely (18.7)

def test_control_characters_of_the_output_and_stderr_are_escaped(tmp_path):
    path = tmp_path / "loud.py"
    path.write_text("import sys\nsys.stderr.write('\\x1b[8mhidden\\rAC\\n')\n"
                    "print('\\x1b[8m[[1.0]]')\nsys.exit(0 if len(sys.stdin.read()) < 40 else 3)\n")
    status, out = checking.judge("convolve", str(path), 20, int(SEED), save=str(tmp_path),
                                 cases=SAMPLE_CASES[:1])
    assert status == 1 and "\x1b" not in out and "\r" not in out, out
    assert "\\x1b[8m" in out


# Issue 17's promise: each gallery file's verdict is right with the grader's environment
# and without it (CONVKIT_GRADER_PYTHON= set empty: the static check instead).
GRADER_MODES = [pytest.param({}, id="with-grader", marks=pytest.mark.grader),  # test-grader
                pytest.param({"CONVKIT_GRADER_PYTHON": ""}, id="without-grader",
                             marks=pytest.mark.slow)]


@pytest.mark.parametrize("env", GRADER_MODES)
@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"]) for e in gallery.GALLERY])
def test_gallery_verdicts_with_and_without_the_grader(entry, env, tmp_path):
    if not env and not os.path.exists(checking.GRADER_PYTHON):
        pytest.skip("no .venv-grader here (make test-grader builds it)")
    path = os.path.join(checking.LEARNERS, entry["path"])
    stress = LONG_STRESS if entry["mistake"] == "long-input-only" else "60"
    status, out, err = checking.checker("--solution", path, "--stress", stress, "--seed", SEED,
                                        "--save", str(tmp_path), "--grader", entry["task"],
                                        env=env)
    assert err == "" and checking.summary(out) is not None, out + err
    assert status == (0 if entry["correct"] else 1), out
