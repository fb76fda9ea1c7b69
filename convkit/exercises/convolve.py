"""convolve: the forward pass, Y = conv1d(X, W) + b (PyTorch's: no kernel flip)."""
import numpy as np

from convkit import reference
from convkit.conv import apply_convolution
from convkit.exercises import conv_cases
from convkit.explain import element_to_explain, explain_shapes, padded_input, show_work
from convkit.geometry import conv_geometry
from convkit.i18n import N_, _
from convkit.program import check_finite, to_stderr, write_array
from convkit.task import Line, Task

USAGE = """\
stdin, one Python list literal per line (blank lines are skipped):
  1  data    InLen x InChannels               (or InLen: a one-channel signal)
  2  kernel  OutChannels x InChannels x KernelSize
             (or InChannels x KernelSize, or KernelSize with a 1-D signal:
              one output channel, and the answer is printed flat)
  3  bias    OutChannels                      (optional: zeros when left out)
stdout: Y, OutLen x OutChannels, on one line as repr(list).

  convkit convolve [--stride S] [--padding P|valid|same] [--dilation D] < input
  convkit convolve --explain [--at P,OC] < input   (shows the work on stderr)
  convkit convolve --draw [--svg FILE] < input   (the taps over Xpad: stderr, an SVG)

The same formula as plain loops, nothing vectorised: convkit/reference.py."""


def work(command, args):
    """Read data, kernel and the optional bias, print Y; --explain, --draw, --svg."""
    conv_cases.check_geometry_flags(args)
    stdin = command.input
    data = stdin.read_array("data", ("InLen x InChannels", "InLen"))
    if data.ndim == 1:  # a one-channel signal
        stdin.axes.setdefault("InChannels", (1, stdin.where("data")))
    kernel = stdin.read_array("kernel", ("OutChannels x InChannels x KernelSize",
                                         "InChannels x KernelSize", "KernelSize"))
    kernel_line = stdin.where("kernel")
    if kernel.ndim < 3:  # the lesson's one-output-channel forms
        stdin.axes.setdefault("OutChannels", (1, kernel_line))
    bias = stdin.read_array("bias", ("OutChannels",), optional=True)
    if kernel.ndim == 1 and data.ndim == 2 and data.shape[1] != 1:
        raise ValueError("{}: a 1-D kernel needs one input channel, but the data has {};"
                         " give InChannels x KernelSize".format(kernel_line, data.shape[1]))
    x = data.reshape(len(data), -1)  # (InLen, InCh)
    w = kernel.reshape((1,) * (3 - kernel.ndim) + kernel.shape)  # (OutCh, InCh, K)
    b = np.zeros(len(w)) if bias is None else bias  # (OutCh,)
    left, right, out_len = conv_cases.geometry(args, len(x), w.shape[2], kernel_line)
    padded = [("Xpad", (len(x) + left + right, x.shape[1]))] if left or right else []
    command.check_memory(padded + [("Y", (out_len, len(w)))], out_len * len(w))
    y = apply_convolution(x, w, b, args.stride, args.padding, args.dilation)
    check_finite(y, "Y", "lines 1-{} (data, kernel{})".format(
        stdin.lines_read, "" if bias is None else ", bias"))
    answer = y[:, 0] if kernel.ndim < 3 else y  # the one-output-channel forms print flat
    at = element_to_explain(args, answer.shape)
    drawing = conv_cases.drawing(args, len(x), w.shape[2], TASK)  # writes --svg; --draw's text
    if at is not None:
        explain(x, w, b, y, (at + (0,))[:2], args.stride, args.padding, args.dilation)
    to_stderr(drawing)
    write_array(answer)
    command.warn_of_more_lines("convolve reads 3 lines: data, kernel, bias")


def explain(x, w, b, y, at, stride, padding, dilation):
    """The shapes, OutLen with its numbers, and Y[at] worked out term by term, on stderr."""
    p, oc = at
    lines = explain_shapes(x.shape, w.shape, stride, padding, dilation) + [
        "Y: OutLen {} x OutChannels {}".format(*y.shape),
        "Y[{p},{oc}] = b[{oc}] + sum over k, ic of Xpad[{p}*{s} + k*{d}, ic] * W[{oc}, ic, k]"
        .format(p=p, oc=oc, s=stride, d=dilation),
        "  b[{}] = {!r}".format(oc, float(b[oc]))]
    left = conv_geometry(len(x), w.shape[2], stride, padding, dilation)[0]
    terms = []
    for k in range(w.shape[2]):
        for ic in range(w.shape[1]):
            name, value = padded_input(x, p * stride + k * dilation, ic, left)
            terms.append("+ {} * W[{},{},{}] = {!r} * {!r}".format(
                name, oc, ic, k, value, float(w[oc, ic, k])))
    show_work(lines, terms, y[p, oc])


# ---- the checker's side: cases, answers, mistakes

def make_case(data, kernel, bias):
    return {"data": data, "kernel": kernel, "bias": bias}


# The classes of inputs that random cases start with, one each (stress.generate): the conv
# exercises' own, and an answer negative everywhere (data >= 0, kernel and bias < 0).
COVERAGE = conv_cases.COVERAGE + (
    conv_cases.cover("negative answer", "a ReLU or abs() applied to the answer",
                     styles=("unit", "negative", "negative")),)


def first_cases(seed):
    """[(class name, case)]: a case of each class of COVERAGE for the seed."""
    return conv_cases.cover_cases(COVERAGE, seed, make_case)


def answer(case):
    return repr(apply_convolution(*conv_cases.arrays(case)).tolist()) + "\n"


def reference_answer(case):
    return reference.conv1d(*conv_cases.arrays(case)).tolist()


HINTS = {  # N_: translated where shown (diagnose.slip_hints)
    "flipped-kernel": N_(
        "This is a true convolution: your kernel is flipped. The lesson's convolution, like "
        "PyTorch's conv1d, is cross-correlation: Y[p] = sum_k X[p+k] W[k], no flip."),
    "bias-missing": N_(
        "The bias is missing: every element of your answer is the right one minus bias[oc]. "
        "Y[p, oc] = bias[oc] + sum_k sum_ic X[p+k, ic] W[oc, ic, k]."),
    "out-len-short": N_(
        "Your output is one row short: OutLen = InLen - KernelSize + 1 = {out_len}, and the "
        "last window, X[{last}:{in_len}], is missing."),
    "out-len-long": N_(
        "Your output has one row too many: OutLen = InLen - KernelSize + 1 = {out_len}. The "
        "lesson's formula without its - 1 gives {long}, a window that does not fit the input."),
    "transposed": N_(
        "Your answer is transposed: you print {got_axes}, the answer is {want_axes}."),
    "kernel-axes-swapped": N_(
        "You read the kernel's first two axes the other way round: the kernel line is "
        "OutChannels x InChannels x KernelSize, and W[oc, ic, k] is output channel oc, input "
        "channel ic, tap k."),
    "im2col-order": N_(
        "Your windows and your kernel are flattened in different orders: a window "
        "X[p:p+K] is KernelSize x InChannels, so window.reshape(-1) runs tap by tap (k, ic), "
        "while W[oc] is InChannels x KernelSize and W[oc].reshape(-1) runs channel by "
        "channel (ic, k); their dot product pairs X[p+k, ic] with the wrong weight. Flatten "
        "both the same way: window.T.reshape(-1) with W[oc].reshape(-1)."),
    "channel-missing": N_(
        "Your answer leaves out the last output channel, oc = {last}: its column is {what}. "
        "Y has OutChannels = {out_ch} columns, oc = 0 .. {last}: loop over "
        "range(OutChannels)."),
    "kernel-size-axis": N_(
        "You took the kernel size from the kernel's axis {axis} ({name} = {wrong}), not its "
        "last axis: KernelSize = kernel.shape[2] = {size}. With {wrong} taps each window has "
        "{wrong} rows, not {size}, and OutLen = InLen - {wrong} + 1 = {long}, not {out_len}."),
}


def slips(case):
    """[(mistake, the answer with it, sentence fields)] that this case's shapes can tell
    apart, each computed by the plain-loop reference."""
    x, w, b = conv_cases.arrays(case)
    in_len, in_ch = x.shape
    out_ch, _channels, size = w.shape
    out_len = in_len - size + 1
    y = reference.conv1d(x, w, b)
    fields = {"out_len": out_len, "last": out_len - 1, "in_len": in_len, "long": out_len + 1}
    found = [("flipped-kernel", reference.conv1d(x, w[:, :, ::-1], b), {}),
             ("bias-missing", reference.conv1d(x, w, np.zeros_like(b)), {}),
             ("out-len-short", y[:-1], fields),
             ("out-len-long", np.vstack([y, np.zeros((1, out_ch))]), fields),
             ("out-len-long", np.vstack([y, b[None]]), fields)]
    if out_len > 1 or out_ch > 1:
        found.append(("transposed", y.T, {
            "got_axes": "OutChannels x OutLen = {} x {}".format(out_ch, out_len),
            "want_axes": "OutLen x OutChannels = {} x {}".format(out_len, out_ch)}))
    if in_ch == out_ch:
        found.append(("kernel-axes-swapped", reference.conv1d(x, w.transpose(1, 0, 2), b), {}))
    for order in im2col_kernels(w):
        found.append(("im2col-order", reference.conv1d(x, order, b), {}))
    zero, alone = y.copy(), y.copy()  # the last column never computed: 0, or the bias alone
    zero[:, -1], alone[:, -1] = 0.0, b[-1]
    for what, answer in ((N_("all zeros"), zero), (N_("the bias alone"), alone)):
        found.append(("channel-missing", answer, {"last": out_ch - 1, "what": _(what),
                                                  "out_ch": out_ch}))
    for taps, fields in kernel_size_axes(w, in_len):
        found.append(("kernel-size-axis", reference.conv1d(x, taps, b),
                      dict(fields, out_len=out_len)))
    return found


def im2col_kernels(w):
    """The kernels (OutChannels x InChannels x KernelSize) that a dot product of windows
    and kernels flattened in different orders multiplies by: windows (K, InCh) against
    W[oc] (InCh, K), and windows (InCh, K) against W[oc].T (K, InCh). Where InChannels or
    KernelSize is 1, both are w itself (no difference: not named)."""
    out_ch, in_ch, size = w.shape
    return [w.reshape(out_ch, size, in_ch).transpose(0, 2, 1),
            w.transpose(0, 2, 1).reshape(out_ch, in_ch, size)]


def kernel_size_axes(w, in_len):
    """[(the kernel as a file that takes KernelSize from another of its axes reads it, the
    sentence's fields)] for each axis whose size gives a wrong answer, not an IndexError:
    fewer taps than KernelSize (the first ones), or more taps than fit the input, when no
    window is left at all (OutLen 0: what the taps hold is never read)."""
    out_ch, in_ch, size = w.shape
    found = []
    for axis, name in ((1, "InChannels"), (0, "OutChannels")):
        wrong = w.shape[axis]
        if wrong in [taps.shape[2] for taps, _fields in found]:
            continue
        fields = {"axis": "kernel.shape[{}]".format(axis), "name": name, "wrong": wrong,
                  "size": size, "long": in_len - wrong + 1}
        if wrong < size:
            found.append((w[:, :, :wrong], fields))
        elif wrong == in_len + 1:
            found.append((np.zeros((out_ch, in_ch, wrong)), fields))
    return found


TASK = Task(
    name="convolve", function="apply_convolution",
    lines=(Line("data", "InLen x InChannels"),
           Line("kernel", "OutChannels x InChannels x KernelSize"),
           Line("bias", "OutChannels")),
    answer_axes=("OutLen", "OutChannels"),
    description="Forward pass of a 1-D convolution, as PyTorch's conv1d computes it (no "
                "kernel flip).",
    usage=USAGE, add_arguments=conv_cases.conv_arguments("P,OC"), work=work,
    answer=answer, reference=reference_answer,
    strategy=lambda: conv_cases.strategy(make_case), sizes=conv_cases.sizes,
    tolerance=conv_cases.tolerance(apply_convolution), slips=slips, hints=HINTS,
    variants=conv_cases.variants(make_case),
    picture=lambda case: conv_cases.draw_case(TASK, case),
    reading=("line Y[p]: tap k reads the row marked kK, Xpad[p*{s} + k*{d}]; Y[p] = b + sum"
             " over k of Xpad[p*{s} + k*{d}] * W[:, :, k]", "Y does not depend on them"))
