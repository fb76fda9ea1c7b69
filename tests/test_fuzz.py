"""Fuzz every stdin-reading script with mutations of its sample inputs.

Whatever bytes arrive, a script either answers (exit 0, one stdout line, silent
stderr) or refuses (exit 1, silent stdout, one stderr line naming itself): never a
traceback. Mutations that change nothing for a reader (CRLF, blank lines, spaces,
tuples) must give the very same answer. Most runs are in-process (runpy, as
`python script.py` would run it) to afford thousands; a slice runs as real processes.
"""
import os
import random
import re

import pytest

import cases
import scripts
from in_process import run_in_process
from mutations import mutate, mutate_args

MUTATIONS_PER_SCRIPT = 2000
SUBPROCESS_RUNS_PER_SCRIPT = 50
STDIN_SCRIPTS = scripts.GRADED


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
