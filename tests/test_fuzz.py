"""Fuzz every stdin-reading script with mutations of its sample inputs.

Whatever bytes arrive, a script either answers (exit 0, one stdout line, silent
stderr) or refuses (exit 1, silent stdout, one stderr line naming itself): never a
traceback. Mutations that change nothing for a reader (CRLF, blank lines, spaces,
tuples) must give the very same answer. Most runs are in-process (runpy, as
`python script.py` would run it) to afford thousands; a slice runs as real processes.
"""
import io
import os
import random
import re
import runpy
import sys
import warnings

import pytest

import cases
import scripts

MUTATIONS_PER_SCRIPT = 2000
SUBPROCESS_RUNS_PER_SCRIPT = 50
STDIN_SCRIPTS = scripts.GRADED
NOISE = ["a", "[", "]", "(", ")", ",", ".", "-", "+", "e", "'", '"', " ", "\t", "\n", "\r",
         "0", "9", "nan", "inf", "True", "None", "{", ":", "\x00", "\u00e9", "1e400", "1_0", "#"]
NUMBERS = ["1e308", "-1e308", "1e400", "10**30", "99999999999999999999999", "-0.0", "5e-324",
           "0", "-1", "3.5", "1e-320"]


FLAGS = ["--stride", "--padding", "--dilation", "--at"]
FLAG_VALUES = ["0", "1", "3", "-1", "same", "valid", "x", "1099511627776", "1099511627777",
               "99999999999", "1152921504606846976", "0,0", "-1,0", "5", "0,0,0,0", "1,2,1"]


def mutate(text, rng):
    """A random hostile change: truncation, line shuffles, injected or dropped characters,
    huge or odd numbers, lines past the ones a script reads."""
    lines = text.split("\n")
    kind = rng.randrange(10)
    if kind == 8:  # a second case pasted after the first, or a stray line
        return text + rng.choice(["\n" + text, "\n[1]\n", "\nhello\n", "\n\n[0]"])
    if kind == 9:  # every number huge: sums overflow float64
        return ", ".join(rng.choice(["1e308", "-1e308", piece]) if piece[-1:].isdigit() else piece
                         for piece in text.split(", "))
    if kind == 0:
        return text[:rng.randrange(len(text) + 1)]
    if kind == 1 and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if kind == 2:
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)
    if kind == 3:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)
    if kind == 4:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(NOISE) + text[at:]
    if kind == 5 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1:]
    if kind == 6:
        pieces = text.split(", ")
        pieces[rng.randrange(len(pieces))] = rng.choice(NUMBERS)
        return ", ".join(pieces)
    return "".join(rng.choice(NOISE) for _ in range(rng.randrange(1, 30)))


def disguise(text, rng):
    """A change no reader should notice."""
    kind = rng.randrange(4)
    if kind == 0:
        return text.replace("\n", "\r\n")
    if kind == 1:
        return "\n".join(line + "\n" * rng.randrange(3) for line in text.split("\n"))
    if kind == 2:
        return "\n".join("  " + line + " \t" for line in text.split("\n")).rstrip("\n")
    return text.replace("[", "(").replace("]", ",)") if "(" not in text else text


def run_in_process(name, stdin, args):
    """(exit status, stdout, stderr) of running the script as __main__ in this process."""
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    sys.argv = [scripts.path(name)] + list(args)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8", "surrogateescape")))
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    status = 0
    try:
        with warnings.catch_warnings(record=True) as shown:  # python would print these
            warnings.simplefilter("default")
            runpy.run_path(scripts.path(name), run_name="__main__")
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
        if done.code is not None and not isinstance(done.code, int):
            sys.stderr.write(str(done.code) + "\n")
    finally:
        out, err = sys.stdout.getvalue(), sys.stderr.getvalue()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    err = "".join("warning: {}\n".format(w.message) for w in shown) + err
    return status, out, err


def mutate_args(args, rng):
    """Sometimes a flag more, with an odd or huge value (for the conv scripts)."""
    if rng.random() < 0.2:
        return list(args) + [rng.choice(FLAGS), rng.choice(FLAG_VALUES)]
    return args


def check_outcome(name, result, stdin, args=()):
    """Exit 0: one stdout line, and on stderr nothing or one warning about lines past the
    ones read. Exit 1: bad input, one stderr line naming the line. Exit 2: a bad flag, one
    stderr line. Never a traceback or a numpy warning."""
    status, out, err = result
    assert "Traceback" not in err and "Warning" not in err, (stdin[:300], err)
    if status == 0:
        assert len(out.splitlines()) == 1, (stdin[:300], out[:300], err)
        if "--at" in args:  # the worked element on stderr
            err = "".join(line + "\n" for line in err.splitlines() if ".py: line" in line)
        assert err == "" or (len(err.splitlines()) == 1 and re.match(
            r"{}\.py: line \d+: ignored, with what follows; {} reads".format(name, name), err)), (
            stdin[:300], err)
    else:
        assert status in (1, 2), (stdin[:300], status, err)
        assert out == "" and len(err.splitlines()) == 1, (stdin[:300], err)
        assert err.startswith(name + ".py: error: ") if status == 2 else re.match(
            r"{}\.py: (lines? \d|out of memory: )".format(name), err), (stdin[:300], err)


def sample_inputs(name):
    paths = [p for p in cases.all_cases() if os.path.basename(os.path.dirname(p)) == name]
    inputs = []
    for path in paths:
        with open(path, newline="") as f:
            inputs.append((f.read(), cases.case_args(path)))
    return inputs


@pytest.mark.parametrize("name", STDIN_SCRIPTS)
def test_mutated_inputs_never_crash(name):
    rng = random.Random("fuzz-" + name)
    inputs = sample_inputs(name)
    outcomes = {0: 0, 1: 0, 2: 0}
    for _ in range(MUTATIONS_PER_SCRIPT):
        text, args = rng.choice(inputs)
        stdin = mutate(text, rng)
        if rng.random() < 0.3:
            stdin = mutate(stdin, rng)
        if name in scripts.CONV:
            args = mutate_args(args, rng)
        result = run_in_process(name, stdin, args)
        check_outcome(name, result, stdin, args)
        outcomes[result[0]] += 1
    assert outcomes[0] > 50 and outcomes[1] > 500, outcomes  # both paths were exercised
    assert name not in scripts.CONV or outcomes[2] > 20, outcomes


@pytest.mark.parametrize("name", STDIN_SCRIPTS)
def test_disguised_inputs_give_the_same_answer(name):
    rng = random.Random("disguise-" + name)
    for text, args in sample_inputs(name):
        plain = run_in_process(name, text, args)
        for _ in range(10):
            stdin = disguise(text, rng)
            assert run_in_process(name, stdin, args) == plain, stdin


@pytest.mark.parametrize("name", STDIN_SCRIPTS)
def test_mutated_inputs_as_real_processes(name):
    rng = random.Random("process-" + name)
    inputs = sample_inputs(name)
    for _ in range(SUBPROCESS_RUNS_PER_SCRIPT):
        text, args = rng.choice(inputs)
        args = mutate_args(args, rng) if name in scripts.CONV else args
        stdin = mutate(text, rng).encode("utf-8")
        if rng.random() < 0.2:  # bytes that are not UTF-8
            at = rng.randrange(len(stdin) + 1)
            stdin = stdin[:at] + bytes([rng.randrange(128, 256)]) + stdin[at:]
        check_outcome(name, scripts.run(name, stdin, args), stdin, args)
