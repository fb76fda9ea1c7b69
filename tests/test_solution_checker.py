"""./run_tests.sh --solution FILE --stress N --seed S TASK on the learner gallery
(tests/learners/): correct files pass, each buggy file is caught with the mistake its
manifest names, on a shrunk case that meets the size bound and, saved, fails again; files
that fail only on the grader fail with --grader (or its static check). A representative
subset runs in make test; every entry in make check-gallery (-m gallery)."""
import os
import sys

import pytest

import checking
from learners import gallery

pytestmark = pytest.mark.skipif(sys.version_info < (3, 10),
                                reason="the checker runs on .venv's Python 3.10+")

SEED = "1"
STRESS = "60"  # random cases per file in these tests (make check runs 300)
LONG_STRESS = "300"  # long-input-only needs a case past 50 rows
SUBSET = {"convolve/loops.py", "convolve/np_convolve.py", "kernel_grad/einsum.py",
          "input_grad/windows_add_at.py", "receptive_field/loop.py",
          "convolve/flipped_kernel.py", "convolve/long_input_only.py",
          "convolve/stale_samples.py", "kernel_grad/integer_output.py",
          "input_grad/mean_not_sum.py", "receptive_field/no_dilation.py",
          "convolve/numpy_too_new.py", "convolve/numpy_print.py",
          "receptive_field/off_by_one.py"}
# What the report says for each mistake: a sentence of checker/diagnose.py, or of the
# stale-output check, or (kernel-axes-swapped: an IndexError unless the channels agree)
# the crash.
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
    "numpy-print": "in numpy's own form",
    "extra-text": "with other text around it",
    "few-digits": "significant digits only. float32 arithmetic",
    "long-input-only": "IndexError",
}


def entries(subset):
    found = []
    for entry in gallery.GALLERY:
        if (entry["path"] in SUBSET) == subset:
            found.append(pytest.param(entry, id=entry["path"],
                                      marks=[] if subset else [pytest.mark.gallery]))
    return found


def check_entry(entry, tmp_path):
    path = os.path.join(checking.LEARNERS, entry["path"])
    stress = LONG_STRESS if entry["mistake"] == "long-input-only" else STRESS
    save = str(tmp_path / "saved")
    status, out, err = checking.checker("--solution", path, "--stress", stress, "--seed", SEED,
                                        "--save", save, entry["task"])
    assert err == "", err
    passed, failed, skipped = checking.summary(out)
    if entry["fails"] != "here":
        assert (status, failed) == (0, 0), out
        assert passed > int(stress) // 2 and skipped >= 1
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
    status, again, _ = checking.checker("--solution", path, case)
    assert status == 1 and checking.summary(again)[:2] == (0, 1), again


def checking_first_line(task):
    return "data" if task == "convolve" else "kernel sizes" if task == "receptive_field" \
        else "x"


@pytest.mark.parametrize("entry", entries(subset=True))
def test_gallery_subset(entry, tmp_path):
    check_entry(entry, tmp_path)


@pytest.mark.parametrize("entry", entries(subset=False))
def test_gallery_all(entry, tmp_path):
    check_entry(entry, tmp_path)


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"])
                                   for e in gallery.entries(fails="grader-only")])
def test_grader_only_files_fail_with_grader(entry):
    path = os.path.join(checking.LEARNERS, entry["path"])
    status, out, err = checking.checker("--solution", path, "--stress", "20", "--seed", SEED,
                                        "--grader", entry["task"])
    assert status == 1, out
    if os.path.exists(checking.GRADER_PYTHON):
        where = "line 22: " if entry["mistake"] == "python-too-new" else ""  # its := line
        assert ("fails on the grader (Python 3.6, numpy 1.14.1): " + where +
                entry["grader_error"]) in out
    else:
        assert "static check for the grader" in out
    from checker import static_check
    assert static_check.problems(path)


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"])
                                   for e in gallery.entries(fails="grader-only")])
def test_without_python_3_6_the_static_check_runs(entry):
    path = os.path.join(checking.LEARNERS, entry["path"])
    status, out, err = checking.checker("--solution", path, "--grader", entry["task"],
                                        env={"CONVKIT_GRADER_PYTHON": ""})
    entry_lines = checking.block(out, "static check for the grader")
    assert status == 1 and entry_lines[0].startswith("FAIL"), out
    assert "no grader environment here" in entry_lines[1] and "line " in entry_lines[2]
    status, out, err = checking.checker("--solution", os.path.join(
        checking.LEARNERS, entry["task"], "loop.py" if entry["task"] == "receptive_field"
        else "loops.py"), "--grader", entry["task"], env={"CONVKIT_GRADER_PYTHON": ""})
    assert status == 0 and checking.block(out, "static check for the grader")[0].startswith(
        "AC")


@pytest.mark.gallery
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
    status, out, err = checking.checker("--solution", path, "--stress", "60", "--seed", SEED,
                                        "--save", str(tmp_path), "convolve")
    report = "\n".join(checking.block(out, "random case "))
    assert status == 1 and "elements out of tolerance" in report
    assert "significant digits only. float32 arithmetic" in report, report


def test_a_wrong_answer_that_repeats_by_chance_is_not_called_stale(tmp_path):
    """One position short: all zeros for a 1-row x, as for any other 1-row x of one
    channel; inputs of other shapes get other outputs, so it reads its stdin."""
    path = os.path.join(checking.FIXTURES, "input_grad_one_short.py")
    status, out, err = checking.checker("--solution", path, "--stress", "60", "--seed", "3",
                                        "--save", str(tmp_path), "input_grad")
    report = "\n".join(checking.block(out, "random case "))
    assert status == 1 and "leaves out the last window" in report, report
    assert "did not change" not in report


def test_the_grader_reruns_the_first_random_cases_of_the_same_run():
    from checker import stress
    first = stress.generate("convolve", 300, 7, first=50)
    assert len(first) == 50 and first == stress.generate("convolve", 300, 7)[:50]


@pytest.mark.parametrize("args", [
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
])
def test_usage_errors_are_one_line_and_exit_2(args):
    status, out, err = checking.checker(*args)
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
        [sys.executable, os.path.join(checking.ROOT, "checker"), "--solution", str(path),
         "--stress", "50", "--seed", "1", "--timeout", "60", "convolve"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(tmp_path))
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
