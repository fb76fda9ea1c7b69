"""The same answers and the same messages on the grader's Python 3.6 + numpy 1.14.1 and on
today's Python and numpy: every stdin script run on the same mutated inputs and flags
under both interpreters (tests/in_process.py, in one process each), its exit statuses and
stderr compared exactly, its stdout as numbers (BLAS may add in another order: the last
digit of a float may differ, to 1e-15 relative to the terms' size here).

Skipped unless both interpreters are here: .venv (make test) and .venv-grader (make
test-grader)."""
import json
import os
import random
import re
import subprocess
import sys

import pytest

import cases
import scripts
from mutations import mutate, mutate_args

sys.path.insert(0, os.path.join(cases.ROOT, "tools"))
import compare_output  # noqa: E402

CASES_PER_SCRIPT = 400
DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "in_process.py")
FREE = re.compile(r"more than the [0-9.]+ [KMGTP]?i?B free")  # the machine's, of the moment


def interpreter(folder):
    path = os.path.join(cases.ROOT, folder, "bin", "python")
    return path if os.path.exists(path) else None


PYTHONS = {"today": interpreter(".venv"), "grader": interpreter(".venv-grader")}


def outcomes(python, batch):
    done = subprocess.run([python, DRIVER], input="".join(json.dumps(case) + "\n"
                                                         for case in batch).encode(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=900,
                          env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


@pytest.mark.skipif(None in PYTHONS.values(), reason="needs both .venv and .venv-grader")
@pytest.mark.parametrize("name", scripts.GRADED)
def test_both_pythons_answer_and_refuse_alike(name):
    rng = random.Random("parity-" + name)
    inputs = []
    for path in cases.all_cases():
        if os.path.basename(os.path.dirname(path)) == name:
            with open(path, newline="") as f:
                inputs.append((f.read(), cases.case_args(path)))
    batch = [[name, text, args] for text, args in inputs]  # the samples as they are
    while len(batch) < CASES_PER_SCRIPT:
        text, args = rng.choice(inputs)
        text = mutate(text, rng)
        batch.append([name, text, mutate_args(args, rng) if name in scripts.CONV else args])
    today, grader = outcomes(PYTHONS["today"], batch), outcomes(PYTHONS["grader"], batch)
    for case, (status, out, err), (status36, out36, err36) in zip(batch, today, grader):
        assert (status, FREE.sub("", err)) == (status36, FREE.sub("", err36)), case
        if out != out36:
            assert compare_output.compare(out, out36, rtol=1e-12, atol=1e-300) is None or \
                compare_output.compare(out, out36, rtol=1e-15, atol=1e-15 * scale(out36)) \
                is None, (case, out, out36)


def scale(text):
    """The largest magnitude in an answer: the last-digit differences of a sum are
    relative to its terms, and an element near 0 may be the sum of large ones."""
    numbers = [abs(float(word)) for word in re.findall(r"-?[0-9.]+(?:e[-+]?[0-9]+)?", text)]
    return max(numbers + [1.0])
