"""Run the checker on a learner's file as a learner runs it (./run_tests.sh --solution, that
is `python -m convkit.checker`), or its judging part in this process (judge: no start-up,
no samples: the quick tests' way), for the checker's tests."""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from programs import ENV, GRADER_PYTHON, ROOT  # noqa: F401 (the tests use it from here)

LEARNERS = os.path.join(ROOT, "tests", "learners")
FIXTURES = os.path.join(ROOT, "tests", "checker_fixtures")
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$")


def command(python=None):
    """`python -m convkit.checker`, as run_tests.sh runs it (with ENV's PYTHONPATH)."""
    return [python or sys.executable, "-m", "convkit.checker"]


def checker(*args, timeout=300, python=None, env=None, cwd=ROOT):
    """(exit status, stdout, stderr) of `run_tests.sh ARGS`, run with python (default the
    tests' own, which has Hypothesis) as run_tests.sh runs it; env: more variables."""
    done = subprocess.run(command(python) + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=timeout,
                          cwd=cwd, env=dict(ENV, **(env or {})))
    return done.returncode, done.stdout, done.stderr


BATCH = """\
import contextlib, io, json, sys
from convkit.checker.__main__ import main
results = []
for argv in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as done:
            status = done.code
    results.append([status, out.getvalue(), err.getvalue()])
json.dump(results, sys.stdout)
"""


def checker_batch(argvs, timeout=120):
    """[(exit status, stdout, stderr)] of `run_tests.sh ARGV` for each ARGV, all run by the
    checker's main() in one process of its own (one start-up for them all: for the usage
    errors, which end before any case runs)."""
    done = subprocess.run([sys.executable, "-c", BATCH], input=json.dumps(argvs),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout, cwd=ROOT, env=ENV)
    assert done.returncode == 0, done.stderr
    return [tuple(result) for result in json.loads(done.stdout)]


def judge(task, path, stress=0, seed=1, save=None, grader=False, timeout=10.0, cases=()):
    """(exit status, stdout) of `run_tests.sh --solution PATH --stress N --seed S [--save DIR]
    [--grader] TASK [CASE.in ...]`, judged in this process by convkit.checker.solution.check
    as the checker judges after its command line, but without the task's samples: only the
    CASE.in files given, the random cases, and with grader the grader's run (or the static
    check). The fork servers it starts are closed when it returns."""
    from convkit.checker import solution
    from convkit.tasks import TASKS
    options = {"python": sys.executable, "rtol": 1e-9, "atol": 1e-12, "timeout": timeout,
               "stress": stress, "seed": seed, "save": save, "grader": grader}
    chosen = solution.solution_cases(TASKS[task], list(cases))[0] if cases else []
    out = io.StringIO()
    workdir = tempfile.mkdtemp(prefix="judge-")
    try:
        status = solution.check(TASKS[task], path, chosen, 0, options, workdir, out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return status, out.getvalue()


def summary(out):
    """(passed, failed, skipped) from the last line."""
    match = SUMMARY.match(out.splitlines()[-1])
    assert match, out
    return tuple(int(group or 0) for group in match.groups())


def block(out, start):
    """The lines of the report entry whose verdict line contains start, details included."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if start in line and not line.startswith(" "):
            found = [line]
            for more in lines[i + 1:]:
                if not more.startswith(" " * 7):
                    break
                found.append(more[7:])
            return found
    return None


def input_lines(entry):
    """The shrunk case's input lines, {name: value text}, from a failure's report entry."""
    found = {}
    inside = False
    for line in entry:
        if line.startswith("input, one line each"):
            inside = True
        elif inside and line.startswith("  "):
            name, _, value = line.strip().partition("  ")
            found[name.strip()] = value.strip()
        elif inside:
            break
    return found
