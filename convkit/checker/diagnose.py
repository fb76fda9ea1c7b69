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
from convkit.i18n import N_, _

SENTENCES = {
    "integer-output": N_(
        "Your answer is printed as integers where the right one has fractions: the array you "
        "add into has an integer dtype (np.zeros_like of an integer input line keeps int), so "
        "every float added into it is truncated. Use np.zeros(shape) or .astype(float)."),
    "wrong-shape": N_(
        "Your answer has shape {got_shape}; the answer is {want_axes}."),
    "numpy-print": N_(
        "You printed a numpy array in numpy's own form ({form}). The grader reads the "
        "template's repr(list) form, with commas: print(answer.tolist())."),
    "numpy-scalars": N_(
        "Your answer is a list of numpy scalars, and numpy 2 (here) prints each as "
        "np.float64(...), which is not the template's repr(list) form. The grader's numpy "
        "1.14.1 prints them as plain numbers, so it may pass there; print(answer.tolist()) "
        "prints plain floats on both."),
    "nothing-printed": N_(
        "Your file printed nothing: the grader runs the file as a program (python FILE < "
        "input) and reads what it prints; defining the function is not enough. Keep the "
        "template's lines that read the input (read_array()), call your function and print "
        "its answer (write_array(...)), at the top level of the file."),
    "extra-text": N_(
        "Your output holds the right answer, but with other text around it: print the answer "
        "alone, nothing before or after it, as the template does."),
    "float-for-integer": N_(
        "The answer is an integer, and you printed it as a float: print an int "
        "(int(...), or integer arithmetic throughout)."),
    "few-digits": N_(
        "Your answer agrees with the right one to about {digits} significant digits only. "
        "float32 arithmetic (about 7 digits) does this: keep every array float64 (numpy's "
        "default: no dtype=np.float32) and print repr(list) as it is."),
    "few-digits-rounded": N_(
        "Your answer agrees with the right one to about {digits} significant digits only: "
        "rounding what you print (round(), '%.4f') does this, or a small error in the "
        "formula. Print repr(list) of the float64 values as they are."),
}
NUMPY_STR_BYTES = re.compile(rb"[\[\]\s0-9eE.+\-naif]*")
INTEGER = re.compile(rb"(?<![0-9.])-?[0-9]+(?![0-9.])")  # an integer token in other text
CANDIDATES = 1000  # lines of an output that may be the right answer among other text
NUMPY_REPR = re.compile(rb"\s*array\(", re.S)
NUMPY_SCALAR = re.compile(rb"np\.(?:float|int|uint)[0-9]*\(")
NUMPY_SCALAR_VALUE = re.compile(rb"np\.(?:float|int|uint)[0-9]*\(([^()]*)\)")
NUMPY_FLOAT = re.compile(rb"[0-9]\.(?![0-9])")  # numpy prints 2. for 2.0


def diagnose(task, case, got, want_text, rtol, atol):
    """[(id, sentence)] of the slips the output bytes `got` match (usually one, or none).
    Named only on evidence: each slip's answer is recomputed on this case (task.slips) and
    compared with the output as the answer is; a slip whose answer is the right one here is
    not named, and where several mistakes give the output (a gradient that leaves out the
    last window and one that leaves out the last output channel both give 0 on a 1 x 1
    case) all are named, as the things the output can be ("Either: ... Or: ..."). Any
    bytes in, never an exception; time linear in len(got): it is parsed once."""
    want = compare.parse_expected(want_text.encode("utf-8"))
    if compare.too_large(len(got), len(want.data)):
        return []  # not compared: nothing to go on
    try:
        parsed = compare.parse(got, where=False)
    except compare.FormError:
        parsed = None
    if parsed is not None and not parsed.lines:
        return [("nothing-printed", _(SENTENCES["nothing-printed"]))]
    # Integers printed where the answer has a fraction, each within what truncation loses:
    # the file's own mistake, whatever else matches the values (a slip computed in floats
    # would print 0.0, not 0: a 1 x 1 case's 0 is no evidence of a forgotten channel here).
    if parsed and integer_output(task, case, parsed, want, rtol, atol):
        return [("integer-output", _(SENTENCES["integer-output"]))]
    found = slip_hints(task, case, parsed, want, rtol, atol) if parsed else []
    if not found and parsed:
        shape = wrong_shape(task, case, parsed, want)
        if shape:
            found.append(("wrong-shape", shape))
    if not found:
        found.extend(form_slips(task, got, parsed, want, rtol, atol))
    return found


def slip_hints(task, case, parsed, want, rtol, atol):
    """[(id, sentence)] of the task's slips whose answer on the case the parsed output is
    (and the right answer is not)."""
    matched = []  # [(mistake, fields)]: the first of each mistake the output matches
    skeletons = [line.skeleton for line in parsed.lines]
    for mistake, answer, fields in task.slips(case):
        if mistake in [named for named, _ in matched]:
            continue
        text = (str(answer) if not task.answer_axes else
                repr(np.asarray(answer).tolist())) + "\n"
        try:
            slip = compare.parse_expected(text.encode())
        except ValueError:
            continue
        if skeletons != [line.skeleton for line in slip.lines] or compare.differs(
                slip, want, rtol, atol) is None:
            continue  # another structure (said faster than differs says why), or no difference
        if compare.differs(parsed, slip, rtol, atol) is None:
            matched.append((mistake, fields))
    found = []
    for i, (mistake, fields) in enumerate(matched):
        sentence = _(task.hints[mistake]).format(**fields)
        if len(matched) > 1:  # this case cannot tell them apart
            sentence = (_("On this case more than one mistake gives your answer. Either: ")
                        if i == 0 else _("Or: ")) + sentence
        found.append((mistake, sentence))
    return found


def form_slips(task, got, parsed, want, rtol, atol):
    """[(id, sentence)] for a right answer in a wrong form, or one right to a few digits.
    parsed: got parsed, or None if it is not in the template's form."""
    if NUMPY_SCALAR.search(got) and numpy_scalars_hold_the_answer(got, want, rtol, atol):
        return [("numpy-scalars", _(SENTENCES["numpy-scalars"]))]
    integer = not task.answer_axes  # the answer is one integer
    stripped = got.strip()
    if NUMPY_REPR.match(got) or (not integer and b"," not in got and numpy_str(stripped) and (
            b"," in want.data or NUMPY_FLOAT.search(got))):
        form = "array(...)" if NUMPY_REPR.match(got) else stripped.split(b"\n")[0][:40]
        return [("numpy-print", _(SENTENCES["numpy-print"]).format(
            form=form if isinstance(form, str) else form.decode("ascii", "replace")))]
    if integer:
        want_token = want.data[want.lines[0].start:want.lines[0].end].strip()
        if re.match(rb"-?[0-9]+\.0*\Z", stripped) and stripped.split(b".")[0] == want_token:
            return [("float-for-integer", _(SENTENCES["float-for-integer"]))]
        if stripped != want_token and want_token in INTEGER.findall(got):
            return [("extra-text", _(SENTENCES["extra-text"]))]
    elif holds_the_answer(got, stripped, want, rtol, atol):
        return [("extra-text", _(SENTENCES["extra-text"]))]
    if integer or parsed is None or compare.differs(parsed, want, rtol, atol) is None:
        return []  # an integer has no digits to lose; the right answer has lost none
    if compare.differs(parsed, want, rtol * 10.0 ** 7, atol * 10.0 ** 7) is not None:
        return []  # not even 2 digits
    for digits in range(8, 1, -1):
        scale = 10.0 ** (9 - digits)
        if compare.differs(parsed, want, rtol * scale, atol * scale) is None:
            key = "few-digits" if digits >= 6 else "few-digits-rounded"
            return [("few-digits", _(SENTENCES[key]).format(digits=digits))]
    return []


def numpy_scalars_hold_the_answer(got, want, rtol, atol):
    """Whether the output is the right answer once each np.float64(x) (and the like) is x:
    numpy 2's print form of scalars, and nothing else wrong (a debugging print that shows
    numpy scalars beside the answer is another mistake)."""
    plain = NUMPY_SCALAR_VALUE.sub(rb"\1", got)
    try:
        parsed = compare.parse(plain, where=False)
    except compare.FormError:
        return False
    return bool(parsed.lines) and compare.differs(parsed, want, rtol, atol) is None


def numpy_str(stripped):
    """Whether stripped output bytes look like str(numpy array): brackets, numbers and
    whitespace only, a bracket first and last, a digit somewhere (linear: no regular
    expression that backtracks)."""
    return (stripped.startswith(b"[") and stripped.endswith(b"]") and
            NUMPY_STR_BYTES.fullmatch(stripped) is not None and
            re.search(rb"[0-9]", stripped) is not None)


def holds_the_answer(got, stripped, want, rtol, atol):
    """Whether a line of the output, from its first '[' to its last ']', is the right
    answer while the output is more than that: the lines whose brackets and commas are the
    answer's are compared, each distinct one once, at most CANDIDATES of them (last line
    first: debugging prints come before the answer)."""
    if len(want.lines) != 1:
        return False
    skeleton = want.lines[0].skeleton
    opens, commas = skeleton.count(b"["), skeleton.count(b",")
    seen = set()
    lines = got.split(b"\n")
    for line in reversed(lines) if lines[-1].strip() else reversed(lines[:-1]):
        start, end = line.find(b"["), line.rfind(b"]") + 1
        if start < 0 or end <= start:
            continue
        candidate = line[start:end]
        if candidate in seen or candidate.count(b"[") != opens or candidate.count(
                b",") != commas or candidate == stripped:
            continue
        seen.add(candidate)
        try:
            if compare.differs(compare.parse(candidate, False), want, rtol, atol) is None:
                return True
        except compare.FormError:
            pass
        if len(seen) >= CANDIDATES:
            return False
    return False


def axes_text(task, case):
    """'OutLen x OutChannels = 3 x 2': the answer's axes and their sizes in this case."""
    sizes = dict(task.sizes(case))
    if "OutLen" not in sizes and "InLen" in sizes:
        sizes["OutLen"] = sizes["InLen"] - sizes["KernelSize"] + 1
    return "{} = {}".format(" x ".join(task.answer_axes),
                            " x ".join(str(sizes[axis]) for axis in task.answer_axes))


def integer_output(task, case, parsed, want, rtol, atol):
    """Whether the parsed output has the answer's structure and prints every number as an
    integer, the answer has a fraction, and every number is what an integer accumulator
    could give: less than 1 truncated per addition, so within the number of the case's
    inputs (a bound on any element's terms) of the right value."""
    if len(parsed.lines) != len(want.lines) or not task.answer_axes:
        return False
    bound = task.count_numbers(case) + 1
    fraction = False
    for got_line, want_line in zip(parsed.lines, want.lines, strict=True):
        if got_line.skeleton != want_line.skeleton:
            return False
        if any(not compare.INT_TOKEN.match(token)
               for token in compare.numbers(parsed.data, got_line)):
            return False
        for token in compare.numbers(want.data, want_line):
            value = float(token)
            if math.isfinite(value) and value != math.floor(value):
                fraction = True
    if not fraction:
        return False
    for got_line, want_line in zip(parsed.lines, want.lines, strict=True):
        for got_token, want_token in zip(compare.numbers(parsed.data, got_line),
                                         compare.numbers(want.data, want_line)):
            if compare.outside(got_token, want_token, 0.0, float(bound)) is not None:
                return False
    return True


def wrong_shape(task, case, parsed, want):
    """The sentence for an answer of another shape than the expected one, or None."""
    if not task.answer_axes or len(parsed.lines) != 1 or len(want.lines) != 1:
        return None
    got_shape = compare.shape(parsed.lines[0].skeleton)
    want_shape = compare.shape(want.lines[0].skeleton)
    if got_shape == want_shape:
        return None
    if got_shape is None:
        got_text = _("ragged (lists of different lengths)")
    elif not got_shape:
        got_text = _("a bare number")
    elif len(got_shape) > 8:
        got_text = _("{first} x ... x {last} ({count} dimensions)").format(
            first=" x ".join(map(str, got_shape[:3])), last=" x ".join(map(str, got_shape[-3:])),
            count=len(got_shape))
    else:
        got_text = " x ".join(map(str, got_shape))
    return _(SENTENCES["wrong-shape"]).format(
        got_shape=got_text, want_axes=axes_text(task, case))
