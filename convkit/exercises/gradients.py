"""What the two gradient exercises share: their stdin (x, y, kernel, bias and an optional
upstream gradient G), their cases (y is the true forward result) and the mistakes a
gradient can make."""
import numpy as np

from convkit.conv import apply_convolution
from convkit.exercises import conv_cases, convolve
from convkit.explain import element_to_explain
from convkit.i18n import N_, _
from convkit.program import to_stderr, write_array
from convkit.task import Line, Task

USAGE = """\
stdin, one Python list literal per line (blank lines are skipped):
  1  x       InLen x InChannels
  2  y       OutLen x OutChannels    (the forward result: only its shape is used)
  3  kernel  OutChannels x InChannels x KernelSize
  4  bias    OutChannels
  5  G       OutLen x OutChannels    (optional upstream gradient dL/dY; all ones = d sum(Y);
                                      read only as the last line)
stdout: {answer}, on one line as repr(list).

  convkit {name} [--stride S] [--padding P|valid|same] [--dilation D] < input
  convkit {name} --explain [--at {at}] < input   (shows the work on stderr)
  convkit {name} --draw [--svg FILE] < input   (the taps over Xpad: stderr, an SVG)

The same formula as plain loops, nothing vectorised: convkit/reference.py."""
READS = "reads 4 lines: x, y, kernel, bias (and G, when it is the last line)"


def read_input(command, args):
    """x, y, kernel, bias and the optional G, checked against each other and against the
    flags; also the geometry (left, right, OutLen)."""
    conv_cases.check_geometry_flags(args)
    stdin = command.input
    x = stdin.read_array("x", ("InLen x InChannels",))
    y = stdin.read_array("y", ("OutLen x OutChannels",))
    y_line = stdin.where("y")
    kernel = stdin.read_array("kernel", ("OutChannels x InChannels x KernelSize",))
    kernel_line = stdin.where("kernel")
    bias = stdin.read_array("bias", ("OutChannels",))
    g = stdin.read_last_line("G", ("OutLen x OutChannels",))
    geometry = conv_cases.geometry(args, len(x), kernel.shape[2], kernel_line)
    if len(y) != geometry[2]:
        raise ValueError("{}: OutLen is {} here but x and kernel give {}".format(
            y_line, len(y), geometry[2]))
    return x, y, kernel, bias, g, geometry


def show(command, args, task, x, kernel, grad, explain):
    """After the gradient: --svg, --explain of one element (explain(at)) and --draw, then
    the answer, then a warning about lines past the graded ones."""
    at = element_to_explain(args, grad.shape)
    drawing = conv_cases.drawing(args, len(x), kernel.shape[2], task)  # writes --svg; --draw's text
    if at is not None:
        explain(at)
    to_stderr(drawing)
    write_array(grad)
    command.warn_of_more_lines("{} {}".format(task.name, READS))


def make_case(x, kernel, bias):
    """A gradient case from its x, kernel and bias lines, with y the forward result: ints
    when every input is an integer (the forward result is then exact), else floats."""
    y = apply_convolution(*(np.array(line, dtype=float) for line in (x, kernel, bias)))
    if all(conv_cases.all_ints(line) for line in (x, kernel, bias)):
        y = [[int(round(value)) for value in row] for row in y.tolist()]
    else:
        y = y.tolist()
    return {"x": x, "y": y, "kernel": kernel, "bias": bias}


def of_sum(gradient):
    """gradient(x, kernel, bias): the package's gradient of sum(Y), as the checker asks it
    of a case (y is not used)."""
    return lambda x, kernel, bias: gradient(x, None, kernel, bias)


def case_answer(gradient):
    """answer(case) for a gradient exercise: the package's gradient of sum(Y), printed."""
    def answer(case):
        return repr(of_sum(gradient)(*conv_cases.arrays(case)).tolist()) + "\n"
    return answer


def reference_answer(loops):
    """reference(case) for a gradient exercise: the plain-loop gradient of sum(Y)."""
    def case_reference(case):
        x, kernel, _ = conv_cases.arrays(case)
        return loops(x, kernel).tolist()
    return case_reference


HINTS = {  # N_: translated where shown (diagnose.slip_hints)
    "flipped-kernel": N_(
        "This is the gradient of a true convolution: your kernel is flipped. The lesson's "
        "convolution, like PyTorch's conv1d, is cross-correlation: Y[p] = sum_k X[p+k] W[k], "
        "no flip, and its gradient keeps the taps in that order."),
    "out-len-short": N_(
        "Your gradient leaves out the last window: there are OutLen = InLen - KernelSize + 1 "
        "= {out_len} output positions, p = 0 .. {last}, and you sum {short} of them."),
    "channel-missing": N_(
        "Your gradient leaves out the last output channel, oc = {last}: sum(Y) adds every "
        "output channel, oc = 0 .. {last} (OutChannels = {out_ch})."),
    "transposed": N_(
        "Your answer is transposed: you print {got_axes}, the answer is {want_axes}."),
    "kernel-axes-swapped": N_(
        "Your gradient has the kernel's first two axes the other way round: it must be "
        "OutChannels x InChannels x KernelSize, like the kernel."),
    "mean-not-sum": N_(
        "This is the gradient of a mean, not of the sum of Y: your answer is the right one "
        "divided by {divisor} ({what}). The exercise's Y is summed: dL/dY = 1 everywhere."),
    "y-as-upstream": N_(
        "You used y's values as dL/dY. The y line is Y itself (its shape is what code may "
        "need); the loss is sum(Y), so dL/dY = 1 everywhere."),
    "im2col-order": N_(
        "Your windows and your kernel are flattened in different orders: a window "
        "X[p:p+K] is KernelSize x InChannels, so window.reshape(-1) runs tap by tap (k, ic), "
        "while W[oc] and its gradient are InChannels x KernelSize, channel by channel "
        "(ic, k); {which} Flatten both the same way: window.T.reshape(-1) goes with "
        "W[oc].reshape(-1)."),
    "kernel-size-axis": N_(
        "You took the kernel size from the kernel's axis {axis} ({name} = {wrong}), not its "
        "last axis: KernelSize = kernel.shape[2] = {size}. With {wrong} taps your gradient "
        "sums over OutLen = InLen - {wrong} + 1 = {long} windows of {wrong} rows, not "
        "{out_len} of {size}."),
}


def slips(case, gradient):
    """The mistakes both gradients can make, [(mistake, the answer with it, fields)], each
    computed by the plain-loop reference gradient(x, kernel, g)."""
    x, w, _bias = conv_cases.arrays(case)
    out_ch = len(w)
    out_len = len(x) - w.shape[2] + 1
    right = gradient(x, w)
    short = np.ones((out_len, out_ch))  # G = 1 but for the last window: it is left out
    short[-1] = 0
    narrow = np.ones((out_len, out_ch))  # G = 1 but for the last output channel
    narrow[:, -1] = 0
    if out_ch > 1:  # a mean of Y, or a mean over the positions only: they differ
        means = [(out_len * out_ch, _("the size of Y, OutLen x OutChannels: the mean of Y")),
                 (out_len, _("OutLen: the mean over the output positions"))]
    else:  # one output channel: the same divisor, so either
        means = [(out_len, _("OutLen, with one output channel also the size of Y: the mean "
                             "of Y, or over the output positions"))]
    return [
        ("channel-missing", gradient(x, w, narrow), {"out_ch": out_ch, "last": out_ch - 1})] + [
        ("mean-not-sum", right / divisor, {"divisor": divisor, "what": what})
        for divisor, what in means] + [
        ("out-len-short", gradient(x, w, short), {  # all zeros at OutLen 1
            "out_len": out_len, "last": out_len - 1, "short": out_len - 1}),
        ("y-as-upstream", gradient(x, w, np.array(case["y"], dtype=float)), {})] + [
        ("kernel-size-axis", gradient(x, taps), dict(fields, out_len=out_len))
        for taps, fields in convolve.kernel_size_axes(w, len(x))]


def gradient_task(name, function, wrt, answer_axes, answer, at, work, gradient, loops,
                  slips, reading):
    """The Task record of a gradient exercise, with respect to wrt ("kernel", "input"):
    the same lines, cases and shrinking for both; gradient is the package's function,
    loops the plain-loop reference's."""
    description = "Gradient of a 1-D convolution's output with respect to its {} (PyTorch's" \
        " conv1d).".format(wrt)
    task = Task(
        name=name, function=function,
        lines=(Line("x", "InLen x InChannels"), Line("y", "OutLen x OutChannels", False),
               Line("kernel", "OutChannels x InChannels x KernelSize"),
               Line("bias", "OutChannels")),
        answer_axes=answer_axes, description=description,
        usage=USAGE.format(name=name, at=at, answer=answer),
        add_arguments=conv_cases.conv_arguments(at), work=work,
        answer=case_answer(gradient), reference=reference_answer(loops),
        strategy=lambda: conv_cases.strategy(make_case), sizes=conv_cases.sizes,
        tolerance=conv_cases.tolerance(of_sum(gradient)), slips=slips, hints=HINTS,
        variants=conv_cases.variants(make_case),
        picture=lambda case: conv_cases.draw_case(task, case), reading=reading)
    return task
