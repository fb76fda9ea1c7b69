"""conv_arith: the lesson's arithmetic quizzes about 1-D convolutions, one integer per
question.

  convkit conv_arith params IN_CHANNELS OUT_CHANNELS KERNEL_SIZE [--no-bias]
  convkit conv_arith out-length IN_LEN KERNEL_SIZE [--stride S] [--padding P] [--dilation D]
  convkit conv_arith layers WIDTH KERNEL_SIZE [--dilated]
Add --explain for the formula with the numbers put in, on stderr. Every number is an
integer from 1 (0 for padding) to 10**18.
"""
from convkit.program import to_stderr

DESCRIPTION = "The lesson's arithmetic quizzes about 1-D convolutions, one integer per question."


def count_params(in_channels, out_channels, kernel_size, bias=True):
    """Weights OutChannels x InChannels x KernelSize, plus OutChannels biases."""
    return out_channels * in_channels * kernel_size + (out_channels if bias else 0)


def out_length(in_len, kernel_size, stride=1, padding=0, dilation=1):
    """PyTorch's L_out: OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1.

    padding may be 'valid' (0) or 'same' (stride 1 only; OutLen = InLen).
    """
    if padding == "same":
        return in_len
    padding = 0 if padding == "valid" else padding
    return (in_len + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


def layers_to_reach(width, kernel_size, dilated=False):
    """Fewest stacked layers whose receptive field covers `width` positions: to link
    words 1 and 30, width 30 (the distance between them is 29).

    Layer n (from 1) has dilation 1, or 2**(n-1) when dilated; the field after n layers
    is 1 + (KernelSize-1)*n dense, 1 + (KernelSize-1)*(2**n - 1) dilated.
    """
    if width <= 1:
        return 0
    if not dilated:
        return -(-(width - 1) // (kernel_size - 1))  # ceil((width-1) / (K-1))
    layers = 0
    while 1 + (kernel_size - 1) * (2 ** layers - 1) < width:
        layers += 1
    return layers


def explain_params(args, answer):
    return "OutChannels*InChannels*KernelSize{} = {}*{}*{}{} = {}".format(
        "" if args.no_bias else " + OutChannels", args.out_channels, args.in_channels,
        args.kernel_size, "" if args.no_bias else " + {}".format(args.out_channels), answer)


def explain_out_length(args, answer):
    padding = {"valid": 0, "same": None}.get(args.padding, args.padding)
    if padding is None:
        return "padding 'same' keeps the length: OutLen = InLen = {}".format(answer)
    return ("OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1"
            " = ({} + 2*{} - {}*({}-1) - 1) // {} + 1 = {}".format(
                args.in_len, padding, args.dilation, args.kernel_size, args.stride, answer))


def explain_layers(args, answer):
    k = args.kernel_size
    if args.dilated:
        def field(n):
            return 1 + (k - 1) * (2 ** n - 1)
        formula = "1 + (KernelSize-1)*(2^n - 1)"
    else:
        def field(n):
            return 1 + (k - 1) * n
        formula = "1 + (KernelSize-1)*n"
    text = "receptive field after n layers = {}: n = {} gives {} >= {}".format(
        formula, answer, field(answer), args.width)
    if answer:
        text += ", n = {} gives {} < {}".format(answer - 1, field(answer - 1), args.width)
    return text


def add_arguments(parser):
    """The questions, each a subcommand of its own with its --help."""
    def integer(least):
        def number(text):
            if len(text.strip()) > 20:  # read no more: int() of a long text is slow, and
                raise ValueError(text)  # Python 3.11+ refuses 4300 digits
            value = int(text)
            if not least <= value <= 10 ** 18:
                raise ValueError(text)
            return value
        number.__name__ = "integer from {} to 10**18".format(least)
        return number

    def padding(text):
        return text if text in ("valid", "same") else integer(0)(text)

    parser.epilog = "Each question has its own --help."
    questions = parser.add_subparsers(dest="question", metavar="{params,out-length,layers}")
    params = questions.add_parser(
        "params", help="how many numbers one conv layer learns: its weights and biases",
        description="OutChannels*InChannels*KernelSize weights, plus OutChannels biases.",
        allow_abbrev=False)
    params.add_argument("in_channels", type=integer(1), help="channels of its input")
    params.add_argument("out_channels", type=integer(1), help="channels it outputs")
    params.add_argument("kernel_size", type=integer(1), help="taps of its kernel")
    params.add_argument("--no-bias", action="store_true", help="a layer without biases")
    length = questions.add_parser(
        "out-length", help="the output's length, OutLen, as PyTorch's conv1d gives it",
        description="OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1",
        allow_abbrev=False)
    length.add_argument("in_len", type=integer(1), help="the input's length, InLen")
    length.add_argument("kernel_size", type=integer(1), help="taps of the kernel")
    length.add_argument("--stride", type=integer(1), default=1,
                        help="the step between outputs (default 1)")
    length.add_argument("--padding", type=padding, default=0, metavar="P|valid|same",
                        help="zeros on each side; 'same' keeps the length (default 0)")
    length.add_argument("--dilation", type=integer(1), default=1,
                        help="the step between taps; 1 is dense (default 1)")
    layers = questions.add_parser(
        "layers", help="fewest stacked layers whose receptive field spans WIDTH positions",
        description="Fewest layers, all of one kernel size, whose receptive field covers "
        "WIDTH positions: 1 + (KernelSize-1)*n >= WIDTH dense, "
        "1 + (KernelSize-1)*(2^n - 1) >= WIDTH with dilations 1, 2, 4, ...",
        allow_abbrev=False)
    layers.add_argument("width", type=integer(1), help="positions to span: to link words 1 "
                        "and 30, give 30 (not their distance, 29)")
    layers.add_argument("kernel_size", type=integer(2), help="taps of each layer's kernel")
    layers.add_argument("--dilated", action="store_true",
                        help="layer n has dilation 2^(n-1): 1, 2, 4, ...")
    for question in (params, length, layers):
        question.add_argument("--explain", action="store_true",
                              help="the formula with the numbers put in, on stderr")
        question.set_defaults(question_parser=question)
    parser.set_defaults(question_parser=parser)


def work(command, args):
    """Answer the question on stdout, its formula with --explain on stderr. A question
    that cannot be answered is its parser's error (exit 2)."""
    error = args.question_parser.error
    if args.question == "params":
        answer = count_params(args.in_channels, args.out_channels, args.kernel_size,
                              not args.no_bias)
        explanation = explain_params
    elif args.question == "out-length":
        if args.padding == "same" and args.stride != 1:
            error("--padding same needs --stride 1, got {}".format(args.stride))
        answer = out_length(args.in_len, args.kernel_size, args.stride, args.padding,
                            args.dilation)
        if answer < 1:
            error("no output: {}".format(explain_out_length(args, answer)))
        explanation = explain_out_length
    elif args.question == "layers":
        answer = layers_to_reach(args.width, args.kernel_size, args.dilated)
        explanation = explain_layers
    else:
        error("choose a question: params, out-length or layers")
    print(answer)
    if args.explain:
        to_stderr(explanation(args, answer) + "\n")
