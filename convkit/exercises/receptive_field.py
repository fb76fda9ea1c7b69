"""receptive_field: how many input positions feed one output of a stack of 1-D convs."""
import collections
import random

from convkit import reference
from convkit.field import LayerInfo, calculate_receptive_field, fields_and_jumps
from convkit.i18n import N_
from convkit.program import to_stderr
from convkit.svg import svg_path, write_svg
from convkit.task import Line, Task

USAGE = """\
stdin, one Python list literal per line (blank lines are skipped):
  1  kernel sizes  Layers    (integers >= 1, first layer first)
  2  dilations     Layers    (integers >= 1; 1 is a dense convolution)
  3  strides       Layers    (optional: all 1; read only as the last line)
stdout: R = 1 + sum_i (kernel_i - 1) * dilation_i * prod_{j<i} stride_j, one integer.

  convkit receptive_field [--explain] [--draw] < input   (both show the work on stderr)
  convkit receptive_field --svg FILE < input   (the --draw picture as an SVG image)

The same formula as plain loops, nothing vectorised: convkit/reference.py."""
MOST_DIGITS = 4300  # Python 3.11+ prints no longer int; the same limit on every version
EXPLAIN_ROWS = 40  # --explain shows the first and last 20 layers of a deeper stack
MAX_LAYERS = 8  # in a random case


def add_arguments(parser):
    parser.add_argument("--explain", action="store_true", help="a table of the layers")
    parser.add_argument("--draw", action="store_true", help="a picture of the stack")
    parser.add_argument("--svg", type=svg_path, metavar="FILE", help="the picture as an SVG")


def work(command, args):
    """Read kernel sizes, dilations and the optional strides, print R; --explain, --draw,
    --svg."""
    kernels = read_sizes(command, "kernel sizes")
    dilations = read_sizes(command, "dilations")
    strides = read_sizes(command, "strides", last=True) or [1] * len(kernels)
    where = command.input.where("strides")
    check_digits(strides, where)
    layers = [LayerInfo(k, d, s) for k, d, s in zip(kernels, dilations, strides)]
    result = calculate_receptive_field(layers)
    if result >= 10 ** MOST_DIGITS:
        raise ValueError("{}: {}".format(where, too_many_digits("R")))
    if args.svg is not None or args.draw:  # imported for a picture only: start-up
        from convkit import stack_picture
    if args.svg is not None:  # first: a file that cannot be written stops all output
        write_svg(args.svg, stack_picture.stack_svg(layers))
    if args.explain:
        explain(layers)
    if args.draw:
        stack_picture.draw(layers)
    print(result)
    command.warn_of_more_lines("receptive_field reads 2 lines: kernel sizes, dilations (and "
                               "strides, when they are the last line)")


def read_sizes(command, name, last=False):
    """A line of Layers integers from 1 to 2**53, as Python ints: read exactly, so that
    9007199254740993 is not taken for the float 9007199254740992. last: the optional
    strides line, read only when it is the last one."""
    stdin = command.input
    if last:
        sizes = stdin.read_last_line(name, ("Layers",), exact=True)
    else:
        sizes = stdin.read_array(name, ("Layers",), exact=True)
    for size in sizes or ():
        exact = isinstance(size, int) or size < 2 ** 53  # a float from 2**53 on was rounded
        if not exact or size != int(size) or not 1 <= size <= 2 ** 53:
            raise ValueError("{}: expected integers from 1 to 2**53, got {!r}{}".format(
                stdin.where(name), size, "" if exact else ", a float that may have been"
                " rounded: write the integer"))
    return sizes and [int(size) for size in sizes]


def check_digits(strides, where):
    """The products of the strides below each layer (--explain prints them) must have at
    most MOST_DIGITS digits; stop multiplying as soon as one would not."""
    jump, limit = 1, 10 ** MOST_DIGITS
    for stride in strides[:-1]:
        jump *= stride
        if jump >= limit:
            raise ValueError("{}: {}".format(where, too_many_digits("their product")))


def too_many_digits(what):
    return "{} has more than {} digits, more than Python prints".format(what, MOST_DIGITS)


def explain(layers):
    """One row per layer with the formula's running sum, on stderr; past EXPLAIN_ROWS
    layers, the first and last EXPLAIN_ROWS // 2 of them."""
    field, jump = fields_and_jumps(layers)
    rows = ["layer  kernel  dilation  stride  jump  receptive field after the layer"]
    half = EXPLAIN_ROWS // 2
    shown = range(len(layers)) if len(layers) <= EXPLAIN_ROWS else list(range(half)) + [
        None] + list(range(len(layers) - half, len(layers)))
    for i in shown:
        if i is None:
            rows.append("  ...  {} layers not shown".format(len(layers) - 2 * half))
            continue
        layer = layers[i]
        rows.append("{:>5}  {:>6}  {:>8}  {:>6}  {:>4}  {} + ({}-1)*{}*{} = {}".format(
            i + 1, layer.kernel_size, layer.dilation, layer.stride, jump[i],
            field[i], layer.kernel_size, layer.dilation, jump[i], field[i + 1]))
    rows.append("jump = product of the strides below the layer; R = {}".format(field[-1]))
    to_stderr("\n".join(rows) + "\n")


# ---- the checker's side: cases, answers, mistakes

def make_case(kernels, dilations):
    return {"kernel sizes": kernels, "dilations": dilations}


def layers_of(case):
    return [LayerInfo(k, d)
            for k, d in zip(case["kernel sizes"], case["dilations"], strict=True)]


def answer(case):
    return "{}\n".format(calculate_receptive_field(layers_of(case)))


def reference_answer(case):
    return reference.receptive_field(case["kernel sizes"], case["dilations"])


def strategy():
    """Random stacks of 1 to MAX_LAYERS layers: kernel sizes 1 to 25, odd (the statement's
    examples) and even (a centred kernel's arithmetic, k // 2 taps each side, is wrong only
    there), dilations 1 to 40. The classes of COVERAGE come first, whatever the seed."""
    from hypothesis import strategies as st
    layer = st.tuples(st.integers(1, 25), st.integers(1, 40))  # (kernel size, dilation)
    return st.lists(layer, min_size=1, max_size=MAX_LAYERS).map(
        lambda layers: make_case([kernel for kernel, _ in layers],
                                 [dilation for _, dilation in layers]))


class Cover(collections.namedtuple("Cover", ("name", "layers", "kernels", "dilations",
                                             "why"))):
    """One class of stacks, as data: Layers from `layers`; layer i's kernel size from
    kernels[i % len(kernels)] and its dilation from dilations[i % len(dilations)] (each a
    range or tuple); `why`: the learner's mistake that shows on this class only."""
    __slots__ = ()


ANY_KERNEL, ODD, EVEN, DILATED = range(1, 26), range(3, 26, 2), range(2, 26, 2), range(2, 41)
BIG = range(2 ** 27, 2 ** 30 + 1)  # (k - 1) * d from 2**54: R past 2**53, below 2**62
# The classes of stacks that random cases start with, one each (stress.generate).
COVERAGE = (
    Cover("one layer, kernel 1", (1,), ((1,),), (range(1, 41),),
          "R = 1: a loop that starts from 0, or adds k * d - 1"),
    Cover("one layer, kernel > 1", (1,), (range(2, 26),), (range(1, 41),),
          "one layer alone sees k inputs"),
    Cover("many layers", range(5, MAX_LAYERS + 1), (ANY_KERNEL,), (range(1, 41),),
          "a stack that keeps only the first or last layer"),
    Cover("kernel 2", range(1, 4), ((2,),), (range(1, 41),),
          "the smallest even kernel: k // 2 * 2 is 2, not 1"),
    Cover("even kernels >= 4", range(1, 5), ((4, 6, 8, 10, 24),), (range(1, 41),),
          "centred-kernel arithmetic, (k // 2) * 2 * d, right for odd k only"),
    Cover("odd kernels >= 3", range(1, 5), (ODD,), (range(1, 41),),
          "the statement's kernels"),
    Cover("even and odd kernels, dilated", range(3, MAX_LAYERS + 1), (EVEN, ODD, (1,)),
          (DILATED,), "a mix: each layer's own (k - 1) * d"),
    Cover("dilation 1 everywhere", range(2, 6), (ANY_KERNEL,), ((1,),),
          "a dense stack: the dilation ignored goes unseen"),
    Cover("dilation > 1 everywhere", range(2, 6), (ANY_KERNEL,), (DILATED,),
          "the dilation ignored, or added in place of multiplied"),
    Cover("kernel 1, dilation > 1", range(2, 5), ((1,), range(2, 26)), (DILATED,),
          "a 1-tap layer adds nothing, whatever its dilation: k * d - 1 adds d - 1"),
    Cover("R past 2**53", range(1, 4), (BIG,), (BIG,),
          "float arithmetic: R past 2**53 is not exact as a float"),
)


def first_cases(seed):
    """[(class name, case)]: a case of each class of COVERAGE for the seed."""
    found = []
    for entry in COVERAGE:
        rng = random.Random("{}/{}".format(seed, entry.name))
        count = rng.choice(entry.layers)
        found.append((entry.name, make_case(
            [rng.choice(entry.kernels[i % len(entry.kernels)]) for i in range(count)],
            [rng.choice(entry.dilations[i % len(entry.dilations)]) for i in range(count)])))
    return found


HINTS = {  # N_: translated where shown (diagnose.slip_hints)
    "no-dilation": N_(
        "This is the receptive field without dilation, 1 + sum(kernel_size - 1) = {value}: "
        "each layer adds (kernel_size - 1) * dilation."),
    "off-by-one": N_(
        "Your receptive field is one off ({got} for {value}): one layer of kernel size k "
        "alone sees k inputs, and each layer adds (k - 1) * dilation: rf = 1 + sum((k - 1) "
        "* d)."),
    "even-kernel": N_(
        "Your receptive field is {got}, not {value}: an even kernel size is counted as "
        "2 * (k // 2) taps wide, one more than it has. A layer of k taps adds (k - 1) * "
        "dilation whether k is odd or even: rf = 1 + sum((k - 1) * d)."),
}


def slips(case):
    kernels = case["kernel sizes"]
    dense = reference.receptive_field(kernels, [1] * len(kernels))
    right = reference_answer(case)
    centred = 1 + sum(2 * (k // 2) * d for k, d in zip(kernels, case["dilations"]))
    return [("no-dilation", dense, {"value": dense}),
            ("even-kernel", centred, {"got": centred, "value": right}),
            ("off-by-one", right + 1, {"got": right + 1, "value": right}),
            ("off-by-one", right - 1, {"got": right - 1, "value": right})]


def variants(case, fails):
    """Simpler stacks: a layer fewer, then smaller kernels and dilations, layer by layer."""
    kernels, dilations = case["kernel sizes"], case["dilations"]
    if len(kernels) > 1:
        for layer in range(len(kernels)):
            yield make_case(kernels[:layer] + kernels[layer + 1:],
                            dilations[:layer] + dilations[layer + 1:])
    for layer in range(len(kernels)):
        for k in (1, 3):
            if kernels[layer] > k:
                yield make_case(kernels[:layer] + [k] + kernels[layer + 1:], dilations)
        for d in (1, 2):
            if dilations[layer] > d:
                yield make_case(kernels, dilations[:layer] + [d] + dilations[layer + 1:])
        if kernels[layer] > 3:
            yield make_case(kernels[:layer] + [kernels[layer] - 2] + kernels[layer + 1:],
                            dilations)
        if dilations[layer] > 2:
            yield make_case(kernels, dilations[:layer] + [dilations[layer] - 1]
                            + dilations[layer + 1:])


def picture(layers):
    """The --draw text of a stack."""
    from convkit import stack_picture
    return stack_picture.picture_text(layers)


TASK = Task(
    name="receptive_field", function="calculate_receptive_field",
    lines=(Line("kernel sizes", "Layers"), Line("dilations", "Layers")),
    answer_axes=(),
    description="Receptive field of a stack of 1-D convolutions: how many input positions "
                "feed one output.",
    usage=USAGE, add_arguments=add_arguments, work=work, answer=answer,
    reference=reference_answer, strategy=strategy,
    sizes=lambda case: [("Layers", len(case["kernel sizes"]))],
    tolerance=lambda case: (0.0, 0.0), slips=slips, hints=HINTS, variants=variants,
    picture=lambda case: picture(layers_of(case)))

