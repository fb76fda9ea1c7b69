"""The graded files (solutions/), run as the grader runs them, on today's Python and numpy
and (marked `grader`) on the grader's Python 3.6 + numpy 1.14.1: random cases in the
grader's format against the plain-loop reference, malformed input (one line on stderr that
names the input line, exit 1, nothing on stdout, never a traceback, the same bytes on both
interpreters), mutated samples alike on both, a paste into the lesson's notebook, a big
input. The files run through the checker's fork server (convkit/checker/forkclient.py), a
child process per case, as `python FILE < case` would run them; cases that need a real
process of their own (a locale, a memory limit) run as one."""
import json
import os
import random
import re
import resource
import subprocess
import sys

import numpy as np
import pytest

from convkit import compare
from convkit.checker import harness, stress
from convkit.checker.forkclient import ForkServer
from convkit.tasks import TASKS
from mutations import mutate
from programs import GRADED, GRADER_PYTHON, ROOT, graded_path

HAVE_GRADER = os.path.exists(GRADER_PYTHON)
NO_GRADER = "no .venv-grader (Python 3.6 + numpy 1.14.1): make test-grader builds it"
PYTHONS = [pytest.param(sys.executable, id="today"),
           pytest.param(GRADER_PYTHON, id="grader", marks=[
               pytest.mark.grader, pytest.mark.skipif(not HAVE_GRADER, reason=NO_GRADER)])]
LIMIT = 1 << 26  # bytes of output a case may write
GOOD = {"convolve": [b"[[1, 2], [3, 4], [5, 6]]", b"[[[1, 0], [0, 1]]]", b"[0.5]"],
        "kernel_grad": [b"[[1, 2], [3, 4], [5, 6]]", b"[[1], [2]]", b"[[[1, 0], [0, 1]]]",
                        b"[0.5]"],
        "input_grad": [b"[[1, 2], [3, 4], [5, 6]]", b"[[1], [2]]", b"[[[1, 0], [0, 1]]]",
                       b"[0.5]"],
        "receptive_field": [b"[9, 9, 3]", b"[2, 3, 4]"]}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """A fork server for each interpreter, started when first asked for."""
    folder = str(tmp_path_factory.mktemp("graded"))
    started = {}

    def server(python):
        if python not in started:
            started[python] = ForkServer(python, folder).start()
        return started[python], folder

    yield server
    for running in started.values():
        running.close()


def run(servers, python, name, data):
    """(exit status, stdout, stderr) of `python solutions/NAME.py < data`, through a fork
    server of that interpreter."""
    server, folder = servers(python)
    stdin = os.path.join(folder, "case-{}.in".format(os.getpid()))
    with open(stdin, "wb") as f:
        f.write(data)
    result = server.run(graded_path(name), stdin, 60, LIMIT)
    try:
        with open(result.stdout, "rb") as f:
            out = f.read()
        with open(result.stderr, "rb") as f:
            err = f.read()
    finally:
        harness._remove(result)
    return result.status, out, err


def real_run(python, name, data, env=None, memory=None):
    """The same as a real process, with its own environment or address-space limit."""
    def limit():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    done = subprocess.run([python, graded_path(name)], input=data, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, preexec_fn=limit, timeout=120)
    return done.returncode, done.stdout, done.stderr


# ---- random cases against the reference

def reference_text(task, case):
    answer = task.reference(case)
    return (repr(answer) if isinstance(answer, list) else str(answer)) + "\n"


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("name", GRADED)
def test_random_cases_match_the_plain_loop_reference(servers, python, name):
    """Random cases in the grader's format (the checker's own strategy: sizes from 1, long
    inputs, integer and float lines) against convkit/reference.py, with the task's
    tolerance; the receptive field exactly."""
    task = TASKS[name]
    count = 30 if python == sys.executable else 100
    for case in stress.generate(task, count, seed=7):
        status, out, err = run(servers, python, name, task.text(case).encode())
        want = reference_text(task, case)
        assert (status, err) == (0, b""), (case, err)
        assert compare.compare_bytes(out, want.encode(), *task.tolerance(case)) is None, (
            case, out, want)


@pytest.mark.parametrize("python", PYTHONS)
def test_a_long_input_is_read_and_answered(servers, python):
    """200,000 x 3 numbers on one line (about 12 MB): the JSON path, then the answer."""
    x = np.random.RandomState(1).uniform(-1, 1, (200000, 3)).round(6)
    text = "{}\n[[[1, 0, 2], [0, 1, 0], [1, 1, 1]]]\n[0.5]\n".format(x.tolist()).encode()
    status, out, err = run(servers, python, "convolve", text)
    # W[0] = [[1, 0, 2], [0, 1, 0], [1, 1, 1]]: x0 at taps 0 and 2 (x2), x1 at tap 1, x2 at all
    want = x[:-2, 0] + 2 * x[2:, 0] + x[1:-1, 1] + x[:-2, 2] + x[1:-1, 2] + x[2:, 2] + 0.5
    assert (status, err) == (0, b"")
    got = np.array(json.loads(out))[:, 0]
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


# ---- malformed input

def payloads():
    """(label, one bad line in the place of a line of numbers)."""
    return [
        ("blank", b"   \t"), ("unclosed", b"[1, 2"), ("unclosed 2-D", b"[[1, 2], [3, 4]"),
        ("double comma", b"[[1, 2],, [3, 4]]"), ("no comma", b"[[1 2]]"),
        ("extra bracket", b"[[1, 2]]]"), ("dict", b"{1: 2}"), ("trailing junk", b"[[1, 2]];"),
        ("json true", b"[[true, 1]]"), ("python True", b"[[True, 1]]"),
        ("None", b"[[None, 1]]"), ("null", b"[[null, 1]]"), ("str", b"[['a', 1]]"),
        ("json str", b'[["1", 1]]'), ("complex", b"[[1j, 1]]"), ("complex sum", b"[[1+2j, 1]]"),
        ("NaN", b"[[NaN, 1]]"), ("Infinity", b"[[-Infinity, 1]]"), ("nan", b"[[nan, 1]]"),
        ("hex", b"[[0x10, 1]]"), ("1e999", b"[[1e999, 1]]"),
        ("400-digit int", b"[[" + b"9" * 400 + b", 1]]"),
        ("5000-digit int", b"[[" + b"9" * 5000 + b", 1]]"),
        ("400-digit int in a tuple", b"((" + b"9" * 400 + b", 1),)"),
        ("5000-digit int in a tuple", b"((" + b"9" * 5000 + b", 1),)"),
        ("10**400", b"10**400"), ("sum", b"[[1-2, 1]]"), ("spaced sum", b"[[1 -2, 1]]"),
        ("double minus", b"[[--1, 1]]"), ("minus paren minus", b"[[-(-1), 1]]"),
        ("Ellipsis", b"[[..., 1]]"), ("list sum", b"[[1, 2]] + [[3, 4]]"),
        ("deep 10**5", b"[" * 100000 + b"]" * 100000), ("deep 40", b"[" * 40 + b"1" + b"]" * 40),
        ("deep json 3000", ("[0, " * 3000 + "0" + "]" * 3000).encode()),
        ("deep tuple 120", b"(0, " * 120 + b"0" + b")" * 120),
        ("ragged rows", b"[[1, 2], [3]]"), ("ragged depth", b"[[1, 2], 3]"),
        ("ragged deep", b"[[1, 2], " + b"[" * 50 + b"1" + b"]" * 50 + b"]"),
        ("scalar", b"5"), ("empty list", b"[]"), ("empty rows", b"[[]]"), ("3-D", b"[[[1, 2]]]"),
        ("non-ASCII", "[[1, 2\u00e9]]".encode()), ("not UTF-8", b"[[1, \xff]]"),
        ("NUL", b"[[1,\x00 2]]"), ("a million digits", b"[[" + b"1" * 10 ** 6 + b"_1]]"),
        ("lone CRs for newlines", b"[[1, 2]]\r[[1, 2]]"),
    ]


def malformed():
    """(name, label, stdin, the number of the line blamed)."""
    found = []
    for name in GRADED:
        good = GOOD[name]
        for label, payload in payloads():
            found.append((name, label, payload + b"\n" + b"\n".join(good[1:]) + b"\n", 1))
        for n in range(len(good)):  # each line missing, blank, not a literal
            found.append((name, "line {} missing".format(n + 1),
                          b"\n".join(good[:n]) + b"\n" * (n > 0), n + 1))
            found.append((name, "line {} not a literal".format(n + 1),
                          b"\n".join(good[:n] + [b"[1, 2"] + good[n + 1:]) + b"\n", n + 1))
        found.append((name, "not UTF-8 on line 2", b"\n".join(
            good[:1] + [b"[\xff]"] + good[2:]) + b"\n", 2))
    d, w, y = b"[[1, 2], [3, 4], [5, 6]]", b"[[[1, 0], [0, 1]]]", b"[[1], [2]]"
    for name, label, lines, number in [
            ("convolve", "kernel InChannels", [d, b"[[[1, 0], [0, 1], [1, 1]]]", b"[0.5]"], 2),
            ("convolve", "kernel 2-D", [d, b"[[1, 2]]", b"[0.5]"], 2),
            ("convolve", "KernelSize > InLen", [d, b"[[[1, 0, 1, 1], [0, 1, 1, 1]]]", b"[0]"], 2),
            ("convolve", "bias OutChannels", [d, w, b"[0.5, 1]"], 3),
            ("convolve", "bias 2-D", [d, w, b"[[0.5]]"], 3),
            ("convolve", "Y overflows", [b"[[1e308, 1e308]]", b"[[[1], [1]]]", b"[0]"], 1),
            ("kernel_grad", "y OutLen wrong", [d, b"[[1], [2], [3]]", w, b"[0.5]"], 3),
            ("kernel_grad", "y OutLen > InLen", [d, b"[[1], [2], [3], [4]]", w, b"[0.5]"], 2),
            ("kernel_grad", "y OutChannels", [d, b"[[1, 1], [2, 2]]", w, b"[0.5]"], 3),
            ("kernel_grad", "bias OutChannels", [d, y, w, b"[0.5, 1]"], 4),
            ("kernel_grad", "dK overflows", [b"[[1e308], [1e308]]", b"[[0], [0]]",
                                             b"[[[1]]]", b"[0]"], 1),
            ("input_grad", "kernel InChannels", [d, y, b"[[[1, 0], [0, 1], [1, 1]]]", b"[0]"], 3),
            ("input_grad", "dX overflows", [b"[[0], [0]]", b"[[0, 0], [0, 0]]",
                                            b"[[[1e308]], [[1e308]]]", b"[0, 0]"], 3),
            ("receptive_field", "zero kernel size", [b"[9, 0, 3]", b"[2, 3, 4]"], 1),
            ("receptive_field", "negative dilation", [b"[9, 9, 3]", b"[2, -3, 4]"], 2),
            ("receptive_field", "float kernel size", [b"[9, 9.5, 3]", b"[2, 3, 4]"], 1),
            ("receptive_field", "2**53 + 1", [b"[9, 9007199254740993, 3]", b"[2, 3, 4]"], 1),
            ("receptive_field", "nested", [b"[[9, 9, 3]]", b"[2, 3, 4]"], 1),
            ("receptive_field", "fewer dilations", [b"[9, 9, 3]", b"[2, 3]"], 2),
            ("receptive_field", "25-digit int", [b"[9, 1" + b"0" * 24 + b"]", b"[2, 3]"], 1)]:
        found.append((name, label, b"\n".join(lines) + b"\n", number))
    return found


MALFORMED = malformed()
IDS = ["{}: {}".format(name, label) for name, label, _, _ in MALFORMED]


def assert_one_line_naming(name, number, outcome):
    status, out, err = outcome
    lines = err.decode("ascii").splitlines()
    assert (status, out, len(lines)) == (1, b"", 1), outcome
    assert re.match(r"{}\.py: lines? (\d+-)?{}\b".format(name, number), lines[0]) or \
        re.match(r"{}\.py: lines 1-\d+: ".format(name), lines[0]), lines[0]
    assert "Traceback" not in lines[0]


@pytest.mark.parametrize("name, label, data, number", MALFORMED, ids=IDS)
def test_malformed_input_is_one_line_naming_it(servers, name, label, data, number):
    assert_one_line_naming(name, number, run(servers, sys.executable, name, data))


@pytest.mark.grader
@pytest.mark.skipif(not HAVE_GRADER, reason=NO_GRADER)
@pytest.mark.parametrize("name", GRADED)
def test_both_interpreters_refuse_alike(servers, name):
    """The same exit status and the same stderr bytes on Python 3.6 + numpy 1.14.1."""
    for case_name, label, data, number in MALFORMED:
        if case_name == name:
            today = run(servers, sys.executable, name, data)
            grader = run(servers, GRADER_PYTHON, name, data)
            assert_one_line_naming(name, number, grader)
            assert today == grader, label


@pytest.mark.parametrize("python", PYTHONS)
def test_line_ends_are_the_templates(servers, python):
    """The template's stdin splits lines at "\n" only: a CR inside a line is space (Python's
    literal syntax allows it), a lone CR is no line end, and CRLF ends a line."""
    assert run(servers, python, "convolve", b"[[1],\r[2]]\r\n[[[1]]]\r\n[0.5]\r\n") == (
        0, b"[[1.5], [2.5]]\n", b"")
    status, out, err = run(servers, python, "convolve", b"[[1],[2]]\r[[[1]]]\r[0.5]\n")
    assert (status, out) == (1, b"") and err.startswith(b"convolve.py: line 1 (data): ")


@pytest.mark.parametrize("python", PYTHONS)
def test_an_answer_too_big_for_memory_is_one_line(python):
    """560 KB of input that asks for an answer of 100000 x 20000 floats (16 GB) under a
    3 GB limit: one line, not numpy's MemoryError."""
    data = ("[" + ",".join(["[1]"] * 100000) + "]\n[" + ",".join(["[[1]]"] * 20000) + "]\n["
            + ",".join(["0"] * 20000) + "]\n").encode()
    status, out, err = real_run(python, "convolve", data, memory=3 << 30)
    assert (status, out, err) == (1, b"", b"convolve.py: lines 1-3: Y, OutLen 100000 x "
                                          b"OutChannels 20000, does not fit in memory\n")


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("name", GRADED)
def test_a_locale_or_a_memory_limit_changes_nothing(python, name):
    """In the C locale a byte that is not UTF-8 is blamed on its own line, as a non-ASCII
    character; under a memory limit too small for the line, the line is blamed."""
    good = GOOD[name]
    c_locale = dict(os.environ, LC_ALL="C", LANG="C")
    later = b"\n".join(good[:1] + [b"[\xff]"] + good[2:]) + b"\n"
    assert_one_line_naming(name, 2, real_run(python, name, later, env=c_locale))
    accented = "[[1, 2\u00e9]]\n".encode() + b"\n".join(good[1:]) + b"\n"
    outcome = real_run(python, name, accented, env=c_locale)
    assert_one_line_naming(name, 1, outcome)
    assert outcome == real_run(sys.executable, name, accented)
    big = b"[" + b", ".join([b"[1.5, 2.5]"] * 1500000) + b"]\n" + b"\n".join(good[1:]) + b"\n"
    assert_one_line_naming(name, 1, real_run(python, name, big, memory=(
        60 if name == "receptive_field" else 180) << 20))


# ---- the same answers and refusals on both interpreters, on mutated samples

@pytest.mark.grader
@pytest.mark.skipif(not HAVE_GRADER, reason=NO_GRADER)
@pytest.mark.parametrize("name", GRADED)
def test_both_interpreters_answer_mutated_samples_alike(servers, name):
    """400 mutations of the task's grader-format samples (truncated, shuffled, injected
    characters, huge numbers, lines past the graded ones): the same exit status and stderr
    on both interpreters, and the same answers (BLAS may add in another order: the last
    digit of a float may differ, to 1e-15 relative to the terms' size)."""
    rng = random.Random("parity-" + name)
    folder = os.path.join(ROOT, "samples", name)
    texts = []
    for case in sorted(harness.grader_format(name)):
        with open(os.path.join(folder, case + ".in"), newline="") as f:
            texts.append(f.read())
    batch = list(texts)
    while len(batch) < 400:
        batch.append(mutate(rng.choice(texts), rng))
    for text in batch:
        data = text.encode("utf-8", "surrogateescape")
        (status, out, err), (status36, out36, err36) = (
            run(servers, sys.executable, name, data), run(servers, GRADER_PYTHON, name, data))
        assert (status, err) == (status36, err36), text
        if out != out36:
            assert compare.compare_bytes(out, out36, 1e-15, 1e-15 * scale(out36)) is None, (
                text, out, out36)


def scale(text):
    """The largest magnitude in an answer: the last-digit differences of a sum are
    relative to its terms, and an element near 0 may be the sum of large ones."""
    numbers = [abs(float(word)) for word in re.findall(rb"-?[0-9.]+(?:e[-+]?[0-9]+)?", text)]
    return max(numbers + [1.0])


# ---- pasted into the lesson's notebook

NOTEBOOK = '''\
import sys
SAMPLES = {samples!r},
READER = (x for x in SAMPLES[0].split('\\n'));
sys.stdin.readline = lambda: next(READER)
sys.argv = ["ipykernel_launcher.py", "-f", "kernel.json"]
namespace = {{"__name__": "__main__"}}
try:
    exec(compile(open({path!r}).read(), "<cell>", "exec"), namespace)
except SystemExit as stop:
    print("SystemExit:", stop.code)
'''


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("name", GRADED)
def test_pasted_into_a_notebook_cell(python, name):
    """After the lesson's cell that feeds sys.stdin.readline from SAMPLES (lines without
    their newline, StopIteration at the end), with ipykernel's argv: the answer, and no
    SystemExit at all (IPython shows even SystemExit(0) as an error). A missing line is
    one SystemExit with the one-line message."""
    with open(os.path.join(ROOT, "samples", name, "01-lesson.in")) as f:
        lines = f.read().rstrip("\n").split("\n")
    with open(os.path.join(ROOT, "samples", name, "01-lesson.out"), "rb") as f:
        want = f.read()
    cell = NOTEBOOK.format(samples="\n".join(lines), path=graded_path(name))
    done = subprocess.run([python, "-c", cell], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    assert done.stderr == b"" and b"SystemExit" not in done.stdout
    assert compare.compare_bytes(done.stdout, want, 1e-12, 1e-12) is None
    short = NOTEBOOK.format(samples="\n".join(lines[:-1]), path=graded_path(name))
    done = subprocess.run([python, "-c", short], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    assert re.match(r"SystemExit: {}\.py: line {} \(".format(name, len(lines)).encode(),
                    done.stdout), done.stdout


@pytest.mark.parametrize("python", PYTHONS)
def test_importing_a_graded_file_runs_nothing(python):
    """The graded function can be imported and called: main runs only as a program."""
    code = ("import convolve, kernel_grad, input_grad, receptive_field as rf; "
            "print(convolve.apply_convolution([[1], [2]], [[[1]]], [0.5]).tolist(), "
            "rf.calculate_receptive_field([rf.LayerInfo(9, 2), rf.LayerInfo(9, 3), "
            "rf.LayerInfo(3, 4)]))")
    done = subprocess.run([python, "-c", code], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                          env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "solutions")))
    assert (done.stdout, done.stderr) == (b"[[1.5], [2.5]] 49\n", b"")
