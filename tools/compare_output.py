"""Compare a program's output with the expected one, by structure and with a tolerance.

  python3 tools/compare_output.py GOT_FILE WANT_FILE [--rtol R] [--atol A]

Both files hold one Python literal per non-blank line (lists, ints, floats, and the
names nan, inf, -inf). Shapes must match; then each element must satisfy
|got - want| <= atol + rtol*|want|. NaN equals NaN, infinities match by sign, 3
equals 3.0, and a bare integer answer must match exactly. Exit 0 if equal, 1 if not
(with the reason on stdout), 2 on a usage error. Standard library only, Python 3.5+.
"""
import argparse
import ast
import math
import sys

NAMED = {"nan": float("nan"), "inf": float("inf"), "Infinity": float("inf"),
         "NaN": float("nan")}


def literal(node):
    """A list/number literal from an ast node; ValueError for anything else."""
    kind = type(node).__name__
    if kind in ("List", "Tuple"):
        return [literal(item) for item in node.elts]
    if kind in ("Num", "Constant"):  # Num up to 3.7, Constant from 3.8
        value = node.n if kind == "Num" else node.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    if kind == "Name" and node.id in NAMED:
        return NAMED[node.id]
    if kind == "UnaryOp" and type(node.op).__name__ in ("USub", "UAdd"):
        value = literal(node.operand)
        if isinstance(value, (int, float)):
            return -value if type(node.op).__name__ == "USub" else value
    raise ValueError("not a number or list")


def parse(text):
    """Each non-blank line as a literal."""
    values = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                values.append(literal(ast.parse(line.strip(), mode="eval").body))
            except (SyntaxError, ValueError) as err:
                raise ValueError("line {}: {}: {!r}".format(number, err, line[:60]))
    return values


def shape(value):
    """The shape of a nested list, or None if it is ragged."""
    if not isinstance(value, list):
        return ()
    shapes = [shape(item) for item in value]
    if any(s is None or s != shapes[0] for s in shapes):
        return None
    return (len(value),) + (shapes[0] if shapes else ())


def flatten(value, index=()):
    if isinstance(value, list):
        for i, item in enumerate(value):
            for pair in flatten(item, index + (i,)):
                yield pair
    else:
        yield index, value


def element_error(got, want, rtol, atol):
    """How far outside the tolerance got is (<= 0 means inside), as abs err / allowed."""
    if math.isnan(want) or math.isnan(got):
        return 0.0 if math.isnan(want) and math.isnan(got) else math.inf
    if math.isinf(want) or math.isinf(got):
        return 0.0 if got == want else math.inf
    return abs(got - want) - (atol + rtol * abs(want))


def compare(got_text, want_text, rtol, atol):
    """None if the outputs agree, else one or two lines saying how they differ."""
    try:
        want_values = parse(want_text)
    except ValueError as err:
        return "expected output is unreadable: {}".format(err)
    if not got_text.strip():
        return "no output"
    try:
        got_values = parse(got_text)
    except ValueError as err:
        return "output is not a list literal: {}".format(err)
    if len(got_values) != len(want_values):
        return "{} output lines, expected {}".format(len(got_values), len(want_values))
    for line, (got, want) in enumerate(zip(got_values, want_values), 1):
        if isinstance(want, int) and not isinstance(got, list):
            if got != want or not isinstance(got, int):
                return "got {!r}, expected the integer {!r}".format(got, want)
            continue
        if shape(got) != shape(want):
            return "shape {} != expected {}".format(
                "ragged" if shape(got) is None else shape(got), shape(want))
        bad = [(element_error(g, w, rtol, atol), index, g, w)
               for (index, g), (_, w) in zip(flatten(got), flatten(want))]
        bad = [row for row in bad if row[0] > 0]
        if bad:
            _, index, g, w = max(bad, key=lambda row: row[0])
            abs_err = abs(g - w) if not (math.isnan(g) or math.isnan(w)) else math.nan
            rel_err = abs_err / abs(w) if w else math.inf
            return ("{} of {} elements out of tolerance{}; worst at {}: got {!r}, expected "
                    "{!r}, abs err {:.3g}, rel err {:.3g}".format(
                        len(bad), len(list(flatten(want))),
                        " on line {}".format(line) if len(want_values) > 1 else "",
                        list(index), g, w, abs_err, rel_err))
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("got")
    parser.add_argument("want")
    parser.add_argument("--rtol", type=float, default=1e-9)
    parser.add_argument("--atol", type=float, default=1e-12)
    args = parser.parse_args()
    with open(args.got, errors="replace") as got, open(args.want) as want:
        difference = compare(got.read(), want.read(), args.rtol, args.atol)
    if difference:
        print(difference)
        sys.exit(1)


if __name__ == "__main__":
    main()
