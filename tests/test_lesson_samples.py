"""The lesson's four sample answers, as the lesson prints them, to 1e-12: from the package's
functions, and end to end through the package's command and the graded files."""
import ast
import functools
import os

import numpy as np
import pytest

import programs
from cases import SAMPLES
from convkit import (
    LayerInfo,
    apply_convolution,
    calculate_conv_x_grad,
    calculate_kernel_grad,
    calculate_receptive_field,
)


def lesson_case(script):
    """The lesson's input lines (as lists) and its printed answer."""
    base = os.path.join(SAMPLES, script, "01-lesson")
    with open(base + ".in") as f:
        lines = [ast.literal_eval(line) for line in f if line.strip()]
    with open(base + ".out") as f:
        return lines, ast.literal_eval(f.read())


def test_lesson_answers_are_the_printed_ones():
    """The .out files hold the first rows the lesson prints (samples/SOURCES.md)."""
    assert lesson_case("convolve")[1][0] == [4.536374007375313, 3.4055978271722807,
                                             3.6420328514923983]
    assert lesson_case("kernel_grad")[1][0][0] == [2.4301533243865463, 3.253085788359958,
                                                   3.3909318100218258]
    assert lesson_case("input_grad")[1][0] == [1.3758750809861735, 1.7854909022976875]
    assert lesson_case("receptive_field")[1] == 49


@pytest.mark.parametrize("script, function", [
    ("convolve", apply_convolution),
    ("kernel_grad", calculate_kernel_grad),
    ("input_grad", calculate_conv_x_grad),
])
def test_conv_functions_reproduce_the_lesson(script, function):
    lines, want = lesson_case(script)
    got = function(*[np.array(line) for line in lines])
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def test_receptive_field_reproduces_the_lesson():
    (kernels, dilations), want = lesson_case("receptive_field")
    layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations, strict=True)]
    assert calculate_receptive_field(layers) == want == 49


@pytest.mark.parametrize("run", [
    programs.run_convkit, programs.run_graded,
    pytest.param(functools.partial(programs.run_graded, python=programs.GRADER_PYTHON),
                 marks=pytest.mark.grader)], ids=["convkit", "graded", "graded-grader-python"])
@pytest.mark.parametrize("script", programs.GRADED)
def test_lesson_sample_end_to_end(script, run):
    """`python -m convkit NAME` and `python solutions/NAME.py` (on this Python, and on the
    grader's) on the lesson's input (in the grader's format, samples/NAME/GRADER_FORMAT)."""
    with open(os.path.join(SAMPLES, script, "01-lesson.in")) as f:
        status, out, err = run(script, f.read())
    assert (status, err) == (0, "")
    np.testing.assert_allclose(ast.literal_eval(out), lesson_case(script)[1], rtol=1e-12)
