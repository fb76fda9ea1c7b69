"""checker/diagnose.py: each slip is named when an output is that slip's answer, and only
then: never for the right answer, never for a slip that makes no difference on the case."""
import numpy as np
import pytest

from checker import diagnose, tasks

CONV = {"data": [[1, 0.5], [2, -1], [0.25, 3], [1, 1]], "kernel": [[[1, 2], [0.5, -1]],
                                                                    [[0, 1], [3, 0.5]]],
        "bias": [0.5, -2]}


def case(task):
    if task == "receptive_field":
        return {"kernel sizes": [3, 5], "dilations": [2, 3]}
    return tasks.conv_case(task, CONV["data"], CONV["kernel"], CONV["bias"])


def named(task, the_case, answer):
    text = answer if isinstance(answer, str) else repr(np.asarray(answer).tolist()) + "\n"
    want = tasks.expected(task, the_case)
    rtol, atol = tasks.tolerance(task, the_case)
    return [mistake for mistake, _ in diagnose.diagnose(task, the_case, text.encode(), want,
                                                        rtol, atol)]


SLIPS = [(task, mistake) for task in tasks.TASKS
         for mistake in sorted({m for m, _, _ in diagnose.slips(task, case(task))})]


@pytest.mark.parametrize("task, mistake", SLIPS)
def test_each_slip_is_named_from_its_answer(task, mistake):
    the_case = case(task)
    for slip, answer, _ in diagnose.slips(task, the_case):
        if slip == mistake:
            text = "{}\n".format(answer) if task == "receptive_field" else answer
            assert named(task, the_case, text)[0] == mistake


@pytest.mark.parametrize("task", tasks.TASKS)
def test_the_right_answer_is_named_nothing(task):
    the_case = case(task)
    assert named(task, the_case, tasks.expected(task, the_case)) == []


def test_a_slip_without_effect_is_not_named():
    """A symmetric kernel: flipped or not, the same answer; a wrong answer is not called
    flipped."""
    the_case = {"data": [[1], [2], [3]], "kernel": [[[1, 5, 1]]], "bias": [0]}
    assert "flipped-kernel" not in named("convolve", the_case, [[12.0]])


def test_integer_output_and_wrong_shape():
    the_case = tasks.conv_case("kernel_grad", [[0.5], [1.75]], [[[1]]], [0])
    assert named("kernel_grad", the_case, "[[[2]]]\n") == ["integer-output"]
    assert named("kernel_grad", the_case, "[[2.0]]\n") == ["wrong-shape"]
    sentence = diagnose.diagnose("kernel_grad", the_case, b"[[2.0]]\n", "[[[2.25]]]\n",
                                 1e-9, 0)[0][1]
    assert "OutChannels x InChannels x KernelSize = 1 x 1 x 1" in sentence
