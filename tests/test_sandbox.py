"""Where a learner's file runs (convkit/checker/sandbox.py): its scratch folder, its fixed
environment, the namespaces that hide the project and the checker, and what it can no
longer do to the checker: cheat through the project's files, signal it, outlive it.

The misbehaving files are in tests/checker_fixtures/ (not the learner gallery, whose
files the gallery's tests run as plain processes)."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from checking import ENV, FIXTURES, ROOT, SUMMARY, checker, command
from convkit.checker import sandbox

NAMESPACES = sandbox.namespaces_work()
needs_namespaces = pytest.mark.skipif(not NAMESPACES, reason="unshare cannot make user, PID "
                                      "and mount namespaces on this machine")
MODES = [pytest.param({}, id="namespaces", marks=needs_namespaces),
         pytest.param({"CONVKIT_SANDBOX": "plain"}, id="plain", marks=pytest.mark.slow)]
# (the plain mode, without namespaces, in make test-all: make test keeps to a minute and a half)
MARK = os.path.join(ROOT, "samples", "convolve", "CHEATED")  # cheat_project.py's mark
PROBE = """\
import json, os, sys
print(json.dumps({"env": dict(os.environ), "cwd": os.getcwd(),
                  "pids": sorted(int(pid) for pid in os.listdir("/proc") if pid.isdigit()),
                  "project": os.listdir(sys.argv[1] if len(sys.argv) > 1 else %r),
                  "file": __file__}))
"""


def fixture(tmp_path, name):
    """A copy of tests/checker_fixtures/NAME.py in tmp_path (a learner's own folder)."""
    path = tmp_path / name
    shutil.copy(os.path.join(FIXTURES, name), str(path))
    return str(path)


def probe(tmp_path, namespaces, compat=False, script=PROBE % ROOT):
    """What a file run in a Sandbox sees, as a dict."""
    (tmp_path / "probe.py").write_text(script)
    (tmp_path / "empty.in").write_text("")
    workdir = tmp_path / "work"
    workdir.mkdir()
    with sandbox.Sandbox(str(workdir), namespaces=namespaces) as box:
        result = box.real_run(sys.executable, str(tmp_path / "probe.py"),
                              str(tmp_path / "empty.in"), 30, 1 << 20, compat=compat)
        with open(result.stdout) as f:
            out = f.read()
        with open(result.stderr) as f:
            err = f.read()
        assert result.status == 0, (result, err)
        return out, box


@pytest.mark.parametrize("namespaces", [pytest.param(True, marks=needs_namespaces), False])
def test_the_file_runs_on_copies_in_a_fixed_environment(tmp_path, namespaces):
    out, box = probe(tmp_path, namespaces)
    seen = json.loads(out)
    assert seen["env"] == dict(sandbox.ENVIRONMENT, HOME=box.home, TMPDIR=box.home)
    assert seen["cwd"] == box.home
    assert seen["file"].startswith(box.files)  # a copy, outside the project
    assert not seen["file"].startswith(ROOT)
    if namespaces:  # the project is an empty folder but for the venv; no process outside
        assert set(seen["project"]) <= {".venv"}, seen["project"]
        assert os.getpid() not in seen["pids"] and max(seen["pids"]) < 100, seen["pids"]
    else:
        assert "run_tests.sh" in seen["project"]


WRITE_PROBE = """\
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
folders = {"venv": os.path.dirname(sys.executable), "project": %r, "tmp": "/tmp",
           "server": os.path.join(here, "..", "..", "server"), "file": here,
           "shm": "/dev/shm", "home": os.getcwd(),
           "scratch": os.path.dirname(os.path.dirname(os.getcwd()))}
wrote = {}
for name, folder in folders.items():
    path = os.path.join(folder, "convkit-probe-%%d" %% os.getpid())
    try:
        with open(path, "w") as f:
            f.write("x")
        os.remove(path)
        wrote[name] = True
    except OSError:
        wrote[name] = False
try:
    open(os.path.join(folders["server"], "forkserver.py"), "a").close()
    wrote["forkserver.py"] = True
except OSError:
    wrote["forkserver.py"] = False
for name, path in (("proc-sys", "/proc/sys/vm/swappiness"), ("sysrq", "/proc/sysrq-trigger")):
    try:  # the third review: as root, a case wrote the host's kernel settings
        with open(path, "r+") as f:
            f.write(f.read())  # the value it had: harmless if the write ever went through
        wrote[name] = True
    except OSError:
        wrote[name] = False
for name, folder in (("dev", "/dev"), ("sys", "/sys/fs/cgroup")):
    try:
        path = os.path.join(folder, "convkit-probe-%%d" %% os.getpid())
        os.mkdir(path)
        os.rmdir(path)
        wrote[name] = True
    except OSError:
        wrote[name] = False
box = os.path.dirname(os.getcwd())
try:  # the adversary's second review: rename the sandbox, plant a server of one's own
    os.rename(box, box + ".old")
    os.rename(box + ".old", box)
    wrote["rename"] = True
except OSError:
    wrote["rename"] = False
print(json.dumps(wrote))
"""


@needs_namespaces
def test_a_case_writes_nowhere_but_its_scratch_folder(tmp_path):
    """Not the venv (a .pth there would run in every later process: the adversary's D1),
    not the fork server's copy (which later servers run: D2), nor any other mount (D3), nor
    the run's scratch folder, whose sandbox folder a case renamed to plant a server and
    whose output files it replaced by links (the second review); its working folder, yes."""
    out, _ = probe(tmp_path, True, script=WRITE_PROBE % ROOT)
    assert json.loads(out) == {"venv": False, "project": False, "tmp": False,
                               "server": False, "file": False, "shm": False, "home": True,
                               "scratch": False, "rename": False, "forkserver.py": False,
                               "proc-sys": False, "sysrq": False, "dev": False, "sys": False}


def test_a_case_can_interrupt_itself_as_python_can(tmp_path):
    """The server ignores SIGINT; a case gets Python's own handler back: KeyboardInterrupt,
    then (Python 3.8+) death by SIGINT, in the fork server as in a real process."""
    from convkit.checker.forkclient import ForkServer
    (tmp_path / "f.py").write_text("import os, signal\nos.kill(os.getpid(), signal.SIGINT)\n"
                                   "print('not reached')\n")
    (tmp_path / "empty.in").write_text("")
    workdir = tmp_path / "work"
    workdir.mkdir()
    with sandbox.Sandbox(str(workdir)) as box:
        with ForkServer(sys.executable, str(workdir), box) as server:
            for real in (False, True):
                result = server.run(box.place(str(tmp_path / "f.py")),
                                    str(tmp_path / "empty.in"), 10, 1 << 20, real=real)
                with open(result.stdout) as f, open(result.stderr) as g:
                    assert (result.status, result.signal, f.read()) == (None, 2, ""), result
                    assert g.read().rstrip().endswith("KeyboardInterrupt"), result


@pytest.mark.parametrize("namespaces", [pytest.param(True, marks=needs_namespaces), False])
def test_compat_gives_the_names_numpy_2_removed_and_the_old_print_forms(tmp_path,
                                                                        namespaces):
    script = ("import numpy as np\n"
              "print(np.float(1.5), np.int(2), repr(np.int64(5)), np.product([2, 3]),"
              " np.asscalar(np.array([7])), np.NaN != np.NaN, np.alltrue([1, 1]))\n")
    out, _ = probe(tmp_path, namespaces, compat=True, script=script)
    assert out == "1.5 2 5 6 7 True True\n"


def test_compat_in_the_fork_server_too(tmp_path):
    from convkit.checker.forkclient import ForkServer
    (tmp_path / "f.py").write_text("import numpy as np\nprint(repr(np.float64(0.5)),"
                                   " np.cumproduct([2, 3]).tolist(), np.Inf)\n")
    (tmp_path / "empty.in").write_text("")
    with ForkServer(sys.executable, str(tmp_path)) as server:
        result = server.run(str(tmp_path / "f.py"), str(tmp_path / "empty.in"), 30, 1 << 20,
                            compat=True)
        with open(result.stdout) as f:
            assert f.read() == "0.5 [2, 6] inf\n", result
        plain = server.run(str(tmp_path / "f.py"), str(tmp_path / "empty.in"), 30, 1 << 20)
        assert plain.status == 1  # without compat: numpy 2 has no np.cumproduct


@pytest.mark.parametrize("env", MODES)
def test_a_file_that_cheats_through_the_project_is_caught(tmp_path, env):
    path = fixture(tmp_path, "cheat_project.py")
    try:
        status, out, err = checker("--solution", path, "--stress", "20", "--seed", "1",
                                   "--save", str(tmp_path / "saved"), "convolve", env=env,
                                   cwd=str(tmp_path))
        marked = os.path.exists(MARK)
    finally:
        if os.path.exists(MARK):
            os.remove(MARK)
    assert status == 1, out + err
    last = out.splitlines()[-1]
    passed, failed = map(int, SUMMARY.match(last).groups()[:2])
    assert failed >= 1
    if env:  # no namespaces: it reached the project, so the run is void
        assert marked and "VOID: the project's files changed" in out
        assert "samples/convolve/CHEATED" in out
    else:  # it found nothing: judged as the flipped kernel it is
        assert not marked and "VOID" not in out
        assert "flipped" in out


def _ours(pattern):
    """pids of this user's processes whose command line holds pattern."""
    done = subprocess.run(["pgrep", "-u", str(os.getuid()), "-f", pattern],
                          stdout=subprocess.PIPE, universal_newlines=True)
    return [int(pid) for pid in done.stdout.split()]


@pytest.mark.parametrize("env", MODES)
def test_nothing_a_file_starts_outlives_its_case(tmp_path, env):
    path = fixture(tmp_path, "leave_sleepers.py")
    status, out, err = checker("--solution", path, "--stress", "10", "--seed", "1",
                               "convolve", env=env, cwd=str(tmp_path))
    assert status == 0, out + err
    assert out.splitlines()[-1].startswith("17 passed, 0 failed")
    assert _ours("sleep 313.25") == []


@pytest.mark.slow
@pytest.mark.parametrize("env", MODES)
def test_nothing_outlives_a_checker_killed_by_sigkill(tmp_path, env):
    path = fixture(tmp_path, "sleep_long.py")
    process = subprocess.Popen(command() + ["--solution", path, "--stress", "5", "convolve"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=str(tmp_path), env=dict(ENV, **env))
    deadline = time.monotonic() + 60
    while not _ours("sleep 317.5") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _ours("sleep 317.5"), "the file never started"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while (_ours("sleep 317.5") or _ours(path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _ours("sleep 317.5") == [] and _ours(path) == []


def test_the_users_environment_does_not_change_the_verdict(tmp_path):
    path = fixture(tmp_path, "print_then_exit.py")
    outs = []
    for extra in ({}, {"PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0", "LC_ALL": "C"}):
        status, out, err = checker("--solution", path, "--stress", "3", "--seed", "1",
                                   "convolve", env=extra, cwd=str(tmp_path))
        outs.append((status, [line[:4] for line in out.splitlines() if line[:2] in
                              ("AC", "WA", "RE")]))
    assert outs[0] == outs[1]
    assert outs[0][0] == 1 and outs[0][1][0] == "WA  "  # print's buffer lost at os._exit


@pytest.mark.parametrize("env", MODES)
def test_a_closed_pipe_leaves_nothing_behind(tmp_path, env):
    path = fixture(tmp_path, "leave_sleepers.py")
    process = subprocess.Popen(command() + ["--solution", path, "--stress", "200", "--seed",
                                            "1", "convolve"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=str(tmp_path),
                               env=dict(ENV, **env))
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    status = process.wait(timeout=60)
    err = process.stderr.read()
    assert first.startswith(b"AC ") and err == b"" and status == 128 + signal.SIGPIPE
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
    if folder:
        assert not [name for name in os.listdir(folder)
                    if name.startswith("run_tests-{}-".format(process.pid))]
    assert _ours("sandbox/file") == [] or all(
        "run_tests-{}-".format(process.pid) not in _cmdline(pid)
        for pid in _ours("sandbox/file"))
    assert _ours("sleep 313.25") == []


def _cmdline(pid):
    try:
        with open("/proc/{}/cmdline".format(pid), "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


@pytest.mark.slow
@needs_namespaces
def test_signals_from_the_file_stop_nothing_but_the_file(tmp_path):
    path = fixture(tmp_path, "signal_parent.py")
    start = time.monotonic()
    status, out, err = checker("--solution", path, "--stress", "10", "--seed", "1",
                               "--timeout", "2", "convolve", cwd=str(tmp_path), timeout=200)
    assert time.monotonic() - start < 120
    assert status == 1 and err == "", out + err
    assert SUMMARY.match(out.splitlines()[-1]), out
    assert "interrupted" not in out + err and "stopped by" not in out + err


def test_the_server_ignores_what_a_case_sends_it(tmp_path):
    """In the namespaces the fork server is init: SIGKILL, SIGSTOP, SIGINT, SIGTERM from a
    case do nothing to it, and the next case runs."""
    if not NAMESPACES:
        pytest.skip("unshare cannot make the namespaces here")
    from convkit.checker.forkclient import ForkServer
    (tmp_path / "f.py").write_text(
        "import os, signal\n"
        "for name in ('SIGSTOP', 'SIGKILL', 'SIGINT', 'SIGTERM', 'SIGHUP'):\n"
        "    os.kill(os.getppid(), getattr(signal, name))\n"
        "print(os.getppid())\n")
    (tmp_path / "empty.in").write_text("")
    workdir = tmp_path / "work"
    workdir.mkdir()
    with sandbox.Sandbox(str(workdir)) as box:
        with ForkServer(sys.executable, str(workdir), box) as server:
            for _ in range(3):
                result = server.run(box.place(str(tmp_path / "f.py")),
                                    str(tmp_path / "empty.in"), 10, 1 << 20)
                with open(result.stdout) as f:
                    assert (result.status, f.read()) == (0, "1\n"), result


@pytest.mark.parametrize("env", MODES)
def test_the_checker_never_reads_through_links_a_case_left(tmp_path, env):
    """A case that swaps its output files for links (to an answer, to /etc/passwd) gets no
    AC and shows nothing of theirs (the second review: without the namespaces' confinement
    the checker read through them)."""
    path = fixture(tmp_path, "link_stdout.py")
    status, out, err = checker("--solution", path, "--stress", "5", "--seed", "1", "convolve",
                               env=env, cwd=str(tmp_path))
    assert status == 1 and err == "", out + err
    assert "root:" not in out and "\nAC " not in "\n" + out, out


def test_a_pth_planted_in_the_venv_voids_a_plain_run(tmp_path):
    """Without the namespaces a case can write .venv: a .pth there would run in every later
    run (the third review), so the fingerprint covers the venv's site-packages too."""
    import glob
    site = glob.glob(os.path.join(ROOT, ".venv", "lib", "python3*", "site-packages"))[0]
    planted = os.path.join(site, "convkit_test_planted.pth")
    (tmp_path / "plant.py").write_text(
        "with open({!r}, 'w') as f:\n    f.write('# a test of the checker: harmless')\n"
        "print([[0.0]])\n".format(planted))
    try:
        status, out, err = checker("--solution", str(tmp_path / "plant.py"), "--stress", "3",
                                   "convolve", env={"CONVKIT_SANDBOX": "plain"},
                                   cwd=str(tmp_path))
        assert status == 1 and "VOID: the project's files changed" in out, out + err
        assert "convkit_test_planted.pth" in out
    finally:
        if os.path.exists(planted):
            os.remove(planted)
