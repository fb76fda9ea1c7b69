"""The grader's environment: Python 3.6 with numpy 1.14.1, in .venv-grader.

tools/grader_venv.sh builds .venv-grader (make test-grader and make check call it); where
no Python 3.6 exists there is none (CONVKIT_GRADER_PYTHON set empty pretends so), and the
checker says so and checks the file statically instead: static_check.py finds
Python syntax newer than 3.6 (vermin) and numpy names that numpy 1.14.1 lacks (from a list
generated from numpy 1.14.1 itself).
"""
import os

from convkit.checker import PROJECT
from convkit.i18n import N_, _, localize

VENV = os.path.join(PROJECT, ".venv-grader")
NAME = N_("the grader (Python 3.6, numpy 1.14.1)")  # _(NAME) where it is shown


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


def missing_text(unavailable=False):
    """One line: what a static check cannot know, and how to get the real run
    (tools/grader_venv.sh finds a Python 3.6 as `pyenv prefix 3.6` or `python3.6`);
    unavailable: the static check cannot run either."""
    if unavailable:
        return _("no grader environment here (Python 3.6 + numpy 1.14.1); and the static "
                 "check is not available (convkit/checker/static_check.py and vermin): "
                 "syntax, numpy's names and call signatures only, not what the file computes "
                 "there nor the types it meets. For the real run: pyenv install 3.6.15 (or any "
                 "python3.6 on PATH); make check then builds .venv-grader by itself")
    return _("no grader environment here (Python 3.6 + numpy 1.14.1); checked statically "
             "instead: syntax, numpy's names and call signatures only, not what the file "
             "computes there nor the types it meets. For the real run: pyenv install 3.6.15 "
             "(or any python3.6 on PATH); make check then builds .venv-grader by itself")


def static_problems(path):
    """The static check's problems with the file, or None if the check is not available
    (its module or vermin is missing)."""
    try:
        from convkit.checker import static_check
    except ImportError:
        return None
    try:
        return static_check.problems(path)
    except (RuntimeError, OSError):  # vermin is not installed, or a data file is missing
        return None


def last_error(stderr_text, path=None):
    """The line of a crash's stderr that says what went wrong: its last non-blank line, with
    the line of the file for a SyntaxError (its traceback names no frame). Python 3.6 names
    no line of the file for a SyntaxError inside an f-string (its frame is "<fstring>"):
    there the static check of path, where it can run, says which line."""
    lines = [line.strip() for line in stderr_text.splitlines() if line.strip()]
    if not lines:
        return ""
    if not lines[-1].startswith(("SyntaxError", "IndentationError", "TabError")):
        return lines[-1]
    where = [line for line in lines if line.startswith('File "') and ", line " in line]
    if where and not where[-1].startswith('File "<'):
        return _("line {number}: {error}").format(
            number=where[-1].rsplit(", line ", 1)[1].split(",")[0], error=lines[-1])
    found = [problem for problem in (static_problems(path) if path else None) or ()
             if "needs Python" in problem]
    return _("{error} in an f-string (Python 3.6 names no line of the file)").format(
        error=lines[-1]) + ("; " + localize(found[0]) if found else "")


def describe_failure(verdict, details, path=None):
    """'fails on the grader (Python 3.6, numpy 1.14.1): AttributeError: ...' for a verdict
    and its details as the harness gives them (a crash's end of stderr last); path: the
    file, for a SyntaxError that Python 3.6 does not place."""
    if verdict == "RE" and "stderr ends:" in details:
        return _("fails on {grader}: {error}").format(grader=_(NAME), error=last_error(
            details.split("stderr ends:", 1)[1], path))
    first = details.splitlines()[0] if details else ""
    return _("fails on {grader}: {error}").format(grader=_(NAME), error=verdict + (
        ": " + first if first else ""))
