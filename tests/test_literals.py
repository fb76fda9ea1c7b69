"""The commands read a list literal of numbers with the package's own small reader
(convkit.literal.parse_literal: JSON when it can, else read_literal), not with ast: the
same values and messages on every Python. Here it is checked against Python's own
ast.literal_eval, an independent reader, on literals written in every way Python allows
(tuples, (1) for 1, signs with spaces, underscores, 0x/0o/0b, 5. and .5, exponents,
trailing commas) and on mutations of them.

What the reader refuses on purpose, though literal_eval may take it: an operator between
numbers (3.6's literal_eval adds 1+1), a sign on a sign (--1) or on a parenthesis (-(1)), a
complex number, a tuple outside brackets (1, 2), and anything that is not a number (True,
None, strings)."""
import ast
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convkit.literal import parse_literal


def numbers():
    """A number and a way Python may write it."""
    ints = st.integers(0, 10 ** 20)
    return st.one_of(
        ints.map(repr),
        ints.map("{:_}".format),
        st.integers(0, 10 ** 9).map(lambda n: st_choice(n, ["0x{:x}", "0o{:o}", "0b{:b}",
                                                             "0X{:X}"])),
        st.floats(0, allow_nan=False, allow_infinity=False).map(repr),
        st.floats(0, 1e6, allow_nan=False).map(lambda f: ("{:.3f}".format(f)).rstrip("0")),
        st.integers(0, 999).map(lambda n: ".{}".format(n)),
        st.tuples(st.integers(0, 99), st.integers(-30, 30), st.sampled_from(
            ["{}.e{}", "{}E{}", "{}.E+{}", "{}e-{}"])).map(lambda p: p[2].format(p[0], abs(
                p[1]) if "+" in p[2] or "-" in p[2] else p[1])),
    ).flatmap(lambda text: st.sampled_from([text, "-" + text, "+" + text, "- " + text]))


def st_choice(n, forms):
    return forms[n % len(forms)].format(n)


def literals():
    """Nested lists and tuples of numbers, written with odd spacing and commas."""
    def wrap(children):
        return st.tuples(st.sampled_from(["[]", "()", "(,)"]), st.lists(children, max_size=4),
                         st.sampled_from(["", ",", " , "]), st.sampled_from([", ", ",", " ,  "]))\
            .map(lambda p: write(*p))
    return st.recursive(numbers(), wrap, max_leaves=12).map(lambda text: "[" + text + "]")


def write(brackets, items, trailing, separator):
    if brackets == "(,)":  # a tuple of one needs its comma; (x) is x itself
        return "(" + separator.join(items) + ("," if len(items) == 1 else trailing
                                              if items else "") + ")"
    opener, closer = brackets
    return opener + separator.join(items) + (trailing if items else "") + closer


def reference(text):
    """literal_eval's value with tuples as lists, or None where the commands must refuse."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
        value = ast.literal_eval(text.strip())
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return None
    for node in ast.walk(tree):  # refused on purpose: see the module's docstring
        if isinstance(node, ast.BinOp) or (isinstance(node, ast.UnaryOp) and isinstance(
                node.operand, ast.UnaryOp)):
            return None
    if isinstance(tree.body, ast.Tuple) and not text.strip().startswith("("):
        return None
    if re.search(r"[-+]\s*\(", text):
        return None

    def plain(v):
        if isinstance(v, (list, tuple)):
            items = [plain(item) for item in v]
            return None if any(item is None for item in items) else items
        return v if type(v) in (int, float) else None
    return plain(value)


def same(a, b):
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(
            same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b and math.copysign(1, a) == math.copysign(1, b)


def ours(text):
    try:
        return parse_literal(text)
    except ValueError:
        return None


def read_as_python_reads_it(text):
    want = reference(text)
    assert want is not None, text  # the strategy writes only what Python reads
    assert same(ours(text), want), text


def mutated_read_as_python_reads_it_or_refused(text, data):
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        kind = data.draw(st.sampled_from(["insert", "delete"]))
        if kind == "insert":
            text = text[:at] + data.draw(st.sampled_from(list("[](),.-+_ 0123456789eExjo"))) + \
                text[at:]
        else:
            text = text[:at] + text[at + 1:]
    want, got = reference(text), ours(text)
    assert (got is None and want is None) or same(got, want), (text, got, want)


# make test: the profile's examples (Hypothesis's "quick"); make test-all: the thorough
# profile's, and the counts these had before the quick tier, 600 and 1500 examples


@given(literals())
def test_every_way_python_writes_a_literal_reads_as_python_reads_it(text):
    read_as_python_reads_it(text)


@given(literals(), st.data())
def test_a_mutated_literal_is_read_as_python_reads_it_or_refused(text, data):
    mutated_read_as_python_reads_it_or_refused(text, data)


@pytest.mark.slow
@settings(max_examples=600)
@given(literals())
def test_600_ways_python_writes_a_literal_read_as_python_reads_them(text):
    read_as_python_reads_it(text)


@pytest.mark.slow
@settings(max_examples=1500)
@given(literals(), st.data())
def test_1500_mutated_literals_read_as_python_reads_them_or_refused(text, data):
    mutated_read_as_python_reads_it_or_refused(text, data)
