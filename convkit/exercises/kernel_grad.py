"""kernel_grad: d sum(Y) / d kernel, or dL/dkernel for an upstream gradient G."""
from convkit import reference
from convkit.conv import calculate_kernel_grad
from convkit.exercises import conv_cases, convolve, gradients
from convkit.explain import explain_shapes, padded_input, show_work
from convkit.geometry import conv_geometry
from convkit.i18n import _
from convkit.program import check_finite


def work(command, args):
    """Read x, y, kernel, bias and the optional G, print dK; --explain, --draw, --svg."""
    x, y, kernel, bias, g, (left, right, out_len) = gradients.read_input(command, args)
    rows = len(x) + left + right  # of Xpad
    command.check_memory(([("Xpad", (rows, x.shape[1]))] if left or right else []) + (
        [("window sums (4 temporaries)", (4 * (rows // args.stride + 1), x.shape[1]))]
        if g is None else []), kernel.size)
    grad = calculate_kernel_grad(x, y, kernel, bias, args.stride, args.padding,
                                 args.dilation, grad_output=g)
    check_finite(grad, "dK", "lines 1-{} (x{})".format(command.input.lines_read,
                                                       "" if g is None else ", G"))
    gradients.show(command, args, TASK, x, kernel, grad,
                   lambda at: explain(x, g, grad, at, args.stride, args.padding, args.dilation))


def explain(x, g, grad, at, stride, padding, dilation):
    """The shapes, OutLen with its numbers, and dK[at] worked out term by term, on stderr."""
    oc, ic, k = at
    left, right, out_len = conv_geometry(len(x), grad.shape[2], stride, padding, dilation)
    lines = explain_shapes(x.shape, grad.shape, stride, padding, dilation) + [
        "dK[{oc},{ic},{k}] = sum over p of G[p,{oc}] * Xpad[p*{s} + {k}*{d}, {ic}]: the inputs"
        " that tap {k} meets; G = {g}".format(
            oc=oc, ic=ic, k=k, s=stride, d=dilation,
            g="all ones, the gradient of sum(Y)" if g is None else "line 5")]
    terms = []
    for p in range(out_len):
        name, value = padded_input(x, p * stride + k * dilation, ic, left)
        terms.append("+ {} = {!r}".format(name, value) if g is None else
                     "+ G[{},{}] * {} = {!r} * {!r}".format(p, oc, name, float(g[p, oc]), value))
    show_work(lines, terms, grad[oc, ic, k])


# ---- the checker's side: cases, answers, mistakes

# The classes of inputs that random cases start with, one each (stress.generate): the conv
# exercises' own, and an answer negative everywhere (x < 0: dK = sums of x).
COVERAGE = conv_cases.COVERAGE + (
    conv_cases.cover("negative answer", "a ReLU or abs() applied to the answer",
                     styles=("negative", None, None)),)


def first_cases(seed):
    """[(class name, case)]: a case of each class of COVERAGE for the seed."""
    return conv_cases.cover_cases(COVERAGE, seed, gradients.make_case)


def slips(case):
    x, w, _bias = conv_cases.arrays(case)
    out_ch, in_ch, size = w.shape
    right = reference.kernel_grad(x, w)
    return gradients.slips(case, reference.kernel_grad) + [
        ("flipped-kernel", right[:, :, ::-1], {}),
        ("kernel-axes-swapped", right.transpose(1, 0, 2), {}),
        ("transposed", right.transpose(0, 2, 1), {
            "got_axes": "OutChannels x KernelSize x InChannels = {} x {} x {}".format(
                out_ch, size, in_ch),
            "want_axes": "OutChannels x InChannels x KernelSize = {} x {} x {}".format(
                out_ch, in_ch, size)})] + [
        ("im2col-order", wrong, {"which": _("the sum of the windows, in (k, ic) order, is "
                                            "reshaped as if it were in (ic, k) order.")})
        for wrong in convolve.im2col_kernels(right)]


TASK = gradients.gradient_task(
    name="kernel_grad", function="calculate_kernel_grad", wrt="kernel",
    answer_axes=("OutChannels", "InChannels", "KernelSize"),
    answer="dL/dkernel, OutChannels x InChannels x KernelSize", at="OC,IC,K", work=work,
    gradient=calculate_kernel_grad, loops=reference.kernel_grad, slips=slips,
    reading=("tap k's inputs are the rows marked kK, one in each line Y[p]: dK[:, :, k]"
             " = sum over p of G[p] * Xpad[p*{s} + k*{d}] (G = 1 for sum(Y), else the G line's)",
             "no term of dK holds them"))
