"""Run the checker on a learner's file as a learner runs it (./run_tests.sh --solution), for
the checker's tests."""
import os
import re
import subprocess
import sys

from cases import ROOT

LEARNERS = os.path.join(ROOT, "tests", "learners")
FIXTURES = os.path.join(ROOT, "tests", "checker_fixtures")
GRADER_PYTHON = os.path.join(ROOT, ".venv-grader", "bin", "python")
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$")


def checker(*args, timeout=300, python=None, env=None):
    """(exit status, stdout, stderr) of `run_tests.sh ARGS`, run with python (default the
    tests' own, which has Hypothesis) as run_tests.sh runs it; env: more variables."""
    done = subprocess.run([python or sys.executable, os.path.join(ROOT, "checker")]
                          + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout, cwd=ROOT,
                          env=dict(os.environ, **(env or {})))
    return done.returncode, done.stdout, done.stderr


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
