"""Run the project's programs as a user does: the package's command (`python -m convkit
NAME`, or in this process through convkit.cli.main for the fuzz's thousands of runs) and
the graded files (`python solutions/NAME.py`, on this Python or the grader's)."""
import contextlib
import io
import os
import subprocess
import sys

from convkit import cli
from convkit.tasks import TASKS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOLUTIONS = os.path.join(ROOT, "solutions")
GRADED = tuple(TASKS)  # the graded exercises: one file each in solutions/
CONV = GRADED[:3]  # the three conv exercises
GRADER_PYTHON = os.path.join(ROOT, ".venv-grader", "bin", "python")
ENV = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def graded_path(name):
    return os.path.join(SOLUTIONS, name + ".py")


def decoded(done):
    return done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace")


def run_convkit(name, stdin, args=(), timeout=60, python=None):
    """(exit status, stdout, stderr) of `python -m convkit NAME ARGS < stdin`."""
    if isinstance(stdin, str):
        stdin = stdin.encode()
    return decoded(subprocess.run(
        [python or sys.executable, "-m", "convkit", name] + list(args), input=stdin,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=ENV))


def run_graded(name, stdin, python=None, timeout=60):
    """(exit status, stdout, stderr) of `python solutions/NAME.py < stdin`."""
    if isinstance(stdin, str):
        stdin = stdin.encode()
    return decoded(subprocess.run(
        [python or sys.executable, graded_path(name)], input=stdin, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, timeout=timeout))


def in_process(name, stdin, args=()):
    """(exit status, stdout, stderr) of the package's command run in this process, with
    stdin (text, or bytes) as its standard input: convkit.cli.main, as `python -m convkit`
    runs it."""
    data = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8", "surrogateescape")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main([name] + list(args))
    finally:
        sys.stdin = saved
    return status, out.getvalue(), err.getvalue()
