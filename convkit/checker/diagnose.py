"""Name the classic mistake behind a wrong answer, when it is one.

Each slip is a small function that recomputes the task's answer from the case's inputs as
a learner with that slip would (numpy, plain and obvious, independent of the learner's file
and of solutions/). A slip is named only when the learner's output equals the slip's output
under the same comparison as the answer itself (tools/compare_output.py, the case's
tolerance). The ids are the gallery's (tests/learners/gallery.py, MISTAKES):

  flipped-kernel       a true convolution: the kernel flipped (np.convolve not undone)
  bias-missing         no + bias
  out-len-short        OutLen = InLen - K: one output row (or window) too few
  out-len-long         OutLen = InLen - K + 2: an extra last row of zeros or of the bias
  transposed           the answer's axes the other way round
  kernel-axes-swapped  the kernel read as InChannels x OutChannels x KernelSize
  mean-not-sum         the gradient of mean(Y): divided by Y's size or by OutLen
  no-dilation          the receptive field 1 + sum(k - 1), dilations ignored
  y-as-upstream        the gradients computed with dL/dY = y, not 1 (the y line's values)
  off-by-one           a receptive field one too large or too small
  integer-output       printed as integers where the answer has fractions (found from the
                       output's form: an integer accumulator truncates, in any order)
  wrong-shape          any other shape: which shape was expected, in axis names
  numpy-print          numpy's own print form (no commas, or array(...)), not repr(list)
  numpy-scalars        a list of numpy scalars, which numpy 2 prints as np.float64(...)
  extra-text           the right answer with other text around it
  float-for-integer    the receptive field printed as a float (49.0 for 49)
  few-digits           close, to a few significant digits only (float32, or rounding)

stale-samples is found by behaviour, not from one output (checker/stress.py: the same
output for three inputs whose answers differ); numpy-too-new and python-too-new are the
grader run's.
"""
import math
import re

import numpy as np

from checker import compare_output, tasks

SENTENCES = {
    "flipped-kernel": (
        "This is a true convolution: your kernel is flipped. The lesson's convolution, like "
        "PyTorch's conv1d, is cross-correlation: Y[p] = sum_k X[p+k] W[k], no flip."),
    "flipped-kernel-grad": (
        "This is the gradient of a true convolution: your kernel is flipped. The lesson's "
        "convolution, like PyTorch's conv1d, is cross-correlation: Y[p] = sum_k X[p+k] W[k], "
        "no flip, and its gradient keeps the taps in that order."),
    "bias-missing": (
        "The bias is missing: every element of your answer is the right one minus bias[oc]. "
        "Y[p, oc] = bias[oc] + sum_k sum_ic X[p+k, ic] W[oc, ic, k]."),
    "out-len-short": (
        "Your output is one row short: OutLen = InLen - KernelSize + 1 = {out_len}, and the "
        "last window, X[{last}:{in_len}], is missing."),
    "out-len-short-grad": (
        "Your gradient leaves out the last window: there are OutLen = InLen - KernelSize + 1 "
        "= {out_len} output positions, p = 0 .. {last}, and you sum {short} of them."),
    "out-len-long": (
        "Your output has one row too many: OutLen = InLen - KernelSize + 1 = {out_len}. The "
        "lesson's formula without its - 1 gives {long}, a window that does not fit the input."),
    "transposed": (
        "Your answer is transposed: you print {got_axes}, the answer is {want_axes}."),
    "kernel-axes-swapped": (
        "You read the kernel's first two axes the other way round: the kernel line is "
        "OutChannels x InChannels x KernelSize, and W[oc, ic, k] is output channel oc, input "
        "channel ic, tap k."),
    "kernel-axes-swapped-grad": (
        "Your gradient has the kernel's first two axes the other way round: it must be "
        "OutChannels x InChannels x KernelSize, like the kernel."),
    "mean-not-sum": (
        "This is the gradient of the mean of Y, not of its sum: your answer is the right one "
        "divided by {divisor} ({what}). The exercise's y is summed: dL/dY = 1 everywhere."),
    "no-dilation": (
        "This is the receptive field without dilation, 1 + sum(kernel_size - 1) = {value}: "
        "each layer adds (kernel_size - 1) * dilation."),
    "integer-output": (
        "Your answer is printed as integers where the right one has fractions: the array you "
        "add into has an integer dtype (np.zeros_like of an integer input line keeps int), so "
        "every float added into it is truncated. Use np.zeros(shape) or .astype(float)."),
    "y-as-upstream": (
        "You used y's values as dL/dY. The y line is Y itself (its shape is what code may "
        "need); the loss is sum(Y), so dL/dY = 1 everywhere."),
    "off-by-one": (
        "Your receptive field is one off ({got} for {value}): one layer of kernel size k "
        "alone sees k inputs, and each layer adds (k - 1) * dilation: rf = 1 + sum((k - 1) "
        "* d)."),
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
        "The receptive field is an integer, and you printed it as a float: print an int "
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


def arrays(task, case):
    """(x, kernel, bias) as float arrays."""
    return tuple(np.array(line, dtype=float) for line in tasks.conv_parts(task, case))


def conv(x, w, b, out_len=None):
    """Y[p, oc] = b[oc] + sum_k sum_ic x[p+k, ic] w[oc, ic, k], for p < out_len."""
    size = w.shape[2]
    out_len = len(x) - size + 1 if out_len is None else out_len
    y = np.zeros((out_len, len(w)))
    for p in range(out_len):
        for k in range(size):
            if p + k < len(x):
                y[p] += w[:, :, k].dot(x[p + k])
    return y + b


def kernel_grad(x, w, out_len=None, g=None):
    """dK[oc, ic, k] = sum_{p < out_len} g[p, oc] x[p+k, ic] (g = dL/dY, 1 by default)."""
    size = w.shape[2]
    out_len = len(x) - size + 1 if out_len is None else out_len
    g = np.ones((out_len, len(w))) if g is None else g
    grad = np.zeros(w.shape)
    for k in range(size):
        grad[:, :, k] = g.T.dot(x[k:k + out_len])
    return grad


def input_grad(x, w, out_len=None, g=None):
    """dX[p+k, ic] += sum_oc g[p, oc] w[oc, ic, k], for p < out_len (g = 1 by default)."""
    size = w.shape[2]
    out_len = len(x) - size + 1 if out_len is None else out_len
    g = np.ones((out_len, len(w))) if g is None else g
    grad = np.zeros(x.shape)
    for p in range(out_len):
        for k in range(size):
            grad[p + k] += g[p].dot(w[:, :, k])
    return grad


def slips(task, case):
    """[(id, answer under that slip, sentence fields)] for the slips that can be told apart
    on this case's shapes."""
    if task == "receptive_field":
        kernels = case["kernel sizes"]
        value = 1 + sum(k - 1 for k in kernels)
        right = 1 + sum((k - 1) * d for k, d in zip(kernels, case["dilations"]))
        return [("no-dilation", value, {"value": value}),
                ("off-by-one", right + 1, {"got": right + 1, "value": right}),
                ("off-by-one", right - 1, {"got": right - 1, "value": right})]
    x, w, b = arrays(task, case)
    in_len, in_ch = x.shape
    out_ch, _, size = w.shape
    out_len = in_len - size + 1
    found = []
    if task == "convolve":
        y = conv(x, w, b)
        found.append(("flipped-kernel", conv(x, w[:, :, ::-1], b), {}))
        found.append(("bias-missing", conv(x, w, np.zeros_like(b)), {}))
        found.append(("out-len-short", y[:-1], {}))
        found.append(("out-len-long", np.vstack([y, np.zeros((1, out_ch))]), {}))
        found.append(("out-len-long", np.vstack([y, b[None]]), {}))
        if out_len > 1 or out_ch > 1:
            found.append(("transposed", y.T, {}))
        if in_ch == out_ch:
            found.append(("kernel-axes-swapped", conv(x, w.transpose(1, 0, 2), b), {}))
        return found
    grad = kernel_grad if task == "kernel_grad" else input_grad
    right = grad(x, w)
    found.append(("flipped-kernel", grad(x, w[:, :, ::-1]) if task == "input_grad"
                  else right[:, :, ::-1], {}))
    found.append(("mean-not-sum", right / (out_len * out_ch),
                  {"divisor": out_len * out_ch, "what": "the size of Y, OutLen x OutChannels"}))
    found.append(("mean-not-sum", right / out_len, {"divisor": out_len, "what": "OutLen"}))
    found.append(("out-len-short", grad(x, w, out_len - 1), {}))  # all zeros at OutLen 1
    found.append(("y-as-upstream", grad(x, w, g=np.array(case["y"], dtype=float)), {}))
    if task == "kernel_grad":
        found.append(("kernel-axes-swapped", right.transpose(1, 0, 2), {}))
        found.append(("transposed", right.transpose(0, 2, 1), {}))
    else:
        found.append(("transposed", right.T, {}))
    return found


def diagnose(task, case, got, want_text, rtol, atol):
    """[(id, sentence)] of the slips the output bytes `got` match (usually one, or none)."""
    found = []
    seen = set()
    for mistake, answer, fields in slips(task, case):
        if mistake in seen:
            continue
        answer_text = (str(answer) if task == "receptive_field" else
                       repr(np.asarray(answer).tolist())) + "\n"
        if answer_text == want_text:
            continue  # the slip makes no difference on this case
        if compare_output.compare_bytes(got, answer_text.encode(), rtol, atol) is None:
            seen.add(mistake)
            found.append((mistake, sentence(task, case, mistake, fields)))
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
    if NUMPY_REPR.match(got) or (task != "receptive_field" and b"," not in got and NUMPY_STR.match(
            got) and (b"," in want or NUMPY_FLOAT.search(got))):
        form = "array(...)" if NUMPY_REPR.match(got) else got.strip().split(b"\n")[0][:40]
        return [("numpy-print", SENTENCES["numpy-print"].format(
            form=form if isinstance(form, str) else form.decode("ascii", "replace")))]
    if task == "receptive_field":
        token = got.strip()
        if re.match(rb"-?[0-9]+\.0*\Z", token) and token.split(b".")[0] == want.strip():
            return [("float-for-integer", SENTENCES["float-for-integer"])]
    for line in got.splitlines():
        start = 0 if task == "receptive_field" else line.find(b"[")
        end = len(line) if task == "receptive_field" else line.rfind(b"]") + 1
        for candidate in ([line[start:end]] if task != "receptive_field" else
                          re.findall(rb"-?[0-9]+(?:\.[0-9]+)?", line)):
            if candidate.strip() and candidate.strip() != got.strip() and \
                    compare_output.compare_bytes(candidate + b"\n", want, rtol, atol) is None:
                return [("extra-text", SENTENCES["extra-text"])]
    if task == "receptive_field" or compare_output.compare_bytes(got, want, rtol, atol) is None:
        return []  # an integer has no digits to lose; the right answer has lost none
    for digits in range(8, 1, -1):
        scale = 10.0 ** (9 - digits)
        if compare_output.compare_bytes(got, want, rtol * scale, atol * scale) is None:
            key = "few-digits" if digits >= 6 else "few-digits-rounded"
            return [("few-digits", SENTENCES[key].format(digits=digits))]
    return []

def sentence(task, case, mistake, fields):
    sizes = dict(tasks.sizes(task, case))
    gradient = task in ("kernel_grad", "input_grad")
    if task != "receptive_field":
        out_len = sizes["InLen"] - sizes["KernelSize"] + 1
        fields = dict(fields, out_len=out_len, in_len=sizes["InLen"], last=out_len - 1,
                      short=out_len - 1, long=out_len + 1)
    key = mistake
    if gradient and mistake in ("flipped-kernel", "out-len-short", "kernel-axes-swapped"):
        key = mistake + "-grad"
    if mistake == "transposed":
        axes = tasks.ANSWER_AXES[task]
        got_axes = (axes[0], axes[2], axes[1]) if task == "kernel_grad" else axes[::-1]
        fields = dict(fields, got_axes=axes_text(got_axes, sizes),
                      want_axes=axes_text(axes, sizes))
    return SENTENCES[key].format(**fields)


def axes_text(axes, sizes):
    """'OutLen x OutChannels = 3 x 2'."""
    sizes = dict(sizes)
    if "OutLen" not in sizes and "InLen" in sizes:
        sizes["OutLen"] = sizes["InLen"] - sizes["KernelSize"] + 1
    return "{} = {}".format(" x ".join(axes), " x ".join(str(sizes[axis]) for axis in axes))


def integer_output(got, want_text):
    """True if got has the answer's structure, prints every number as an integer, and the
    answer has a fraction."""
    try:
        got_parsed = compare_output.parse(got)
        want = compare_output.parse_expected(want_text.encode())
    except ValueError:
        return False
    if len(got_parsed.lines) != len(want.lines) or not want.lines:
        return False
    fraction = False
    for got_line, want_line in zip(got_parsed.lines, want.lines):
        if got_line.skeleton != want_line.skeleton:
            return False
        for token in compare_output.numbers(got, got_line):
            if not compare_output.INT_TOKEN.match(token):
                return False
        for token in compare_output.numbers(want.data, want_line):
            value = float(token)
            if math.isfinite(value) and value != math.floor(value):
                fraction = True
    return fraction


def wrong_shape(task, case, got, want_text):
    """The sentence for an answer of another shape than the expected one, or None."""
    if task == "receptive_field":
        return None
    try:
        got_parsed = compare_output.parse(got)
        want = compare_output.parse_expected(want_text.encode())
    except ValueError:
        return None
    if len(got_parsed.lines) != 1 or len(want.lines) != 1:
        return None
    got_shape = compare_output.shape(got_parsed.lines[0].skeleton)
    want_shape = compare_output.shape(want.lines[0].skeleton)
    if got_shape == want_shape:
        return None
    got_text = "ragged (lists of different lengths)" if got_shape is None else (
        " x ".join(map(str, got_shape)) if got_shape else "a bare number")
    return SENTENCES["wrong-shape"].format(
        got_shape=got_text, want_axes=axes_text(tasks.ANSWER_AXES[task], tasks.sizes(task, case)))
