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


# ---- the rules of issue 17, item 3: numpy 1.14.1's signatures, Python 3.6's grammar,
# fallbacks that bind; each with a learner of the gallery failing it and one passing it

RULE_FILES = [entry for entry in gallery.GALLERY if entry["path"] in {
    "convolve/pad_without_mode.py", "convolve/pad_with_mode.py",
    "convolve/flip_without_axis.py", "convolve/flip_with_axis.py",
    "convolve/try_fallback_binds.py", "convolve/try_fallback_gives_up.py",
    "receptive_field/sum_initial.py", "receptive_field/sum_axis.py",
    "receptive_field/positional_only.py", "receptive_field/typing_annotations.py"}]
GRADER_ONLY = [entry for entry in gallery.GALLERY if entry["fails"] == "grader-only"]
NUMPY_SAYS = " in numpy 1.14.1 (the grader's): a TypeError there"


def test_each_rule_has_a_failing_and_a_passing_gallery_file():
    assert len(RULE_FILES) == 10
    assert sum(entry["fails"] == "grader-only" for entry in RULE_FILES) == 5


@pytest.mark.parametrize("entry", GRADER_ONLY, ids=[e["path"] for e in GRADER_ONLY])
def test_every_grader_only_file_fails_the_static_check(entry):
    assert static_check.problems(os.path.join(LEARNERS, entry["path"]))


@pytest.mark.parametrize("path, text, problem", [
    ("convolve/pad_without_mode.py", "np.pad(", "numpy.pad() needs the argument mode" +
     NUMPY_SAYS),
    ("convolve/flip_without_axis.py", "np.flip(", "numpy.flip() needs the argument axis" +
     NUMPY_SAYS),
    ("receptive_field/sum_initial.py", "sum(initial", "ndarray.sum() has no keyword initial" +
     NUMPY_SAYS + ", if (k - 1) * d is an array"),
    ("convolve/try_fallback_gives_up.py", "import sliding_window_view", SWV),
    ("receptive_field/positional_only.py", "/):", "positional-only parameters (/ in a def) "
     "needs Python 3.8; the grader has 3.6"),
])
def test_the_gallery_file_failing_a_rule(path, text, problem):
    assert static_check.problems(os.path.join(LEARNERS, path)) == [
        "line {}: {}".format(line_of(path, text), problem)]


def test_numpy_signatures_required_arguments_and_keywords(tmp_path):
    assert check(tmp_path, """\
        import numpy as np
        from numpy import pad, flip as fl, linspace
        x = np.arange(6.0)
        a = np.pad(x, 1)
        b = pad(x, ((1, 1),))
        c = fl(x)
        d = np.linspace(0, 1, 5, axis=0) + linspace(0, 1, num=5, device="cpu")
        e = np.add(x) + np.add.reduce(x, where=x > 0) + np.zeros(3, like=x)
        f = np.flip(x, 0, 1)
        g = np.lib.stride_tricks.as_strided(x, (2,), (8,), writable=False)
        """) == [
        "line 4: numpy.pad() needs the argument mode" + NUMPY_SAYS,
        "line 5: numpy.pad() needs the argument mode" + NUMPY_SAYS,
        "line 6: numpy.flip() needs the argument axis" + NUMPY_SAYS,
        "line 7: numpy.linspace() has no keyword axis" + NUMPY_SAYS,
        "line 7: numpy.linspace() has no keyword device" + NUMPY_SAYS,
        "line 8: numpy.add() needs the argument x2" + NUMPY_SAYS,
        "line 8: numpy.add.reduce() has no keyword where" + NUMPY_SAYS,
        "line 8: numpy.zeros() has no keyword like" + NUMPY_SAYS,
        "line 9: numpy.flip() takes at most 2 positional arguments, not 3" + NUMPY_SAYS,
        "line 10: numpy.lib.stride_tricks.as_strided() has no keyword writable" + NUMPY_SAYS]


def test_array_methods_keywords_newer_than_numpy_1_14_1(tmp_path):
    assert check(tmp_path, """\
        import numpy as np
        x = np.arange(6.0).reshape(2, 3)
        a = x.sum(where=x > 0) + x.max(initial=0) + np.ndarray.sum(x, initial=1)
        b = x.T.reshape(6, copy=True)
        """) == [
        "line 3: ndarray.max() has no keyword initial" + NUMPY_SAYS + ", if x is an array",
        "line 3: ndarray.sum() has no keyword where" + NUMPY_SAYS + ", if x is an array",
        "line 3: numpy.ndarray.sum() has no keyword initial" + NUMPY_SAYS,
        "line 4: ndarray.reshape() has no keyword copy" + NUMPY_SAYS + ", if x.T is an array"]


def test_calls_numpy_1_14_1_accepts_and_what_is_not_numpy_are_not_reported(tmp_path):
    """Keywords 1.14.1 has; *args and **kwargs (their named keywords only); a name the file
    binds again; the file's own methods; other objects' methods with other keywords."""
    assert check(tmp_path, """\
        import numpy as np
        from numpy import flip
        x = np.arange(6.0).reshape(2, 3)
        a = np.pad(x, 1, 'constant', constant_values=0) + np.pad(x, 1, mode='edge')
        b = np.flip(x, axis=0) + np.linspace(0, 1, 3, endpoint=False, dtype=float)[0]
        c = x.sum(axis=0, keepdims=True).std(ddof=1) + x.reshape((3, 2), order='F')[0, 0]
        d = np.pad(*[x, 1]), np.flip(**{"m": x}), np.add(*[x, x]), np.einsum('ij->', x, out=None)
        e = np.tensordot(x, x.T, axes=1), np.convolve(x[0], x[1], mode='valid')
        def pad(array, width):
            return array
        f = pad(x, 1)
        class Mine:
            def sum(self, where=None):
                return 0
        g = Mine().sum(where=1), sorted([3, 1], key=abs), "a b".split(sep=" ")
        def h(flip):
            return flip(x)
        """) == []


def test_python_3_6_evaluates_annotations_of_defs_and_module_variables(tmp_path):
    assert check(tmp_path, """\
        from typing import List, Optional
        def f(x: list[int], y: "dict[str, int]" = None) -> tuple[int, ...]:
            z: list[int] = []
            return x
        grid: dict[str, list] = {}
        def g(a: int | None = None, b: Optional[List[int]] = None) -> List[int]:
            return []
        class C:
            size: set[int] = set()
        """) == [
        "line 2: list[int] (a built-in type subscripted; 3.6 evaluates it: write typing's"
        " List[...]) needs Python 3.9; the grader has 3.6",
        "line 2: tuple[int, ...] (a built-in type subscripted; 3.6 evaluates it: write"
        " typing's Tuple[...]) needs Python 3.9; the grader has 3.6",
        "line 5: dict[str, list] (a built-in type subscripted; 3.6 evaluates it: write"
        " typing's Dict[...]) needs Python 3.9; the grader has 3.6",
        "line 6: the type union int | None in an annotation of the def (3.6 evaluates it)"
        " needs Python 3.10; the grader has 3.6",
        "line 9: set[int] (a built-in type subscripted; 3.6 evaluates it: write typing's"
        " Set[...]) needs Python 3.9; the grader has 3.6"]


def test_a_future_import_of_annotations_is_python_3_7(tmp_path):
    found = check(tmp_path, """\
        from __future__ import annotations
        def f(x: list[int]) -> int:
            return 1
        """)
    assert found[0] == "line 1: __future__.annotations needs Python 3.7; the grader has 3.6"
    assert found[1].startswith("line 2: list[int]") and len(found) == 2


def test_list_the_variable_is_not_list_the_type(tmp_path):
    assert check(tmp_path, "list = [1, 2]\nprint(list[0])\n") == []


def test_what_vermin_misses(tmp_path):
    """*unpacking in return, for and subscripts; built-ins and methods newer than 3.6."""
    assert check(tmp_path, """\
        import sys
        def k(a, b):
            return *a, *b
        for q in *[1], *[2]:
            pass
        def m(a, i):
            return a[*i], (*a, *i)
        s = input()
        t = s.removeprefix("x"), sys.stdin.reconfigure(encoding="utf-8"), aiter
        """) == [
        "line 3: *unpacking in an unparenthesized return tuple needs Python 3.8; the grader"
        " has 3.6",
        "line 4: *unpacking in an unparenthesized tuple after for ... in needs Python 3.9;"
        " the grader has 3.6",
        "line 7: *unpacking in a subscript needs Python 3.11; the grader has 3.6",
        "line 9: aiter needs Python 3.10; the grader has 3.6",
        "line 9: str.removeprefix needs Python 3.9; the grader has 3.6",
        "line 9: sys.stdin.reconfigure needs Python 3.7; the grader has 3.6"]


def test_an_f_string_equals_specifier_is_placed_at_its_own_line(tmp_path):
    """vermin names the line where the statement starts; the field may be lines below."""
    assert check(tmp_path, 'x = 1\nprint(\n    "a",\n    f"{x!r} {x == 1} {x:>3}",\n'
                           '    f"""\n{x=}""",\n)\n') == [
        "line 6: the f-string = specifier (f\"{x=}\") needs Python 3.8; the grader has 3.6"]


@pytest.mark.parametrize("handler, hidden", [
    ("sliding_window_view = None", True),
    ("def sliding_window_view(x, shape):\n        return x", True),
    ("from numpy.lib.stride_tricks import as_strided as sliding_window_view", True),
    ("sys.exit('numpy >= 1.20')", False),
    ("print('numpy >= 1.20')", False),
    ("raise", False),
    ("pass", False),
    ("sliding_window_view = None\n    sys.exit(1)", False),
])
def test_a_try_hides_a_name_only_where_its_handler_binds_it(tmp_path, handler, hidden):
    found = check(tmp_path, "import sys\ntry:\n    from numpy.lib.stride_tricks import "
                            "sliding_window_view\nexcept ImportError:\n    " + handler + "\n")
    assert found == ([] if hidden else ["line 3: " + SWV])


def test_a_try_hides_a_call_or_an_attribute_only_with_a_binding_handler(tmp_path):
    assert check(tmp_path, """\
        import numpy as np
        x = np.arange(3.0)
        try:
            y = np.pad(x, 1)
        except TypeError:
            y = np.pad(x, 1, 'constant')
        try:
            z = np.flip(x)
        except TypeError as err:
            print(err)
        try:
            w = np.lib.stride_tricks.sliding_window_view(x, 2)
        except AttributeError:
            w = np.stack([x[:-1], x[1:]], axis=1)
        try:
            v = np.lib.stride_tricks.sliding_window_view(x, 2)
        except ValueError:
            v = None
        """) == ["line 8: numpy.flip() needs the argument axis" + NUMPY_SAYS,
                 "line 16: numpy.lib.stride_tricks.sliding_window_view is not in numpy 1.14.1"
                 " (the grader's)"]


def test_the_text_without_a_grader_says_what_it_cannot_know_and_how_to_get_it():
    from convkit.checker import grader_env
    text = grader_env.missing_text()
    assert "\n" not in text and len(text) < 320
    assert "checked statically instead" in text  # solution.py words the ERR case from it
    assert "pyenv install 3.6.15" in text and "make check" in text


# ---- the data, and the rules, against numpy 1.14.1 and Python 3.6 themselves

def grader_python():
    if not os.path.exists(GRADER_PYTHON):
        pytest.skip("no .venv-grader (tools/grader_venv.sh builds it where a Python 3.6 is)")
    return GRADER_PYTHON


@pytest.mark.grader
def test_the_signatures_file_is_numpy_1_14_1s():
    """tools/numpy_signatures.py, run again, writes the very file shipped (its refused
    keywords come from .venv's numpy, the one the file names)."""
    import json
    import subprocess

    import numpy
    with open(static_check.SIGNATURES_FILE, encoding="utf-8") as f:
        shipped = json.load(f)
    if numpy.__version__ != shipped["newer_numpy"]:
        pytest.skip("the file's newer keywords are numpy {}'s, this is {}".format(
            shipped["newer_numpy"], numpy.__version__))
    done = subprocess.run([grader_python(), os.path.join(ROOT, "tools", "numpy_signatures.py"),
                           "--output", "-", "--newer-python", sys.executable],
                          stdout=subprocess.PIPE, check=True, timeout=300)
    assert json.loads(done.stdout.decode()) == shipped


# each: a file, and whether Python 3.6 + numpy 1.14.1 runs it (all run here)
SNIPPETS = [
    ("import numpy as np\nnp.pad(np.zeros(3), 1)\n", False),
    ("import numpy as np\nnp.pad(np.zeros(3), 1, 'constant')\n", True),
    ("from numpy import flip\nflip([1, 2])\n", False),
    ("import numpy as np\nnp.flip([1, 2], 0)\n", True),
    ("import numpy as np\nnp.linspace(0, 1, 3, axis=0)\n", False),
    ("import numpy as np\nnp.zeros(3).sum(where=True)\n", False),
    ("import numpy as np\nnp.zeros(3).sum(axis=0, keepdims=True)\n", True),
    ("import numpy as np\nnp.add.reduce(np.zeros(3), initial=0)\n", False),
    ("def f(x: list[int]) -> int:\n    return 1\n", False),
    ("from typing import List\ndef f(x: List[int]) -> int:\n    y: list[int] = []\n"
     "    return 1\nf([])\n", True),
    ("grid: dict[str, int] = {}\n", False),
    ("from typing import Optional\ndef f(a: int | None = None):\n    pass\n", False),
    ("def f(a):\n    return *a, *a\n", False),
    ("x = 1\nprint(\n    f'{x=}')\n", False),
    ("try:\n    from numpy.lib.stride_tricks import sliding_window_view\nexcept ImportError:\n"
     "    sliding_window_view = None\n", True),
    ("import sys\ntry:\n    from numpy.lib.stride_tricks import sliding_window_view\n"
     "except ImportError:\n    sys.exit('numpy >= 1.20')\n", False),
]


@pytest.mark.grader
@pytest.mark.parametrize("source, runs", SNIPPETS, ids=[str(i) for i in range(len(SNIPPETS))])
def test_the_rules_agree_with_the_grader(tmp_path, source, runs):
    """Each snippet runs here; on the grader's Python 3.6 + numpy 1.14.1 it runs, or fails,
    as the static check says (a rule's file that fails there has a problem, one that runs
    has none)."""
    import subprocess
    path = tmp_path / "snippet.py"
    path.write_text(source, encoding="utf-8")
    here = subprocess.run([sys.executable, str(path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    there = subprocess.run([grader_python(), str(path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
    assert here.returncode == 0, here.stderr
    assert (there.returncode == 0) == runs, there.stderr
    assert (static_check.problems(str(path)) == []) == runs
