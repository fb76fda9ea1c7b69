"""What a learner's file uses that the grader (Python 3.6, numpy 1.14.1) lacks, found without
running it: for machines without Python 3.6.

    problems(path) -> a list of one-line strings, each naming its line, sorted by line:

    (a) syntax and standard library newer than Python 3.6, found by vermin (a dev dependency):
        "line 12: the walrus operator := needs Python 3.8; the grader has 3.6"
    (b) numpy names numpy 1.14.1 does not have: the file's numpy aliases (import numpy as np,
        import numpy.lib.stride_tricks as st, from numpy import ..., ...) and every attribute
        chain on them (np.lib.stride_tricks.sliding_window_view) are resolved with `ast` and
        looked up in numpy-1.14.1-names.txt beside this file (made from numpy 1.14.1 itself by
        tools/numpy_names.py):
        "line 7: numpy.lib.stride_tricks.sliding_window_view is not in numpy 1.14.1 (the grader's)"
    (c) a file that does not parse at all (here, on this Python):
        "line 3: the file does not parse: invalid syntax"

What it does not guess about: methods called on arrays (x.sum(), the type of x is not known
statically), names under a function or class (np.float64.fromhex: only modules and
numpy.ndarray have their members listed), names with a leading underscore (np.__version__),
`from numpy import *`, and numpy names reached through variables or getattr.

Standard library and vermin only. It runs in the checker (Python 3.10+), never on the grader.
"""
import ast
import io
import os
import re
import sys
import tokenize

GRADER_PYTHON = (3, 6)
NUMPY_VERSION = "1.14.1"
NAMES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "numpy-{}-names.txt".format(NUMPY_VERSION))

# vermin's words for a feature -> what a learner reads; others are shown as vermin words them
FEATURES = {
    "named expressions": "the walrus operator :=",
    "self-documenting f-strings": "the f-string = specifier (f\"{x=}\")",
    "positional-only parameters": "positional-only parameters (/ in a def)",
    "pattern matching": "match/case",
    "union types as `X | Y`": "the type union X | Y",
    "parenthesized context managers": "parenthesized with-items",
    "`await` in f-string": "await in an f-string",
}
QUOTED = re.compile(r"'([^']+)' (member|module|function|decorator|class)$")

_numpy_names = []  # the names file, read once: [(names, members-known)]


def problems(path):
    """One line per problem the grader's Python 3.6 + numpy 1.14.1 would have with the file,
    sorted by line; [] when none is found."""
    try:
        with tokenize.open(path) as f:  # the encoding Python itself would read it in
            source = f.read()
    except (SyntaxError, UnicodeDecodeError) as err:
        return ["line 1: the file does not parse: {}".format(err)]
    try:
        tree = ast.parse(source, path)
    except SyntaxError as err:
        return ["line {}: the file does not parse: {}".format(err.lineno or 1, err.msg)]
    except ValueError as err:  # a NUL byte, on the Pythons that say so with a ValueError
        return ["line 1: the file does not parse: {}".format(err)]
    guarded = guarded_lines(tree)
    found = set(newer_than_the_grader(source, guarded)) | set(
        (line, message) for line, message in not_in_numpy(tree) + not_on_the_grader(tree)
        if line not in guarded)
    return [message for _, message in sorted(found)]


def not_on_the_grader(tree):
    """(line, message) for each import of a module that is neither the standard library
    nor numpy (convkit, scipy, torch, a file of one's own): the grader has nothing else.
    A standard-library module newer than 3.6 is vermin's to report."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top != "numpy" and top not in sys.stdlib_module_names:
                found.append((node.lineno, "line {}: the module {} is not on the grader, which "
                              "has the standard library and numpy {} only".format(
                                  node.lineno, top, NUMPY_VERSION)))
    return found


IMPORT_GUARDS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
ATTRIBUTE_GUARDS = {"AttributeError", "Exception", "BaseException"}


def guarded_lines(tree):
    """The lines where a missing name is the file's own business: an import inside a `try:`
    whose handler catches ImportError (or Exception, or all) without raising again and
    binds every name the import binds (the fallback); any line inside a `try:` whose
    handler so catches AttributeError. Syntax is never guarded: the grader cannot even
    compile it."""
    lines = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        for handler in node.handlers:
            if any(isinstance(statement, ast.Raise) for statement in handler.body):
                continue
            caught = _caught(handler)
            if caught & ATTRIBUTE_GUARDS:
                lines.update(inner.lineno for statement in node.body
                             for inner in ast.walk(statement) if hasattr(inner, "lineno"))
            if caught & IMPORT_GUARDS:
                bound = _bound(handler.body)
                lines.update(statement.lineno for statement in node.body
                             if isinstance(statement, (ast.Import, ast.ImportFrom)) and
                             all((alias.asname or alias.name.split(".")[0]) in bound
                                 for alias in statement.names))
    return lines


def _caught(handler):
    """The exception names an except clause catches (a bare except: BaseException)."""
    if handler.type is None:
        return {"BaseException"}
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {getattr(kind, "id", None) or getattr(kind, "attr", "") for kind in kinds}


def _bound(statements):
    """The names that statements bind: assigned, defined or imported."""
    names = set()
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
    return names


# ---- (a) syntax and standard library newer than Python 3.6, by vermin

def newer_than_the_grader(source, guarded=()):
    """(line, message) for each feature vermin finds that needs a Python newer than 3.6;
    a module or a member of one only outside the guarded lines."""
    try:
        import vermin
    except ImportError:
        raise RuntimeError("static_check needs vermin to check the syntax (it is in"
                           " requirements-dev.txt: make test installs it into .venv)")
    config = vermin.Config()
    config.add_target(GRADER_PYTHON, exact=False)  # "3.6-": whatever 3.6 cannot run
    config.set_format(vermin.formats.ParsableFormat())  # path:line:column:py2:py3:feature
    config.set_only_show_violations(True)
    config.set_parse_comments(False)  # a "# novermin" comment does not fool the grader
    visitor = vermin.visit(source, config, "solution.py")
    if not isinstance(visitor, vermin.SourceVisitor):  # vermin could not parse it
        return []
    found = []
    for row in visitor.output_text().splitlines():
        fields = row.split(":", 5)
        if len(fields) < 6 or not fields[5]:
            continue  # a summary line, not a finding
        line, python3, feature = fields[1], fields[4], fields[5]
        wording = FEATURES.get(feature)
        quoted = QUOTED.match(feature)
        if quoted and line.isdigit() and int(line) in guarded:
            continue
        if wording is None:
            wording = (quoted.group(1) if quoted and quoted.group(2) == "member" else
                       "the module " + quoted.group(1) if quoted and quoted.group(2) == "module"
                       else feature)
        version = re.match(r"(\d+)\.(\d+)$", python3)
        needs = ("needs Python {}".format(python3) if version else
                 "is not in Python 3 at all")
        found.append((int(line) if line.isdigit() else 0,
                      "line {}: {} {}; the grader has {}.{}".format(
                          line or "?", wording, needs, *GRADER_PYTHON)))
    return found


# ---- (b) numpy names that numpy 1.14.1 lacks

def numpy_names():
    """(every name in the names file, the names whose members the file lists)."""
    if not _numpy_names:
        with io.open(NAMES_FILE, encoding="utf-8") as f:
            names = {line.strip() for line in f if line.strip() and not line.startswith("#")}
        _numpy_names.append((names, {name.rsplit(".", 1)[0] for name in names}))
    return _numpy_names[0]


def missing(dotted):
    """The first prefix of a dotted numpy name that numpy 1.14.1 lacks, or None: None also
    when the list cannot tell (a member of a function or class, a name with an underscore)."""
    names, listed = numpy_names()
    parts = dotted.split(".")
    for end in range(2, len(parts) + 1):
        name = ".".join(parts[:end])
        if name in names:
            continue
        if parts[end - 1].startswith("_") or ".".join(parts[:end - 1]) not in listed:
            return None
        return name
    return None


def not_in_numpy(tree):
    """(line, message) for each numpy name the file imports or reaches that 1.14.1 lacks."""
    aliases = {}  # a name bound in the file -> the dotted numpy name it stands for
    found = []

    def check(dotted, line):
        lacking = missing(dotted)
        if lacking:
            found.append((line, "line {}: {} is not in numpy {} (the grader's)".format(
                line, lacking, NUMPY_VERSION)))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "numpy" or alias.name.startswith("numpy."):
                    check(alias.name, node.lineno)
                    if alias.asname:  # import numpy.lib.stride_tricks as st
                        aliases[alias.asname] = alias.name
                    else:  # import numpy.lib.stride_tricks binds numpy
                        aliases[alias.name.split(".")[0]] = "numpy"
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module and (
                node.module == "numpy" or node.module.startswith("numpy.")):
            check(node.module, node.lineno)
            for alias in node.names:
                if alias.name != "*":  # from numpy import *: nothing to resolve by name
                    check(node.module + "." + alias.name, node.lineno)
                    aliases[alias.asname or alias.name] = node.module + "." + alias.name
    # the whole chain of each attribute access: np.lib.stride_tricks.sliding_window_view,
    # never its parts np.lib.stride_tricks and np.lib on their own
    inner = {id(node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or id(node) in inner or not isinstance(
                node.ctx, ast.Load):
            continue
        chain, base = [], node
        while isinstance(base, ast.Attribute):
            chain.append(base.attr)
            base = base.value
        if isinstance(base, ast.Name) and base.id in aliases:  # not a call's or an array's
            check(".".join([aliases[base.id]] + chain[::-1]), node.lineno)
    return found
