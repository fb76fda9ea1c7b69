"""Name the classic mistake behind a wrong answer, when it is one.

Each exercise lists its slips (task.slips: its answer recomputed from the case's inputs as
a learner with that slip would, by the plain-loop reference convkit/reference.py, which is
independent of the learner's file and of the fast code) and the sentence naming each
(task.hints). A slip is named only when the learner's output equals the slip's output
under the same comparison as the answer itself (convkit/compare.py, the case's tolerance).
The ids are the gallery's (tests/learners/gallery.py, MISTAKES): the exercises' own
(flipped-kernel, bias-missing, out-len-short, out-len-long, transposed,
kernel-axes-swapped, mean-not-sum, y-as-upstream, no-dilation, off-by-one), and these,
found here from the output's form, for every exercise:

  integer-output       printed as integers where the answer has fractions (an integer
                       accumulator truncates, in any order)
  wrong-shape          any other shape: which shape was expected, in axis names
  numpy-print          numpy's own print form (no commas, or array(...)), not repr(list)
  numpy-scalars        a list of numpy scalars, which numpy 2 prints as np.float64(...)
  extra-text           the right answer with other text around it
  float-for-integer    an integer answer printed as a float (49.0 for 49)
  few-digits           close, to a few significant digits only (float32, or rounding)

stale-samples is found by behaviour, not from one output (stress.py: the same output for
three inputs whose answers differ); numpy-too-new and python-too-new are the grader run's.
"""
import math
import re

import numpy as np

from convkit import compare

SENTENCES = {
    "integer-output": (
        "Your answer is printed as integers where the right one has fractions: the array you "
        "add into has an integer dtype (np.zeros_like of an integer input line keeps int), so "
        "every float added into it is truncated. Use np.zeros(shape) or .astype(float)."),
    "wrong-shape": (
        "Your answer has shape {got_shape}; the answer is {want_axes}."),
    "numpy-print": (
        "You printed a numpy array in numpy's own form ({form}). The grader reads the "
        "template's repr(list) form, with commas: print(answer.tolist())."),
    "numpy-scalars": (
        "Your answer is a list of numpy scalars, and numpy 2 (here) prints each as "
        "np.float64(...), which is not the template's repr(list) form. The grader's numpy "
        "1.14.1 prints them as plain numbers, so it may pass there; print(answer.tolist()) "
        "prints plain floats on both."),
    "extra-text": (
        "Your output holds the right answer, but with other text around it: print the answer "
        "alone, nothing before or after it, as the template does."),
    "float-for-integer": (
        "The answer is an integer, and you printed it as a float: print an int "
        "(int(...), or integer arithmetic throughout)."),
    "few-digits": (
        "Your answer agrees with the right one to about {digits} significant digits only. "
        "float32 arithmetic (about 7 digits) does this: keep every array float64 (numpy's "
        "default: no dtype=np.float32) and print repr(list) as it is."),
    "few-digits-rounded": (
        "Your answer agrees with the right one to about {digits} significant digits only: "
        "rounding what you print (round(), '%.4f') does this, or a small error in the "
        "formula. Print repr(list) of the float64 values as they are."),
}
NUMPY_STR = re.compile(rb"\s*\[[\[\]\s0-9eE.+\-naif]*[0-9][\[\]\s0-9eE.+\-naif]*\]\s*\Z")
NUMPY_REPR = re.compile(rb"\s*array\(", re.S)
NUMPY_SCALAR = re.compile(rb"np\.(?:float|int|uint)[0-9]*\(")
NUMPY_FLOAT = re.compile(rb"[0-9]\.(?![0-9])")  # numpy prints 2. for 2.0


def diagnose(task, case, got, want_text, rtol, atol):
    """[(id, sentence)] of the slips the output bytes `got` match (usually one, or none).
    Named only on evidence: a slip whose answer is the right one on this case is not named,
    and where two mistakes give the same answer here (a gradient that leaves out the last
    window and one that leaves out the last output channel both give 0 on a 1 x 1 case),
    both are named, as the two things the output can be."""
    answers = {}  # the answer's text under a slip -> [(mistake, fields)], one per mistake
    for mistake, answer, fields in task.slips(case):
        text = (str(answer) if not task.answer_axes else
                repr(np.asarray(answer).tolist())) + "\n"
        alike = answers.setdefault(text, [])
        if mistake not in [named for named, _ in alike]:
            alike.append((mistake, fields))
    found = []
    for text, mistakes in answers.items():
        if text == want_text or compare.compare_bytes(got, text.encode(), rtol, atol):
            continue  # no difference on this case, or not what the output is
        for i, (mistake, fields) in enumerate(mistakes):
            sentence = task.hints[mistake].format(**fields)
            if len(mistakes) > 1:  # this case cannot tell them apart
                sentence = ("On this case more than one mistake gives your answer. Either: "
                            if i == 0 else "Or: ") + sentence
            if mistake not in [named for named, _ in found]:
                found.append((mistake, sentence))
    if not found and integer_output(got, want_text):
        found.append(("integer-output", SENTENCES["integer-output"]))
    if not found:
        shape = wrong_shape(task, case, got, want_text)
        if shape:
            found.append(("wrong-shape", shape))
    if not found:
        found.extend(form_slips(task, got, want_text, rtol, atol))
    return found


def form_slips(task, got, want_text, rtol, atol):
    """[(id, sentence)] for a right answer in a wrong form, or one right to a few digits."""
    want = want_text.encode()
    if NUMPY_SCALAR.search(got):
        return [("numpy-scalars", SENTENCES["numpy-scalars"])]
    integer = not task.answer_axes  # the answer is one integer
    if NUMPY_REPR.match(got) or (not integer and b"," not in got and NUMPY_STR.match(
            got) and (b"," in want or NUMPY_FLOAT.search(got))):
        form = "array(...)" if NUMPY_REPR.match(got) else got.strip().split(b"\n")[0][:40]
        return [("numpy-print", SENTENCES["numpy-print"].format(
            form=form if isinstance(form, str) else form.decode("ascii", "replace")))]
    if integer:
        token = got.strip()
        if re.match(rb"-?[0-9]+\.0*\Z", token) and token.split(b".")[0] == want.strip():
            return [("float-for-integer", SENTENCES["float-for-integer"])]
    for line in got.splitlines():
        start = 0 if integer else line.find(b"[")
        end = len(line) if integer else line.rfind(b"]") + 1
        for candidate in (re.findall(rb"-?[0-9]+(?:\.[0-9]+)?", line) if integer else
                          [line[start:end]]):
            if candidate.strip() and candidate.strip() != got.strip() and \
                    compare.compare_bytes(candidate + b"\n", want, rtol, atol) is None:
                return [("extra-text", SENTENCES["extra-text"])]
    if integer or compare.compare_bytes(got, want, rtol, atol) is None:
        return []  # an integer has no digits to lose; the right answer has lost none
    for digits in range(8, 1, -1):
        scale = 10.0 ** (9 - digits)
        if compare.compare_bytes(got, want, rtol * scale, atol * scale) is None:
            key = "few-digits" if digits >= 6 else "few-digits-rounded"
            return [("few-digits", SENTENCES[key].format(digits=digits))]
    return []


def axes_text(task, case):
    """'OutLen x OutChannels = 3 x 2': the answer's axes and their sizes in this case."""
    sizes = dict(task.sizes(case))
    if "OutLen" not in sizes and "InLen" in sizes:
        sizes["OutLen"] = sizes["InLen"] - sizes["KernelSize"] + 1
    return "{} = {}".format(" x ".join(task.answer_axes),
                            " x ".join(str(sizes[axis]) for axis in task.answer_axes))


def integer_output(got, want_text):
    """True if got has the answer's structure, prints every number as an integer, and the
    answer has a fraction."""
    try:
        got_parsed = compare.parse(got)
        want = compare.parse_expected(want_text.encode())
    except ValueError:
        return False
    if len(got_parsed.lines) != len(want.lines) or not want.lines:
        return False
    fraction = False
    for got_line, want_line in zip(got_parsed.lines, want.lines, strict=True):
        if got_line.skeleton != want_line.skeleton:
            return False
        for token in compare.numbers(got, got_line):
            if not compare.INT_TOKEN.match(token):
                return False
        for token in compare.numbers(want.data, want_line):
            value = float(token)
            if math.isfinite(value) and value != math.floor(value):
                fraction = True
    return fraction


def wrong_shape(task, case, got, want_text):
    """The sentence for an answer of another shape than the expected one, or None."""
    if not task.answer_axes:
        return None
    try:
        got_parsed = compare.parse(got)
        want = compare.parse_expected(want_text.encode())
    except ValueError:
        return None
    if len(got_parsed.lines) != 1 or len(want.lines) != 1:
        return None
    got_shape = compare.shape(got_parsed.lines[0].skeleton)
    want_shape = compare.shape(want.lines[0].skeleton)
    if got_shape == want_shape:
        return None
    got_text = "ragged (lists of different lengths)" if got_shape is None else (
        " x ".join(map(str, got_shape)) if got_shape else "a bare number")
    return SENTENCES["wrong-shape"].format(
        got_shape=got_text, want_axes=axes_text(task, case))
