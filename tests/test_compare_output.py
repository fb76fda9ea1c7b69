"""convkit/compare.py (formerly tools/compare_output.py), the one comparison: the template's
form and nothing else, structure at every level, exact integers, the tolerance rule, bounded
time and memory; and its command line, python -m convkit.compare."""
import contextlib
import io
import subprocess
import sys
import time
import tracemalloc

import pytest

from convkit import compare
from programs import ENV, ROOT

HUGE = "1" + "0" * 400  # 10**400, written out


def same(got, want, rtol=1e-9, atol=1e-12):
    return compare.compare(got, want, rtol, atol) is None


@pytest.mark.parametrize("got, want, equal", [
    ("[3, 2, 1]", "[3.0, 2.0, 1.0]", True),
    ("[nan, inf, -inf]", "[nan, inf, -inf]", True),
    ("[nan]", "[1.0]", False),
    ("[1.0]", "[nan]", False),
    ("[inf]", "[-inf]", False),
    ("[inf]", "[1e308]", False),
    ("[1e400]", "[inf]", True),  # a double too large is read as float() reads it
    ("[1.00000001]", "[1.0]", False),
    ("[1.0000000000001]", "[1.0]", True),
    ("[1e-13]", "[0.0]", True),
    ("[1e-11]", "[0.0]", False),
    ("[-0.0]", "[0]", True),
    ("49", "49", True),
    ("-0", "0", True),
    ("49.0", "49", False),
    ("48", "49", False),
    ("[49]", "49", False),
    ("49", "49.0", True),  # a float expected answer takes the tolerance
    ("[[1, 2], [3]]", "[[1, 2], [3, 4]]", False),
    ("", "[1]", False),
    ("\n  \n", "[1]", False),
    ("[1]\n[2]", "[1]", False),
    ("[1]", "[1]\n[2]", False),
    ("[1]\n\n[2]\n", "[1]\n[2.0]", True),
    ("[1]\r\n", "[1]", True),
    ("  [ 1 ,\t2 ]  ", "[1, 2]", True),
    ("[]", "[]", True),
    ("[[]]", "[[], []]", False),
    ("[" + HUGE + "]", "[" + HUGE + "]", True),
    (HUGE, HUGE, True),
    (HUGE[:-1] + "1", HUGE, False),
    ("1" + "0" * 10000, "1" + "0" * 10000, True),  # beyond int()'s default digit limit
    ("1" + "0" * 9999 + "1", "1" + "0" * 10000, False),
    ("[" + HUGE + ".0]", "[" + HUGE + "]", False),  # a float 1e400 is inf
])
def test_compare(got, want, equal):
    assert same(got, want) == equal


@pytest.mark.parametrize("got", ["[[1], [2], []]", "[[1, 2], [3]]", "[[1], 2]",
                                 "[[1], [2, 3, 4]]", "[[1], [[2], 3]]", "[1, [2, 3]]"])
def test_ragged_structure_must_match_exactly(got):
    assert not same(got, "[[1], [2, 3]]")
    assert same("[[1], [2, 3]]", "[[1], [2, 3]]")


@pytest.mark.parametrize("got, want, message", [
    ("[2.5, 5.0, 1.0, -3.0]", "[[2.5, 5], [1, -3]]", "shape (4,) != expected (2, 2)"),
    ("[[2.5, 5.0], [1.0, -3.1]]", "[[2.5, 5], [1, -3]]",
     "1 of 4 elements out of tolerance; worst at [1, 1]: got -3.1, expected -3, abs err 0.1, "
     "rel err 0.0333"),
    ("[[2.4301533243865467]]", "[[2.4301533243865463]]", None),
    ("", "[1]", "no output"),
    ("[1]\n[2]\n[3]", "[1]\n[2]", "3 output lines, expected 2"),
    ("[1]\n[2.5]", "[1]\n[2]", "1 of 1 elements out of tolerance on line 2; worst at [0]: got 2.5, "
     "expected 2, abs err 0.5, rel err 0.25"),
    ("49.0", "49", "got 49.0, expected the integer 49"),
    ("[4, 9]", "49", "got [4, 9], expected the integer 49"),
    ("[[1], [2], []]", "[[1], [2, 3]]",
     "structure differs: at [1], got a list of length 1, expected length 2"),
    ("[[1], 2]", "[[1], [2, 3]]", "structure differs: at [1], got a number, expected a list of "
     "length 2"),
    ("[1, 2]", "[1, [2]]", "structure differs: at [1], got a number, expected a list of length 1"),
    ("[nan]", "[1.0]", "1 of 1 elements out of tolerance; worst at [0]: got nan, expected 1.0, "
     "abs err nan, rel err nan"),
    ("[1.0, 2.0,]", "[1.0, 2.0]", "not in the template's repr(list) form: line 1, column 11: "
     "expected a number or '[', found ']': [1.0, 2.0,]"),
    ("(3.0, 5.0)", "[3.0, 5.0]", "not in the template's repr(list) form: line 1, column 1: "
     "unexpected '(': (3.0, 5.0)"),
    ("[1]\n0x31", "[1]\n49", "not in the template's repr(list) form: line 2, column 2: "
     "unexpected 'x': 0x31"),
    ("[1, [2", "[1, [2]]", "not in the template's repr(list) form: line 1, column 7: the line "
     "ends inside a list (2 unclosed '['): [1, [2"),
    ("Ответ: [[0.0]]", "[[0.0]]", "not in the template's repr(list) form: line 1, column 1: "
     "unexpected 'О' (U+041E): Ответ: [[0.0]]"),
    ("\ufeff[1]", "[1]", "not in the template's repr(list) form: line 1, column 1: a byte-order "
     "mark: \\ufeff[1]"),
    ("[1]", "[1, 2,]", "expected output is unreadable: line 1, column 7: expected a number or "
     "'[', found ']': [1, 2,]"),
    ("[1]", "\n", "expected output is unreadable: it holds no answer"),
])
def test_messages(got, want, message):
    assert compare.compare(got, want, 1e-9, 1e-12) == message


@pytest.mark.parametrize("got", [
    "(1, 2)", "[1, 2,]", "[0x1]", "[1_0]", "[+1]", "[Infinity]", "[NaN]", "[-nan]", "[1.]",
    "[.5]", "[01]", "[1e]", "[1e+]", "[1 2]", "[1,,2]", "[,1]", "[1] [2]", "[1]]", "[[1]",
    "[True]", "[None]", "['1']", "[1j]", "[1.0]x", "[1,\u00a02]", "[\u0661]", "[1]\r[2]",
    "[1]\x00", "array([1, 2])", "[1, 2]  # comment", "{1, 2}", "[1\f]", "[1\v]",
    # a line of several values, the last a list: the skeleton N,[N] passed as one value
    "1, [2]", "0,[1, 2]", "nan, [1]", "5, 6, [7, 8]",
])
def test_other_forms_are_refused(got):
    reason = compare.compare(got, "[1, 2]", 1e-9, 1e-12)
    assert reason.startswith("not in the template's repr(list) form: line 1, column ")
    assert "\n" not in reason


@pytest.mark.parametrize("rtol, atol", [(float("nan"), 0), (0, float("nan")), (float("inf"), 0),
                                        (0, float("-inf")), (-1e-9, 0), (0, -1), ("abc", 0),
                                        ("1e-9", 0), (None, 0)])
def test_bad_tolerances_are_refused(rtol, atol):
    with pytest.raises(ValueError):
        compare.compare("[1]", "[2]", rtol, atol)


def test_the_tolerance_rule_is_exact_at_its_edge():
    # 0.5 is exactly halfway at atol 0.5; a double just above is out
    assert same("[1.5]", "[1.0]", rtol=0, atol=0.5)
    assert not same("[1.5000000000000002]", "[1.0]", rtol=0, atol=0.5)
    assert same("[3]", "[2]", rtol=0.5, atol=0)  # |3 - 2| = 0.5 * 2
    assert not same("[3.0000000000000004]", "[2]", rtol=0.5, atol=0)
    assert not same("[5e-324]", "[0]", rtol=0, atol=0)
    big = "9007199254740993"  # 2**53 + 1: not a double
    assert not same("[" + big + "]", "[9007199254740992]", rtol=0, atol=0)
    assert same("[" + big + "]", "[9007199254740992]", rtol=0, atol=1)
    assert not same("[9007199254740992.0]", "[" + big + "]", rtol=0, atol=0)
    assert not same("[" + big + "]", "[9007199254740992.0]", rtol=0, atol=0)
    assert not same("[1.7976931348623157e308]", "[-1.7976931348623157e308]", rtol=1.5, atol=0)
    assert same("[1.7976931348623157e308]", "[-1.7976931348623157e308]", rtol=2, atol=0)


def run_cli(*args):
    """(exit status, stdout, stderr) of `python -m convkit.compare ARGS`, in the project
    (the package found by PYTHONPATH too, as run_tests.sh finds it)."""
    done = subprocess.run([sys.executable, "-m", "convkit.compare"] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, env=ENV, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def run_main(*args):
    """The same from compare.main, in this process (a process costs importing numpy)."""
    out, err = io.StringIO(), io.StringIO()
    status = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            compare.main(list(args))
        except SystemExit as done:
            status = done.code
    return status, out.getvalue(), err.getvalue()


def test_the_cli_is_a_command(tmp_path):
    """The quick tier's runs as a process: a pass, a difference, a usage error."""
    got, want = tmp_path / "got", tmp_path / "want"
    got.write_text("[1.0, 2.0]\n")
    want.write_bytes(b"\xef\xbb\xbf[1, 2]\r\n")
    assert run_cli(str(got), str(want)) == (0, "", "")
    want.write_text("[1, 3]\n")
    status, out, err = run_cli(str(got), str(want), "--rtol", "0")
    assert (status, err) == (1, "") and out.startswith("1 of 2 elements out of tolerance")
    status, out, err = run_cli(str(got), str(tmp_path / "missing"))
    assert status == 2 and "cannot read" in err and "Traceback" not in err


@pytest.mark.parametrize("run_cli", [run_main, pytest.param(run_cli, marks=pytest.mark.slow)],
                         ids=["main", "process"])
def test_cli(tmp_path, run_cli):
    got, want = tmp_path / "got", tmp_path / "want"
    got.write_text("[1.0, 2.0]\n")
    want.write_bytes(b"\xef\xbb\xbf[1, 2]\r\n")
    assert run_cli(str(got), str(want)) == (0, "", "")
    got.write_text("[" + HUGE + "]\n")
    want.write_text("[" + HUGE + "]\n")
    assert run_cli(str(got), str(want)) == (0, "", "")
    status, out, err = run_cli(str(got), str(want), "--rtol", "0", "--atol", "0")
    assert status == 0
    got.write_text("[" + HUGE[:-1] + "1]\n")
    status, out, err = run_cli(str(got), str(want), "--rtol", "0", "--atol", "0")
    assert status == 1 and out.startswith("1 of 1 elements out of tolerance") and err == ""
    for flag, value in (("--rtol", "nan"), ("--atol", "inf"), ("--rtol", "abc"),
                        ("--atol", "-1")):
        status, out, err = run_cli(str(got), str(want), flag, value)
        assert status == 2 and out == "" and "must be a finite number >= 0" in err
    want.write_bytes(b"[1, \xff]\n")
    status, out, err = run_cli(str(got), str(want))
    assert (status, err) == (1, "") and out.count("\n") == 1
    assert out.startswith(str(want) + " is unreadable: line 1, column 5: unexpected byte 0xff")
    status, out, err = run_cli(str(got), str(tmp_path / "missing"))
    assert status == 2 and "cannot read" in err and "Traceback" not in err


def test_an_output_far_larger_than_expected_is_not_parsed(tmp_path):
    got, want = tmp_path / "got", tmp_path / "want"
    want.write_text("[1.0, 2.0]\n")
    with open(str(got), "wb") as f:
        for _ in range(60):
            f.write(b"[" + b"1.0, " * 100000)  # 30 MB, not even in the form
    start = time.monotonic()
    reason = compare.compare_files(str(got), str(want), 1e-9, 1e-12)
    assert time.monotonic() - start < 2
    assert reason == ("output too large: more than {} bytes, the limit for an expected output "
                      "of 11 bytes (1 MiB + 16 x its size); not compared".format(
                          (1 << 20) + 16 * 11))


def big_output(rows, columns, scale=1.0):
    return repr([[(row * columns + column) * 0.123456789 * scale for column in range(columns)]
                 for row in range(rows)]).encode() + b"\n"


def test_time_and_memory_are_linear():
    """A 2 MB output against its expected one, and nestings that would break a recursive
    parser: bounded time, and memory a small multiple of the output."""
    want = big_output(5000, 6)
    got = big_output(5000, 6, 1 + 1e-12)
    tracemalloc.start()
    try:
        start = time.monotonic()
        assert compare.compare_bytes(got, want, 1e-9, 1e-12) is None
        seconds = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * len(got) and seconds < 20
    deep = b"[" * 50000 + b"1" + b"]" * 50000
    start = time.monotonic()
    assert compare.compare_bytes(deep, deep, 0, 0) is None
    assert compare.compare_bytes(deep[1:-1], deep, 0, 0).startswith(
        "shape (1, 1, 1, ..., 1, 1, 1) (49999 dimensions) != expected (1, 1, 1, ..., 1, 1, 1) "
        "(50000 dimensions)")
    ragged = b"[" * 50000 + b"1" + b"]" * 49999 + b", 2]"
    assert compare.compare_bytes(ragged, deep, 0, 0).startswith("structure differs")
    assert compare.compare_bytes(deep[:-1], deep, 0, 0).startswith(
        "not in the template's repr(list) form: line 1, column 100001: the line ends inside a "
        "list (1 unclosed '[')")
    flat = b"[" + b", ".join([b"0.5"] * 100000) + b"]"
    assert compare.compare_bytes(flat, flat.replace(b"0.5", b"0.50"), 0, 0) is None
    assert time.monotonic() - start < 20


def test_the_fast_skeleton_check_agrees_with_the_token_by_token_one():
    """parse() decides the form from skeletons at C speed; line_error() walks the tokens.
    They are one grammar, so every FormError says where."""
    import random
    rng = random.Random(7)
    pieces = ["[", "]", ",", " ", "1", "0", "-", ".", "e", "nan", "inf", "-inf", "2.5", "1e-05",
              "\t", "\r", "\n", "x", "N", "+", "E", "01", "1.", "\r\n", "[1, 2]", "[[3]]"]
    for _ in range(10000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        data = text.encode()
        try:
            parsed = compare.parse(data)
        except compare.FormError as err:
            assert ", column " in str(err)
        else:
            for line in parsed.lines:
                assert compare.line_error(data, line.start, line.end) is None


# ---- any output gets a verdict, in time linear in its size (issue 18, item 3)

MIB = 1 << 20
# Outputs a learner's file can print, of the most bytes a small case lets through (1 MiB +
# 16 times its answer) and past it: many lines, one huge line, deep nesting, numbers of
# any size, NaN and infinities, binary garbage.
NASTY = {
    "250000 lines of [0]": lambda: b"[0]\n" * 250000,
    "lines of 0": lambda: b"0\n" * (MIB // 2),
    "lines of []": lambda: b"[]\n" * (MIB // 3),
    "blank lines": lambda: b"\n" * MIB,
    "CRLF lines": lambda: b"[0]\r\n" * (MIB // 5),
    "1 1 1 ...": lambda: b"1 " * 450000,
    "one long list": lambda: b"[[" + b"0.5, " * (MIB // 5 - 1) + b"0.5]]\n",
    "one long digit run": lambda: b"[[" + b"1" * (MIB - 5) + b"]]\n",
    "a million-digit integer": lambda: b"1" * MIB + b"\n",
    "deep nesting": lambda: b"[" * (MIB // 2) + b"]" * (MIB // 2),
    "deep nesting, 100000": lambda: b"[" * 100000 + b"0" + b"]" * 100000 + b"\n",
    "deep, unclosed": lambda: b"[" * MIB,
    "10**400": lambda: b"[[1" + b"0" * 400 + b"]]\n",
    "1e400": lambda: b"[[1e400, -1e400, 1e-400]]\n",
    "nan and inf": lambda: b"[[nan, inf, -inf]]\n",
    "a huge exponent": lambda: b"[[1e999999999999999999999]]\n",
    "binary": lambda: bytes(range(256)) * (MIB // 256),
    "invalid UTF-8": lambda: b"\xff\xfe[[0]]\n",
    "NUL bytes": lambda: b"\x00" * MIB,
    "many answers": lambda: b"[[5.5]]\n" * (MIB // 8),
    "25 MB on one line": lambda: b"[" + b"0, " * (25 * MIB // 3) + b"0]\n",
    "25 MB of lines": lambda: b"[0]\n" * (25 * MIB // 4),
}
WANTS = [b"[[5.5]]\n", b"17\n"]
# make test runs these (the reviews' cases, each kind of danger once); make test-all all
QUICK_NASTY = {"250000 lines of [0]", "1 1 1 ...", "deep nesting, 100000", "10**400", "1e400",
               "nan and inf", "a huge exponent", "invalid UTF-8", "25 MB on one line"}


def nasty_params(names):
    """The names as parameters, the ones not in QUICK_NASTY in the slow tier."""
    return [pytest.param(name, marks=() if name in QUICK_NASTY else (pytest.mark.slow,))
            for name in names]


@pytest.mark.parametrize("name", nasty_params(NASTY))
def test_any_output_gets_a_verdict_in_linear_time(name):
    """compare and worst_element: a reason or None, never an exception, within a CPU-time
    bound that holds for outputs of 1 MiB (25 MB ones are past the output limit: not read)
    on a loaded 2-core machine (about 0.7 s at most measured there)."""
    got = NASTY[name]()  # made here: not kept in memory by the test's parameters
    for want in WANTS:
        start = time.process_time()
        reason = compare.compare_bytes(got, want, 1e-9, 1e-9)
        at = compare.worst_element(got, want, 1e-9, 1e-9)
        seconds = time.process_time() - start
        assert reason is None or (isinstance(reason, str) and len(reason) < 500), reason
        assert at is None or (isinstance(at, tuple) and reason is not None)
        assert seconds < 2.5, (want, seconds)


def test_numbers_beyond_every_limit():
    big = "1" + "0" * 10 ** 6  # a million digits: Decimal's default context overflows
    assert compare.compare("[{}]".format(big), "[1.5]", 1e-9, 1e-9).startswith(
        "1 of 1 elements out of tolerance; worst at [0]: got 1000000000000000...")
    assert "abs err 1e+1000000" in compare.compare("[-{}]".format(big), "[1e300]", 0, 0)
    assert compare.compare(big, big, 0, 0) is None
    assert compare.compare("[1e999999999999999999999]", "[inf]", 0, 0) is None


def test_worst_element():
    assert compare.worst_element(b"[[1, 2], [3, 9]]\n", b"[[1, 2], [3, 4]]\n", 0, 0) == (1, 1)
    assert compare.worst_element(b"[[1, 2], [3, 4]]\n", b"[[1, 2], [3, 4]]\n", 0, 0) is None
    assert compare.worst_element(b"[[nan, 2], [3, 9]]\n", b"[[1, 2], [3, 4]]\n", 0, 0) == (
        0, 0)  # a NaN for a number is the farthest out
    assert compare.worst_element(b"[[1" + b"0" * 400 + b", 2]]", b"[[1, 2.5]]", 0, 0) == (0, 0)
    assert compare.worst_element(b"[[1, 2]]", b"[[1], [2]]", 0, 0) is None  # other shape
    assert compare.worst_element(b"49", b"48", 0, 0) is None  # not a list
    deep = b"[" * 100000 + b"7" + b"]" * 100000
    assert len(compare.worst_element(deep, deep.replace(b"7", b"8"), 0, 0)) == 100000
