"""run_tests.sh: it catches what is wrong and accepts drift (the comparison itself:
tests/test_compare_output.py)."""
import os
import shutil
import subprocess
import sys

import pytest

from cases import ROOT

GOOD = "import sys\nsys.stdin.read()\nprint([[2.5, 5.0], [1.0, -3.0]])\n"
PROGRAMS = {
    "good": GOOD,
    "drift": GOOD.replace("2.5", "2.5000000000000004"),
    "wrong": GOOD.replace("-3.0", "-3.1"),
    "transposed": GOOD.replace("[[2.5, 5.0], [1.0, -3.0]]", "[[2.5, 1.0], [5.0, -3.0]]"),
    "flat": GOOD.replace("[[2.5, 5.0], [1.0, -3.0]]", "[2.5, 5.0, 1.0, -3.0]"),
    "crash": "raise SystemExit('boom: line 2 is bad')\n",
    "hang": "import time\ntime.sleep(60)\n",
    "empty": "import sys\nsys.stdin.read()\n",
    "extra": GOOD + "print('debug')\n",
}


@pytest.fixture
def project(tmp_path):
    """A copy of the harness with one fake script per behaviour, each with one case."""
    shutil.copy(os.path.join(ROOT, "run_tests.sh"), str(tmp_path))
    (tmp_path / "tools").mkdir()
    shutil.copy(os.path.join(ROOT, "tools", "compare_output.py"), str(tmp_path / "tools"))
    (tmp_path / "solutions").mkdir()
    for name, program in PROGRAMS.items():
        (tmp_path / "solutions" / (name + ".py")).write_text(program)
        (tmp_path / "samples" / name).mkdir(parents=True)
        (tmp_path / "samples" / name / "01-case.in").write_text("[1]\n")
        (tmp_path / "samples" / name / "01-case.out").write_text("[[2.5, 5], [1, -3]]\n")
    return tmp_path


def harness(project, *args):
    done = subprocess.run(["bash", str(project / "run_tests.sh"), "--python", sys.executable]
                          + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("name, verdict, detail", [
    ("good", "AC", None),
    ("drift", "AC", None),
    ("wrong", "WA", "1 of 4 elements out of tolerance; worst at [1, 1]: got -3.1, expected -3,"),
    ("transposed", "WA", "2 of 4 elements out of tolerance; worst at [1, 0]: got 5.0, expected 1"),
    ("flat", "WA", "shape (4,) != expected (2, 2)"),
    ("crash", "RE", "boom: line 2 is bad"),
    ("empty", "WA", "no output"),
    ("extra", "WA", "not in the template's repr(list) form: line 2"),
])
def test_verdicts(project, name, verdict, detail):
    status, out, err = harness(project, name)
    assert out.splitlines()[0].startswith(verdict + " ")
    if detail:
        assert detail in out
    assert out.splitlines()[-1] == ("1 passed, 0 failed" if verdict == "AC" else
                                    "0 passed, 1 failed")
    assert status == (0 if verdict == "AC" else 1)


def test_hang_is_killed_and_the_run_goes_on(project):
    status, out, err = harness(project, "--timeout", "1", "hang", "good")
    assert out.splitlines()[0].startswith("TLE ") and "killed after 1s" in out
    assert out.splitlines()[-1] == "1 passed, 1 failed" and status == 1


def test_one_case_and_the_whole_suite(project):
    status, out, err = harness(project, str(project / "samples" / "good" / "01-case.in"))
    assert (status, out.splitlines()[-1]) == (0, "1 passed, 0 failed")
    os.remove(str(project / "solutions" / "hang.py"))
    shutil.rmtree(str(project / "samples" / "hang"))
    status, out, err = harness(project)
    assert out.splitlines()[-1] == "2 passed, 6 failed"


def test_orphans_are_errors(project):
    os.remove(str(project / "samples" / "good" / "01-case.out"))
    (project / "samples" / "good" / "02-lost.out").write_text("[1]\n")
    status, out, err = harness(project, "good")
    assert "has no .out file" in out and "has no matching .in file" in out
    assert (status, out.splitlines()[-1]) == (1, "0 passed, 2 failed")


def test_args_file_is_passed(project):
    (project / "solutions" / "echo.py").write_text(  # [number of args, the stride]
        "import sys\nprint([len(sys.argv) - 1, int(sys.argv[sys.argv.index('--stride') + 1])])\n")
    (project / "samples" / "echo").mkdir()
    (project / "samples" / "echo" / "01.in").write_text("")
    (project / "samples" / "echo" / "01.args").write_text("--stride 2 --padding same\n")
    (project / "samples" / "echo" / "01.out").write_text("[4, 2]\n")
    assert harness(project, "echo")[0] == 0


@pytest.mark.parametrize("args", [["--frob"], ["--timeout"], ["--timeout", "soon"],
                                  ["nosuchscript"], ["samples/none/01.in"]])
def test_usage_errors_exit_2(project, args):
    status, out, err = harness(project, *args)
    assert status == 2 and err
