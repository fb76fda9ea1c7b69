"""convkit/checker/static_check.py: what a learner's file uses that Python 3.6 + numpy 1.14.1
lack, found without running it, on the learner gallery and on small files written here; and
the two programs of the checker that do run on the grader's Python 3.6, forkserver.py and
isolate.py."""
import os
import sys
import textwrap

import pytest

from cases import ROOT
from checking import GRADER_PYTHON
from learners import gallery

pytest.importorskip("vermin", reason="static_check needs vermin, a dev dependency of .venv"
                                     " (.venv-grader, Python 3.6, does not have it)")
from convkit.checker import forkclient, isolate, static_check  # noqa: E402

LEARNERS = os.path.join(ROOT, "tests", "learners")
SWV = "numpy.lib.stride_tricks.sliding_window_view is not in numpy 1.14.1 (the grader's)"


def line_of(path, text):
    """The number of the first line of a gallery file that holds text."""
    with open(os.path.join(LEARNERS, path), encoding="utf-8") as f:
        return next(i for i, line in enumerate(f, 1) if text in line)


def check(tmp_path, source):
    path = tmp_path / "solution.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return static_check.problems(str(path))


# ---- the gallery

def test_numpy_too_new_file():
    path = "convolve/numpy_too_new.py"
    assert static_check.problems(os.path.join(LEARNERS, path)) == [
        "line {}: {}".format(line_of(path, "sliding_window_view("), SWV)]


def test_python_too_new_file():
    path = "receptive_field/python_too_new.py"
    assert static_check.problems(os.path.join(LEARNERS, path)) == [
        "line {}: the walrus operator := needs Python 3.8; the grader has 3.6".format(
            line_of(path, ":="))]


NOT_GRADER_ONLY = [entry for entry in gallery.GALLERY if entry["fails"] != "grader-only"]


@pytest.mark.parametrize("entry", NOT_GRADER_ONLY, ids=[e["path"] for e in NOT_GRADER_ONLY])
def test_no_problem_in_a_file_the_grader_runs(entry):
    """Every correct file, and every file whose mistake the grader's numpy and Python share."""
    assert static_check.problems(os.path.join(LEARNERS, entry["path"])) == []


# ---- numpy names, through every way of importing numpy

@pytest.mark.parametrize("imports, use", [
    ("import numpy as np", "np.lib.stride_tricks.sliding_window_view(x, 2)"),
    ("import numpy", "numpy.lib.stride_tricks.sliding_window_view(x, 2)"),
    ("import numpy.lib.stride_tricks", "numpy.lib.stride_tricks.sliding_window_view(x, 2)"),
    ("import numpy.lib.stride_tricks as st", "st.sliding_window_view(x, 2)"),
    ("from numpy import lib", "lib.stride_tricks.sliding_window_view(x, 2)"),
    ("from numpy.lib import stride_tricks as tricks", "tricks.sliding_window_view(x, 2)"),
])
def test_an_attribute_chain_on_any_numpy_alias(tmp_path, imports, use):
    assert check(tmp_path, imports + "\nx = [1, 2, 3]\ny = " + use + "\n") == [
        "line 3: " + SWV]


def test_a_name_imported_from_numpy_is_reported_on_its_import_line(tmp_path):
    assert check(tmp_path, """\
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view, as_strided
        from numpy import convolve, quantile as q
        from numpy.random import default_rng
        import numpy.nosuchmodule
        """) == ["line 2: " + SWV,
                 "line 3: numpy.quantile is not in numpy 1.14.1 (the grader's)",
                 "line 4: numpy.random.default_rng is not in numpy 1.14.1 (the grader's)",
                 "line 5: numpy.nosuchmodule is not in numpy 1.14.1 (the grader's)"]


def test_names_numpy_1_14_1_has_are_not_reported(tmp_path):
    assert check(tmp_path, """\
        import numpy as np
        from numpy.lib.stride_tricks import as_strided
        import numpy.lib.stride_tricks as st
        x = np.lib.stride_tricks.as_strided(np.zeros(3), (2,), (8,))
        y = np.tensordot(x, x, axes=1) + np.einsum('i,i', x, x) + np.convolve(x, x)[0]
        z = np.ndarray.tolist(x), st.as_strided, np.random.randn(2), np.linalg.norm(x)
        w = np.int(3), np.emath.sqrt(-1), np.fft.rfft(x), np.matrix([[1]]).T
        """) == []


def test_what_cannot_be_known_statically_is_not_guessed(tmp_path):
    """Methods of arrays, members of functions and classes, _ names, star imports."""
    assert check(tmp_path, """\
        import numpy as np
        from numpy import *
        x = np.zeros(3)
        a = x.sliding_window_view(2)
        b = np.arange(3).nothing_here
        c = np.float64.fromhex, np.float64.nothing, np.zeros.nothing, np.random.RandomState.nope
        d = np.__version__, np._no_such_private
        e = sliding_window_view(x, 2)
        """) == []


def test_members_of_modules_and_ndarray_are_known_exactly(tmp_path):
    assert check(tmp_path, """\
        import numpy as np
        a = np.ndarray.nothing
        b = np.emath.nothing
        c = np.lib.nothing.deeper.still
        """) == ["line 2: numpy.ndarray.nothing is not in numpy 1.14.1 (the grader's)",
                 "line 3: numpy.emath.nothing is not in numpy 1.14.1 (the grader's)",
                 "line 4: numpy.lib.nothing is not in numpy 1.14.1 (the grader's)"]


def test_one_line_per_name_and_line_sorted_by_line(tmp_path):
    problems = check(tmp_path, """\
        import numpy as np
        import math
        y = np.lib.stride_tricks.sliding_window_view(np.lib.stride_tricks.sliding_window_view)
        x = math.isqrt(4) + math.prod([1])
        z = np.random.default_rng(0)
        """)
    assert problems == ["line 3: " + SWV,
                        "line 4: math.isqrt needs Python 3.8; the grader has 3.6",
                        "line 4: math.prod needs Python 3.8; the grader has 3.6",
                        "line 5: numpy.random.default_rng is not in numpy 1.14.1 (the grader's)"]


# ---- syntax newer than Python 3.6, and files that do not parse

def test_f_string_equals_specifier(tmp_path):
    assert check(tmp_path, "x = 1\nprint(f'{x=}')\n") == [
        "line 2: the f-string = specifier (f\"{x=}\") needs Python 3.8; the grader has 3.6"]


def test_a_novermin_comment_does_not_hide_the_walrus(tmp_path):
    assert check(tmp_path, "if (n := 3):  # novermin\n    pass\n") == [
        "line 1: the walrus operator := needs Python 3.8; the grader has 3.6"]


def test_python_3_6_syntax_is_fine(tmp_path):
    assert check(tmp_path, """\
        import sys
        x: int = 1
        print(f"{x} {sys.argv!r:>10}", *[1, 2], **{})
        def f(a, *, b=2):
            return a @ b
        """) == []


@pytest.mark.skipif(sys.version_info < (3, 10), reason="older Pythons word it otherwise")
def test_a_file_that_does_not_parse(tmp_path):
    assert check(tmp_path, "import numpy as np\nx = (1,\n") == [
        "line 2: the file does not parse: '(' was never closed"]


def test_a_file_with_a_nul_byte_does_not_parse(tmp_path):
    path = tmp_path / "solution.py"
    path.write_bytes(b"x = 1\x00\n")
    [problem] = static_check.problems(str(path))
    assert problem.startswith("line 1: the file does not parse: ")


@pytest.mark.parametrize("program", [forkclient.SERVER, isolate.__file__],
                         ids=["forkserver.py", "isolate.py"])
def test_the_programs_the_grader_runs_are_python_3_6(program):
    """The checker itself needs Python 3.10+, but the --grader run starts its fork server
    (forkserver.py, which imports isolate.py) under the grader's Python 3.6: vermin finds
    nothing newer in either (the server's one import beside the standard library is
    isolate.py, from its own folder)."""
    assert [problem for problem in static_check.problems(program)
            if "the module isolate is not on the grader" not in problem] == []


@pytest.mark.grader
def test_a_fork_server_runs_a_file_on_the_grader_python(tmp_path):
    """forkserver.py and isolate.py, run by .venv-grader's Python 3.6 + numpy 1.14.1, serve
    a case: the versions it reports, and the file's output and exit status."""
    if not os.path.exists(GRADER_PYTHON):
        pytest.skip("no .venv-grader (tools/grader_venv.sh builds it where a Python 3.6 is)")
    path, stdin = tmp_path / "prog.py", tmp_path / "case.in"
    path.write_text("import sys, ast, numpy as np\nx = np.array(ast.literal_eval("
                    "sys.stdin.readline()))\nprint(repr((x * 2).tolist()), np.__version__)\n"
                    "sys.exit(3)\n")
    stdin.write_text("[[1.5], [2]]\n")
    with forkclient.ForkServer(GRADER_PYTHON, str(tmp_path)) as server:
        assert server.versions[0].startswith("3.6.") and server.versions[1] == "1.14.1"
        result = server.run(str(path), str(stdin), 30, 1 << 20)
    with open(result.stdout, "rb") as out, open(result.stderr, "rb") as err:
        assert (result.status, out.read(), err.read()) == (3, b"[[3.0], [4.0]] 1.14.1\n", b"")
    assert not result.timed_out and result.signal is None


def test_a_fallback_inside_try_is_not_a_problem_but_syntax_is(tmp_path):
    """The grader runs the except branch; a name used outside the try is still found, and a
    := cannot be guarded (3.6 cannot compile the file)."""
    found = check(tmp_path, """\
        import math
        import numpy as np
        try:
            from numpy.lib.stride_tricks import sliding_window_view
        except ImportError:
            sliding_window_view = None
        try:
            total = math.prod([1, 2])
        except (AttributeError, ValueError):
            total = 2
        try:
            from math import prod
        except ValueError:
            prod = None
        try:
            if (n := 3):
                pass
        except Exception:
            pass
        print(np.lib.stride_tricks.sliding_window_view)
        try:
            size = math.isqrt(4)
        except ImportError:
            size = 2
        try:
            from math import dist
        except ImportError:
            pass
        try:
            from math import comb
        except ImportError:
            raise
        """)
    assert [line.split(":")[0] for line in found] == [
        "line 12", "line 16", "line 20", "line 22", "line 26", "line 30"], found
    assert "math.prod" in found[0] and ":=" in found[1] and "sliding_window_view" in found[2]
    assert "isqrt" in found[3] and "dist" in found[4] and "comb" in found[5]


def test_a_syntax_error_inside_an_f_string_is_placed_by_the_static_check(tmp_path):
    """Python 3.6 reports a SyntaxError inside an f-string at line 1 of "<fstring>", not at
    the file's line: the grader run's report says so and takes the line from the static
    check, never "line 1" (the learner review found it so)."""
    from convkit.checker import grader_env
    path = tmp_path / "fs.py"
    path.write_text('import sys\nx = 1\n\n\nprint(f"{x=}")\n')
    stderr = '  File "<fstring>", line 1\n    (x=)\n      ^\nSyntaxError: invalid syntax\n'
    text = grader_env.last_error(stderr, str(path))
    assert text.startswith("SyntaxError: invalid syntax in an f-string (Python 3.6 names no")
    assert "; line 5: the f-string = specifier" in text
    assert grader_env.last_error('  File "/tmp/s.py", line 7\n    (y := 1)\n       ^\n'
                                 'SyntaxError: invalid syntax\n') == (
        "line 7: SyntaxError: invalid syntax")


def test_a_module_the_grader_lacks_is_a_problem(tmp_path):
    """The grader has the standard library and numpy only: convkit (which .venv has, so the
    file runs here), scipy or a file of one's own are problems; a fallback guarded by
    ImportError is the file's own business (the adversary review found convkit passing)."""
    path = tmp_path / "uses.py"
    path.write_text("import sys, ast\nimport numpy as np\nfrom convkit import apply_convolution\n"
                    "import scipy.signal\ntry:\n    import numba\nexcept ImportError:\n"
                    "    numba = None\nfrom . import helper\n")
    assert static_check.problems(str(path)) == [
        "line 3: the module convkit is not on the grader, which has the standard library and "
        "numpy 1.14.1 only",
        "line 4: the module scipy is not on the grader, which has the standard library and "
        "numpy 1.14.1 only"]
