"""convkit/checker/diagnose.py, with each exercise's slips and hints (task.slips,
task.hints): each slip is named when an output is that slip's answer, and only then: never
for the right answer, never for a slip that makes no difference on the case."""
import numpy as np
import pytest
from test_compare_output import NASTY, nasty_params

from convkit import compare
from convkit.checker import diagnose
from convkit.exercises import convolve, gradients, receptive_field
from convkit.tasks import TASKS

CONV = {"data": [[1, 0.5], [2, -1], [0.25, 3], [1, 1]], "kernel": [[[1, 2], [0.5, -1]],
                                                                    [[0, 1], [3, 0.5]]],
        "bias": [0.5, -2]}


def case(name):
    if name == "receptive_field":
        return receptive_field.make_case([3, 4], [2, 3])  # an even kernel: every slip shows
    make_case = convolve.make_case if name == "convolve" else gradients.make_case
    return make_case(CONV["data"], CONV["kernel"], CONV["bias"])


def as_bytes(answer):
    text = answer if isinstance(answer, str) else repr(np.asarray(answer).tolist()) + "\n"
    return text.encode()


def named(name, the_case, answer):
    task = TASKS[name]
    text = answer if isinstance(answer, str) else repr(np.asarray(answer).tolist()) + "\n"
    want = task.answer(the_case)
    rtol, atol = task.tolerance(the_case)
    return [mistake for mistake, _ in diagnose.diagnose(task, the_case, text.encode(), want,
                                                        rtol, atol)]


SLIPS = [(name, mistake) for name, task in TASKS.items()
         for mistake in sorted({m for m, _, _ in task.slips(case(name))})]


def test_every_slip_has_its_hint():
    for name, task in TASKS.items():
        assert {m for m, _, _ in task.slips(case(name))} <= set(task.hints), name


@pytest.mark.parametrize("name, mistake", SLIPS)
def test_each_slip_is_named_from_its_answer(name, mistake):
    the_case = case(name)
    for slip, answer, _ in TASKS[name].slips(the_case):
        if slip == mistake:
            text = "{}\n".format(answer) if name == "receptive_field" else answer
            found = diagnose.diagnose(TASKS[name], the_case, as_bytes(text),
                                      TASKS[name].answer(the_case),
                                      *TASKS[name].tolerance(the_case))
            assert mistake in [m for m, _ in found]
            if len(found) > 1:  # the case cannot tell them apart: each named as one of them
                assert found[0][1].startswith("On this case more than one mistake gives")
                assert all(sentence.startswith("Or: ") for _, sentence in found[1:])


@pytest.mark.parametrize("name", TASKS)
def test_the_right_answer_is_named_nothing(name):
    the_case = case(name)
    assert named(name, the_case, TASKS[name].answer(the_case)) == []


def test_a_slip_without_effect_is_not_named():
    """A symmetric kernel: flipped or not, the same answer; a wrong answer is not called
    flipped."""
    the_case = convolve.make_case([[1], [2], [3]], [[[1, 5, 1]]], [0])
    assert "flipped-kernel" not in named("convolve", the_case, [[12.0]])


def test_integer_output_and_wrong_shape():
    the_case = gradients.make_case([[0.5], [1.75]], [[[1]]], [0])
    assert named("kernel_grad", the_case, "[[[2]]]\n") == ["integer-output"]
    assert named("kernel_grad", the_case, "[[2.0]]\n") == ["wrong-shape"]
    sentence = diagnose.diagnose(TASKS["kernel_grad"], the_case, b"[[2.0]]\n",
                                 "[[[2.25]]]\n", 1e-9, 0)[0][1]
    assert "OutChannels x InChannels x KernelSize = 1 x 1 x 1" in sentence


def test_right_answers_in_a_wrong_form_are_named_by_their_form():
    the_case = case("convolve")
    right = np.array(eval_answer(TASKS["convolve"].answer(the_case)))
    assert named("convolve", the_case, str(right) + "\n") == ["numpy-print"]
    assert named("convolve", the_case, repr(right) + "\n") == ["numpy-print"]
    assert named("convolve", the_case, "[[2.]]\n") == ["numpy-print"]
    numpy2 = "[[" + "], [".join(", ".join("np.float64({!r})".format(v) for v in row)
                                 for row in right.tolist()) + "]]\n"  # list(row) on numpy 2
    assert named("convolve", the_case, numpy2) == ["numpy-scalars"]
    # numpy scalars in a debugging print beside the right answer: that print is the mistake
    debug = "shape: (np.int64(4), np.int64(2))\n" + repr(right.tolist()) + "\n"
    assert named("convolve", the_case, debug) == ["extra-text"]
    field = receptive_field.make_case([3, 5], [2, 3])
    assert named("receptive_field", field, "[np.int64(3), np.int64(5)]\n17\n") == [
        "extra-text"]  # a learner review: it was told its answer was numpy scalars
    assert named("convolve", the_case, "Y = " + repr(right.tolist()) + "\n") == ["extra-text"]
    assert named("convolve", the_case, "answer:\n" + repr(right.tolist()) + "\n") == [
        "extra-text"]
    single = repr((right * (1 + 6e-8)).tolist()) + "\n"  # float32's relative rounding
    assert named("convolve", the_case, single) == ["few-digits"]
    rounded = repr((right + 4e-4).tolist()) + "\n"  # as if printed with 3 decimals
    found = diagnose.diagnose(TASKS["convolve"], the_case, rounded.encode(),
                              TASKS["convolve"].answer(the_case), 1e-9, 1e-8)
    assert [m for m, _ in found] == ["few-digits"] and "about 4 significant" in found[0][1]
    assert "rounding what you print" in found[0][1] and "float32" not in found[0][1]
    assert named("convolve", the_case, repr((right + 0.5).tolist()) + "\n") == []
    rf = case("receptive_field")
    value = int(TASKS["receptive_field"].answer(rf))
    assert named("receptive_field", rf, "{}.0\n".format(value)) == ["float-for-integer"]
    assert named("receptive_field", rf, "rf = {}\n".format(value)) == ["extra-text"]
    assert named("receptive_field", rf, "{}\n".format(value + 2)) == []


def test_sentences_of_the_gradient_and_field_slips():
    the_case = gradients.make_case([[1.0], [2.0], [3.0]], [[[1.0, 2.0]]], [0.5])
    assert the_case["y"] == [[5.5], [8.5]]  # 1*1 + 2*2 + 0.5, 2*1 + 3*2 + 0.5
    upstream_y = [[[5.5 * 1 + 8.5 * 2, 5.5 * 2 + 8.5 * 3]]]  # dK[k] = sum_p y[p] x[p+k]
    assert named("kernel_grad", the_case, upstream_y) == ["y-as-upstream"]
    rf = receptive_field.make_case([3, 3], [1, 2])  # 1 + 2*1 + 2*2 = 7
    found = diagnose.diagnose(TASKS["receptive_field"], rf, b"8\n", "7\n", 0, 0)
    assert [m for m, _ in found] == ["off-by-one"] and "(8 for 7)" in found[0][1]


def test_a_mean_over_positions_is_told_apart_from_the_mean_of_y_where_a_case_can():
    """dK of sum(Y) divided by OutLen (the mean over positions) or by OutLen x OutChannels
    (the mean of Y): with two output channels each is named as itself; with one the two
    divide by the same number, and the hint says it is either (it said "the mean of Y")."""
    two = gradients.make_case([[1.0], [2.0], [4.0]], [[[1.0, 1.0]], [[2.0, 0.0]]], [0, 0])
    right = [[[3.0, 6.0]], [[3.0, 6.0]]]  # dK[oc, 0, k] = sum_p x[p + k]: 1+2, 2+4
    sentences = {}
    for divisor in (2, 4):  # OutLen 2; OutLen x OutChannels 4
        got = repr((np.array(right) / divisor).tolist()) + "\n"
        task = TASKS["kernel_grad"]
        found = diagnose.diagnose(task, two, got.encode(), task.answer(two),
                                  *task.tolerance(two))
        assert [m for m, _ in found] == ["mean-not-sum"]
        sentences[divisor] = found[0][1]
    assert "divided by 2 (OutLen: the mean over the output positions)" in sentences[2]
    assert "divided by 4 (the size of Y, OutLen x OutChannels: the mean of Y)" in sentences[4]
    one = gradients.make_case([[1.0], [2.0], [4.0]], [[[1.0, 1.0]]], [0])
    task = TASKS["kernel_grad"]
    found = diagnose.diagnose(task, one, b"[[[1.5, 3.0]]]\n", task.answer(one),
                              *task.tolerance(one))
    assert [m for m, _ in found] == ["mean-not-sum"]
    assert "the mean of Y, or over the output positions" in found[0][1]


def eval_answer(text):
    import json
    return json.loads(text)


def test_evidence_for_the_form_level_hints():
    """Nothing printed is said; integers far from the answer are not an integer
    accumulator's truncation; numpy's form of the wrong numbers is still numpy's form."""
    the_case = gradients.make_case([[0.5], [1.75]], [[[1]]], [0])
    assert named("kernel_grad", the_case, "") == ["nothing-printed"]
    assert named("kernel_grad", the_case, "\n  \n") == ["nothing-printed"]
    assert "python FILE < input" in diagnose.diagnose(
        TASKS["kernel_grad"], the_case, b"", "[[[2.25]]]\n", 1e-9, 0)[0][1]
    assert named("kernel_grad", the_case, "[[[2]]]\n") == ["integer-output"]
    assert named("kernel_grad", the_case, "[[[1" + "0" * 400 + "]]]\n") == []
    assert named("kernel_grad", the_case, "[[[-7]]]\n") == []  # 3 inputs: at most 3 off
    rf = case("receptive_field")
    assert named("receptive_field", rf, "") == ["nothing-printed"]


# Outputs of every kind and size (tests/test_compare_output.py's), each diagnosed for a
# task with a list answer and one with an integer (the gradients' path is the convolution's):
# a list of (id, sentence), never an exception, in a CPU-time bound.
@pytest.mark.parametrize("output", nasty_params(sorted(NASTY)))
def test_any_output_is_diagnosed_in_linear_time(output):
    import time
    got = NASTY[output]()
    for name in ("convolve", "receptive_field"):
        task = TASKS[name]
        the_case = case(name)
        want = task.answer(the_case)
        rtol, atol = task.tolerance(the_case)
        start = time.process_time()
        reason = compare.compare_bytes(got, want.encode(), rtol, atol)
        found = diagnose.diagnose(task, the_case, got, want, rtol, atol)
        seconds = time.process_time() - start
        assert reason is not None
        assert all(isinstance(mistake, str) and isinstance(sentence, str) and
                   len(sentence) < 1000 for mistake, sentence in found), found
        assert seconds < 2.5, (name, seconds)  # 20.7 s for 250000 lines of [0] before


def test_a_deep_answer_s_shape_is_said_in_a_line():
    found = diagnose.diagnose(TASKS["convolve"], case("convolve"),
                              b"[" * 100000 + b"0" + b"]" * 100000, "[[1.0]]\n", 0, 0)
    assert found == [("wrong-shape", "Your answer has shape 1 x 1 x 1 x ... x 1 x 1 x 1 "
                                     "(100000 dimensions); the answer is OutLen x "
                                     "OutChannels = 3 x 2.")]
