"""Fuzz the judge: mutated outputs and expected outputs (ragged, truncated, bytes, huge
numbers, other forms) through convkit/compare.py, and misbehaving graded files (signals,
exit statuses, background children, floods, hangs, wrong forms) through the harness.

The judge must never say AC unless the two outputs are equal by the documented rule, as
decided here by a slow reference written plainly from that rule (json, fractions); it must
not say WA when they are; and it never gives a traceback, only a one- or two-line reason.
"""
import json
import math
import os
import random
import re
import sys
from fractions import Fraction

import pytest

import fake_project
from convkit import compare

PAIRS = 5000
HUGE = "1" + "0" * 400
HUGER = "9" * 5000  # beyond int()'s default digit limit on Python 3.11+
TOKENS = ["0", "1", "-1", "3", "49", "2.5", "-3.0", "0.1", "1e-05", "1e+16", "-0.0", "0.0", "nan",
          "inf", "-inf", "1.7976931348623157e+308", "5e-324", HUGE, "-" + HUGE, HUGER,
          "9007199254740993", "9007199254740992", "0.30000000000000004", "123456.789"]
NOISE = [b"\xff", b"\x00", b"\xef\xbb\xbf", b"\r", b"\t", b" ", b",", b"[", b"]", b"(", b")",
         b"0x", b"_", b"+", b"Infinity", b"NaN", b"1.", b".5", b"e", b"-", b"\n", b"\r\n",
         b"\xc2\xa0", b"1e400", HUGE.encode(), b"nan", b"True", b"'", b"#", b"\f", b"N"]
TOLERANCES = [(1e-9, 1e-12), (0.0, 0.0), (0.5, 0.0), (0.0, 0.5), (1e-3, 1e-300), (2.0, 1.0)]
LIMIT_FLOOR = 1 << 20
LIMIT_FACTOR = 16


@pytest.fixture(autouse=True)
def big_int_strings():
    """Let json (the reference) read integers of any length, as the judge does."""
    limit = getattr(sys, "get_int_max_str_digits", None)
    if limit is None:  # Python before 3.11: no limit
        yield
        return
    saved = limit()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(saved)


# The reference: the rule, written plainly.

def reference_values(data, expected):
    """The values of an output, one per non-blank line, read by json; None if it is not in
    the template's form. Only an expected output may start with a byte-order mark."""
    if expected and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None
    values = []
    for line in text.split("\n"):
        if line.endswith("\r"):
            line = line[:-1]
        if not line.strip(" \t"):
            continue
        if set(line) - set("0123456789.eE+-naif[], \t"):
            return None
        # json spells them NaN and Infinity; the template's nan and inf are whole words
        line = re.sub(r"[a-z]+", lambda word: {"nan": "NaN", "inf": "Infinity"}.get(
            word.group(), word.group()), line)
        try:
            value = json.loads(line)
        except ValueError:
            return None
        if not numbers_and_lists(value):
            return None
        values.append(value)
    return values


def numbers_and_lists(value):
    if type(value) is list:
        return all(numbers_and_lists(item) for item in value)
    return type(value) in (int, float)


def reference_equal(got, want, rtol, atol):
    """Whether the output bytes got pass against the expected bytes want, by the rule."""
    wanted = reference_values(want, expected=True)
    if not wanted:
        return False  # an expected output that cannot be read passes nothing
    if len(got) > LIMIT_FLOOR + LIMIT_FACTOR * len(want):
        return False
    found = reference_values(got, expected=False)
    if found is None or len(found) != len(wanted):
        return False
    for value, expected_value in zip(found, wanted, strict=True):
        if type(expected_value) is int:  # a bare integer answer: the very same integer
            if not (type(value) is int and value == expected_value):
                return False
        elif not reference_same(value, expected_value, rtol, atol):
            return False
    return True


def reference_same(got, want, rtol, atol):
    if type(got) is list or type(want) is list:
        return (type(got) is list and type(want) is list and len(got) == len(want) and
                all(reference_same(g, w, rtol, atol) for g, w in
                    zip(got, want, strict=True)))
    if (type(got) is float and math.isnan(got)) or (type(want) is float and math.isnan(want)):
        return type(got) is float and type(want) is float and math.isnan(got) and \
            math.isnan(want)
    if (type(got) is float and math.isinf(got)) or (type(want) is float and math.isinf(want)):
        return got == want
    return abs(Fraction(got) - Fraction(want)) <= Fraction(atol) + Fraction(rtol) * abs(
        Fraction(want))


# Outputs and their mutations.

def random_value(rng, depth):
    """A nested list of number tokens (strings), regular or not, or one token."""
    if depth == 0 or rng.random() < 0.15:
        return rng.choice(TOKENS)
    if rng.random() < 0.7:  # regular
        shape = [rng.randrange(0, 4) for _ in range(depth)]

        def build(level):
            if level == len(shape):
                return rng.choice(TOKENS)
            return [build(level + 1) for _ in range(shape[level])]
        return build(0)
    return [random_value(rng, depth - 1) for _ in range(rng.randrange(0, 4))]


def render(value):
    if isinstance(value, list):
        return "[" + ", ".join(render(item) for item in value) + "]"
    return value


def nudge(token, rng):
    """A token near this one: inside or outside the tolerances, or of the other kind."""
    if token in ("nan", "inf", "-inf"):
        return rng.choice(["nan", "inf", "-inf", "0.0", "1e308"])
    try:
        value = float(token)
    except OverflowError:
        value = float("inf")
    choice = rng.randrange(7)
    if choice == 0 and re.match(r"-?[0-9]+$", token):
        return token + ".0"
    if choice == 1 and re.match(r"-?[0-9]+$", token):
        return token[:-1] + str((int(token[-1]) + 1) % 10)
    if choice == 2 and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if choice == 3:
        return repr(value * (1 + 1e-12))
    if choice == 4:
        return repr(value + rng.choice([1e-13, 1e-11, 0.25, 0.5, 1.0]))
    if choice == 5:
        return repr(value * rng.choice([1 + 1e-6, -1.0, 1.5, 3.0]))
    return rng.choice(TOKENS)


def mutate_value(value, rng):
    """A structural or numeric change somewhere in a value."""
    if not isinstance(value, list):
        return [value] if rng.random() < 0.2 else nudge(value, rng)
    value = list(value)
    kind = rng.randrange(6)
    if kind == 0 or not value:
        value.append(rng.choice(TOKENS) if not value or not isinstance(value[0], list)
                     else list(value[0]))
    elif kind == 1:
        del value[rng.randrange(len(value))]
    elif kind == 2:
        i = rng.randrange(len(value))
        value[i] = [value[i]] if rng.random() < 0.5 else (
            value[i][0] if isinstance(value[i], list) and value[i] else rng.choice(TOKENS))
    elif kind == 3 and len(value) > 1:
        i, j = rng.randrange(len(value)), rng.randrange(len(value))
        value[i], value[j] = value[j], value[i]
    else:
        i = rng.randrange(len(value))
        value[i] = mutate_value(value[i], rng)
    return value


def mutate_text(data, rng):
    """A change to the bytes: truncation, injected or dropped bytes, line changes, other
    forms, or one that changes nothing for the rule (CRLF, spaces, blank lines)."""
    kind = rng.randrange(10)
    if kind == 0:
        return data[:rng.randrange(len(data) + 1)]
    if kind in (1, 2):
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice(NOISE) + data[at:]
    if kind == 3 and data:
        at = rng.randrange(len(data))
        return data[:at] + data[at + 1:]
    if kind == 4:
        return data.replace(b"\n", b"\r\n")
    if kind == 5:
        return data.replace(b", ", rng.choice([b",", b" , ", b",\t", b",  "]))
    if kind == 6:
        return b"\n" + data.replace(b"\n", b"\n\n") + b"  \n"
    if kind == 7:
        return data.replace(b"[", b"(").replace(b"]", b")")
    if kind == 8:
        return data.replace(b"]", b",]", 1)
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i]) if rng.random() < 0.5 else lines.pop(i)
    return b"\n".join(lines)


def random_case(rng):
    """(got, want) bytes: an expected output and an output that may or may not equal it."""
    values = [random_value(rng, rng.randrange(0, 4)) for _ in range(rng.choice([1, 1, 1, 2]))]
    want = "".join(render(value) + "\n" for value in values).encode()
    got = want
    if rng.random() < 0.5:
        values = list(values)
        i = rng.randrange(len(values))
        values[i] = mutate_value(values[i], rng)
        got = "".join(render(value) + "\n" for value in values).encode()
    if rng.random() < 0.4:
        got = mutate_text(got, rng)
    if rng.random() < 0.1:
        want = mutate_text(want, rng)
    if rng.random() < 0.05:
        want = b"\xef\xbb\xbf" + want
    return got, want


def one_reason(reason):
    return isinstance(reason, str) and reason and reason.count("\n") <= 1 and len(reason) < 600


def test_never_ac_for_a_wrong_answer_and_never_wa_for_a_right_one():
    rng = random.Random(20240601)
    counts = {"AC": 0, "WA": 0}
    for _ in range(PAIRS):
        got, want = random_case(rng)
        rtol, atol = rng.choice(TOLERANCES)
        reason = compare.compare_bytes(got, want, rtol, atol)
        expected = reference_equal(got, want, rtol, atol)
        assert (reason is None) == expected, (got, want, rtol, atol, reason)
        if reason is not None:
            assert one_reason(reason), reason
            if reference_values(want, expected=True) is None:
                assert reason.startswith("expected output is unreadable: "), reason
        counts["AC" if reason is None else "WA"] += 1
    assert min(counts.values()) > PAIRS // 5  # both kinds of case are well represented


def test_huge_outputs_are_judged_by_size():
    want = b"[1.0, 2.0]\n"
    limit = LIMIT_FLOOR + LIMIT_FACTOR * len(want)
    just = b"[1.0," + b" " * (limit - len(b"[1.0,2.0]\n")) + b"2.0]\n"
    assert len(just) == limit and compare.compare_bytes(just, want, 0, 0) is None
    over = b" " + just
    assert compare.compare_bytes(over, want, 0, 0).startswith("output too large: ")
    assert not reference_equal(over, want, 0, 0)


# Misbehaving scripts, through the harness.

BEHAVIOURS = ["clean", "clean", "clean", "stderr", "exit", "signal", "background", "flood",
              "stderr-flood", "xfsz"]


EXIT_STATUSES = [124, 137, 1, 2, 255]  # 124 and 137 first: the old harness called them TLE
SIGNALS = ["SIGKILL", "SIGSEGV", "SIGTERM", "SIGABRT", "SIGUSR1"]


def script(behaviour, answer, pidfile, seen):
    """A script that writes answer to stdout and then misbehaves; and what that must get:
    (verdict or None to judge the answer, the start of the details or None). seen counts
    the behaviours so far, so that every exit status and signal above comes in turn."""
    seen[behaviour] = seen.get(behaviour, -1) + 1
    lines = ["import os, signal, sys, time", "sys.stdin.read()",
             "sys.stdout.buffer.write({!r})".format(answer), "sys.stdout.flush()"]
    if behaviour == "stderr":
        lines.append("sys.stderr.write('warning: ' * 1000 + '\\nTraceback: not ours\\n')")
    elif behaviour == "exit":
        status = EXIT_STATUSES[seen[behaviour] % len(EXIT_STATUSES)]
        lines.append("sys.exit({})".format(status))
        return lines, ("RE", "exit status {}".format(status))
    elif behaviour == "signal":
        name = SIGNALS[seen[behaviour] % len(SIGNALS)]
        lines.append("os.kill(os.getpid(), signal.{})".format(name))
        return lines, ("RE", "killed by " + name)
    elif behaviour == "background":
        lines += ["if os.fork() == 0:", "    os.setsid()", "    if os.fork() == 0:",
                  "        open({!r}, 'w').write(str(os.getpid()))".format(pidfile),
                  "        time.sleep(0.3)", "        print('[1, 2, 3]')",
                  "        sys.stdout.flush()", "        time.sleep(60)", "    os._exit(0)",
                  "os.wait()",
                  "while not os.path.exists({!r}):".format(pidfile), "    time.sleep(0.01)"]
    elif behaviour == "flood":
        lines += ["for _ in range(50):", "    sys.stdout.buffer.write(b'[1.0, ' * 200000)"]
        return lines, ("OLE", "output limit exceeded: more than ")
    elif behaviour == "stderr-flood":
        lines += ["for _ in range(50):", "    sys.stderr.write('[1.0, ' * 200000)"]
        return lines, ("OLE", "output limit exceeded: more than ")
    elif behaviour == "xfsz":  # killed by SIGXFSZ at the limit, as a C program would be
        lines += ["signal.signal(signal.SIGXFSZ, signal.SIG_DFL)", "for _ in range(50):",
                  "    sys.stdout.buffer.write(b'[1.0, ' * 200000)"]
        return lines, ("OLE", "output limit exceeded: more than ")
    return lines, (None, None)


@pytest.mark.parametrize("rounds, scripts, seed", [
    (1, 11, 2), pytest.param(2, 24, 99, marks=pytest.mark.slow)],
    ids=["every-behaviour", "twice-and-more"])
def test_misbehaving_scripts_get_what_they_deserve(tmp_path, rounds, scripts, seed):
    """Every behaviour once in make test (11 graded files in one run; a seed whose cases
    hold three right answers), every one twice and then at random in make test-all (24,
    every exit status and signal above)."""
    rng = random.Random(seed)
    project = fake_project.make(tmp_path)
    expected = {}
    pidfiles = []
    seen = {}
    behaviours = ["hang"] + BEHAVIOURS * rounds
    behaviours += [rng.choice(BEHAVIOURS) for _ in range(scripts - len(behaviours))]
    for number, behaviour in enumerate(behaviours):
        got, want = random_case(rng)
        pidfile = str(tmp_path / "child{}.pid".format(number))
        if behaviour == "hang":
            lines, verdict = ["import time", "print([1.0])", "time.sleep(60)"], ("TLE", None)
        else:
            lines, verdict = script(behaviour, got, pidfile, seen)
        if behaviour == "background":
            pidfiles.append(pidfile)
        if reference_values(want, expected=True) is None:
            verdict = ("ERR", "samples/s{}/01-case.out is unreadable: ".format(number))
        elif verdict[0] is None:
            verdict = ("AC", None) if reference_equal(got, want, 1e-9, 1e-12) else ("WA", None)
        name = "s{}".format(number)
        fake_project.add(project, name, "\n".join(lines) + "\n", want=want)
        expected[name + "/01-case"] = verdict
    status, out, err = fake_project.harness(project, "--timeout", "0.5",
                                            *("s{}".format(n) for n in range(scripts)))
    found = fake_project.verdicts(out)
    assert err == "" and set(found) == set(expected), out
    for label, (verdict, start) in expected.items():
        got_verdict, seconds, details = found[label]
        assert got_verdict == verdict, (label, out)
        if verdict == "AC":
            assert details == ""
        else:
            assert details and (start is None or details.startswith(start)), (label, details)
        if verdict != "TLE":
            assert seconds < 5, (label, seconds)
    assert sum(verdict == "AC" for verdict, _ in expected.values()) >= 3
    assert len(pidfiles) >= rounds
    assert out.splitlines()[-1] == "{} passed, {} failed".format(
        sum(v == "AC" for v, _ in expected.values()),
        sum(v != "AC" for v, _ in expected.values()))
    for pidfile in pidfiles:
        with pytest.raises(ProcessLookupError):
            os.kill(int(open(pidfile).read()), 0)
