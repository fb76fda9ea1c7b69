"""run_tests.sh and convkit/checker/: it catches what is wrong, accepts drift, and can be
fooled into AC by nothing: bad options, other forms, ragged lists, misbehaving scripts, odd
expected files, another interpreter or another file, a sample that nothing runs. One test
per item of the issue; then the two kinds of run, the graded file's and the package's."""
import os
import shlex
import signal
import subprocess
import sys
import time

import pytest

import fake_project
from fake_project import harness, printing, verdicts
from programs import ROOT

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
    return fake_project.make(tmp_path, PROGRAMS)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The same, made once for the tests that only read it (each copy and first run costs
    a process start-up and compiling the package)."""
    return fake_project.make(tmp_path_factory.mktemp("shared"), PROGRAMS)


def only(out):
    """The one case's (verdict, seconds, details) in a report of one case."""
    found = verdicts(out)
    assert len(found) == 1, out
    return next(iter(found.values()))


VERDICTS = [  # (script, verdict, what the details hold)
    ("good", "AC", None),
    ("drift", "AC", None),
    ("wrong", "WA", "1 of 4 elements out of tolerance; worst at [1, 1]: got -3.1, expected -3,"),
    ("transposed", "WA", "2 of 4 elements out of tolerance; worst at [1, 0]: got 5.0, expected 1"),
    ("flat", "WA", "shape (4,) != expected (2, 2)"),
    ("crash", "RE", "exit status 1; stderr ends:\nboom: line 2 is bad"),
    ("empty", "WA", "no output"),
    ("extra", "WA", "not in the template's repr(list) form: line 2, column 1: unexpected 'd'"),
]


def test_verdicts(shared):
    status, out, err = harness(shared, *(name for name, _, _ in VERDICTS))
    found = verdicts(out)
    for name, verdict, detail in VERDICTS:
        assert found[name + "/01-case"][0] == verdict, name
        assert (detail or "") in found[name + "/01-case"][2]
    assert len(found) == len(VERDICTS) and out.splitlines()[-1] == "2 passed, 6 failed"
    assert status == 1 and err == ""
    status, out, err = harness(shared, "good", "drift")
    assert (status, out.splitlines()[-1]) == (0, "2 passed, 0 failed")


def test_hang_is_killed_and_the_run_goes_on(shared):
    status, out, err = harness(shared, "--timeout", "1", "hang", "good")
    found = verdicts(out)
    assert found["hang/01-case"][0] == "TLE" and found["hang/01-case"][2] == "killed after 1s\n"
    assert 1 <= found["hang/01-case"][1] < 3
    assert out.splitlines()[-1] == "1 passed, 1 failed" and status == 1


def test_one_case_and_the_whole_suite(project):
    status, out, err = harness(project, str(project / "samples" / "good" / "01-case.in"))
    assert (status, out.splitlines()[-1]) == (0, "1 passed, 0 failed")
    os.remove(str(project / "solutions" / "hang.py"))
    (project / "samples" / "hang" / "01-case.in").unlink()
    (project / "samples" / "hang" / "01-case.out").unlink()
    (project / "samples" / "hang" / "GRADER_FORMAT").unlink()
    (project / "samples" / "hang").rmdir()
    status, out, err = harness(project)
    assert out.splitlines()[-1] == "2 passed, 6 failed"


def test_the_wrapper_works_from_another_copy_of_the_project(shared):
    """From the project's own folder, whose convkit/ python -m would find first, with a
    case named relative to it: the fake copy's checker and package run all the same."""
    case = os.path.relpath(str(shared / "samples" / "good" / "01-case.in"), ROOT)
    status, out, err = harness(shared, "drift", case, wrapper=True, cwd=ROOT)
    assert (status, out.splitlines()[-1]) == (0, "2 passed, 0 failed"), err


@pytest.mark.slow
def test_the_wrapper_works_from_any_folder(shared):
    status, out, err = harness(shared, "good", "samples/good/01-case.in", wrapper=True,
                               cwd=str(shared))
    assert (status, out.splitlines()[-1]) == (0, "2 passed, 0 failed")
    status, out, err = harness(shared, "good", wrapper=True, cwd="/")
    assert (status, out.splitlines()[-1]) == (0, "1 passed, 0 failed")


def test_orphans_are_errors(project):
    (project / "samples" / "good" / "01-case.out").unlink()
    (project / "samples" / "good" / "02-lost.out").write_text("[1]\n")
    status, out, err = harness(project, "good")
    assert "has no .out file" in out and "has no matching .in file" in out
    assert (status, out.splitlines()[-1]) == (1, "0 passed, 2 failed")


def test_args_file_is_passed(project):
    fake_project.add(project, "echo", (  # [number of args, the stride]
        "import sys\nprint([len(sys.argv) - 1, int(sys.argv[sys.argv.index('--stride') + 1])])\n"
    ), want="[4, 2]\n", stdin="")
    (project / "samples" / "echo" / "01-case.args").write_text("--stride 2 --padding same\n")
    assert harness(project, "echo")[0] == 0


# One of each kind of check first: these run as processes in make test, the rest in make
# test-all; all are refused in process in make test (the next test).
USAGE_ERRORS = [
    ["--frob"], ["--timeout"], ["nosuchscript"], ["samples/none/01.in"], ["--rtol", "nan"],
    ["--atol", "1e-12x"], ["--timeout", "0"], ["--python", ""],
    ["--timeout", "soon"], ["--rtol", "inf"], ["--rtol", "-1"], ["--rtol", "abc"],
    ["--atol", "nan"], ["--atol", "-inf"], ["--timeout", "0.0"], ["--timeout", "-1"],
    ["--timeout", "nan"], ["--timeout", "inf"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS[:8] + [
    pytest.param(args, marks=pytest.mark.slow) for args in USAGE_ERRORS[8:]])
def test_usage_errors_exit_2_before_any_case(shared, args):
    status, out, err = harness(shared, *(args + ["good"]))
    assert status == 2 and out == "" and err.splitlines()[-1].startswith("run_tests.sh: ")
    assert "Traceback" not in err


@pytest.mark.parametrize("args", USAGE_ERRORS)
def test_usage_errors_are_refused_before_any_case(shared, args, monkeypatch):
    """The same command lines, through the checker's own parse_args and discover, in this
    process (as main() calls them, before it runs any case)."""
    from convkit.checker import __main__ as checker
    from convkit.checker import harness as suite
    monkeypatch.chdir(shared)
    with pytest.raises((checker.Usage, suite.UsageError)):
        options, targets = checker.parse_args(args + ["good"])
        suite.discover(targets, root=str(shared))


def test_tolerance_options_reach_the_comparison(shared):
    status, out, err = harness(shared, "--rtol", "0", "--atol", "0", "drift")
    assert status == 1 and "got 2.5000000000000004, expected 2.5" in only(out)[2]
    assert harness(shared, "--rtol=0", "--atol=1e-15", "drift")[0] == 0


RAGGED = ["[[1], [2], []]", "[[1, 2], [3]]", "[[1], 2]", "[[1], [2, 3, 4]]", "[[1, [2, 3]]]",
          "[1, [2, 3]]", "[[1], [2, [3]]]", "[[[1]], [2, 3]]", "[[1], [2, 3], [4]]"]
OTHER_FORMS = [  # (output, the expected output it would equal if it were read leniently)
    ("(3.0, 5.0)", "[3.0, 5.0]"), ("0x31", "49"), ("[1.0, 2.0,]", "[1.0, 2.0]"),
    ("[1_0]", "[10]"), ("+49", "49"), ("[Infinity]", "[inf]"), ("[1., 2.]", "[1.0, 2.0]"),
    ("array([1., 2.])", "[1.0, 2.0]"), ("[1.0 2.0]", "[1.0, 2.0]"),
    ("[1.0, 2.0] [3.0]", "[1.0, 2.0]"), ("\ufeff[1.0, 2.0]", "[1.0, 2.0]"),
    ("[1.0,\u00a02.0]", "[1.0, 2.0]"), ("[01]", "[1]"), ("[-nan]", "[nan]"),
    ("[1.0, 2.0]\r[3.0]", "[1.0, 2.0]"), ("[True]", "[1]"), ("['1.0']", "[1.0]"),
]


def test_ragged_answers_are_wrong(tmp_path):
    """Against [[1], [2, 3]], at every level: zip would have passed the first four."""
    project = fake_project.make(tmp_path)
    for number, got in enumerate(RAGGED):
        fake_project.add(project, "ragged{}".format(number), printing(got + "\n"),
                         want="[[1], [2, 3]]\n")
    status, out, err = harness(project, *("ragged{}".format(n) for n in range(len(RAGGED))))
    found = verdicts(out)
    assert len(found) == len(RAGGED) and status == 1
    for number, got in enumerate(RAGGED):
        verdict, _, details = found["ragged{}/01-case".format(number)]
        assert verdict == "WA", got
        assert details.startswith(("structure differs", "shape")) and details.count("\n") == 1


def test_answers_not_in_the_templates_form_are_wrong(tmp_path):
    project = fake_project.make(tmp_path)
    for number, (got, want) in enumerate(OTHER_FORMS):
        fake_project.add(project, "form{}".format(number), printing(got + "\n"),
                         want=want + "\n")
    status, out, err = harness(project, *("form{}".format(n) for n in range(len(OTHER_FORMS))))
    found = verdicts(out)
    assert len(found) == len(OTHER_FORMS) and status == 1
    for number, (got, _) in enumerate(OTHER_FORMS):
        verdict, _, details = found["form{}/01-case".format(number)]
        assert verdict == "WA", got
        assert details.startswith("not in the template's repr(list) form: line 1, column ")


def test_a_background_child_dies_with_its_case(tmp_path):
    """It double-forks and calls setsid (escaping the process group), and would write
    into stdout after its case ended; the next case checks that it is dead by then."""
    pidfile = str(tmp_path / "child.pid")
    background = GOOD + """
import os, time
sys.stdout.flush()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        with open({pidfile!r} + ".tmp", "w") as f:
            f.write(str(os.getpid()))
        os.rename({pidfile!r} + ".tmp", {pidfile!r})
        time.sleep(0.5)
        print([9.0])
        sys.stdout.flush()
        time.sleep(60)
    os._exit(0)
os.wait()
while not os.path.exists({pidfile!r}):
    time.sleep(0.01)
""".format(pidfile=pidfile)
    check = """import os, sys, time
sys.stdin.read()
time.sleep(1.0)  # the child would have written by now
try:
    os.kill(int(open({pidfile!r}).read()), 0)
    print("the child of the case before is alive")
except ProcessLookupError:
    print([[2.5, 5.0], [1.0, -3.0]])
""".format(pidfile=pidfile)
    project = fake_project.make(tmp_path, {"a_background": background, "b_check": check})
    status, out, err = harness(project, "a_background", "b_check")
    assert (status, out.splitlines()[-1]) == (0, "2 passed, 0 failed"), out
    with pytest.raises(ProcessLookupError):
        os.kill(int(open(pidfile).read()), 0)


def test_a_script_killed_by_a_signal_is_a_runtime_error_at_once(tmp_path):
    project = fake_project.make(tmp_path, {
        "sigkill": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
        "segv": "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"})
    status, out, err = harness(project, "sigkill", "segv")
    found = verdicts(out)
    assert found["sigkill/01-case"][0] == "RE" and found["segv/01-case"][0] == "RE"
    assert found["sigkill/01-case"][2].startswith("killed by SIGKILL; ")
    assert found["segv/01-case"][2].startswith("killed by SIGSEGV; ")
    assert found["sigkill/01-case"][1] < 2 and "TLE" not in out


def test_exit_status_124_is_a_runtime_error_not_a_timeout(tmp_path):
    project = fake_project.make(tmp_path, {"exit124": "import sys\nsys.exit(124)\n"})
    status, out, err = harness(project, "exit124")
    verdict, seconds, details = only(out)
    assert (verdict, details) == ("RE", "exit status 124; stderr is empty\n") and seconds < 2


def test_huge_output_is_stopped_at_the_limit_quickly_and_cheaply(tmp_path):
    """100 MB on stdout, against a small .out: OLE, in seconds, in little memory."""
    project = fake_project.make(tmp_path, {"huge": (
        "import sys\nsys.stdin.read()\nchunk = b'[' + b'1.0, ' * 200000\n"
        "for _ in range(100):\n    sys.stdout.buffer.write(chunk)\n")})
    measure = ("import resource, subprocess, sys\n"
               "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
               "sys.stdout.write(done.stdout.decode())\n"
               "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    checker, env = fake_project.checker(project)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", measure] + checker + [
        "--python", sys.executable, "huge"], stdout=subprocess.PIPE, universal_newlines=True,
        timeout=120, cwd=str(project), env=env)
    seconds = time.monotonic() - start
    *report, last = done.stdout.splitlines()
    status, peak_kb = map(int, last.split())
    verdict, _, details = only("\n".join(report))
    assert (status, verdict) == (1, "OLE")
    assert details.startswith("output limit exceeded: more than {} bytes on stdout".format(
        (1 << 20) + 16 * len(fake_project.WANT)))
    assert seconds < 20 and peak_kb < 200 * 1024


def test_huge_integers_compare_exactly(tmp_path):
    huge = "1" + "0" * 400
    project = fake_project.make(tmp_path)
    fake_project.add(project, "same_list", printing("[{}]\n".format(huge)),
                     want="[{}]\n".format(huge))
    fake_project.add(project, "same_bare", printing(huge + "\n"), want=huge + "\n")
    fake_project.add(project, "last_digit_bare", printing(huge[:-1] + "1\n"), want=huge + "\n")
    fake_project.add(project, "last_digit_list", printing("[{}1]\n".format(huge[:-1])),
                     want="[{}]\n".format(huge))
    status, out, err = harness(project, "same_list", "same_bare", "last_digit_bare")
    found = verdicts(out)
    assert found["same_list/01-case"][0] == "AC" and found["same_bare/01-case"][0] == "AC"
    assert found["last_digit_bare/01-case"][0] == "WA"
    assert found["last_digit_bare/01-case"][2] == (
        "got 1000000000000000...0000000000000001 (401 characters), expected the integer "
        "1000000000000000...0000000000000000 (401 characters)\n")
    # inside a list the tolerance applies: rtol 1e-9 of 10**400 is far more than 1
    assert harness(project, "last_digit_list")[0] == 0
    status, out, err = harness(project, "--rtol", "0", "--atol", "0", "last_digit_list")
    assert only(out)[0] == "WA" and "abs err 1, rel err 1e-400" in only(out)[2]


UNREADABLE = [b"[[2.5, 5], [1, \xff-3]]\n", b"\xff\xfe[\x00", b"[[2.5, 5]\n", b"(2.5, 5)\n", b"",
              b"\n\n", b"[[2.5, 5], [1, -3]],\n", b"\xef\xbb\xbf\xef\xbb\xbf[1]\n"]
READABLE = [b"\xef\xbb\xbf[[2.5, 5], [1, -3]]\n", b"[[2.5, 5], [1, -3]]\r\n",
            b"\xef\xbb\xbf\r\n[[2.5,5],[1,-3]]\r\n\r\n", b"  [[2.5, 5],\t[1, -3]]  "]


def test_an_unreadable_out_is_one_line_naming_it_and_a_bom_or_crlf_is_fine(tmp_path):
    project = fake_project.make(tmp_path)
    names = []
    for number, want in enumerate(UNREADABLE + READABLE):
        names.append("out{}".format(number))
        fake_project.add(project, names[-1], GOOD, want=want)
    status, out, err = harness(project, *names)
    found = verdicts(out)
    assert len(found) == len(names) and status == 1 and err == ""
    for number, want in enumerate(UNREADABLE):
        verdict, seconds, details = found["out{}/01-case".format(number)]
        assert (verdict, seconds) == ("ERR", 0), want
        assert details.startswith(os.path.join("samples", "out{}".format(number), "01-case.out")
                                  + " is unreadable: ")
        assert details.count("\n") == 1
    for number in range(len(UNREADABLE), len(names)):
        assert found["out{}/01-case".format(number)][0] == "AC"


@pytest.mark.parametrize("says, first_line", [
    ("echo 'pyenv: python3.6: command not found' >&2; echo >&2; "
     "echo \"The \\`python3.6' command exists in these Python versions:\" >&2; exit 127",
     "pyenv: python3.6: command not found"),
    ("echo \"ModuleNotFoundError: No module named 'numpy'\" >&2; exit 1",
     "ModuleNotFoundError: No module named 'numpy'"),
])
def test_a_python_that_cannot_run_is_one_usage_error(shared, tmp_path, says, first_line):
    python = tmp_path / "python3.6"
    python.write_text("#!/bin/sh\n" + says + "\n")
    python.chmod(0o755)
    status, out, err = harness(shared, python=str(python))
    assert (status, out) == (2, "")
    assert err.splitlines() == ["run_tests.sh: --python {} cannot run and import numpy ({}): {}"
                                .format(python, "exit status 127" if "127" in says else
                                        "exit status 1", first_line)]


def test_a_python_that_does_not_exist_is_one_usage_error(shared, tmp_path):
    status, out, err = harness(shared, python=str(tmp_path / "nosuch"))
    assert (status, out) == (2, "") and "No such file or directory" in err


def test_only_the_projects_own_script_is_judged(shared, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "good.py").write_text(PROGRAMS["wrong"])
    for target in (str(mine / "good.py"), os.path.relpath(str(mine / "good.py"), str(
            shared / "solutions")), str(shared / "samples" / "good")):
        status, out, err = harness(shared, target, cwd=str(shared / "solutions"))
        assert (status, out) == (2, "")
        assert "--solution FILE TASK" in err.splitlines()[-1]
    (tmp_path / "link.py").symlink_to(shared / "solutions" / "good.py")
    status, out, err = harness(shared, "good.py", str(shared / "solutions" / "good.py"),
                               str(tmp_path / "link.py"), cwd=str(shared / "solutions"))
    assert (status, out.splitlines()[-1]) == (0, "3 passed, 0 failed")


def test_a_terminated_harness_takes_its_case_down(project, tmp_path):
    pidfile = tmp_path / "hang.pid"
    fake_project.add(project, "hangs", "import os, time\nopen({!r}, 'w').write(str(os.getpid()))\n"
                     "time.sleep(60)\n".format(str(pidfile)))
    checker, env = fake_project.checker(project)
    process = subprocess.Popen(checker + ["--python", sys.executable, "hangs"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=str(project), env=env)
    deadline = time.monotonic() + 30
    while not (pidfile.exists() and pidfile.read_text()) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    process.stdout.close()
    process.stderr.close()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pidfile.read_text()), 0)


def test_odd_bytes_and_a_closed_reader_give_no_traceback(project):
    """A script's stderr that the locale cannot encode (Python 3.6 in the C locale writes
    ASCII), a case whose .in is not a file, and a reader that stops after one line."""
    fake_project.add(project, "accents", "import sys\nsys.stderr.buffer.write("
                     "'\\u043e\\u0448 \\xe9\\n'.encode())\nsys.exit(3)\n")
    (project / "samples" / "good" / "02-folder.in").mkdir()
    (project / "samples" / "good" / "02-folder.out").write_text("[1]\n")
    fake_project.mark(project, "good", "02-folder")
    status, out, err = harness(project, "accents", "good",
                               env=dict(os.environ, LC_ALL="C", LANG="C", PYTHONUTF8="0"))
    found = verdicts(out)
    assert err == "" and found["accents/01-case"][0] == "RE"
    assert found["accents/01-case"][2].startswith("exit status 3; stderr ends:\n")
    assert found["good/02-folder"][0] == "ERR"
    assert found["good/02-folder"][2] == "samples/good/02-folder.in is not a regular file\n"
    checker, env = fake_project.checker(project)
    process = subprocess.Popen(checker + ["--python", sys.executable, "good", "drift", "wrong"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=str(project), env=env)
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=60) in (0, 1, 128 + signal.SIGPIPE)  # cleaned up, quiet
    assert process.stderr.read() == b""
    process.stderr.close()


def test_odd_case_files_are_one_error_each(tmp_path):
    """A FIFO .in would block the run before any timeout starts; a NUL byte in .args
    cannot reach a command line; a dangling .in link is one error, not an orphan too."""
    root = fake_project.make(tmp_path, {"good": GOOD})
    folder = root / "samples" / "good"
    os.mkfifo(str(folder / "02-fifo.in"))
    (folder / "02-fifo.out").write_text(fake_project.WANT)
    (folder / "03-nul.in").write_text("[1]\n")
    (folder / "03-nul.out").write_text(fake_project.WANT)
    (folder / "03-nul.args").write_bytes(b"--explain\x00\n")
    os.symlink(str(folder / "nowhere.in"), str(folder / "04-dangling.in"))
    (folder / "04-dangling.out").write_text(fake_project.WANT)
    fake_project.mark(root, "good", "02-fifo", "03-nul", "04-dangling")
    status, out, err = fake_project.harness(root, "good", timeout=60)
    found = fake_project.verdicts(out)
    assert found["good/01-case"][0] == "AC"
    assert found["good/02-fifo"][0] == "ERR" and "is not a regular file" in found[
        "good/02-fifo"][2]
    assert found["good/03-nul"][0] == "ERR" and "NUL byte" in found["good/03-nul"][2]
    assert found["good/04-dangling"][0] == "ERR"
    assert (status, out.splitlines()[-1]) == (1, "1 passed, 3 failed"), out


def test_a_case_name_cannot_write_a_line_of_its_own(tmp_path):
    root = fake_project.make(tmp_path, {"good": GOOD})
    fake_project.add(root, "good", GOOD, case="02\nAC   forged")
    status, out, err = fake_project.harness(root, "good")
    assert not any(line.startswith("AC   forged") for line in out.splitlines()), out
    assert "02\\nAC   forged" in out


# The two kinds of run: the graded file's, for the samples in the grader's format, and the
# package's command's, for every sample of a command's name.

def test_a_sample_that_nothing_runs_is_an_error(tmp_path):
    """Unmarked with no command of its name, or marked with no graded file: ERR, in the
    whole suite too, never a silent skip."""
    project = fake_project.make(tmp_path, {"good": GOOD})
    fake_project.add(project, "good", None, case="02-unmarked", graded=False)
    fake_project.add(project, "nofile", None)  # marked, but no solutions/nofile.py
    fake_project.add(project, "stray", None, graded=False)  # no file, no mark, no command
    status, out, err = harness(project)
    found = verdicts(out)
    assert found == {
        "good/01-case": ("AC", found["good/01-case"][1], ""),
        "good/02-unmarked": ("ERR", 0, "nothing runs it: it is not in samples/good/"
                             "GRADER_FORMAT, and there is no command convkit good\n"),
        "nofile/01-case": ("ERR", 0, "no script solutions/nofile.py\n"),
        "stray/01-case": ("ERR", 0, "nothing runs it: it is not in samples/stray/GRADER_FORMAT, "
                          "and there is no command convkit stray\n")}, out
    assert (status, out.splitlines()[-1]) == (1, "1 passed, 3 failed")
    status, out, err = harness(project, str(project / "samples" / "stray" / "01-case.in"))
    assert only(out)[0] == "ERR" and status == 1
    status, out, err = harness(project, "stray")
    assert (status, out) == (2, "")
    assert "no script solutions/stray.py and no command convkit stray" in err


def lesson(task):
    """The lesson's sample of a task: (.in, .out) text."""
    base = os.path.join(ROOT, "samples", task, "01-lesson")
    return tuple(open(base + extension).read() for extension in (".in", ".out"))


def task_project(root, program):
    """A fake project with a fake graded file for a real task, receptive_field: program;
    its lesson sample, marked in GRADER_FORMAT, and the same sample unmarked."""
    stdin, want = lesson("receptive_field")
    fake_project.make(root)
    fake_project.add(root, "receptive_field", program, want=want, stdin=stdin,
                     case="01-lesson")
    fake_project.add(root, "receptive_field", None, want=want, stdin=stdin,
                     case="02-unmarked", graded=False)
    return root


def test_a_grader_format_sample_runs_through_the_file_and_the_package(tmp_path):
    """Two verdicts for a marked sample of a command's name (the fake file is wrong, the
    package right: each run judged on its own), one for an unmarked sample; a marked sample
    whose graded file is gone is an ERR, not a pass through the package alone."""
    assert lesson("receptive_field")[1] == "49\n"
    project = task_project(tmp_path, printing("50\n"))
    status, out, err = harness(project, "receptive_field")
    found = verdicts(out)
    assert list(found) == ["receptive_field/01-lesson", "convkit receptive_field/01-lesson",
                           "convkit receptive_field/02-unmarked"], out
    assert found["receptive_field/01-lesson"][::2] == (
        "WA", "got 50, expected the integer 49\n")
    assert found["convkit receptive_field/01-lesson"][0] == "AC"
    assert found["convkit receptive_field/02-unmarked"][0] == "AC"
    assert (status, out.splitlines()[-1], err) == (1, "2 passed, 1 failed", "")
    (project / "solutions" / "receptive_field.py").unlink()
    status, out, err = harness(project, str(project / "samples" / "receptive_field" /
                                            "01-lesson.in"))
    found = verdicts(out)
    assert found["receptive_field/01-lesson"][::2] == (
        "ERR", "no script solutions/receptive_field.py\n")
    assert found["convkit receptive_field/01-lesson"][0] == "AC" and len(found) == 2
    assert (status, out.splitlines()[-1]) == (1, "1 passed, 1 failed")


def test_python_runs_the_graded_file_but_not_the_package(tmp_path):
    """--python PY: PY runs the graded file (and the start-up check); the package's
    command runs on the checker's own Python all the same."""
    log = tmp_path / "calls.log"
    python = tmp_path / "recording-python"
    python.write_text('#!/bin/sh\necho "$@" >> {}\nexec {} "$@"\n'.format(
        shlex.quote(str(log)), shlex.quote(sys.executable)))
    python.chmod(0o755)
    project = task_project(tmp_path / "project", printing("49\n"))
    status, out, err = harness(project, "receptive_field", python=str(python))
    assert (status, out.splitlines()[-1]) == (0, "3 passed, 0 failed"), out + err
    calls = log.read_text().splitlines()
    assert "-c import numpy" in calls  # another Python than the checker's: checked first
    assert str(project / "solutions" / "receptive_field.py") in calls, calls
    assert not any("convkit" in call.split(os.sep)[-1] or "-m" in call.split()
                   for call in calls), calls
