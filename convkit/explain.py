"""--explain and --at for the conv commands: the shapes, OutLen with the numbers put in,
and one element of the answer worked out term by term, on stderr."""
from convkit.geometry import conv_geometry, out_len_formula
from convkit.program import FlagError, to_stderr

MOST_TERMS = 40  # a worked element with more terms shows its first 35 and last 5


def explain_shapes(x_shape, w_shape, stride, padding, dilation):
    """--explain's first lines: the shapes, span and OutLen with the numbers put in."""
    left, right, out_len = conv_geometry(x_shape[0], w_shape[2], stride, padding, dilation)
    return [
        "X: InLen {} x InChannels {}; W: OutChannels {} x InChannels {} x KernelSize {}"
        .format(*(tuple(x_shape) + tuple(w_shape))),
        "span = dilation*(KernelSize-1) + 1 = {}*({}-1) + 1 = {}".format(
            dilation, w_shape[2], dilation * (w_shape[2] - 1) + 1),
        out_len_formula(x_shape[0], w_shape[2], stride, left, right, dilation),
        "Xpad = X with {} zero rows before and {} after{}".format(left, right, (
            " (padding 'same': span-1 zeros, the odd one after)" if padding == "same" else ""))
        if left or right else "Xpad = X (no padding)"]


def padded_input(x, row, ic, left):
    """Xpad[row, ic] named for --explain, and its value: X[row-left, ic], or a pad zero."""
    if 0 <= row - left < len(x):
        return "Xpad[{},{}]=X[{},{}]".format(row, ic, row - left, ic), float(x[row - left, ic])
    return "Xpad[{},{}]=pad".format(row, ic), 0.0


def show_work(lines, terms, total):
    """Write --explain's lines, the worked element's terms (its first and last ones when
    there are more than MOST_TERMS) and its value to stderr."""
    if len(terms) > MOST_TERMS:
        terms = terms[:MOST_TERMS - 5] + ["... {} more terms ...".format(
            len(terms) - MOST_TERMS)] + terms[-5:]
    to_stderr("\n".join(lines + terms + ["= {!r}".format(float(total))]) + "\n")


def check_index(at, shape):
    """--at must name one element of the answer as it is printed."""
    text = ",".join(str(i) for i in at)
    if len(at) != len(shape):
        raise FlagError("argument --at: expected {} ind{} for an answer of shape {}, got {}"
                        .format(len(shape), "ices" if len(shape) > 1 else "ex", shape, text))
    if not all(i < n for i, n in zip(at, shape, strict=True)):
        raise FlagError("argument --at: {} is outside the answer, whose shape is {}".format(
            text, shape))


def element_to_explain(args, shape):
    """The index --explain works out (--at's, or the first element), checked against the
    answer's shape; None when neither --explain nor --at was given."""
    if not args.explain and args.at is None:
        return None
    at = args.at or (0,) * len(shape)
    check_index(at, shape)
    return at
