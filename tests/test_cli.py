"""The package's commands end to end (`python -m convkit NAME`): input forms, bad input,
flags, and the real process's streams. Most runs are in this process (programs.in_process,
convkit.cli.main as `python -m convkit` runs it); what depends on a real process (closed
or full streams, a stdin kept open, /dev/stdout, a memory limit, the exit status) runs as
one."""
import ast
import os
import re
import subprocess
import sys
import time

import numpy as np
import pytest
from hypothesis import given

from convkit import literal
from programs import CONV, ENV, GRADED, in_process, run_convkit
from strategies import conv_problems

LESSON_X = "[[1, 0], [1, 1], [0, 0], [0, 1], [1, 0]]\n"
GRAD_INPUT = "[[1, 2], [3, 4], [5, 6]]\n[[0], [0]]\n[[[1, 1], [1, 1]]]\n[0]\n"


def command(name):
    """The argv of `python -m convkit NAME`, for the tests that need a process of their own."""
    return [sys.executable, "-m", "convkit", name]


def run_ok(name, text, args=()):
    status, out, err = in_process(name, text, args)
    assert (status, err) == (0, "")
    return ast.literal_eval(out)


def test_crlf_blank_lines_spaces_tuples_and_no_final_newline():
    text = "\r\n\r\n  ((1, 2), (3, 4), (5, 6),)  \r\n\r\n[[[1e0, -1], [0.5, 2E-1]]]\t\r\n\n[1,]"
    np.testing.assert_allclose(run_ok("convolve", text), [[0.8], [2.2]], rtol=1e-15)


def test_byte_order_mark_is_skipped():
    assert run_ok("convolve", "\ufeff[[1], [2]]\n[[[1]]]\n") == [[1.0], [2.0]]


def test_gradients_ignore_the_values_of_y():
    other = GRAD_INPUT.replace("[[0], [0]]", "[[1e300], [-7.5]]")
    assert run_ok("kernel_grad", GRAD_INPUT) == run_ok("kernel_grad", other) == [[[4, 8], [6, 10]]]
    assert run_ok("input_grad", GRAD_INPUT) == run_ok("input_grad", other)


def test_lesson_forms_of_convolve():
    assert run_ok("convolve", "[1, 1, 2, 3, 3, 3, 2, 1, 1]\n[-0.5, 0, 0.5]\n") == \
        [0.5, 1.0, 0.5, 0.0, -0.5, -1.0, -0.5]
    assert run_ok("convolve", LESSON_X + "[[1, 1, 0], [0, 1, 1]]\n") == [3, 2, 1]
    assert run_ok("convolve", LESSON_X + "[[[1, 1, 0], [0, 1, 1]]]\n[0]\n") == [[3], [2], [1]]


def test_integer_input_gives_float_output():
    status, out, err = in_process("convolve", "[[1], [2]]\n[[[3]]]\n[1]\n")
    assert out == "[[4.0], [7.0]]\n"


@pytest.mark.parametrize("script, text, message", [
    # unparsable text
    ("convolve", "hello\n", "line 1 (data): expected a list literal of numbers, got 'hello' at "
                           "column 1"),
    ("convolve", "[[1, 2]\n", "line 1 (data): not a list literal ("),
    ("convolve", "__import__('os')\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "\n\n[[1]]\n[[[1]]]\n[1, 2\n",
     "line 5 (bias): not a list literal ("),
    # too few lines
    ("convolve", "", "line 1 (data): missing, expected InLen x InChannels or InLen"),
    ("kernel_grad", "[[1]]\n[[1]]\n", "line 3 (kernel): missing, expected OutChannels x "
                                      "InChannels x KernelSize"),
    ("input_grad", "[[1]]\n[[1]]\n[[[1]]]\n\n", "line 5 (bias): missing, expected OutChannels"),
    ("receptive_field", "[3]\n", "line 2 (dilations): missing, expected Layers"),
    # ragged or non-numeric arrays
    ("convolve", "[[1, 2], [3]]\n", "line 1 (data): ragged array: nested lists of different "
                                    "lengths"),
    ("convolve", "[['a']]\n", "line 1 (data): expected a list literal of numbers, got \"'a']]\" "
                             "at column 3"),
    ("convolve", "[[0.5, 0.25], [0.5, 0.2l5]]\n", "line 1 (data): not a list literal ("),
    ("convolve", "[[1, 0], [1, 1]],\n", "line 1 (data): a comma after the last bracket makes the"
                                        " line a tuple: remove it"),
    ("convolve", "[[True]]\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "[[None]]\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "[[1e999]]\n", "line 1 (data): numbers must be finite, got inf"),
    ("convolve", "[[10**400]]\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "[" * 100000 + "\n", "line 1 (data): not a list literal (never closed): '[' at "
                                       "column 100000"),
    ("convolve", "[" * 100000 + "]" * 100000 + "\n", "line 1 (data): lists nested 100000 deep; "
                                                     "at most 3 levels are meaningful here"),
    ("convolve", "[((((1)))), [2]]\n", "line 1 (data): ragged array"),  # (1) is 1, not nesting
    ("convolve", "[" * 40 + "1" + "]" * 40 + "\n", "line 1 (data): lists nested 40 deep; at "
                                                   "most 3 levels are meaningful here"),
    ("convolve", "[(((((1,),),),),)]\n", "line 1 (data): lists nested 6 deep"),
    ("convolve", "[{}]\n".format("7" * 5000), "line 1 (data): a number is too large for float64"),
    ("convolve", "[{},]\n".format("7" * 5000), "line 1 (data): a number is too large for float64"),
    ("convolve", "[({},)]\n".format("7" * 5000), "line 1 (data): a number is too large for "
                                                 "float64"),
    # operators between numbers are not literals, on any Python (3.6's literal_eval adds)
    ("convolve", "[1+1, 2]\n", "line 1 (data): expected a list literal of numbers, got '+1, 2]' "
                              "at column 3"),
    ("convolve", "[0.1+0.2]\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "[--1, 2]\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "[2*3]\n", "line 1 (data): expected a list literal of numbers"),
    ("convolve", "[1j]\n", "line 1 (data): not a list literal (not a number): '1j]' at column 2"),
    ("convolve", "[01]\n", "line 1 (data): not a list literal (not a number): '01]' at column 2"),
    ("convolve", "[1 2]\n", "line 1 (data): not a list literal (a comma is missing): '2]' at "
                           "column 4"),
    ("convolve", "[1, 2\n", "line 1 (data): not a list literal (never closed): '[1, 2' at "
                           "column 1"),
    ("convolve", "[(1, 2]\n", "line 1 (data): not a list literal (']' closes the '(' at column 2)"),
    ("convolve", "[1,,2]\n", "line 1 (data): not a list literal (a number is missing): ',2]' at "
                            "column 4"),
    ("convolve", "[\u22121]\n", "line 1 (data): expected a list literal of numbers, got '\u22121]' "
                               "at column 2"),
    # the wrong number of dimensions, or an empty axis
    ("kernel_grad", "[[1]]\n[[1]]\n[[1, 2], [3, 4]]\n",
     "line 3 (kernel): expected 3 dims OutChannels x InChannels x KernelSize, got shape (2, 2)"),
    ("convolve", "[[[1]]]\n", "line 1 (data): expected 2 dims InLen x InChannels or 1 dim "
                              "InLen, got shape (1, 1, 1)"),
    ("convolve", "[]\n", "line 1 (data): InLen must be at least 1, got 0"),
    ("receptive_field", "7\n", "line 1 (kernel sizes): expected 1 dim Layers, got shape ()"),
    # an in-channel mismatch between x and kernel
    ("convolve", "[[1, 2]]\n[[[1]]]\n", "line 2 (kernel): InChannels is 1 here but 2 in line 1 "
                                        "(data)"),
    ("input_grad", "[[1, 2]]\n[[1]]\n[[[1]]]\n[0]\n", "line 3 (kernel): InChannels is 1 here but "
                                                      "2 in line 1 (x)"),
    ("convolve", "[[1, 2]]\n[1]\n", "line 2 (kernel): a 1-D kernel needs one input channel, but "
                                    "the data has 2"),
    # a kernel longer than the input
    ("convolve", "[[1], [2]]\n[[[1, 2, 3]]]\n", "line 2 (kernel): no output: OutLen = (InLen + "
                                                "2*padding - dilation*(KernelSize-1) - 1) // "
                                                "stride + 1 = (2 + 2*0 - 1*(3-1) - 1) // 1 + 1"
                                                " = 0"),
    ("kernel_grad", "[[1]]\n[[1]]\n[[[1, 2]]]\n[0]\n", "line 3 (kernel): no output"),
    # a bias whose length is not OutChannels
    ("convolve", "[[1], [2]]\n[[[1]]]\n[1, 2]\n", "line 3 (bias): OutChannels is 2 here but 1 in "
                                                  "line 2 (kernel)"),
    ("kernel_grad", GRAD_INPUT.replace("[0]\n", "[0, 0]\n"), "line 4 (bias): OutChannels is 2 here"
                                                             " but 1 in line 2 (y)"),
    # y or G of the wrong shape
    ("kernel_grad", "[[1], [2]]\n[[0], [0], [0]]\n[[[1]]]\n[0]\n",
     "line 2 (y): OutLen is 3 here but x and kernel give 2"),
    ("input_grad", GRAD_INPUT + "[[1, 2], [3, 4]]\n", "line 5 (G): OutChannels is 2 here but 1 in"
                                                      " line 2 (y)"),
    ("input_grad", GRAD_INPUT + "[[1], [2], [3]]\n", "line 5 (G): OutLen is 3 here but 2 in line "
                                                     "2 (y)"),
    # kernel sizes or dilations that are not positive integers; lists of different lengths
    ("receptive_field", "[3, 0]\n[1, 1]\n", "line 1 (kernel sizes): expected integers from 1 to "
                                            "2**53, got 0"),
    ("receptive_field", "[3, 2.5]\n[1, 1]\n", "line 1 (kernel sizes): expected integers from 1 "
                                              "to 2**53, got 2.5"),
    ("receptive_field", "[3]\n[-1]\n", "line 2 (dilations): expected integers from 1 to 2**53, "
                                       "got -1"),
    ("receptive_field", "[3]\n[1]\n[0]\n", "line 3 (strides): expected integers from 1 to 2**53,"
                                            " got 0"),
    ("receptive_field", "[3, 3]\n[1]\n", "line 2 (dilations): Layers is 1 here but 2 in line 1 "
                                         "(kernel sizes)"),
    ("receptive_field", "[3]\n[1]\n[1, 1]\n", "line 3 (strides): Layers is 2 here but 1 in line 1"),
    ("receptive_field", "[1e17]\n[1]\n",
     "line 1 (kernel sizes): expected integers from 1 to 2**53, got 1e+17"),
    # read exactly: as a float, 2**53 + 1 would be 2**53, and the answer silently wrong
    ("receptive_field", "[9007199254740993]\n[1]\n",
     "line 1 (kernel sizes): expected integers from 1 to 2**53, got 9007199254740993"),
    # a float from 2**53 on may already be rounded: 9007199254740993.0 reads as 2**53
    ("receptive_field", "[9007199254740993.0]\n[1]\n", "line 1 (kernel sizes): expected "
     "integers from 1 to 2**53, got 9007199254740992.0, a float that may have been rounded"),
    ("receptive_field", "[3]\n[9.007199254740993e15]\n", "line 2 (dilations): expected "
     "integers from 1 to 2**53, got 9007199254740992.0, a float"),
    ("receptive_field", "[3] * 300\n[1]\n", "line 1 (kernel sizes): expected a list literal"),
    ("receptive_field", "{}\n{}\n{}\n".format([2] * 300, [1] * 300, [2 ** 53] * 300),
     "line 3 (strides): their product has more than 4300 digits, more than Python prints"),
    # results that overflow float64
    ("convolve", "[[1e308], [1e308]]\n[[[1e308, 1e308]]]\n[0]\n",
     "lines 1-3 (data, kernel, bias): Y[0, 0] overflows float64"),
    ("convolve", "[[1], [1e308], [1e308]]\n[[[1, 1]]]\n", "lines 1-2 (data, kernel): Y[1, 0] "
                                                         "overflows float64"),
    ("kernel_grad", "[[1e308], [1e308], [1]]\n[[0], [0]]\n[[[1, 1]]]\n[0]\n",
     "lines 1-4 (x): dK[0, 0, 0] overflows float64"),
    ("input_grad", "[[0], [0], [0]]\n[[0, 0], [0, 0]]\n[[[1e308, 1e308]], [[1e308, 1]]]\n[0, 0]\n",
     "lines 1-4 (kernel): dX[0, 0] overflows float64"),
    ("input_grad", GRAD_INPUT + "[[1e308], [1e308]]\n", "lines 1-5 (kernel, G): dX[1, 0] "
                                                        "overflows"),
])
def test_bad_input_is_one_line_on_stderr_and_exit_1(script, text, message):
    status, out, err = in_process(script, text)
    assert (status, out) == (1, "")
    assert err.startswith("convkit {}: {}".format(script, message))
    assert len(err.splitlines()) == 1 and err.endswith("\n")


def test_bytes_that_are_not_text():
    status, out, err = run_convkit("convolve", b"\xff\xfe[1]\n")  # a real stdin
    assert (status, out) == (1, "") and len(err.splitlines()) == 1
    assert err.startswith("convkit convolve: line 1")


@pytest.mark.parametrize("script", CONV)
@pytest.mark.parametrize("args, message", [
    (["--stride", "0"], "error: stride must be an integer >= 1, got 0"),
    (["--dilation", "0"], "error: dilation must be an integer >= 1, got 0"),
    (["--padding", "-1"], "error: padding must be an integer >= 0, 'valid' or 'same', got -1"),
    (["--padding", "same", "--stride", "2"], "error: padding 'same' needs stride 1, got stride 2"),
    (["--stride", "1.5"], "error: argument --stride: invalid int value: '1.5'"),
    (["--padding", "wide"], "error: argument --padding: invalid padding value: 'wide'"),
    (["--at", "x"], "error: argument --at: invalid index value: 'x'"),
    (["--frobnicate"], "error: unrecognized arguments: --frobnicate"),
])
def test_bad_flags_are_one_line_and_exit_2(script, args, message):
    status, out, err = in_process(script, GRAD_INPUT, args)
    assert (status, out, err) == (2, "", "convkit {}: {}\n".format(script, message))


def test_flags_that_leave_no_output():
    status, out, err = run_convkit("convolve", "[[1], [2], [3]]\n[[[1, 2]]]\n",
                                   ["--dilation", "3"])  # the real process's exit status
    assert (status, out) == (1, "")
    assert err == ("convkit convolve: line 2 (kernel): no output: OutLen = (InLen + 2*padding - "
                   "dilation*(KernelSize-1) - 1) // stride + 1 = (3 + 2*0 - 3*(2-1) - 1) // 1 + 1"
                   " = 0\n")


def test_the_commands_exit_status_is_mains():
    """`python -m convkit NAME` exits with cli.main's status: 0 answered, 1 bad input, 2 a
    bad flag, each with its own output."""
    assert run_convkit("convolve", "[1, 2]\n[1]\n") == (0, "[1.0, 2.0]\n", "")
    assert run_convkit("convolve", "[1, 2]\n[1, 1, 1]\n")[:2] == (1, "")
    assert run_convkit("convolve", "[1, 2]\n[1]\n", ["--stride", "0"]) == (
        2, "", "convkit convolve: error: stride must be an integer >= 1, got 0\n")


@pytest.mark.parametrize("script, at, message", [
    ("convolve", "3,0", "3,0 is outside the answer, whose shape is (3, 1)"),
    ("convolve", "0", "expected 2 indices for an answer of shape (3, 1), got 0"),
    ("kernel_grad", "0,0,2", "0,0,2 is outside the answer, whose shape is (1, 2, 2)"),
    ("kernel_grad", "0,0", "expected 3 indices for an answer of shape (1, 2, 2), got 0,0"),
    ("input_grad", "0,5", "0,5 is outside the answer, whose shape is (3, 2)"),
    ("input_grad", "0", "expected 2 indices for an answer of shape (3, 2), got 0"),
])
def test_at_that_names_no_element_is_a_flag_error(script, at, message):
    text = GRAD_INPUT if script != "convolve" else "[[1], [2], [3]]\n[[[1]]]\n"
    status, out, err = in_process(script, text, ["--explain", "--at", at])
    assert (status, out, err) == (2, "", "convkit {}: error: argument --at: {}\n".format(
        script, message))


@pytest.mark.parametrize("script", CONV)
def test_at_with_a_minus_sign_is_a_flag_error(script):
    status, out, err = in_process(script, GRAD_INPUT, ["--at", "-1,0"])
    assert (status, out, err) == (2, "", "convkit {}: error: argument --at: invalid index "
                                         "value: '-1,0'\n".format(script))


def test_at_takes_the_flat_answer_as_printed():
    """The one-output-channel forms print Y flat, so --at takes one index there."""
    status, out, err = in_process("convolve", LESSON_X + "[[1, 1, 0], [0, 1, 1]]\n",
                                  ["--at", "2"])
    assert (status, out) == (0, "[3.0, 2.0, 1.0]\n")
    assert err.splitlines()[-1] == "= 1.0" and "Y[2,0] = b[0] + " in err


@pytest.mark.parametrize("script, args", [
    ("convolve", ["--stride", str(2 ** 60)]),
    ("kernel_grad", ["--dilation", str(2 ** 60)]),
    ("input_grad", ["--padding", str(2 ** 41)]),
])
def test_flags_past_2_to_the_40_are_refused_before_any_work(script, args):
    status, out, err = in_process(script, GRAD_INPUT + "[[1], [1]]\n", args)
    assert (status, out) == (2, "")
    assert err == "convkit {}: error: {} must be at most 2**40, got {}\n".format(
        script, args[0][2:], args[1])


@pytest.mark.parametrize("script", CONV)
def test_a_stride_longer_than_the_input_gives_one_output(script):
    """as_strided is never handed stride * row_bytes for a step that is not taken: a
    stride of 2**40 is one output row, with or without G."""
    text = GRAD_INPUT.replace("[[0], [0]]", "[[0]]") + "[[2]]\n"
    if script == "convolve":
        text = "[[1, 2], [3, 4], [5, 6]]\n[[[1, 1], [1, 1]]]\n[0]\n"
    status, out, err = in_process(script, text, ["--stride", str(2 ** 40)])
    assert (status, err) == (0, "")
    assert out == {"convolve": "[[10.0]]\n", "kernel_grad": "[[[2.0, 6.0], [4.0, 8.0]]]\n",
                   "input_grad": "[[2.0, 2.0], [2.0, 2.0], [0.0, 0.0]]\n"}[script]


@pytest.mark.skipif(not os.path.exists("/proc/meminfo"), reason="reads Linux's MemAvailable")
@pytest.mark.parametrize("script, args, message", [
    ("convolve", ["--padding", "99999999999"],
     "Xpad would be 200000000000 x 1 float64, 1.46 TiB (all the work "),
    # y has OutLen rows, so the gradients meet a huge padding only with a dilation as huge:
    # OutLen = 2 + 2*padding - dilation*(2-1) - 1 + 1 = 2
    ("kernel_grad", ["--padding", "99999999999", "--dilation", "199999999998"],
     "Xpad would be 200000000000 x 1 float64, 1.46 TiB (all the work "),
    ("input_grad", ["--padding", "99999999999", "--dilation", "199999999998"],
     "taps would be 199999999999 x 1 float64, 1.46 TiB (all the work "),
    ("input_grad", ["--padding", "99999999999", "--dilation", "199999999998", "--stride", "2"],
     "dXpad would be 200000000000 x 1 float64, 1.46 TiB: more than"),
])
def test_work_too_big_for_memory_is_refused_before_it_starts(script, args, message):
    text = "[[1], [2]]\n[[[1]]]\n[0]\n" if script == "convolve" else \
        "[[1], [2]]\n{}\n[[[1, 1]]]\n[0]\n".format("[[0]]" if "2" in args else "[[0], [0]]")
    status, out, err = in_process(script, text, args)
    assert (status, out) == (1, "") and len(err.splitlines()) == 1
    assert err.startswith("convkit {}: out of memory: {}".format(script, message))
    assert " free\n" in err


def problem_text(p, upstream):
    lines = [p["x"], np.zeros(p["g"].shape), p["kernel"], p["bias"]]
    lines += [p["g"]] if upstream else []
    return "".join(repr(np.asarray(line).tolist()) + "\n" for line in lines)


def geometry_args(geometry):
    return ["--stride", str(geometry["stride"]), "--padding", str(geometry["padding"]),
            "--dilation", str(geometry["dilation"])]


@given(conv_problems())
def test_explain_keeps_stdout_and_works_out_the_element(p):
    """stdout is byte-identical with and without --explain; the worked element's terms
    add up to the printed answer's element."""
    args = geometry_args(p["geometry"])
    for script in CONV:
        text = problem_text(p, upstream=False) if script != "convolve" else "".join(
            repr(np.asarray(v).tolist()) + "\n" for v in (p["x"], p["kernel"], p["bias"]))
        plain = in_process(script, text, args)
        answer = np.array(ast.literal_eval(plain[1]))
        at = tuple(i // 2 for i in answer.shape)  # a middle element
        status, out, err = in_process(
            script, text, args + ["--explain", "--at", ",".join(map(str, at))])
        assert (status, out) == (0, plain[1])
        products = []  # each "+ a * b" or "+ a" term of the worked element, and the bias
        for line in err.splitlines():
            if line.startswith(("+ ", "  b[")):
                factors = [float(f) for f in line.split(" = ")[-1].split(" * ")]
                products.append(factors[0] * (factors[1] if len(factors) > 1 else 1.0))
        assert abs(sum(products) - answer[at]) <= 1e-12 * sum(abs(v) for v in products)
        assert err.splitlines()[-1] == "= {!r}".format(float(answer[at]))


def test_explain_shows_padded_and_dilated_positions():
    """By hand: Xpad = [0, 1, 2, 3, 0], taps 10 and 20 two apart: Y[0] = 0.5 + 0*10 + 2*20."""
    status, out, err = in_process("convolve", "[[1], [2], [3]]\n[[[10, 20]]]\n[0.5]\n",
                                  ["--padding", "1", "--dilation", "2", "--explain"])
    assert out == "[[40.5], [70.5], [20.5]]\n"
    assert err.splitlines() == [
        "X: InLen 3 x InChannels 1; W: OutChannels 1 x InChannels 1 x KernelSize 2",
        "span = dilation*(KernelSize-1) + 1 = 2*(2-1) + 1 = 3",
        "OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1 = "
        "(3 + 2*1 - 2*(2-1) - 1) // 1 + 1 = 3",
        "Xpad = X with 1 zero rows before and 1 after",
        "Y: OutLen 3 x OutChannels 1",
        "Y[0,0] = b[0] + sum over k, ic of Xpad[0*1 + k*2, ic] * W[0, ic, k]",
        "  b[0] = 0.5",
        "+ Xpad[0,0]=pad * W[0,0,0] = 0.0 * 10.0",
        "+ Xpad[2,0]=X[1,0] * W[0,0,1] = 2.0 * 20.0",
        "= 40.5"]


def test_explain_gradients_with_stride_and_padding():
    """By hand: Xpad = [0 0; 1 2; 3 4; 5 6; 7 8; 0 0], stride 2, K 2: output p reads
    rows 2p and 2p+1. dK[0,1,1] = Xpad[1,1] + Xpad[3,1] + Xpad[5,1] = 2 + 6 + 0;
    X[2] is Xpad[3], read only by output 1 through tap 1, so dX[2,0] = W[0,0,1] = 10."""
    text = "[[1, 2], [3, 4], [5, 6], [7, 8]]\n[[0], [0], [0]]\n[[[1, 10], [100, 1000]]]\n[0]\n"
    flags = ["--padding", "1", "--stride", "2", "--explain", "--at"]
    status, out, err = in_process("kernel_grad", text, flags + ["0,1,1"])
    assert out == "[[[10.0, 6.0], [12.0, 8.0]]]\n"
    assert err.splitlines()[-4:] == ["+ Xpad[1,1]=X[0,1] = 2.0", "+ Xpad[3,1]=X[2,1] = 6.0",
                                     "+ Xpad[5,1]=pad = 0.0", "= 8.0"]
    status, out, err = in_process("input_grad", text, flags + ["2,0"])
    assert out == "[[10.0, 1000.0], [1.0, 100.0], [10.0, 1000.0], [1.0, 100.0]]\n"
    assert err.splitlines()[-2:] == ["+ W[0,0,1] (for Y[1,0]) = 10.0", "= 10.0"]


def test_explain_cuts_long_sums():
    x = repr([[float(i)] for i in range(100)])
    status, out, err = in_process("kernel_grad", x + "\n" + repr([[0.0]] * 100) +
                                  "\n[[[1]]]\n[0]\n", ["--explain"])
    lines = err.splitlines()
    assert "... 60 more terms ..." in lines and lines[-1] == "= 4950.0"
    assert len([line for line in lines if line.startswith("+ ")]) == 40


GRADIENTS_READ = " reads 4 lines: x, y, kernel, bias (and G, when it is the last line)\n"


@pytest.mark.parametrize("script, text, graded, warning", [
    ("convolve", "[[1], [2]]\n[[[1]]]\n[0]\n\n[[5], [6]]\n[[[1]]]\n[0]\n", 3,
     "convkit convolve: line 5: ignored, with what follows; convolve reads 3 lines: data, "
     "kernel, bias\n"),
    # an optional last line (G, strides) followed by more is the start of a second case
    ("kernel_grad", GRAD_INPUT + "[[1], [1]]\n[0]\n", 4,
     "convkit kernel_grad: line 5: ignored, with what follows; kernel_grad" + GRADIENTS_READ),
    ("input_grad", GRAD_INPUT + "[[1], [1]]\n\xff\n", 4,
     "convkit input_grad: line 5: ignored, with what follows; input_grad" + GRADIENTS_READ),
    ("input_grad", GRAD_INPUT + "[[7], [9]]\n\n" + GRAD_INPUT, 4,
     "convkit input_grad: line 5: ignored, with what follows; input_grad" + GRADIENTS_READ),
    ("receptive_field", "[9, 9, 3]\n[2, 3, 4]\n[5, 5, 5]\n[1, 2, 4]\n", 2,
     "convkit receptive_field: line 3: ignored, with what follows; receptive_field reads 2 lines: "
     "kernel sizes, dilations (and strides, when they are the last line)\n"),
    ("receptive_field", "[3]\n[1]\n[1]\nhello\n", 2,
     "convkit receptive_field: line 3: ignored, with what follows; receptive_field reads 2 lines: "
     "kernel sizes, dilations (and strides, when they are the last line)\n"),
])
def test_a_second_case_pasted_below_is_named_and_the_first_answered(script, text, graded,
                                                                   warning):
    """Two cases pasted into one input: the first is answered as the grader's template
    reads it (its graded lines only), and one warning says where the rest begins."""
    status, out, err = in_process(script, text.encode("utf-8", "surrogateescape")
                                   .replace(b"\xc3\xbf", b"\xff"))
    want = in_process(script, "\n".join(text.split("\n")[:graded]) + "\n")
    assert (status, out, err) == (0, want[1], warning) and want[0] == 0


def test_an_optional_last_line_is_read_when_it_is_the_last():
    assert run_ok("receptive_field", "[9, 9, 3]\n[2, 3, 4]\n[5, 5, 5]\n\n\n") == (
        1 + 8 * 2 * 1 + 8 * 3 * 5 + 2 * 4 * 25)
    assert run_ok("kernel_grad", GRAD_INPUT + "[[2], [0]]\n") == [[[2, 6], [4, 8]]]  # 2*X[k, ic]


def test_a_typo_is_shown_where_it_stands():
    """Far into a long line, the first 40 characters would not show it: the message quotes
    what stands at the typo, and its column."""
    line = repr([[0.5, 0.25]] * 30)[:-1] + ", [0.5, 0.2l5]]"
    status, out, err = in_process("convolve", line + "\n[[[1]]]\n")
    column = line.index("0.2l5") + 1
    assert (status, out) == (1, "")
    assert err.endswith("(not a number): '0.2l5]]' at column {}\n".format(column)), err


def test_a_bad_byte_is_blamed_on_its_own_line():
    """Decoded line by line: on Python 3.6 a bad byte anywhere in the first 8 KB used to
    fail line 1."""
    text = b"[[1], [2]]\n[[[1]]]\n[0\xff]\n"
    assert in_process("convolve", text)[2] == \
        "convkit convolve: line 3 (bias): not UTF-8 text: byte 0xff at column 3\n"
    assert in_process("convolve", b"[[1], [2]]\n[[[1]]]\n")[1] == \
        in_process("convolve", b"[[1], [2]]\n[[[1]]]\n\n\n")[1] == "[[1.0], [2.0]]\n"


def test_closed_stdin_is_empty_input():
    done = subprocess.run(command("convolve"), preexec_fn=lambda: os.close(0), env=ENV,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (done.returncode, done.stdout, done.stderr) == (1, b"", (
        b"convkit convolve: line 1 (data): missing, expected InLen x InChannels or InLen\n"))


def test_a_byte_order_mark_then_a_blank_line():
    assert run_ok("convolve", "\ufeff\r\n[[1], [2]]\r\n[[[1]]]\r\n") == [[1.0], [2.0]]


def test_a_trailing_comma_stays_on_the_fast_path(monkeypatch):
    """[1, 2,] is not JSON, but the slow path took 7.9 s and 690 MB on an 8.5 MB line
    (ast, then): with the comma cut it is JSON again, and the slow reader is never called."""
    def slow(text):
        raise AssertionError("the slow reader read " + text)
    monkeypatch.setattr(literal, "read_literal", slow)
    assert literal.parse_literal("[[1, 2.5,], [3, -4e1,],]") == [[1, 2.5], [3, -40.0]]
    with pytest.raises(AssertionError):
        literal.parse_literal("[[1, 2], (3, 4)]")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="sets a memory limit in the child")
def test_out_of_memory_past_the_check_is_one_line():
    """Memory that MemAvailable promised but the process cannot get (here a 700 MB
    address-space limit): numpy's MemoryError becomes one line, not a traceback."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (700 * 2 ** 20, 700 * 2 ** 20))

    done = subprocess.run(command("convolve") + ["--padding", "60000000"],
                          input=b"[[1], [2]]\n[[[1]]]\n[0]\n", preexec_fn=limit,
                          env=dict(ENV, OPENBLAS_NUM_THREADS="1"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.startswith(b"convkit convolve: out of memory: the work needs about ")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("script", CONV)
def test_a_bad_at_stops_before_the_picture_is_written(script, tmp_path):
    svg = tmp_path / "picture.svg"
    text = GRAD_INPUT if script != "convolve" else "[[1], [2], [3]]\n[[[1]]]\n"
    status, out, err = in_process(script, text, ["--at", "9,9,9,9", "--svg", str(svg)])
    assert (status, out) == (2, "") and not svg.exists()
    assert err.startswith("convkit {}: error: argument --at: expected ".format(script))


@pytest.mark.parametrize("script", GRADED)
def test_help_says_what_comes_on_stdin_and_what_each_flag_does(script):
    status, out, err = in_process(script, "", ["--help"])
    assert status == 0 and "stdin, one Python list literal per line" in out
    entries = re.split(r"^  (?=-)", re.split("(?:optional arguments|options):", out)[1],
                       flags=re.M)[1:]  # 3.10+ says options, 3.6 optional arguments
    assert len(entries) >= 3 and all(  # each flag, then its help: a few words at least
        len(re.sub(r"^\S+( [A-Z|,a-z]+)?", "", entry.strip()).split()) >= 3
        for entry in entries), out


@pytest.mark.parametrize("script, at", [("convolve", "P,OC"), ("kernel_grad", "OC,IC,K"),
                                        ("input_grad", "J,IC")])
def test_help_names_the_indices_of_at(script, at):
    assert "--at {}".format(at) in in_process(script, "", ["--help"])[1]


@pytest.mark.parametrize("script", GRADED)
def test_an_abbreviated_flag_is_refused(script):
    status, out, err = in_process(script, GRAD_INPUT, ["--expl"])
    assert (status, out) == (2, "") and "unrecognized arguments: --expl" in err


@pytest.mark.parametrize("script", GRADED)
def test_stdout_or_stderr_closed_or_full(script):
    """stderr closed or full: the answer stands (exit 0). stdout closed or full: one line
    on stderr and exit 1, never a traceback."""
    text = {"convolve": "[1, 2]\n[1]\n[0]\n", "receptive_field": "[3]\n[1]\n"}.get(
        script, GRAD_INPUT)
    more = text + "[5]\n[6]\n"  # lines past the graded ones: a warning to write

    def run(stdin, **streams):
        done = subprocess.run(command(script), input=stdin.encode(), stdout=streams.get(
            "stdout", subprocess.PIPE), stderr=streams.get("stderr", subprocess.PIPE),
            preexec_fn=streams.get("preexec_fn"), env=ENV)
        return done.returncode, done.stdout, done.stderr

    answer = in_process(script, text)[1].encode()
    with open("/dev/full", "w") as full:
        assert run(more, stderr=full)[:2] == (0, answer)
        status, out, err = run(text, stdout=full)
        assert (status, err) == (1, "convkit {}: cannot write the answer: No space left on "
                                 "device\n".format(script).encode())
    assert run(more, preexec_fn=lambda: os.close(2))[:2] == (0, answer)
    status, out, err = run(text, preexec_fn=lambda: os.close(1))
    assert (status, err) == (1, "convkit {}: cannot write the answer: stdout is closed\n".format(
        script).encode())


@pytest.mark.parametrize("script", GRADED)
def test_a_stdin_kept_open_does_not_hold_the_command(script):
    """A grader may write the input and keep the pipe open: the command answers and ends,
    without waiting for more (the optional last line, the lines past the graded ones)."""
    text = {"convolve": "[1, 2]\n[1]\n[0]\n", "receptive_field": "[3]\n[1]\n"}.get(
        script, GRAD_INPUT)
    process = subprocess.Popen(command(script), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=ENV)
    try:
        process.stdin.write(text.encode())
        process.stdin.flush()
        status = process.wait(timeout=30)
        out = process.stdout.read().decode()
    finally:
        process.kill()
        process.stdin.close()
    assert (status, out) == (0, in_process(script, text)[1])


@pytest.mark.parametrize("script", CONV)
def test_svg_is_never_stdout_nor_a_fifo(script, tmp_path):
    """A name that is no regular file's, or is stdout's, is a usage error (exit 2)."""
    text = GRAD_INPUT if script != "convolve" else "[1, 2]\n[1]\n"
    fifo = str(tmp_path / "fifo")
    os.mkfifo(fifo)
    with open(str(tmp_path / "answer.txt"), "w") as answer:  # stdout a regular file
        done = subprocess.run(command(script) + ["--svg", "/dev/stdout"], env=ENV,
                              input=text.encode(), stdout=answer, stderr=subprocess.PIPE,
                              timeout=60)
    assert done.returncode == 2 and (tmp_path / "answer.txt").read_text() == ""
    assert done.stderr.decode() == "convkit {}: error: argument --svg: /dev/stdout: that is " \
                                   "the file stdout writes: give another\n".format(script)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opened to write would
    try:  # wait for a reader: with this one, a command that tries only fails the test
        status, out, err = in_process(script, text, ["--svg", fifo])
    finally:
        os.close(reader)
    assert (status, out) == (2, "")
    assert err.endswith("argument --svg: {}: not a regular file (a terminal, FIFO or "
                        "device): give a file's name\n".format(fifo))
    # with stdout closed no check may be skipped (it was: the command waited on the FIFO)
    done = subprocess.run(command(script) + ["--svg", fifo], env=ENV, input=text.encode(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
                          close_fds=True, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2 and b"not a regular file" in done.stderr


@pytest.mark.parametrize("script", ["convolve", "receptive_field"])
@pytest.mark.parametrize("name, says", [("", "give a file name, not an empty one"),
                                        ("/dev/null", "/dev/null: not a regular file"),
                                        ("/dev/stderr", "/dev/stderr: that is the file "
                                                        "stderr writes")])
def test_svg_refuses_an_empty_name_a_device_and_stderr(script, name, says, tmp_path):
    text = "[1, 2]\n[1]\n" if script == "convolve" else "[3]\n[1]\n"
    with open(str(tmp_path / "err.txt"), "w") as stderr:  # stderr a regular file
        done = subprocess.run(command(script) + ["--svg", name], env=ENV, input=text.encode(),
                              stdout=subprocess.PIPE, stderr=stderr, timeout=60)
    err = (tmp_path / "err.txt").read_text()
    assert (done.returncode, done.stdout) == (2, b"") and says in err
    assert len(err.splitlines()) == 1 and "<svg" not in err


def test_svg_never_writes_over_the_input(tmp_path):
    """--svg naming the file that stdin reads is refused, and the input is left as it was
    (the adversary review found it overwritten with the picture)."""
    path = tmp_path / "case.in"
    path.write_text("[[1], [2]]\n[[[1]]]\n")
    with open(str(path), "rb") as stdin:
        done = subprocess.run(command("convolve") + ["--svg", str(path)], env=ENV, stdin=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert (done.returncode, done.stdout) == (2, b"")
    assert path.read_text() == "[[1], [2]]\n[[[1]]]\n"


def test_explain_of_a_deep_stack_shows_its_ends():
    text = "{}\n{}\n".format([3] * 100, [2] * 100)
    status, out, err = in_process("receptive_field", text, ["--explain"])
    rows = err.splitlines()
    assert (status, out) == (0, "401\n") and len(rows) == 1 + 40 + 1 + 1
    assert rows[21] == "  ...  60 layers not shown" and rows[-2].split()[0] == "100"


def test_many_taps_with_a_long_stride_take_linear_time():
    """The gradient of the sum groups the taps by residue in one pass (it was K x K)."""
    size = 20000
    text = "{}\n[[0]]\n{}\n[0]\n".format([[1]] * size, [[[1] * size]])
    start = time.perf_counter()
    status, out, err = in_process("kernel_grad", text, ["--stride", str(size + 1)])
    assert (status, err) == (0, "") and out == repr([[[1.0] * size]]) + "\n"
    assert time.perf_counter() - start < 20  # 55 s before
