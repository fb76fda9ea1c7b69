"""convkit/checker/numpy-1.14.1-names.txt: numpy 1.14.1's public names, generated from numpy
1.14.1 itself by tools/numpy_names.py, and regenerated identically where the grader's venv
exists."""
import os
import subprocess

import pytest

from cases import ROOT

NAMES_FILE = os.path.join(ROOT, "convkit", "checker", "numpy-1.14.1-names.txt")
GRADER_PYTHON = os.path.join(ROOT, ".venv-grader", "bin", "python")


def read():
    with open(NAMES_FILE) as f:
        lines = f.read().splitlines()
    header = [line for line in lines if line.startswith("#")]
    return header, lines[len(header):]


def test_header_names_the_versions_and_the_command():
    header, _ = read()
    assert header[0].startswith("# The public names of numpy 1.14.1 ")
    assert "Generated from numpy 1.14.1 on Python 3.6." in header[2]
    assert header[3] == "#   .venv-grader/bin/python tools/numpy_names.py"


def test_names_are_sorted_dotted_and_unique():
    _, names = read()
    assert names == sorted(set(names)) and len(names) > 3000
    assert all(name.startswith("numpy.") and " " not in name for name in names)


@pytest.mark.parametrize("name", ["numpy.convolve", "numpy.tensordot", "numpy.einsum",
                                  "numpy.lib.stride_tricks.as_strided", "numpy.ndarray.tolist",
                                  "numpy.ndarray.T", "numpy.random.randn", "numpy.linalg.norm",
                                  "numpy.fft.rfft", "numpy.ma.masked_array", "numpy.emath.sqrt",
                                  "numpy.polynomial.polynomial.polyval", "numpy.int",
                                  "numpy.lib.recfunctions", "numpy.matlib.zeros"])
def test_has(name):
    assert name in read()[1]


@pytest.mark.parametrize("name", ["numpy.lib.stride_tricks.sliding_window_view",  # 1.20
                                  "numpy.random.default_rng",  # 1.17
                                  "numpy.ndarray.__array__",  # _ names are left out
                                  "numpy.quantile"])  # 1.15
def test_lacks(name):
    assert name not in read()[1]


@pytest.mark.grader
def test_regenerating_gives_the_same_file():
    if not os.path.exists(GRADER_PYTHON):
        pytest.skip("no .venv-grader (make test-grader builds it)")
    done = subprocess.run([GRADER_PYTHON, os.path.join(ROOT, "tools", "numpy_names.py"),
                           "--output", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    with open(NAMES_FILE) as f:
        assert done.stdout == f.read(), "run .venv-grader/bin/python tools/numpy_names.py"
