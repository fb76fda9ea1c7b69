"""input_grad: d sum(Y) / d x, or dL/dx for an upstream gradient G."""
from convkit import reference
from convkit.conv import calculate_conv_x_grad
from convkit.conv_picture import draw_conv
from convkit.exercises import conv_cases, gradients
from convkit.explain import element_to_explain, explain_shapes, show_work
from convkit.geometry import conv_geometry
from convkit.program import check_finite, to_stderr, write_array
from convkit.task import Line, Task


def work(command, args):
    """Read x, y, kernel, bias and the optional G, print dX; --explain, --draw, --svg."""
    x, y, kernel, bias, g, (left, right, out_len) = gradients.read_input(command, args)
    rows, span = len(x) + left + right, args.dilation * (kernel.shape[2] - 1) + 1
    in_ch, out_ch = x.shape[1], kernel.shape[0]
    if args.stride > 1:
        arrays = [("dXpad", (rows, in_ch))]
    elif g is None:
        arrays = [("taps", (span, in_ch)), ("dXpad", (rows, in_ch))] + (
            [("window sums (4 temporaries)", (4 * span, in_ch))] if out_len <= span else [])
    else:
        arrays = [("Gpad", (rows + span - 1, out_ch)), ("dX", (len(x), in_ch))]
    command.check_memory(arrays, x.size)
    grad = calculate_conv_x_grad(x, y, kernel, bias, args.stride, args.padding,
                                 args.dilation, grad_output=g)
    check_finite(grad, "dX", "lines 1-{} (kernel{})".format(command.input.lines_read,
                                                            "" if g is None else ", G"))
    at = element_to_explain(args, grad.shape)
    drawing = draw_conv(args, len(x), kernel.shape[2], TASK)  # writes --svg; --draw's text
    if at is not None:
        explain(x, kernel, g, grad, at, args.stride, args.padding, args.dilation)
    to_stderr(drawing)
    write_array(grad)
    command.warn_of_more_lines("input_grad " + gradients.READS)


def explain(x, w, g, grad, at, stride, padding, dilation):
    """The shapes, OutLen with its numbers, and dX[at] worked out term by term, on stderr."""
    j, ic = at
    left, right, out_len = conv_geometry(len(x), w.shape[2], stride, padding, dilation)
    lines = explain_shapes(x.shape, w.shape, stride, padding, dilation) + [
        "dX[{j},{ic}] = sum over oc and (p, k) with p*{s} + k*{d} = {j} + {l} of G[p,oc] *"
        " W[oc,{ic},k]: the outputs p that X[{j}] (Xpad[{jl}]) feeds through tap k;"
        " G = {g}".format(j=j, ic=ic, s=stride, d=dilation, l=left, jl=j + left,
                          g="all ones, the gradient of sum(Y)" if g is None else "line 5")]
    terms = []
    for p in range(out_len):
        k, rest = divmod(j + left - p * stride, dilation)
        if rest or not 0 <= k < w.shape[2]:
            continue  # output p does not see input row j
        for oc in range(w.shape[0]):
            terms.append("+ W[{},{},{}] (for Y[{},{}]) = {!r}".format(
                oc, ic, k, p, oc, float(w[oc, ic, k])) if g is None else
                "+ G[{},{}] * W[{},{},{}] = {!r} * {!r}".format(
                    p, oc, oc, ic, k, float(g[p, oc]), float(w[oc, ic, k])))
    show_work(lines, terms, grad[j, ic])


# ---- the checker's side: cases, answers, mistakes

def answer(case):
    x, kernel, bias = conv_cases.arrays(case)
    return repr(calculate_conv_x_grad(x, None, kernel, bias).tolist()) + "\n"


def reference_answer(case):
    x, kernel, _ = conv_cases.arrays(case)
    return reference.input_grad(x, kernel).tolist()


def slips(case):
    x, w, _ = conv_cases.arrays(case)
    in_len, in_ch = x.shape
    return gradients.slips(case, reference.input_grad) + [
        ("flipped-kernel", reference.input_grad(x, w[:, :, ::-1]), {}),
        ("transposed", reference.input_grad(x, w).T, {
            "got_axes": "InChannels x InLen = {} x {}".format(in_ch, in_len),
            "want_axes": "InLen x InChannels = {} x {}".format(in_len, in_ch)})]


TASK = Task(
    name="input_grad", function="calculate_conv_x_grad",
    lines=(Line("x", "InLen x InChannels"), Line("y", "OutLen x OutChannels", False),
           Line("kernel", "OutChannels x InChannels x KernelSize"),
           Line("bias", "OutChannels")),
    answer_axes=("InLen", "InChannels"),
    description="Gradient of a 1-D convolution's output with respect to its input "
                "(PyTorch's conv1d).",
    usage=gradients.USAGE.format(name="input_grad", at="J,IC",
                                 answer="dL/dx, InLen x InChannels"),
    add_arguments=conv_cases.conv_arguments("J,IC"), work=work,
    answer=answer, reference=reference_answer,
    strategy=lambda: conv_cases.strategy(gradients.make_case), sizes=conv_cases.sizes,
    tolerance=conv_cases.tolerance(
        lambda x, kernel, bias: calculate_conv_x_grad(x, None, kernel, bias)),
    slips=slips, hints=gradients.HINTS, variants=conv_cases.variants(gradients.make_case),
    picture=lambda case: conv_cases.draw_case(TASK, case),
    reading=("X row j's column holds the taps that add into dX[j]: dX[j] = sum over its"
             " marks kK, in lines Y[p], of G[p] * W[:, :, k] (G = 1 without line 5)",
             "dX is 0 there"))
