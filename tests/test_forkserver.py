"""convkit/checker/forkserver.py (the server) and forkclient.py (its client): a learner's
crash, exit, endless loop, flood, suicide or background child never takes the checker down
or leaks into the next case, and a file judged through the fork server gets the verdict it
gets as a real `python FILE`."""
import os
import sys
import time

import pytest

import checking
from convkit.checker import harness, isolate, stress
from convkit.checker.forkclient import ForkServer
from convkit.exercises import convolve as convolve_exercise
from convkit.exercises import gradients, receptive_field
from convkit.tasks import TASKS
from learners import gallery

GOOD = "import sys\nsys.stdin.read()\nprint([[1.0]])\n"
CASE = {"data": [[1]], "kernel": [[[1]]], "bias": [0]}


@pytest.fixture
def server(tmp_path):
    with ForkServer(sys.executable, str(tmp_path)) as running:
        yield running


def run(server, tmp_path, program, limit=1 << 20, timeout=10):
    path = tmp_path / "prog.py"
    path.write_text(program)
    stdin = tmp_path / "case.in"
    stdin.write_text("[[1]]\n")
    result = server.run(str(path), str(stdin), timeout, limit)
    out = open(result.stdout, "rb").read(limit + 1)
    err = open(result.stderr, "rb").read()
    harness._remove(result)
    return result, out, err


def test_a_good_file_and_the_next(server, tmp_path):
    result, out, err = run(server, tmp_path, GOOD)
    assert (result.status, out, err) == (0, b"[[1.0]]\n", b"")


def test_a_hang_is_killed_at_the_timeout_and_the_server_goes_on(server, tmp_path):
    start = time.monotonic()
    result, _, _ = run(server, tmp_path, "while True:\n    pass\n", timeout=1)
    assert result.timed_out and result.signal == 9 and time.monotonic() - start < 5
    assert run(server, tmp_path, GOOD)[1] == b"[[1.0]]\n"


def test_exit_0_with_nothing_printed(server, tmp_path):
    result, out, err = run(server, tmp_path, "import sys\nsys.exit(0)\n")
    assert (result.status, out, err) == (0, b"", b"")


def test_exit_codes_and_tracebacks_as_python_gives_them(server, tmp_path):
    result, _, err = run(server, tmp_path, "raise SystemExit('boom')\n")
    assert (result.status, err) == (1, b"boom\n")
    result, _, err = run(server, tmp_path, "import sys\nsys.exit(7)\n")
    assert result.status == 7
    result, _, err = run(server, tmp_path, "x = [1]\nx[5]\n")
    assert result.status == 1 and err.startswith(b"Traceback") and b"runpy" not in err
    assert err.endswith(b"IndexError: list index out of range\n")
    result, _, err = run(server, tmp_path, "x = (\n")
    assert result.status == 1 and b"SyntaxError" in err and b"runpy" not in err


def test_100_mb_of_output_is_stopped_at_the_limit_quickly(server, tmp_path):
    start = time.monotonic()
    result, out, _ = run(server, tmp_path, "import sys\nchunk = b'1.0, ' * 250000\n"
                         "for _ in range(100):\n    sys.stdout.buffer.write(chunk)\n")
    assert result.stdout_size <= (1 << 20) + 1 and result.truncated
    assert time.monotonic() - start < 10
    assert run(server, tmp_path, GOOD)[1] == b"[[1.0]]\n"


def test_a_file_that_kills_itself(server, tmp_path):
    result, _, _ = run(server, tmp_path,
                       "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    assert result.signal == 9 and not result.timed_out


def test_a_child_that_outlives_its_case_is_killed(server, tmp_path):
    pidfile = tmp_path / "child.pid"
    result, _, _ = run(server, tmp_path, (
        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        open({0!r}, 'w').write(str(os.getpid()))\n        time.sleep(60)\n"
        "    os._exit(0)\nos.wait()\nwhile not os.path.exists({0!r}):\n    time.sleep(0.01)\n"
        "time.sleep(0.1)\n").format(str(pidfile)))
    assert result.status == 0
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_file_that_kills_the_server_is_an_error_and_the_next_case_runs(server, tmp_path):
    result, _, _ = run(server, tmp_path, "import os, signal\nos.kill(os.getppid(), 9)\n"
                       "import time\ntime.sleep(30)\n")
    assert result.error and "fork server died" in result.error
    assert run(server, tmp_path, GOOD)[1] == b"[[1.0]]\n"


def test_a_hang_in_the_stress_is_a_tle_with_the_case_size(tmp_path):
    path = tmp_path / "hang.py"
    path.write_text(  # right, but endless from InLen 4 on
        "import sys, ast, numpy as np\n"
        "x, w, b = (np.array(ast.literal_eval(sys.stdin.readline()), float) for _ in range(3))\n"
        "while len(x) > 3:\n    pass\nK = w.shape[2]\n"
        "print(repr((np.array([[(x[p:p + K].T * w[o]).sum() for o in range(len(w))]\n"
        "                      for p in range(len(x) - K + 1)]) + b).tolist()))\n")
    status, out = checking.judge("convolve", str(path), 10, 1, save=str(tmp_path), timeout=1)
    entry = checking.block(out, "random case ")
    assert status == 1 and entry[0].startswith("TLE") and "case size: InLen" in "\n".join(entry)


EXITS = [  # what a file does at exit, and what `python FILE` prints for it
    ("import threading\nthreading.Thread(target=lambda: print([[1.0]])).start()\n",
     b"[[1.0]]\n"),
    ("import atexit\natexit.register(lambda: print([[1.0]]))\n", b"[[1.0]]\n"),
    ("import sys\nprint([[1.0]])\nsys.stdout.close()\n", b"[[1.0]]\n"),
    ("import os\nprint([[1.0]])\nos._exit(0)\n", None),  # None: as the real process
]


def pythons():
    """This Python, and the grader's (tests marked grader: make test-grader builds it)."""
    return [pytest.param(sys.executable, id="here"),
            pytest.param(checking.GRADER_PYTHON, id="grader", marks=pytest.mark.grader)]


def skip_without(python):
    if not os.path.exists(python):
        pytest.skip("no .venv-grader (make test-grader builds it)")


@pytest.mark.parametrize("python", pythons())
@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("program, printed", EXITS)
def test_the_end_of_a_file_is_the_end_of_a_real_process(program, printed, unbuffered, python,
                                                        tmp_path, monkeypatch):
    """Non-daemon threads and atexit handlers run, a closed stdout is no error, and under
    PYTHONUNBUFFERED a print before os._exit is written, as in `python FILE`."""
    skip_without(python)
    monkeypatch.setenv("PYTHONUNBUFFERED", unbuffered)
    with ForkServer(python, str(tmp_path)) as served:
        result, out, err = run(served, tmp_path, program)
    real = isolate.run([python, str(tmp_path / "prog.py")], str(tmp_path / "case.in"), 10,
                       1 << 20, str(tmp_path))
    real_out = open(real.stdout, "rb").read()
    assert (result.status, out, err) == (real.status, real_out, b""), python
    if printed is not None:
        assert out == printed


@pytest.mark.parametrize("python", pythons())
def test_each_case_has_fresh_random_states_and_the_real_environment(python, tmp_path,
                                                                    monkeypatch):
    skip_without(python)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    program = ("import os, random, numpy\nprint(random.random(), numpy.random.rand(), "
               "os.environ.get('OPENBLAS_NUM_THREADS'))\n")
    with ForkServer(python, str(tmp_path)) as served:
        outs = [run(served, tmp_path, program)[1] for _ in range(3)]
    assert len(set(outs)) == 3 and all(out.endswith(b" None\n") for out in outs), outs


def test_a_file_that_fails_only_when_forked_is_judged_as_a_real_process(tmp_path):
    """It sees numpy imported before it ran: wrong in the server, right as `python FILE`.
    The checker runs the failing case again as a real process, says so, and from there on
    runs every case that way: no failure is reported that the real process does not give."""
    path = tmp_path / "forked.py"
    path.write_text(
        "import sys\nFORKED = 'numpy' in sys.modules\nimport ast, numpy as np\n"
        "x, w, b = (np.array(ast.literal_eval(sys.stdin.readline()), float) for _ in range(3))\n"
        "K = w.shape[2]\n"
        "print(repr((np.array([[(x[p:p + K].T * w[o]).sum() for o in range(len(w))]\n"
        "                      for p in range(len(x) - K + 1)]) + b + FORKED).tolist()))\n")
    status, out = checking.judge("convolve", str(path), 20, 1)
    assert status == 0 and "got another verdict as a real process" in out, out


def test_a_file_that_is_right_only_when_forked_fails(tmp_path):
    """The first random case of a run is judged as a real process as well, so a file that
    is right only where numpy was imported before it (the server) does not pass."""
    path = tmp_path / "forked.py"
    path.write_text(
        "import sys\nFORKED = 'numpy' in sys.modules\nimport ast, numpy as np\n"
        "x, w, b = (np.array(ast.literal_eval(sys.stdin.readline()), float) for _ in range(3))\n"
        "K = w.shape[2]\n"
        "print(repr((np.array([[(x[p:p + K].T * w[o]).sum() for o in range(len(w))]\n"
        "                      for p in range(len(x) - K + 1)]) + b + 1 - FORKED).tolist()))\n")
    status, out = checking.judge("convolve", str(path), 20, 1, save=str(tmp_path))
    assert status == 1 and "got another verdict as a real process" in out, out
    assert checking.block(out, "random case 1 of 20")[0].startswith("WA"), out


@pytest.fixture(scope="module")
def gallery_server(tmp_path_factory):
    """One fork server for every gallery file (a stress run's Runner has its own)."""
    workdir = str(tmp_path_factory.mktemp("gallery-server"))
    with ForkServer(sys.executable, workdir) as running:
        yield running, workdir


# make test's: a correct file of each task, and a file of each kind of failure (a named
# mistake, a crash, the form of the output, an output that does not change, a file that
# only the grader fails); every file in make test-all
PARITY = {"convolve/loops.py", "kernel_grad/einsum.py", "input_grad/np_convolve.py",
          "receptive_field/numpy_sum.py", "input_grad/flipped_kernel.py",
          "convolve/kernel_axes_swapped.py", "convolve/numpy_print.py",
          "receptive_field/stale_samples.py", "convolve/numpy_too_new.py"}


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["path"], marks=[] if e["path"] in
                                                PARITY else [pytest.mark.slow])
                                   for e in gallery.GALLERY])
def test_the_fork_server_gives_the_verdict_a_real_process_gives(entry, gallery_server):
    """Each gallery file on one case, through the server and as `python FILE`, both judged
    as a stress run judges them (stress.judge: the harness's own verdicts, the named
    mistakes)."""
    server, workdir = gallery_server
    path = os.path.join(checking.LEARNERS, entry["path"])
    task = TASKS[entry["task"]]
    lines = [[1, 0.5], [2, -1], [0.25, 3]], [[[1, 2], [0.5, -1]]], [0.5]
    case = (receptive_field.make_case([3, 5], [2, 1]) if task.name == "receptive_field" else
            convolve_exercise.make_case(*lines) if task.name == "convolve" else
            gradients.make_case(*lines))
    prepared = stress.Prepared(task, case, entry["path"].replace("/", "-"), workdir)
    try:
        served = stress.judge(server.run(path, prepared.stdin, 20, prepared.limit), prepared,
                              20)
        real = stress.judge(isolate.run([sys.executable, path], prepared.stdin, 20,
                                        prepared.limit, workdir), prepared, 20)
    finally:
        prepared.remove()
    assert (served.verdict, served.kind, served.got) == (real.verdict, real.kind, real.got)
    assert served.diagnoses == real.diagnoses
