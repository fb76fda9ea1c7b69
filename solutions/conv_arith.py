"""The lesson's arithmetic quizzes about 1-D convolutions, one integer per question.

  python3 conv_arith.py params IN_CHANNELS OUT_CHANNELS KERNEL_SIZE [--no-bias]
  python3 conv_arith.py out-length L_IN KERNEL_SIZE [--stride S] [--padding P] [--dilation D]
  python3 conv_arith.py layers DISTANCE KERNEL_SIZE [--dilated]
Add --explain for a second line with the formula and the numbers put in.
"""
import argparse


def count_params(in_channels, out_channels, kernel_size, bias=True):
    """Weights OutChannels x InChannels x KernelSize, plus OutChannels biases."""
    return out_channels * in_channels * kernel_size + (out_channels if bias else 0)


def out_length(in_len, kernel_size, stride=1, padding=0, dilation=1):
    """PyTorch's L_out = (L_in + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1.

    padding may be 'valid' (0) or 'same' (stride 1 only; L_out = L_in).
    """
    if padding == "same":
        return in_len
    padding = 0 if padding == "valid" else padding
    return (in_len + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


def layers_to_reach(distance, kernel_size, dilated=False):
    """Fewest stacked layers whose receptive field covers `distance` positions.

    Layer n (from 1) has dilation 1, or 2**(n-1) when dilated; the field after n layers
    is 1 + (KernelSize-1)*n dense, 1 + (KernelSize-1)*(2**n - 1) dilated.
    """
    if distance <= 1:
        return 0
    if not dilated:
        return -(-(distance - 1) // (kernel_size - 1))  # ceil((distance-1) / (K-1))
    layers = 0
    while 1 + (kernel_size - 1) * (2 ** layers - 1) < distance:
        layers += 1
    return layers


def explain_params(args, answer):
    return "OutChannels*InChannels*KernelSize{} = {}*{}*{}{} = {}".format(
        "" if args.no_bias else " + OutChannels", args.out_channels, args.in_channels,
        args.kernel_size, "" if args.no_bias else " + {}".format(args.out_channels), answer)


def explain_out_length(args, answer):
    padding = {"valid": 0, "same": None}.get(args.padding, args.padding)
    if padding is None:
        return "padding 'same' keeps the length: L_out = L_in = {}".format(answer)
    return ("L_out = (L_in + 2*padding - dilation*(KernelSize-1) - 1) // stride + 1"
            " = ({} + 2*{} - {}*({}-1) - 1) // {} + 1 = {}".format(
                args.l_in, padding, args.dilation, args.kernel_size, args.stride, answer))


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
        formula, answer, field(answer), args.distance)
    if answer:
        text += ", n = {} gives {} < {}".format(answer - 1, field(answer - 1), args.distance)
    return text


def main(argv=None):
    def at_least(least):
        def number(text):
            value = int(text)
            if value < least:
                raise ValueError(text)
            return value
        number.__name__ = "integer >= {}".format(least)
        return number

    def padding(text):
        return text if text in ("valid", "same") else at_least(0)(text)

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.error = lambda message: parser.exit(2, "{}: error: {}\n".format(parser.prog, message))
    commands = parser.add_subparsers(dest="command", metavar="{params,out-length,layers}")
    params = commands.add_parser("params", help="parameters of one conv layer")
    params.add_argument("in_channels", type=at_least(1))
    params.add_argument("out_channels", type=at_least(1))
    params.add_argument("kernel_size", type=at_least(1))
    params.add_argument("--no-bias", action="store_true")
    length = commands.add_parser("out-length", help="PyTorch's L_out")
    length.add_argument("l_in", type=at_least(1))
    length.add_argument("kernel_size", type=at_least(1))
    length.add_argument("--stride", type=at_least(1), default=1)
    length.add_argument("--padding", type=padding, default=0, metavar="P|valid|same")
    length.add_argument("--dilation", type=at_least(1), default=1)
    layers = commands.add_parser("layers", help="fewest layers to link DISTANCE positions")
    layers.add_argument("distance", type=at_least(1))
    layers.add_argument("kernel_size", type=at_least(2))
    layers.add_argument("--dilated", action="store_true", help="dilations 1, 2, 4, ...")
    for sub in (params, length, layers):
        sub.add_argument("--explain", action="store_true", help="add the formula")
        sub.error = lambda message, sub=sub: sub.exit(2, "{}: error: {}\n".format(
            sub.prog, message))
    args = parser.parse_args(argv)
    if args.command == "params":
        answer = count_params(args.in_channels, args.out_channels, args.kernel_size,
                              not args.no_bias)
        explanation = explain_params
    elif args.command == "out-length":
        if args.padding == "same" and args.stride != 1:
            length.error("--padding same needs --stride 1, got {}".format(args.stride))
        answer = out_length(args.l_in, args.kernel_size, args.stride, args.padding,
                            args.dilation)
        if answer < 1:
            length.error("no output: {}".format(explain_out_length(args, answer)))
        explanation = explain_out_length
    elif args.command == "layers":
        answer = layers_to_reach(args.distance, args.kernel_size, args.dilated)
        explanation = explain_layers
    else:
        parser.error("choose a question: params, out-length or layers")
    print(answer)
    if args.explain:
        print(explanation(args, answer))


if __name__ == "__main__":
    main()
