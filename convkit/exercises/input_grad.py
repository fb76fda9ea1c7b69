"""input_grad: d sum(Y) / d x, or dL/dx for an upstream gradient G."""
from convkit import reference
from convkit.conv import calculate_conv_x_grad
from convkit.exercises import conv_cases, convolve, gradients
from convkit.explain import explain_shapes, show_work
from convkit.geometry import conv_geometry
from convkit.i18n import _
from convkit.program import check_finite


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
    gradients.show(command, args, TASK, x, kernel, grad,
                   lambda at: explain(x, kernel, g, grad, at, args.stride, args.padding,
                                       args.dilation))


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

# The classes of inputs that random cases start with, one each (stress.generate): the conv
# exercises' own, and an answer negative everywhere (kernel < 0: dX = sums of taps).
COVERAGE = conv_cases.COVERAGE + (
    conv_cases.cover("negative answer", "a ReLU or abs() applied to the answer",
                     styles=(None, "negative", None)),)


def first_cases(seed):
    """[(class name, case)]: a case of each class of COVERAGE for the seed."""
    return conv_cases.cover_cases(COVERAGE, seed, gradients.make_case)


def slips(case):
    x, w, _bias = conv_cases.arrays(case)
    in_len, in_ch = x.shape
    return gradients.slips(case, reference.input_grad) + [
        ("flipped-kernel", reference.input_grad(x, w[:, :, ::-1]), {}),
        ("transposed", reference.input_grad(x, w).T, {
            "got_axes": "InChannels x InLen = {} x {}".format(in_ch, in_len),
            "want_axes": "InLen x InChannels = {} x {}".format(in_len, in_ch)})] + [
        ("im2col-order", reference.input_grad(x, wrong), {
            "which": _("the flat gradient of a window, sum over oc of W[oc] in (ic, k) "
                       "order, is added back into X[p:p+K] as if it were in (k, ic) order.")})
        for wrong in convolve.im2col_kernels(w)]


TASK = gradients.gradient_task(
    name="input_grad", function="calculate_conv_x_grad", wrt="input",
    answer_axes=("InLen", "InChannels"),
    answer="dL/dx, InLen x InChannels", at="J,IC", work=work, gradient=calculate_conv_x_grad,
    loops=reference.input_grad, slips=slips,
    reading=("X row j's column holds the taps that add into dX[j]: dX[j] = sum over its"
             " marks kK, in lines Y[p], of G[p] * W[:, :, k] (G = 1 for sum(Y), else the G line's)",
             "dX is 0 there"))
