"""Hostile changes to a command's input and flags, for the fuzz and parity tests."""

NOISE = ["a", "[", "]", "(", ")", ",", ".", "-", "+", "e", "'", '"', " ", "\t", "\n", "\r",
         "0", "9", "nan", "inf", "True", "None", "{", ":", "\x00", "\u00e9", "1e400", "1_0", "#"]
NUMBERS = ["1e308", "-1e308", "1e400", "10**30", "99999999999999999999999", "-0.0", "5e-324",
           "0", "-1", "3.5", "1e-320"]


FLAGS = ["--stride", "--padding", "--dilation", "--at"]
FLAG_VALUES = ["0", "1", "3", "-1", "same", "valid", "x", "1099511627776", "1099511627777",
               "99999999999", "1152921504606846976", "0,0", "-1,0", "5", "0,0,0,0", "1,2,1"]


def mutate(text, rng):
    """A random hostile change: truncation, line shuffles, injected or dropped characters,
    huge or odd numbers, lines past the ones a command reads."""
    lines = text.split("\n")
    kind = rng.randrange(10)
    if kind == 8:  # a second case pasted after the first, or a stray line
        return text + rng.choice(["\n" + text, "\n[1]\n", "\nhello\n", "\n\n[0]"])
    if kind == 9:  # every number huge: sums overflow float64
        return ", ".join(rng.choice(["1e308", "-1e308", piece]) if piece[-1:].isdigit() else piece
                         for piece in text.split(", "))
    if kind == 0:
        return text[:rng.randrange(len(text) + 1)]
    if kind == 1 and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if kind == 2:
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)
    if kind == 3:
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)
    if kind == 4:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(NOISE) + text[at:]
    if kind == 5 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1:]
    if kind == 6:
        pieces = text.split(", ")
        pieces[rng.randrange(len(pieces))] = rng.choice(NUMBERS)
        return ", ".join(pieces)
    return "".join(rng.choice(NOISE) for _ in range(rng.randrange(1, 30)))


def mutate_args(args, rng):
    """Sometimes a flag more, with an odd or huge value (for the conv commands)."""
    if rng.random() < 0.2:
        return list(args) + [rng.choice(FLAGS), rng.choice(FLAG_VALUES)]
    return args
