"""Compare a program's output with the expected one, by structure and with a tolerance.

  python -m convkit.compare GOT_FILE WANT_FILE [--rtol R] [--atol A]

The output must be in the form the course template prints: each non-blank line one
value, either a list as Python's repr(list) prints it (nested to any depth) or a bare
number (`print(49)`). Numbers are JSON numbers (`-5`, `2.5`, `1e-05`, `-0.0`) or
`nan`, `inf`, `-inf`; spaces and tabs between tokens, blank lines and CRLF line ends are
fine. Anything else (tuples, trailing commas, hex, `_`, `+1`, `Infinity`, other text) is
"not in the template's repr(list) form". The expected file may also start with a UTF-8
byte-order mark.

Structure must match exactly, at every level, ragged or not. Then every element must
satisfy |got - want| <= atol + rtol*|want|, evaluated exactly: integers are read as
integers of any size, other numbers as the doubles Python's float() reads. NaN equals
NaN, infinities match by sign, and inside lists 3 equals 3.0; a line that is a bare
integer in the expected output needs the very same integer. An output larger than
output_limit(size of the expected output) is not compared at all.

Exit 0 if equal, 1 if not (the reason on stdout, one or two lines), 2 on a usage error.
Standard library only, Python 3.6+. Linear time; memory a small multiple of the inputs.
"""
import argparse
import decimal
import itertools
import math
import os
import re
import sys

from convkit.i18n import later, localize

MIB = 1 << 20
LIMIT_FLOOR = MIB      # the output limit: this many bytes ...
LIMIT_FACTOR = 16      # ... plus this many times the size of the expected output
FORM = "not in the template's repr(list) form"
BOM = b"\xef\xbb\xbf"

# One number token. [0-9], not \d: \d would take other scripts' digits.
NUMBER = re.compile(rb"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|nan|-?inf")
# A word: a run of the bytes numbers are made of. In the template's form every word is one
# number, so a line's skeleton is the line with each word replaced by N (not itself such a
# byte) and the whitespace removed: `[[1.5, -2], [3, 4]]` -> `[[N,N],[N,N]]`.
WORD_BYTES = rb"0-9.eE+\-naif"
WORD = re.compile(rb"[" + WORD_BYTES + rb"]+")
# Runs of bytes that can be in the form: separators, CRs that end a line, whole numbers.
FORM_BYTES = re.compile(rb"(?:[\[\], \t\n]+|\r(?=\n|\Z)|(?:" + NUMBER.pattern + rb")(?![" +
                        WORD_BYTES + rb"]))*")
# Where the data may be cut into chunks: just after one of these, which no word spans and
# no CR rule looks past.
SEPARATOR = re.compile(rb"[\[\], \t\n]")
CHUNK = 1 << 12  # FORM_BYTES keeps a record per token it matches: keep that small
# The tokens of a skeleton: a run of numbers, or one byte.
# Runs are bounded: the regular expression engine keeps a record per repetition.
SKELETON_TOKEN = re.compile(rb"N(?:,N){0,1000}|.", re.S)
# For checking the grammar: a run of values that are numbers or flat lists, or one byte.
_FLAT = rb"(?:\[N(?:,N){0,1000}\]|N)"
VALUE_RUN = re.compile(_FLAT + rb"(?:," + _FLAT + rb"){0,1000}|.", re.S)
# The tokens of a line, for saying where it goes wrong.
LINE_TOKEN = re.compile(rb"[ \t]*(?:(?P<number>" + NUMBER.pattern + rb")|(?P<open>\[)|"
                        rb"(?P<close>\])|(?P<comma>,)|(?P<end>\r?\Z)|(?P<other>.))", re.S)
INT_TOKEN = re.compile(rb"-?[0-9]+\Z")

# Exact arithmetic: additions and products of exact decimals never round in this context.
EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
REPORT = decimal.Context(prec=6, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
INF = float("inf")

# States of the one-value-per-line grammar.
VALUE, VALUE_OR_CLOSE, COMMA_OR_CLOSE, END = range(4)


class FormError(ValueError):
    """A line that is not in the template's form: where, and what is wrong."""


class Unreadable(ValueError):
    """An expected output that cannot be read as the template's form."""


def check_tolerances(rtol, atol):
    """(rtol, atol) as floats; ValueError unless both are finite numbers >= 0."""
    values = []
    for name, value in (("rtol", rtol), ("atol", atol)):
        try:
            if isinstance(value, (str, bytes)):
                raise TypeError
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError("{} must be a finite number >= 0, got {!r}".format(name, value))
        if not (math.isfinite(number) and number >= 0):
            raise ValueError("{} must be a finite number >= 0, got {!r}".format(name, value))
        values.append(number)
    return tuple(values)


def output_limit(want_size):
    """The most bytes an output may have for an expected output of want_size bytes."""
    return LIMIT_FLOOR + LIMIT_FACTOR * want_size


def too_large(size, want_size):
    """The reason an output of size bytes is not compared, or None if it is not too large."""
    limit = output_limit(want_size)
    if size <= limit:
        return None
    return limit_reason(want_size)


def limit_reason(want_size):
    """What to say of an output past the limit for an expected output of want_size bytes."""
    return later("output too large: more than {limit} bytes, the limit for an expected output "
                 "of {size} bytes (1 MiB + {factor} x its size); not compared",
                 limit=output_limit(want_size), size=want_size, factor=LIMIT_FACTOR)


class Line(object):
    """One non-blank line: its number in the file, its span in the data, its skeleton (the
    line with each number replaced by N and the whitespace removed)."""
    __slots__ = ("number", "start", "end", "skeleton")

    def __init__(self, number, start, end, skeleton):
        self.number, self.start, self.end, self.skeleton = number, start, end, skeleton


class Parsed(object):
    """Bytes checked to be in the template's form, line by line."""

    def __init__(self, data, lines):
        self.data, self.lines = data, lines


def parse(data, where=True):
    """Parsed(data) if every non-blank line is one value in the template's form, else
    FormError saying where the first bad line goes wrong (without where: saying nothing,
    which is faster). Linear time, no recursion, and memory a fraction of len(data) on top
    of it."""
    first_bad = None  # the first byte that cannot be there: its line is bad
    pieces = []
    for start, end in chunks(data, 0, len(data)):
        if first_bad is None:
            good = FORM_BYTES.match(data, start, end).end()
            if good != end:
                first_bad = good
        pieces.append(WORD.sub(b"N", data[start:end]).translate(None, b" \t\r"))
    bad_line = None if first_bad is None else data.count(b"\n", 0, first_bad)
    skeletons = b"".join(pieces).split(b"\n")
    # Each distinct skeleton checked once (lines often repeat one), and the lines' spans
    # from their lengths: the work per line is a comprehension's, not a loop's.
    bad = {skeleton for skeleton in set(skeletons) if skeleton and not _one_value(skeleton)}
    if (bad or bad_line is not None) and not where:
        raise FormError("")
    if bad or bad_line is not None:
        index = next((i for i, skeleton in enumerate(skeletons) if skeleton in bad),
                     len(skeletons))
        index = index if bad_line is None else min(index, bad_line)
        start = 0
        for _ in range(index):
            start = data.index(b"\n", start) + 1
        end = data.find(b"\n", start)
        raise FormError(_where(data, index + 1, start, len(data) if end < 0 else end))
    lengths = [len(line) for line in data.split(b"\n")]
    starts = itertools.accumulate([0] + [length + 1 for length in lengths[:-1]])
    lines = [Line(index, start, start + length, skeleton) for index, (skeleton, start, length)
             in enumerate(zip(skeletons, starts, lengths), 1) if skeleton]
    return Parsed(data, lines)


def chunks(data, start, end):
    """(start, end) spans that cover data[start:end] in order, each about CHUNK bytes and
    cut just after a separator, so that no word is cut."""
    while end - start > CHUNK:
        match = SEPARATOR.search(data, start + CHUNK, end)
        if match is None:
            break
        yield start, match.end()
        start = match.end()
    yield start, end


def numbers(data, line):
    """The number tokens of a parsed line, in order."""
    return itertools.chain.from_iterable(
        WORD.findall(data, start, end) for start, end in chunks(data, line.start, line.end))


def _one_value(skeleton):
    """Whether a skeleton line is exactly one number or list."""
    depth = 0
    state = VALUE
    for match in VALUE_RUN.finditer(skeleton):
        token = match.group()
        if token == b"N" or len(token) > 1:  # one or more values
            if state > VALUE_OR_CLOSE:
                return False
            if depth == 0 and token != b"N" and not (token.startswith(b"[") and
                                                     token.endswith(b"]") and
                                                     token.count(b"]") == 1):
                return False  # more than one value on the line: "N,[N]" is two
            state = COMMA_OR_CLOSE if depth else END
        elif token == b"[":
            if state > VALUE_OR_CLOSE:
                return False
            depth += 1
            state = VALUE_OR_CLOSE
        elif token == b"]":
            if state not in (VALUE_OR_CLOSE, COMMA_OR_CLOSE):
                return False
            depth -= 1
            state = COMMA_OR_CLOSE if depth else END
        elif token == b"," and state == COMMA_OR_CLOSE:
            state = VALUE
        else:
            return False
    return state == END


def line_error(data, start, end):
    """(column, what) of the first thing wrong in data[start:end] as one value of the
    template's form, or None if nothing is. The same grammar as _one_value, token by token."""
    depth = 0
    state = VALUE
    pos = start
    while True:
        match = LINE_TOKEN.match(data, pos, end)
        kind = match.lastgroup
        column = match.start(kind) - start + 1
        found = _describe(match.group(kind))
        if kind == "end":
            if state == END:
                return None
            if depth == 0 and state == VALUE:
                return None  # a blank line
            return column, later("the line ends inside a list ({depth} unclosed '[')",
                                 depth=depth)
        if kind == "other":
            if match.start(kind) == 0 and data.startswith(BOM):
                return column, later("a byte-order mark")
            char = _character(data, match.start(kind), end)
            if char:
                found = "{!r} (U+{:04X})".format(char, ord(char))
            return column, later("unexpected {found}", found=found)
        if state == END:
            return column, later("unexpected {found} after the value (one value per line)",
                                 found=found)
        if kind in ("number", "open"):
            if state == COMMA_OR_CLOSE:
                return column, later("expected ',' or ']', found {found}", found=found)
            if kind == "open":
                depth += 1
                state = VALUE_OR_CLOSE
            else:
                state = COMMA_OR_CLOSE if depth else END
        elif kind == "close":
            if state == VALUE:
                return column, later("expected a number or '[', found ']'")
            depth -= 1
            state = COMMA_OR_CLOSE if depth else END
        else:  # comma
            if state != COMMA_OR_CLOSE:
                return column, later("expected a number or '[', found ','")
            state = VALUE
        pos = match.end()


def _describe(token):
    if len(token) == 1 and not 32 <= token[0] < 127:
        return later("byte 0x{code}", code="{:02x}".format(token[0]))
    return "'{}'".format(_show(token)) if len(token) > 40 else repr(token.decode("ascii"))


def _where(data, number, start, end):
    """'line N, column C: what is wrong: excerpt' for a bad line."""
    found = line_error(data, start, end)
    if found is None:  # cannot happen: the two checks implement one grammar
        return later("line {number}", number=number)
    column, what = found
    at = start + column - 1
    before = data[max(start, at - 24):at]
    after = data[at:min(end, at + 24)]
    excerpt = (("..." if at - 24 > start else "") + _printable(before) + _printable(after)
               + ("..." if at + 24 < end else ""))
    return later("line {number}, column {column}: {what}: {excerpt}", number=number,
                 column=column, what=what, excerpt=excerpt)


def _character(data, at, end):
    """The non-ASCII character whose UTF-8 bytes start at data[at], or None."""
    for size in (2, 3, 4):
        try:
            char = data[at:min(end, at + size)].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return char if len(char) == 1 and ord(char) > 127 else None
    return None


def _printable(data):
    """Bytes as text: UTF-8 characters as they are, escapes for other bytes and for
    characters that do not print."""
    return "".join(char if char.isprintable() else
                   char.encode("unicode_escape").decode("ascii").replace("\\\\x", "\\x")
                   for char in data.decode("utf-8", "backslashreplace"))


def read_expected(path, name=None):
    """The expected output in path, parsed; Unreadable (naming the file as name, or path)
    if it cannot be read in the template's form. OSError if it cannot be opened."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        return parse_expected(data)
    except Unreadable as err:
        raise Unreadable(later("{name} is unreadable: {error}", name=name or path,
                               error=str(err)))


def parse_expected(data):
    """An expected output's bytes, parsed: a leading byte-order mark is dropped; Unreadable
    if it is not in the template's form or holds no answer."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        parsed = parse(data)
    except FormError as err:
        raise Unreadable(str(err))
    if not parsed.lines:
        raise Unreadable(later("it holds no answer"))
    return parsed


def compare(got_text, want_text, rtol, atol):
    """None if the outputs agree, else one or two lines saying how they differ. Text in,
    for callers that have text; see compare_bytes. ValueError for a bad rtol or atol."""
    return compare_bytes(got_text.encode("utf-8", "surrogateescape"),
                         want_text.encode("utf-8", "surrogateescape"), rtol, atol)


def compare_bytes(got, want, rtol, atol):
    """None if the output bytes agree with the expected output bytes, else the reason."""
    rtol, atol = check_tolerances(rtol, atol)
    try:
        want_parsed = parse_expected(want)
    except Unreadable as err:
        return later("expected output is unreadable: {error}", error=str(err))
    return compare_parsed(got, want_parsed, rtol, atol)


def compare_files(got_path, want_path, rtol, atol):
    """None if the file got_path agrees with the expected output in want_path, else the
    reason. The output is not read at all if it is too large. Unreadable if the expected
    output is; OSError if a file cannot be opened."""
    rtol, atol = check_tolerances(rtol, atol)
    want = read_expected(want_path)
    want_size = os.path.getsize(want_path)
    with open(got_path, "rb") as f:
        got = f.read(output_limit(want_size) + 1)
    return compare_parsed(got, want, rtol, atol, want_size)


def compare_parsed(got, want, rtol, atol, want_size=None):
    """None if the output bytes got agree with the parsed expected output, else the reason.
    rtol and atol must have passed check_tolerances."""
    reason = too_large(len(got), len(want.data) if want_size is None else want_size)
    if reason:
        return reason
    try:
        parsed = parse(got)
    except FormError as err:
        return later("not in the template's repr(list) form: {error}", error=str(err))
    return differs(parsed, want, rtol, atol)


def differs(parsed, want, rtol, atol):
    """None if a parsed output agrees with a parsed expected one, else the reason: for a
    caller that compares one output with several answers (convkit/checker/diagnose.py),
    parsing it once. rtol and atol must have passed check_tolerances."""
    got = parsed.data
    if not parsed.lines:
        return later("no output")
    if len(parsed.lines) != len(want.lines):
        return later("{got} output lines, expected {want}", got=len(parsed.lines),
                     want=len(want.lines))
    several = len(want.lines) > 1
    for index, (got_line, want_line) in enumerate(zip(parsed.lines, want.lines, strict=True), 1):
        on_line = later(" on line {index}", index=index) if several else ""
        reason = _compare_line(got, got_line, want.data, want_line, rtol, atol, on_line)
        if reason:
            return reason
    return None


def _compare_line(got, got_line, want, want_line, rtol, atol, on_line):
    if want_line.skeleton == b"N":
        want_token = next(numbers(want, want_line))
        if INT_TOKEN.match(want_token):
            got_token = next(numbers(got, got_line)) if got_line.skeleton == b"N" else None
            if got_token is None or not INT_TOKEN.match(got_token) or (
                    _integer(got_token) != _integer(want_token)):
                return later("got {got}, expected the integer {want}{on_line}",
                             got=_excerpt(got, got_line) if got_token is None else
                             _show(got_token), want=_show(want_token), on_line=on_line)
            return None
    if got_line.skeleton != want_line.skeleton:
        return _structure(got_line.skeleton, want_line.skeleton, on_line)
    bad, worst = _out_of_tolerance(got, got_line, want, want_line, rtol, atol)
    if not bad:
        return None
    _, index, got_token, want_token = worst
    abs_err, rel_err = _errors(got_token, want_token)
    return later("{bad} of {total} elements out of tolerance{on_line}; worst at {at}: got "
                 "{got}, expected {want}, abs err {abs_err}, rel err {rel_err}",
                 bad=bad, total=want_line.skeleton.count(b"N"), on_line=on_line,
                 at=_path(_index_path(want_line.skeleton, index)), got=_show(got_token),
                 want=_show(want_token), abs_err=abs_err, rel_err=rel_err)


def _out_of_tolerance(got, got_line, want, want_line, rtol, atol):
    """(how many elements are out of tolerance, (badness, index, got token, want token)
    of the worst or None) for two lines of the same skeleton."""
    bad = 0
    worst = None
    inside = 1.0 - 2.0 ** -40  # a margin far beyond the rounding errors of the fast path
    tiny = 2.0 ** -1000
    exact_int = 2.0 ** 53  # integers below this are exact as floats
    for index, (got_token, want_token) in enumerate(zip(  # skeletons equal
            numbers(got, got_line), numbers(want, want_line), strict=True)):
        if got_token == want_token:
            continue
        # The fast path: clearly inside the tolerance in float arithmetic, with both values
        # exact as floats. Everything else is decided exactly by outside().
        got_float = float(got_token)
        want_float = float(want_token)
        diff = got_float - want_float
        if diff < 0:
            diff = -diff
        size = want_float if want_float > 0 else -want_float
        if ((diff == 0.0 or diff <= (atol + rtol * size) * inside - tiny < INF)
                and (size < exact_int or b"." in want_token or b"e" in want_token)
                and (-exact_int < got_float < exact_int or b"." in got_token
                     or b"e" in got_token)):
            continue
        badness = outside(got_token, want_token, rtol, atol)
        if badness is not None:
            bad += 1
            if worst is None or badness > worst[0]:
                worst = (badness, index, got_token, want_token)
    return bad, worst


def worst_element(got, want, rtol, atol):
    """The index path (a tuple) of the element of the output bytes got farthest out of
    tolerance of the expected output bytes want, when both are one list of the same
    structure and some element is out; else None. Any bytes, any nesting, numbers of any
    size: never an exception for got; linear time."""
    rtol, atol = check_tolerances(rtol, atol)
    try:
        want_parsed = parse_expected(want)
        if too_large(len(got), len(want_parsed.data)):
            return None
        parsed = parse(got)
    except ValueError:
        return None
    if len(parsed.lines) != 1 or len(want_parsed.lines) != 1:
        return None
    got_line, want_line = parsed.lines[0], want_parsed.lines[0]
    if got_line.skeleton != want_line.skeleton or not got_line.skeleton.startswith(b"["):
        return None
    bad, worst = _out_of_tolerance(got, got_line, want_parsed.data, want_line, rtol, atol)
    return tuple(_index_path(want_line.skeleton, worst[1])) if bad else None


def _integer(token):
    """An integer token, normalized: no sign on zero (there are no leading zeros)."""
    return b"0" if token == b"-0" else token


def _float(token):
    """The token's value as a float when that is exact (or it is not an integer), else None."""
    if INT_TOKEN.match(token) and len(token.lstrip(b"-")) > 15:
        return None
    return float(token)


def outside(got_token, want_token, rtol, atol):
    """None if got is within |got - want| <= atol + rtol*|want| of want (NaN equals NaN,
    infinities by sign), else how far outside: a positive number, inf for a NaN or an
    infinity that does not match."""
    got = _float(got_token)
    want = _float(want_token)
    for value in (got, want):
        if value is not None and (math.isnan(value) or math.isinf(value)):
            return None if got == want or (got != got and want != want) else INF
    if got is not None and want is not None:
        diff = abs(got - want)
        allowed = atol + rtol * abs(want)
        if math.isfinite(diff) and math.isfinite(allowed):
            margin = allowed * 2.0 ** -40 + 2.0 ** -1000  # far beyond the rounding errors
            if diff <= allowed - margin:
                return None
            if diff > allowed + margin:
                return diff - allowed
    diff, allowed = _exact(got_token, got, want_token, want, rtol, atol)
    if diff <= allowed:
        return None
    with decimal.localcontext(EXACT):  # a million digits: beyond the default context's
        return diff - allowed


def _exact(got_token, got, want_token, want, rtol, atol):
    """|got - want| and atol + rtol*|want| without rounding, as Decimals."""
    exact_got = decimal.Decimal(got_token.decode() if got is None or INT_TOKEN.match(got_token)
                                else got)
    exact_want = decimal.Decimal(want_token.decode() if want is None or
                                 INT_TOKEN.match(want_token) else want)
    with decimal.localcontext(EXACT):
        diff = abs(exact_got - exact_want)
        allowed = decimal.Decimal(atol) + decimal.Decimal(rtol) * abs(exact_want)
    return diff, allowed


def _errors(got_token, want_token):
    """The absolute and relative error, formatted."""
    got, want = _float(got_token), _float(want_token)
    values = [value for value in (got, want) if value is not None]
    if any(math.isnan(value) for value in values):
        return "nan", "nan"
    if any(math.isinf(value) for value in values):
        return "inf", "inf"
    diff, _ = _exact(got_token, got, want_token, want, 0.0, 0.0)
    with decimal.localcontext(EXACT):  # abs() rounds in the context it runs in
        exact_want = abs(decimal.Decimal(want_token.decode()) if want is None or
                         INT_TOKEN.match(want_token) else decimal.Decimal(want))
    if not exact_want:
        return _number(diff), "inf"
    with decimal.localcontext(REPORT):
        relative = diff / exact_want
    return _number(diff), _number(relative)


def _number(value):
    """A Decimal as '%.3g' prints a float, in float's range and beyond."""
    as_float = float(value)
    if math.isfinite(as_float) and (as_float or not value):
        return "{:.3g}".format(as_float)
    return format(value.normalize(REPORT), ".3g")


def _show(token):
    text = token.decode("ascii")
    if len(text) > 40:
        return later("{start}...{end} ({count} characters)", start=text[:16], end=text[-16:],
                     count=len(text))
    return text


def _excerpt(data, line):
    text = _printable(data[line.start:min(line.end, line.start + 40)]).strip()
    return text + ("..." if line.end - line.start > 40 else "")


def _path(path):
    if len(path) > 8:
        return later("[{first}, ..., {last}] (depth {depth})",
                     first=", ".join(map(str, path[:3])), last=", ".join(map(str, path[-3:])),
                     depth=len(path))
    return "[{}]".format(", ".join(map(str, path)))


def _shape_text(shape):
    if len(shape) > 8:
        return later("({first}, ..., {last}) ({count} dimensions)",
                     first=", ".join(map(str, shape[:3])), last=", ".join(map(str, shape[-3:])),
                     count=len(shape))
    return repr(shape)


def _index_path(skeleton, index):
    """The index path of the index-th number (from 0) in a valid skeleton."""
    path = []
    for match in SKELETON_TOKEN.finditer(skeleton):
        token = match.group()
        first = token[:1]
        if first == b"[":
            path.append(0)
        elif first == b"]":
            path.pop()
        elif first == b",":
            path[-1] += 1
        else:
            count = (len(token) + 1) // 2
            if index < count:
                if path:
                    path[-1] += index
                return path
            index -= count
            if path:
                path[-1] += count - 1
    raise IndexError(index)


def shape(skeleton):
    """The shape of a valid skeleton as a tuple (() for a number), or None if it is ragged:
    lists of different lengths at one depth, or numbers beside lists."""
    lengths = []   # the length of the lists at each depth, once one has closed there
    counts = []    # the elements so far in each open list
    number_depth = None
    deepest_list = -1
    for match in SKELETON_TOKEN.finditer(skeleton):
        token = match.group()
        first = token[:1]
        if first == b"[":
            counts.append(0)
        elif first == b"]":
            count = counts.pop()
            depth = len(counts)
            if len(lengths) <= depth:
                lengths.extend([None] * (depth + 1 - len(lengths)))
            if lengths[depth] is None:
                lengths[depth] = count
            elif lengths[depth] != count:
                return None
            deepest_list = max(deepest_list, depth)
            if number_depth is not None and number_depth <= depth:
                return None
            if counts:
                counts[-1] += 1
        elif first == b"N":
            depth = len(counts)
            if number_depth is None:
                number_depth = depth
            if number_depth != depth or deepest_list >= depth:
                return None
            if counts:
                counts[-1] += (len(token) + 1) // 2
    if number_depth is not None and number_depth != len(lengths):
        return None
    return tuple(lengths)


def _structure(got, want, on_line):
    """Why two valid skeletons differ: their shapes, or where the first difference is."""
    got_shape, want_shape = shape(got), shape(want)
    if got_shape is not None and want_shape is not None:
        return later("shape {got} != expected {want}{on_line}", got=_shape_text(got_shape),
                     want=_shape_text(want_shape), on_line=on_line)
    # The first byte where they differ, by halving: slices compare at C speed.
    low, high = 0, min(len(got), len(want))
    while low < high:
        middle = (low + high + 1) // 2
        if got[:middle] == want[:middle]:
            low = middle
        else:
            high = middle - 1
    at = low
    # The index path at that byte, and where the innermost open list began.
    path, opened = [], []
    for match in SKELETON_TOKEN.finditer(want, 0, at):
        token = match.group()
        first = token[:1]
        if first == b"[":
            path.append(0)
            opened.append(match.start())
        elif first == b"]":
            path.pop()
            opened.pop()
        elif first == b",":
            path[-1] += 1
        elif path:
            path[-1] += (len(token) - 1) // 2
    got_byte, want_byte = got[at:at + 1], want[at:at + 1]
    if b"]" in (got_byte, want_byte) or b"," in (got_byte, want_byte):
        # The list that both are in has a different length on each side.
        start = opened[-1]
        return later("structure differs{on_line}: at {at}, got a list of length {got}, "
                     "expected length {want}", on_line=on_line, at=_path(path[:-1]),
                     got=_list_length(got, start), want=_list_length(want, start))
    return later("structure differs{on_line}: at {at}, got {got}, expected {want}",
                 on_line=on_line, at=_path(path), got=_kind(got, at), want=_kind(want, at))


def _list_length(skeleton, start):
    """The number of elements of the list that opens at skeleton[start]."""
    depth = 0
    count = 0
    for match in SKELETON_TOKEN.finditer(skeleton, start):
        token = match.group()
        first = token[:1]
        if first == b"[":
            depth += 1
            if depth == 2:
                count += 1
        elif first == b"]":
            depth -= 1
            if depth == 0:
                return count
        elif first == b"N" and depth == 1:
            count += (len(token) + 1) // 2
    raise ValueError("unclosed list")


def _kind(skeleton, at):
    if skeleton[at:at + 1] == b"N":
        return later("a number")
    return later("a list of length {length}", length=_list_length(skeleton, at))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m convkit.compare", description=__doc__.split("\n")[0], allow_abbrev=False)
    parser.add_argument("got")
    parser.add_argument("want")
    parser.add_argument("--rtol", type=_tolerance("rtol"), default=1e-9)
    parser.add_argument("--atol", type=_tolerance("atol"), default=1e-12)
    args = parser.parse_args(argv)
    try:
        difference = compare_files(args.got, args.want, args.rtol, args.atol)
    except Unreadable as err:
        difference = str(err)
    except OSError as err:
        parser.error("cannot read {}: {}".format(err.filename, err.strerror))
    if difference:
        print(localize(difference))
        sys.exit(1)


def _tolerance(name):
    def parse_tolerance(text):
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not (math.isfinite(value) and value >= 0):
            raise argparse.ArgumentTypeError(
                "{} must be a finite number >= 0, got {!r}".format(name, text))
        return value
    return parse_tolerance


if __name__ == "__main__":
    main()
