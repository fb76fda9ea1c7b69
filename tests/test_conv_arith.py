"""`convkit conv_arith` answers the lesson's arithmetic quizzes; its formulas
(convkit.arith) against counting (cases.reference_arith)."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cases
from convkit import arith
from programs import in_process, run_convkit


@pytest.mark.parametrize("args, answer", [
    ("params 64 128 5", "41088"),
    ("layers 30 5", "8"),
    ("layers 30 5 --dilated", "4"),
])
def test_lesson_quizzes(args, answer):
    assert in_process("conv_arith", "", args.split()) == (0, answer + "\n", "")


def test_lesson_quiz_as_a_real_process():
    assert run_convkit("conv_arith", "", ["params", "64", "128", "5"]) == (0, "41088\n", "")


@given(st.integers(1, 40), st.integers(1, 6), st.integers(1, 3),
       st.sampled_from([0, 1, 2, "valid", "same"]), st.integers(1, 3))
def test_out_length_counts_positions(in_len, size, stride, padding, dilation):
    if padding == "same" and stride != 1:
        return
    args = ["out-length", str(in_len), str(size), "--stride", str(stride),
            "--padding", str(padding), "--dilation", str(dilation)]
    want = cases.reference_arith(args)
    if want >= 1:
        assert arith.out_length(in_len, size, stride, padding, dilation) == want


@given(st.integers(1, 300), st.integers(2, 7), st.booleans())
def test_layers_to_reach_stacks_layers(width, size, dilated):
    args = ["layers", str(width), str(size)] + (["--dilated"] if dilated else [])
    assert arith.layers_to_reach(width, size, dilated) == cases.reference_arith(args)


def test_explain_adds_the_formula_on_stderr():
    """As in every other command, stdout is only the answer; the working goes to stderr."""
    status, out, err = in_process("conv_arith", "", ["params", "64", "128", "5", "--explain"])
    assert (out, err) == ("41088\n", "OutChannels*InChannels*KernelSize + OutChannels = "
                                     "128*64*5 + 128 = 41088\n")
    status, out, err = in_process("conv_arith", "", ["out-length", "9", "3", "--explain"])
    assert out == "7\n" and err == ("OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1)"
                                    " // stride + 1 = (9 + 2*0 - 1*(3-1) - 1) // 1 + 1 = 7\n")


def test_help_says_what_each_number_means():
    helps = {command: in_process("conv_arith", "", [command, "--help"])[1]
             for command in ("params", "out-length", "layers")}
    assert "to link words 1 and 30, give 30 (not their distance, 29)" in " ".join(
        helps["layers"].split())
    for command, arguments in (("params", ("in_channels", "out_channels", "kernel_size")),
                               ("out-length", ("in_len", "kernel_size", "--stride")),
                               ("layers", ("width", "kernel_size", "--dilated"))):
        for argument in arguments:  # every argument has a line of its own saying what it is
            assert re.search(r"^  {}( [A-Z]+)?  +\w+ \w+".format(argument), helps[command],
                             re.M), (command, argument)


@pytest.mark.parametrize("args, message", [
    ("", "choose a question: params, out-length or layers"),
    ("params 64 128", "the following arguments are required: kernel_size"),
    ("params 0 128 5", "argument in_channels: invalid integer from 1 to 10**18 value: '0'"),
    ("params 64 x 5", "argument out_channels: invalid integer from 1 to 10**18 value: 'x'"),
    # the same on every Python: 3.11+ refuses to print (or read) ints of 4300+ digits
    ("params {} 128 5".format("9" * 2000), "argument in_channels: invalid integer from 1 to "
                                            "10**18 value: '999"),
    ("params 64 {} 5".format(10 ** 18 + 1), "argument out_channels: invalid integer from 1"),
    ("out-length 2 5", "no output: OutLen = "),
    ("out-length 9 3 --stride 0", "argument --stride: invalid integer from 1 to 10**18 value: "
                                  "'0'"),
    ("out-length 9 3 --padding -1", "argument --padding: invalid padding value: '-1'"),
    ("out-length 9 3 --padding same --stride 2", "--padding same needs --stride 1, got 2"),
    ("layers 30 1", "argument kernel_size: invalid integer from 2 to 10**18 value: '1'"),
    ("volume 3", "invalid choice: 'volume'"),
])
def test_bad_arguments_are_one_line(args, message):
    status, out, err = in_process("conv_arith", "", args.split())
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and message in err
    words = args.split()
    question = " " + words[0] if words and words[0] in ("params", "out-length", "layers") else ""
    assert err.startswith("convkit conv_arith{}: error: ".format(question))
