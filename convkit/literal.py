"""A list literal of numbers as Python writes it, read exactly and never evaluated.

JSON reads a line when it can (about 25x faster than anything else); else this module's own
small reader of Python's literal syntax: nested lists and tuples of ints and floats, `(1)`
for 1, `1_000`, `0x10`, `.5`, `5.`, trailing commas. Operators (`1+1`), names, strings and
sets are refused, with the same values and messages on every Python version, at any depth;
integers are read exactly. Every message quotes what stands at the column where the line
goes wrong.
"""
import json
import re

import numpy as np

NUMBERS_ONLY = re.compile(r"[0-9.eE+\-,\[\] \t\r\n]*\Z")  # digits, signs, brackets, commas
TRAILING_COMMA = re.compile(r"(?<=[0-9.\]])\s*,(?=\s*\])")  # "[1, 2,]": JSON once it is cut
DIGITS = r"[0-9](?:_?[0-9])*"  # Python's: 1_000 is 1000
LITERAL_TOKEN = re.compile(  # one token of a list literal of numbers, after any spaces
    r"[ \t\f\r\n]*(?:(?P<number>[-+]?[ \t]*(?:(?:(?:{d})?\.{d}|{d}\.)(?:[eE][-+]?{d})?|{d}"
    r"[eE][-+]?{d}|0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?"
    r"[0-9])*|0+(?:_?0)*))|(?P<open>[\[(])|(?P<close>[\])])|(?P<comma>,)|(?P<end>\Z)|"
    r"(?P<other>.))".format(d=DIGITS), re.S)
MOST_NESTED = 3  # lists in lists in lists: the kernel; deeper is a mistake


def as_array(value):
    """parse_literal's value as a float64 array, checked: at most MOST_NESTED levels deep,
    not ragged, every number finite."""
    depth, inner = 0, value
    while isinstance(inner, list):  # along the first elements: numpy alone would take
        depth, inner = depth + 1, inner[0] if inner else None  # 32 or 64 levels, by version
    if depth > MOST_NESTED:
        raise ValueError(nested_too_deep(depth))
    try:
        arr = np.array(value, dtype=float)
    except OverflowError:
        raise ValueError("a number is too large for float64")
    except (ValueError, TypeError):
        raise ValueError("ragged array: nested lists of different lengths")
    if not np.isfinite(arr).all():
        raise ValueError("numbers must be finite, got {}".format(arr[~np.isfinite(arr)][0]))
    return arr


def parse_literal(s):
    """The value of a list literal of numbers, as Python reads it but never evaluated:
    nested lists (or tuples) of ints and floats. Anything else (names, strings, operators
    such as 1+1, sets) is a ValueError, the same on every Python version."""
    s = s.strip()
    if NUMBERS_ONLY.match(s):  # nothing but numbers and lists: JSON reads it ~25x faster
        cut = None
        while s != cut:  # as it is, then once more with trailing commas cut
            try:
                return json.loads(s)
            except RecursionError:  # nested deeper than JSON's recursion: read it below
                break
            except ValueError as err:
                if not isinstance(err, json.JSONDecodeError):  # Python 3.11+'s limit on
                    raise ValueError("a number is too large for float64")  # an int's digits
            cut, s = s, TRAILING_COMMA.sub("", s)
    if s.endswith(","):
        raise ValueError("a comma after the last bracket makes the line a tuple: remove it")
    return read_literal(s)


def read_literal(s):
    """Python's syntax for numbers in lists and tuples, read by this function rather than
    by ast: the same values, and the same messages on every Python version, at any depth.
    A number takes one sign at most (--1 is an operator); (1) is 1, (1,) a tuple."""
    frames = []  # the lists and tuples open: [opener, its items, its column, a comma seen]
    value, position = None, 0  # value: the last value read, None while one is due
    while True:
        token = LITERAL_TOKEN.match(s, position)
        if token is None or token.lastgroup == "other":
            raise ValueError("expected a list literal of numbers, got {}".format(
                at_column(s, len(s) - len(s[position:].lstrip()) + 1)))
        kind, text, start, position = token.lastgroup, token.group(token.lastgroup), \
            token.start(token.lastgroup), token.end()
        if kind == "end":
            if frames:
                raise ValueError("not a list literal (never closed): {}".format(
                    at_column(s, frames[-1][2])))
            return value
        if value is None and kind in ("number", "open"):
            if kind == "open":
                frames.append([text, [], start + 1, False])
                continue
            after = s[position:position + 1]
            if after and (after.isalnum() or after in "_."):
                raise ValueError("not a list literal (not a number): {}".format(
                    at_column(s, start + 1)))
            value = number_value(text)
        elif kind == "close" and frames and (value is not None or not frames[-1][1]
                                             or frames[-1][3]):
            opener, items, column, comma = frames.pop()
            if opener + text not in ("[]", "()"):
                raise ValueError("not a list literal ({!r} closes the {!r} at column {}): {}"
                                 .format(text, opener, column, at_column(s, start + 1)))
            items += [] if value is None else [value]
            value = items[0] if opener == "(" and len(items) == 1 and not comma else items
        elif kind == "comma" and value is not None and frames:
            frames[-1][1].append(value)
            frames[-1][3], value = True, None
        elif value is not None and kind == "number" and text[0] in "+-":
            raise ValueError("expected a list literal of numbers, got {}".format(
                at_column(s, start + 1)))  # 1+1: an operator
        else:
            raise ValueError("not a list literal ({}): {}".format(
                "nothing to close" if kind == "close" and not frames else
                "a comma outside brackets" if kind == "comma" and not frames else
                "a comma is missing" if value is not None else "a number is missing",
                at_column(s, start + 1)))


def number_value(text):
    """A number token (a sign, digits, a point, an exponent, _ between digits, 0x/0o/0b)
    as the int or float Python reads from it."""
    sign, text = (-1 if text[0] == "-" else 1), text.lstrip("+-").strip()
    if text[:2].lower() in ("0x", "0o", "0b"):
        return sign * int(text, 0)
    if "." in text or "e" in text or "E" in text:
        return sign * float(text)
    if len(text) > 4300:  # Python 3.11+ refuses to read longer ints; never a float64 here
        raise ValueError("a number is too large for float64")
    return sign * int(text)


def at_column(s, column):
    """What stands at a column (from 1) of the stripped line, quoted, with its place."""
    start = max(0, min(column, len(s)) - 1)
    return "{!r} at column {}".format(s[start:start + 24] + ("..." if len(s) > start + 24
                                                            else ""), start + 1)


def nested_too_deep(depth):
    return "lists nested {} deep; at most {} levels are meaningful here".format(
        depth, MOST_NESTED)

