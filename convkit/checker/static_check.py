"""What a learner's file uses that the grader (Python 3.6, numpy 1.14.1) lacks, found without
running it: for machines without Python 3.6.

    problems(path) -> a list of one-line strings, each naming its line, sorted by line:

    (a) syntax and standard library newer than Python 3.6, found by vermin (a dev dependency),
        and what vermin misses, found here: annotations 3.6 evaluates when the def (or the
        module, or the class) runs, such as list[int] or int | None; list[int] anywhere else
        it runs; *unpacking in return, yield, for and subscripts; f"{x=}" at its real line;
        built-ins and str/int/sys.stdin methods newer than 3.6:
        "line 12: the walrus operator := needs Python 3.8; the grader has 3.6"
    (b) numpy names numpy 1.14.1 does not have: the file's numpy aliases (import numpy as np,
        import numpy.lib.stride_tricks as st, from numpy import ..., ...) and every attribute
        chain on them (np.lib.stride_tricks.sliding_window_view) are resolved with `ast` and
        looked up in numpy-1.14.1-names.txt beside this file (made from numpy 1.14.1 itself by
        tools/numpy_names.py):
        "line 7: numpy.lib.stride_tricks.sliding_window_view is not in numpy 1.14.1 (the grader's)"
    (c) calls numpy 1.14.1 refuses (numpy-1.14.1-signatures.json, made from numpy 1.14.1 by
        tools/numpy_signatures.py): a required argument left out (np.pad(x, 1): mode), a
        keyword or a positional argument too many for a function written in Python; for one
        written in C, and for an array method called on anything (x.sum(where=...)), only the
        keywords a newer numpy accepts and numpy 1.14.1 was seen to refuse. A method is not
        checked where a class of the file defines one of that name.
    (d) a file that does not parse at all (here, on this Python):
        "line 3: the file does not parse: invalid syntax"

A missing name or a refused call inside a `try:` is the file's own business only where a
handler that catches its error (ImportError, AttributeError, TypeError; Exception) binds
every name the statement binds and does not give up (raise, sys.exit(), exit()); syntax
never is.

What it does not guess about: the types and values at run time (what a method is called
on, shapes, dtypes, results), names under a function or class (np.float64.fromhex: only
modules and numpy.ndarray have their members listed), names with a leading underscore
(np.__version__), `from numpy import *`, numpy names reached through variables or getattr,
and calls with *args or **kwargs (only their named keywords are checked).

Standard library and vermin only. It runs in the checker (Python 3.10+), never on the grader.
"""
import ast
import io
import json
import os
import re
import sys
import tokenize

from convkit.i18n import later

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

SIGNATURES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "numpy-{}-signatures.json".format(NUMPY_VERSION))
UFUNC_METHODS = ("reduce", "accumulate", "reduceat", "outer", "at")

_numpy_names = []  # the names file, read once: [(names, members-known)]
_numpy_signatures = []  # the signatures file, read once


def problems(path):
    """One line per problem the grader's Python 3.6 + numpy 1.14.1 would have with the file,
    sorted by line; [] when none is found."""
    try:
        with tokenize.open(path) as f:  # the encoding Python itself would read it in
            source = f.read()
    except (SyntaxError, UnicodeDecodeError) as err:
        return [later("line {line}: the file does not parse: {error}", line=1, error=err)]
    try:
        tree = ast.parse(source, path)
    except SyntaxError as err:
        return [later("line {line}: the file does not parse: {error}", line=err.lineno or 1,
                      error=err.msg)]
    except ValueError as err:  # a NUL byte, on the Pythons that say so with a ValueError
        return [later("line {line}: the file does not parse: {error}", line=1, error=err)]
    guarded = guarded_lines(tree)
    aliases = numpy_aliases(tree)
    found = set(newer_than_the_grader(source, guarded["import"] | guarded["attribute"],
                                      self_documenting(tree, source)))
    found.update(python_3_6_grammar(tree))
    found.update(problem for problem in methods_newer_than_3_6(tree)
                 if problem[0] not in guarded["attribute"])
    found.update((line, message) for kind, line, message in not_in_numpy(tree, aliases)
                 if line not in guarded[kind])
    found.update(problem for problem in refused_calls(tree, aliases)
                 if problem[0] not in guarded["call"])
    found.update(problem for problem in not_on_the_grader(tree)
                 if problem[0] not in guarded["import"])
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
                found.append((node.lineno, later(
                    "line {line}: the module {module} is not on the grader, which has the "
                    "standard library and numpy {version} only", line=node.lineno, module=top,
                    version=NUMPY_VERSION)))
    return found


# the errors a handler catches -> the kinds of problem it may be a fallback for
GUARDS = {"ImportError": ("import",), "ModuleNotFoundError": ("import",),
          "AttributeError": ("attribute",), "TypeError": ("call",),
          "Exception": ("import", "attribute", "call"),
          "BaseException": ("import", "attribute", "call")}
GIVING_UP = {"exit", "quit", "sys.exit", "os._exit", "os.abort"}


def guarded_lines(tree):
    """{kind: lines} where a missing name ("import": an import statement; "attribute": an
    attribute or method newer than the grader) or a refused numpy call ("call") is the file's
    own business: inside a `try:` whose handler catches that error (ImportError,
    AttributeError, TypeError; Exception or a bare except: all three), does not give up
    (raise, sys.exit(), exit(), quit(), os._exit()) and binds every name the statement binds
    (the fallback); a statement that binds nothing is never guarded. Syntax is never
    guarded: the grader cannot even compile it."""
    lines = {"import": set(), "attribute": set(), "call": set()}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        for handler in node.handlers:
            if _gives_up(handler):
                continue
            kinds = {kind for caught in _caught(handler) for kind in GUARDS.get(caught, ())}
            bound = _bound(handler.body)
            for statement in (inner for outer in node.body for inner in ast.walk(outer)
                              if isinstance(inner, ast.stmt)):
                binds = _bound([statement])
                if not binds or not binds <= bound:
                    continue
                span = range(statement.lineno, (statement.end_lineno or statement.lineno) + 1)
                for kind in kinds:
                    if kind != "import" or isinstance(statement, (ast.Import, ast.ImportFrom)):
                        lines[kind].update(span)
    return lines


def _gives_up(handler):
    """Whether an except clause raises again or ends the program."""
    for node in ast.walk(handler):
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and _dotted(node.func) in GIVING_UP:
            return True
    return False


def _dotted(node):
    """"a.b.c" for a chain of names and attributes, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id] + parts[::-1])


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
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update(alias.asname or alias.name.split(".")[0] for alias in node.names
                             if alias.name != "*")
    return names


def rebound(tree):
    """Every name the file binds other than by an import: assigned, defined, a parameter,
    a loop's or a with's or an except's name."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    return names


# ---- (a) syntax and standard library newer than Python 3.6, by vermin

def newer_than_the_grader(source, guarded=(), f_string_lines=()):
    """(line, message) for each feature vermin finds that needs a Python newer than 3.6;
    a module or a member of one only outside the guarded lines. f"{x=}" at f_string_lines
    where given (vermin names the line of the statement, which may be an earlier one)."""
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
        lines = [line]
        if feature == "self-documenting f-strings" and f_string_lines:
            lines = [str(number) for number in f_string_lines]
        if wording is None:
            wording = (quoted.group(1) if quoted and quoted.group(2) == "member" else
                       "the module " + quoted.group(1) if quoted and quoted.group(2) == "module"
                       else feature)
        version = re.match(r"(\d+)\.(\d+)$", python3)
        grader = "{}.{}".format(*GRADER_PYTHON)
        found.extend((int(line) if line.isdigit() else 0, later(
            "line {line}: {what} needs Python {version}; the grader has {grader}",
            line=line or "?", what=wording, version=python3, grader=grader) if version else
            later("line {line}: {what} is not in Python 3 at all; the grader has {grader}",
                  line=line or "?", what=wording, grader=grader)) for line in lines)
    return found


# ---- (a) what vermin misses

GENERICS = {"list", "dict", "tuple", "set", "frozenset", "type"}  # list[int]: Python 3.9
BUILTINS = {"breakpoint": "3.7", "aiter": "3.10", "anext": "3.10", "EncodingWarning": "3.10",
            "ExceptionGroup": "3.11", "BaseExceptionGroup": "3.11"}
METHODS = {"removeprefix": ("str.removeprefix", "3.9"), "removesuffix": ("str.removesuffix",
           "3.9"), "isascii": ("str.isascii", "3.7"), "bit_count": ("int.bit_count", "3.10")}
STREAMS = {"sys.stdin", "sys.stdout", "sys.stderr"}  # their reconfigure(): Python 3.7


def _needs(line, what, version):
    return (line, later("line {line}: {what} needs Python {version}; the grader has {grader}",
                        line=line, what=what, version=version,
                        grader="{}.{}".format(*GRADER_PYTHON)))


def python_3_6_grammar(tree):
    """(line, message) for what Python 3.6 cannot compile or run and vermin does not report:
    annotations 3.6 evaluates (those of a def's parameters and return, and of a variable at
    module or class level) holding list[...] and the like or X | Y; list[...] and the like
    anywhere else code runs; *unpacking unparenthesized in return, yield and for, and in a
    subscript; built-ins newer than 3.6 (not bound by the file)."""
    found = []
    names = rebound(tree) | {alias.asname or alias.name.split(".")[0]
                             for node in ast.walk(tree)
                             if isinstance(node, (ast.Import, ast.ImportFrom))
                             for alias in node.names}
    generics = GENERICS - names

    def annotation(node, where):
        for inner in ast.walk(node):
            if isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.BitOr):
                found.append(_needs(inner.lineno, "the type union {} in {} (3.6 evaluates it"
                                    ")".format(_shown(inner), where), "3.10"))

    def visit(node, scope):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = node.args
            for arg in (arguments.posonlyargs + arguments.args + arguments.kwonlyargs +
                        [a for a in (arguments.vararg, arguments.kwarg) if a]):
                if arg.annotation is not None:
                    annotation(arg.annotation, "an annotation of the def")
                    visit(arg.annotation, scope)
            if getattr(node, "returns", None) is not None:
                annotation(node.returns, "an annotation of the def")
                visit(node.returns, scope)
            for child in (arguments.defaults + [d for d in arguments.kw_defaults if d] +
                          getattr(node, "decorator_list", [])):
                visit(child, scope)
            body = node.body if isinstance(node.body, list) else [node.body]
            for child in body:
                visit(child, "function")
            return
        if isinstance(node, ast.ClassDef):
            for child in node.bases + node.keywords + node.decorator_list:
                visit(child, scope)
            for child in node.body:
                visit(child, "class")
            return
        if isinstance(node, ast.AnnAssign):
            if scope == "function":  # never evaluated in a function's body
                for child in (node.target, node.value):
                    if child is not None:
                        visit(child, scope)
                return
            annotation(node.annotation, "a variable's annotation")
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and \
                node.value.id in generics:
            found.append(_needs(node.lineno, "{} (a built-in type subscripted; 3.6 evaluates"
                                " it: write typing's {}[...])".format(
                                    _shown(node), node.value.id.capitalize()
                                    if node.value.id != "type" else "Type"), "3.9"))
        if isinstance(node, ast.Subscript) and any(
                isinstance(inner, ast.Starred) for inner in (
                    node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice])):
            found.append(_needs(node.lineno, "*unpacking in a subscript", "3.11"))
        if isinstance(node, (ast.Return, ast.Yield)) and _bare_starred(node.value):
            found.append(_needs(node.lineno, "*unpacking in an unparenthesized {} tuple".format(
                "return" if isinstance(node, ast.Return) else "yield"), "3.8"))
        if isinstance(node, (ast.For, ast.AsyncFor)) and _bare_starred(node.iter):
            found.append(_needs(node.lineno, "*unpacking in an unparenthesized tuple after "
                                "for ... in", "3.9"))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and \
                node.id in BUILTINS and node.id not in names:
            found.append(_needs(node.lineno, node.id, BUILTINS[node.id]))
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, "module")
    return found


def _bare_starred(node):
    """A tuple with a *starred item, written without parentheses (3.8+ positions: a
    parenthesized tuple starts at its "(")."""
    return isinstance(node, ast.Tuple) and any(
        isinstance(item, ast.Starred) for item in node.elts) and node.elts and (
        node.col_offset, node.lineno) == (node.elts[0].col_offset, node.elts[0].lineno)


def methods_newer_than_3_6(tree):
    """(line, message) for str/int methods newer than 3.6 called on anything (unless a
    class of the file defines one of that name) and sys.stdin/stdout/stderr.reconfigure."""
    own = {item.name for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
           for item in cls.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not isinstance(node.ctx, ast.Load):
            continue
        if node.attr in METHODS and node.attr not in own:
            found.append(_needs(node.lineno, *METHODS[node.attr]))
        elif node.attr == "reconfigure" and _dotted(node.value) in STREAMS:
            found.append(_needs(node.lineno, _dotted(node), "3.7"))
    return found


def self_documenting(tree, source):
    """The lines of the f"{x=}" fields of the file's f-strings (Python 3.8), each at the line
    the field is on; scanned from the f-string's own text."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = ast.get_source_segment(source, node) or ""
            lines.extend(node.lineno + text[:offset].count("\n")
                         for offset in _self_documenting_fields(text))
    return sorted(set(lines))


STRING_START = re.compile(r"([rRbBuUfF]{0,2})(\"\"\"|'''|\"|')")


def _self_documenting_fields(text):
    """The offsets in the text of one or more string literals of each {expression=} field
    of its f-strings."""
    found, i = [], 0
    while True:
        start = STRING_START.search(text, i)
        if start is None:
            return found
        quote, fstring = start.group(2), "f" in start.group(1).lower()
        i = start.end()
        while i < len(text) and not text.startswith(quote, i):
            if text[i] == "\\":
                i += 2
            elif fstring and text.startswith("{{", i):
                i += 2
            elif fstring and text[i] == "{":
                end, expression = _field(text, i + 1)
                stripped = expression.rstrip()
                if stripped.endswith("=") and not stripped.endswith(("==", "!=", "<=", ">=")):
                    found.append(i)
                i = end
            else:
                i += 1
        i += len(quote)


def _field(text, i):
    """(the offset after a replacement field that starts at i, its expression's text)."""
    depth, start, expression = 0, i, None
    while i < len(text):
        char = text[i]
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        elif char in "'\"":  # a string inside the expression
            end = text.find(char, i + 1)
            i = len(text) if end < 0 else end
        elif depth == 0 and expression is None and (
                char == ":" or (char == "!" and not text.startswith("!=", i))):
            expression = text[start:i]
        elif depth == 0 and char == "}":
            return i + 1, text[start:i] if expression is None else expression
        i += 1
    return i, text[start:] if expression is None else expression


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


def numpy_aliases(tree):
    """{a name the file binds: the dotted numpy name it stands for}, from its imports."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "numpy" or alias.name.startswith("numpy."):
                    if alias.asname:  # import numpy.lib.stride_tricks as st
                        aliases[alias.asname] = alias.name
                    else:  # import numpy.lib.stride_tricks binds numpy
                        aliases[alias.name.split(".")[0]] = "numpy"
        elif _from_numpy(node):
            for alias in node.names:
                if alias.name != "*":  # from numpy import *: nothing to resolve by name
                    aliases[alias.asname or alias.name] = node.module + "." + alias.name
    return aliases


def _from_numpy(node):
    return isinstance(node, ast.ImportFrom) and not node.level and node.module and (
        node.module == "numpy" or node.module.startswith("numpy."))


def not_in_numpy(tree, aliases):
    """(kind, line, message) for each numpy name the file imports ("import") or reaches
    ("attribute") that 1.14.1 lacks."""
    found = []

    def check(kind, dotted, line):
        lacking = missing(dotted)
        if lacking:
            found.append((kind, line, later("line {line}: {name} is not in numpy {version} "
                                            "(the grader's)", line=line, name=lacking,
                                            version=NUMPY_VERSION)))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "numpy" or alias.name.startswith("numpy."):
                    check("import", alias.name, node.lineno)
        elif _from_numpy(node):
            check("import", node.module, node.lineno)
            for alias in node.names:
                if alias.name != "*":
                    check("import", node.module + "." + alias.name, node.lineno)
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
            check("attribute", ".".join([aliases[base.id]] + chain[::-1]), node.lineno)
    return found


# ---- (c) calls that numpy 1.14.1 refuses

def numpy_signatures():
    """The signatures file: {"signatures": {name: ast.arguments}, "rejected": {name:
    [keyword]}, "ufuncs": {name}}."""
    if not _numpy_signatures:
        with io.open(SIGNATURES_FILE, encoding="utf-8") as f:
            data = json.load(f)
        _numpy_signatures.append(dict(
            signatures={name: ast.parse("def f" + text + ": pass").body[0].args
                        for name, text in data["signatures"].items()},
            rejected=data["rejected"], ufuncs=set(data["ufuncs"])))
    return _numpy_signatures[0]


def numpy_callee(func, aliases, rebinds):
    """(the dotted numpy name a call's function stands for, its name in the signatures file:
    numpy.ufunc.reduce for numpy.add.reduce), or (None, None) when it is not numpy's or is a
    name the file binds again."""
    dotted = _dotted(func)
    if dotted is None:
        return None, None
    first, _, rest = dotted.partition(".")
    if first not in aliases or first in rebinds:
        return None, None
    name = aliases[first] + ("." + rest if rest else "")
    owner, _, method = name.rpartition(".")
    if owner in numpy_signatures()["ufuncs"] and method in UFUNC_METHODS:
        return name, "numpy.ufunc." + method
    return name, name


def refused_calls(tree, aliases):
    """(line, message) for each call that numpy 1.14.1 refuses with a TypeError: a numpy
    function's required argument left out, a keyword it lacks, too many positional
    arguments; an array method's keyword that a newer numpy added (on any object whose
    method has that name, unless a class of the file defines one)."""
    data = numpy_signatures()
    rebinds = rebound(tree)
    own = {item.name for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef)
           for item in cls.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, key = numpy_callee(node.func, aliases, rebinds)
        if name is None and isinstance(node.func, ast.Attribute) and node.func.attr not in own:
            method = "numpy.ndarray." + node.func.attr
            for keyword in node.keywords:
                if keyword.arg in data["rejected"].get(method, ()):
                    found.append((node.lineno, later(
                        "line {line}: ndarray.{method}() has no keyword {keyword} in numpy "
                        "{version} (the grader's): a TypeError there, if {value} is an array",
                        line=node.lineno, method=node.func.attr, keyword=keyword.arg,
                        version=NUMPY_VERSION, value=_shown(node.func.value))))
        elif name is not None:
            found.extend((node.lineno, later("line {line}: {name}() {what} in numpy {version} "
                                             "(the grader's): a TypeError there",
                                             line=node.lineno, name=name, what=words,
                                             version=NUMPY_VERSION))
                         for words in _refused(node, data["signatures"].get(key),
                                               data["rejected"].get(key, ())))
    return found


def _refused(call, arguments, rejected):
    """What is wrong with a call of a function with these parameters (ast.arguments, or None
    when unknown) and these refused keywords: a list of phrases."""
    named = [keyword.arg for keyword in call.keywords if keyword.arg]
    phrases = [later("has no keyword {name}", name=name) for name in named if name in rejected]
    if arguments is None:
        return phrases
    positional = arguments.posonlyargs + arguments.args
    defaults = len(arguments.defaults)
    required = [p.arg for p in positional[:len(positional) - defaults]]
    keywords = {p.arg for p in arguments.args + arguments.kwonlyargs}
    if arguments.kwarg is None:
        phrases += [later("has no keyword {name}", name=name) for name in named
                    if name not in keywords and name not in rejected]
    starred = any(isinstance(arg, ast.Starred) for arg in call.args)
    if not starred and arguments.vararg is None and len(call.args) > len(positional):
        phrases.append(later("takes at most {count} positional argument, not {given}",
                             count=len(positional), given=len(call.args))
                       if len(positional) == 1 else
                       later("takes at most {count} positional arguments, not {given}",
                             count=len(positional), given=len(call.args)))
    if not starred and all(keyword.arg for keyword in call.keywords):
        kw_required = [p.arg for p, default in zip(arguments.kwonlyargs, arguments.kw_defaults)
                       if default is None]
        lacking = [name for name in required[len(call.args):] + kw_required
                   if name not in named]
        if lacking:
            phrases.append(later("needs the argument {names}", names=", ".join(lacking))
                           if len(lacking) == 1 else
                           later("needs the arguments {names}", names=", ".join(lacking)))
    return phrases


def _shown(node):
    text = ast.unparse(node)
    return text if len(text) <= 30 else text[:27] + "..."
