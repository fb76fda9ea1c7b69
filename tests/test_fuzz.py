"""Fuzz every stdin-reading command (`python -m convkit NAME`) with mutations of its sample
inputs.

Whatever bytes arrive, a command either answers (exit 0, one stdout line, silent stderr)
or refuses (exit 1, silent stdout, one stderr line naming itself): never a traceback.
Mutations that change nothing for a reader (CRLF, blank lines, spaces, tuples) must give
the very same answer. Most runs are in this process (programs.in_process: convkit.cli.main,
as `python -m convkit` runs it) to afford thousands; a slice runs as real processes.

make test runs a few hundred mutations per command, make test-all (the `slow` tier) the
thousands: the same seeded stream, the quick tier its first runs.
"""
import os
import random
import re
import warnings

import pytest

import cases
from mutations import mutate, mutate_args
from programs import CONV, GRADED, in_process, run_convkit

MUTATIONS_PER_COMMAND = 2000  # slow tier
QUICK_MUTATIONS_PER_COMMAND = 400
SUBPROCESS_RUNS_PER_COMMAND = 50  # slow tier
QUICK_SUBPROCESS_RUNS_PER_COMMAND = 3
STDIN_COMMANDS = GRADED


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


def run_here(name, stdin, args=()):
    """in_process, with every warning Python would print (numpy's RuntimeWarning, say)
    added to stderr as `python -m convkit` would show it, and an exception that escapes
    the command (a traceback, in a real process) reported with the input that raised it."""
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        try:
            status, out, err = in_process(name, stdin, args)
        except Exception as escaped:
            raise AssertionError("Traceback: {!r} escaped for {!r} {}".format(
                escaped, stdin[:300], args)) from escaped
    return status, out, "".join("Warning: {}\n".format(w.message) for w in shown) + err


def check_outcome(name, result, stdin, args=()):
    """Exit 0: one stdout line, and on stderr nothing or one warning about lines past the
    ones read. Exit 1: bad input, one stderr line naming the line. Exit 2: a bad flag, one
    stderr line. Never a traceback or a numpy warning."""
    status, out, err = result
    prog = re.escape("convkit " + name)
    assert "Traceback" not in err and "Warning" not in err, (stdin[:300], err)
    if status == 0:
        assert len(out.splitlines()) == 1, (stdin[:300], out[:300], err)
        if "--at" in args:  # the worked element on stderr
            err = "".join(line + "\n" for line in err.splitlines()
                          if line.startswith("convkit {}: line".format(name)))
        assert err == "" or (len(err.splitlines()) == 1 and re.match(
            r"{}: line \d+: ignored, with what follows; {} reads".format(prog, name), err)), (
            stdin[:300], err)
    else:
        assert status in (1, 2), (stdin[:300], status, err)
        assert out == "" and len(err.splitlines()) == 1, (stdin[:300], err)
        assert err.startswith("convkit {}: error: ".format(name)) if status == 2 else re.match(
            r"{}: (lines? \d|out of memory: )".format(prog), err), (stdin[:300], err)


def sample_inputs(name):
    paths = [p for p in cases.all_cases() if os.path.basename(os.path.dirname(p)) == name]
    inputs = []
    for path in paths:
        with open(path, newline="") as f:
            inputs.append((f.read(), cases.case_args(path)))
    return inputs


def mutated_inputs_never_crash(name, runs):
    rng = random.Random("fuzz-" + name)
    inputs = sample_inputs(name)
    outcomes = {0: 0, 1: 0, 2: 0}
    for _ in range(runs):
        text, args = rng.choice(inputs)
        stdin = mutate(text, rng)
        if rng.random() < 0.3:
            stdin = mutate(stdin, rng)
        if name in CONV:
            args = mutate_args(args, rng)
        result = run_here(name, stdin, args)
        check_outcome(name, result, stdin, args)
        outcomes[result[0]] += 1
    # both paths were exercised (2000 runs: over 50 answers, 500 refusals, 20 bad flags)
    assert outcomes[0] > runs // 40 and outcomes[1] > runs // 4, outcomes
    assert name not in CONV or outcomes[2] > runs // 100, outcomes


@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_mutated_inputs_never_crash(name):
    mutated_inputs_never_crash(name, QUICK_MUTATIONS_PER_COMMAND)


@pytest.mark.slow
@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_thousands_of_mutated_inputs_never_crash(name):
    mutated_inputs_never_crash(name, MUTATIONS_PER_COMMAND)


@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_disguised_inputs_give_the_same_answer(name):
    rng = random.Random("disguise-" + name)
    for text, args in sample_inputs(name):
        plain = run_here(name, text, args)
        for _ in range(10):
            stdin = disguise(text, rng)
            assert run_here(name, stdin, args) == plain, stdin


def mutated_inputs_as_real_processes(name, runs):
    rng = random.Random("process-" + name)
    inputs = sample_inputs(name)
    for _ in range(runs):
        text, args = rng.choice(inputs)
        args = mutate_args(args, rng) if name in CONV else args
        stdin = mutate(text, rng).encode("utf-8")
        if rng.random() < 0.2:  # bytes that are not UTF-8
            at = rng.randrange(len(stdin) + 1)
            stdin = stdin[:at] + bytes([rng.randrange(128, 256)]) + stdin[at:]
        check_outcome(name, run_convkit(name, stdin, args), stdin, args)


@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_mutated_inputs_as_real_processes(name):
    mutated_inputs_as_real_processes(name, QUICK_SUBPROCESS_RUNS_PER_COMMAND)


@pytest.mark.slow
@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_many_mutated_inputs_as_real_processes(name):
    mutated_inputs_as_real_processes(name, SUBPROCESS_RUNS_PER_COMMAND)
