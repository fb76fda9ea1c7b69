"""The grader's environment: Python 3.6 with numpy 1.14.1, in .venv-grader.

tools/grader_venv.sh builds .venv-grader (make test-grader and make check call it); where
no Python 3.6 exists there is none (CONVKIT_GRADER_PYTHON set empty pretends so), and the
checker says so and checks the file statically instead: static_check.py finds
Python syntax newer than 3.6 (vermin) and numpy names that numpy 1.14.1 lacks (from a list
generated from numpy 1.14.1 itself).
"""
import os

from convkit.checker import PROJECT

VENV = os.path.join(PROJECT, ".venv-grader")
NAME = "the grader (Python 3.6, numpy 1.14.1)"


def python():
    """The grader's python: $CONVKIT_GRADER_PYTHON if it is set (empty: there is none),
    else .venv-grader's; None if there is none."""
    path = os.environ.get("CONVKIT_GRADER_PYTHON")
    if path is not None:  # named on purpose: used as it is (a bad one is refused later)
        return path or None
    path = os.path.join(VENV, "bin", "python")
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        return None
    return path


def missing_text():
    return ("no grader environment here (.venv-grader, Python 3.6 with numpy 1.14.1: make "
            "check builds it where a Python 3.6 exists); checked statically instead")


def static_problems(path):
    """The static check's problems with the file, or None if the check is not available
    (its module or vermin is missing)."""
    try:
        from convkit.checker import static_check
    except ImportError:
        return None
    try:
        return static_check.problems(path)
    except RuntimeError:  # vermin is not installed
        return None


def last_error(stderr_text):
    """The line of a crash's stderr that says what went wrong: its last non-blank line,
    with the line number of the file for a SyntaxError (its traceback names no frame)."""
    lines = [line.strip() for line in stderr_text.splitlines() if line.strip()]
    if not lines:
        return ""
    where = [line for line in lines if line.startswith('File "') and ", line " in line]
    if lines[-1].startswith(("SyntaxError", "IndentationError", "TabError")) and where:
        return "line {}: {}".format(where[-1].rsplit(", line ", 1)[1].split(",")[0],
                                    lines[-1])
    return lines[-1]


def describe_failure(verdict, details):
    """'fails on the grader (Python 3.6, numpy 1.14.1): AttributeError: ...' for a verdict
    and its details as the harness gives them (a crash's end of stderr last)."""
    if verdict == "RE" and "stderr ends:" in details:
        return "fails on {}: {}".format(NAME, last_error(details.split("stderr ends:", 1)[1]))
    first = details.splitlines()[0] if details else ""
    return "fails on {}: {}{}".format(NAME, verdict, ": " + first if first else "")
