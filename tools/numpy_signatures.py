"""Write convkit/checker/numpy-1.14.1-signatures.json: how numpy 1.14.1 lets its functions
and array methods be called, from numpy itself, for the static check of a learner's file.

  .venv-grader/bin/python tools/numpy_signatures.py [--newer-python .venv/bin/python]
                                                     [--output PATH]

Run it under the grader's numpy (1.14.1; it refuses any other). It takes the public
functions (not classes) of MODULES, numpy.ndarray's methods and the ufuncs' methods, and:

- "signatures": the parameters of each function written in Python (inspect.signature, not
  following wrappers), and of each ufunc its nin inputs and nout outputs (positional only,
  its keywords left open): the exact required arguments and keywords (defaults as ...).
- "rejected": for the functions written in C and the methods (no signature to read), the
  keywords that a newer numpy accepts (--newer-python's numpy: it runs this file with
  --keywords) and numpy 1.14.1 refuses: each one tried on numpy 1.14.1 with small
  arguments, kept only when the call fails with a TypeError naming it as an invalid or
  unexpected keyword. A keyword not so refused is left out (never guessed).
- "ufuncs": the names that are ufuncs (np.add.reduce is checked as numpy.ufunc.reduce).
"""
import argparse
import contextlib
import inspect
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import types
import warnings

VERSION = "1.14.1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "convkit", "checker", "numpy-{}-signatures.json".format(VERSION))
NEWER_PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
MODULES = ("numpy", "numpy.lib", "numpy.lib.stride_tricks", "numpy.linalg", "numpy.fft",
           "numpy.random", "numpy.emath")
UFUNC_METHODS = ("reduce", "accumulate", "reduceat", "outer", "at")
# positional arguments tried, in turn, with the keyword alone (the first that gets as far as
# the keyword decides)
SAMPLES = [(), (0,), (1, 1), ([1.0, 2.0],), ([1.0, 2.0], [1.0, 2.0]), ((2, 3),), (float,),
           ([0],), ([1.0, 2.0], [1.0, 2.0], [1.0, 2.0])]
REFUSED = re.compile(r"(invalid|unexpected) keyword")


def find(numpy, dotted):
    value = numpy
    for part in dotted.split(".")[1:]:
        value = getattr(value, part, None)
    return value


def callables(numpy):
    """{dotted name: object}: the public non-class callables of MODULES, the methods of
    numpy.ndarray (unbound) and of the ufuncs (numpy.add's)."""
    found = {}
    for path in MODULES:
        module = find(numpy, path)
        for name in dir(module):
            value = getattr(module, name, None)
            if name.startswith("_") or isinstance(value, (type, types.ModuleType)) or \
                    not callable(value):
                continue
            found[path + "." + name] = value
    for name in dir(numpy.ndarray):
        value = getattr(numpy.ndarray, name)
        if not name.startswith("_") and callable(value) and not isinstance(value, type):
            found["numpy.ndarray." + name] = value
    for name in UFUNC_METHODS:
        found["numpy.ufunc." + name] = getattr(numpy.add, name)
    return found


def doc_keywords(value, leaf):
    """The keyword names in the first line of a C function's docstring ("a.sum(axis=None,
    ...)", "add(x1, x2, /, out=None, *, where=True, ...[, signature])"), or None."""
    doc = (getattr(value, "__doc__", None) or "").strip()
    match = re.match(r"(?:a\.)?{}\((.*?)\)\s*$".format(re.escape(leaf)),
                     doc.split("\n")[0].strip())
    if not match:
        return None
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "''", match.group(1))
    named = set(re.findall(r"([A-Za-z_]\w*)\s*=", text))
    for group in re.findall(r"\[,([^\]]*)\]", text):  # [, signature, extobj]
        named.update(re.findall(r"[A-Za-z_]\w*", re.sub(r"=[^,]*", "", group)))
    return named


def keywords(value, leaf):
    """The names a callable accepts as keywords: its docstring's first line, or its
    signature; None if neither tells."""
    named = doc_keywords(value, leaf)
    if named is not None:
        return named
    try:
        parameters = inspect.signature(value).parameters.values()
    except (TypeError, ValueError):
        return None
    return {p.name for p in parameters
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}


def newer_keywords(names):
    """{name: sorted keywords} under this (newer) numpy, for the names it has."""
    import numpy
    found = {}
    for name in names:
        value = find(numpy, name)
        if value is None and not name.startswith(("numpy.ndarray.", "numpy.ufunc.")):
            value = getattr(numpy, name.rsplit(".", 1)[1], None)
        if value is None or not callable(value):
            continue
        named = keywords(value, name.rsplit(".", 1)[1])
        if named:
            found[name] = sorted(named)
    return numpy.__version__, found


def signature_text(value):
    """A Python function's parameters as a def writes them, every default shown as ...;
    None for anything else."""
    if not isinstance(value, types.FunctionType):
        return None
    parameters = inspect.signature(value, follow_wrapped=False).parameters.values()
    words, star = [], False
    for p in parameters:
        if p.kind == p.VAR_POSITIONAL:
            words.append("*" + p.name)
            star = True
        elif p.kind == p.VAR_KEYWORD:
            words.append("**" + p.name)
        else:
            if p.kind == p.KEYWORD_ONLY and not star:
                words.append("*")
                star = True
            words.append(p.name + ("" if p.default is p.empty else "=..."))
    return "(" + ", ".join(words) + ")"


def ufunc_text(ufunc):
    """A ufunc's positional parameters: nin inputs, then nout optional outputs; its keywords
    are open here (refused ones are under "rejected")."""
    words = ["x{}".format(i + 1) for i in range(ufunc.nin)]
    words += ["out{}=...".format(i + 1) for i in range(ufunc.nout)]
    return "(" + ", ".join(words) + ", /, **kwargs)"


def refused(numpy, name, value, keyword):
    """Whether numpy 1.14.1 refuses the keyword: some call with small arguments fails with
    a TypeError naming it as an invalid or unexpected keyword before any other error."""
    for args in SAMPLES:
        if name.startswith("numpy.ndarray."):  # a fresh array each time: methods mutate
            call = getattr(numpy.arange(6.0).reshape(2, 3), name.rsplit(".", 1)[1])
        else:
            call = value
        try:
            call(*args, **{keyword: None})
        except TypeError as err:
            text = str(err)
            if REFUSED.search(text) and "'{}'".format(keyword) in text:
                return True
        except Exception:  # another error first: try other arguments
            pass
        else:
            return False  # accepted
    return False


def collect(newer_python):
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        import numpy
        found = callables(numpy)
    done = subprocess.run([newer_python, os.path.abspath(__file__), "--keywords"],
                          input=json.dumps(sorted(found)).encode(), stdout=subprocess.PIPE,
                          check=True)
    newer_version, newer = json.loads(done.stdout.decode())
    signatures, rejected = {}, {}
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings(), \
            contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        os.chdir(scratch)  # a probe that writes a file writes it here
        try:
            for name, value in sorted(found.items()):
                is_ufunc = isinstance(value, numpy.ufunc)
                text = ufunc_text(value) if is_ufunc else signature_text(value)
                if text:
                    signatures[name] = text
                if text and not is_ufunc:
                    continue  # read exactly: nothing to try
                known = keywords(value, name.rsplit(".", 1)[1]) or set()
                refuse = [keyword for keyword in newer.get(name, ())
                          if keyword not in known and refused(numpy, name, value, keyword)]
                if refuse:
                    rejected[name] = refuse
        finally:
            os.chdir(cwd)
    ufuncs = sorted(name for name, value in found.items() if isinstance(value, numpy.ufunc))
    return numpy, newer_version, dict(signatures=signatures, rejected=rejected, ufuncs=ufuncs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", default=OUTPUT,
                        help="where to write it ('-': stdout); default: %(default)s")
    parser.add_argument("--newer-python", default=NEWER_PYTHON,
                        help="a Python with a newer numpy, for the keywords it accepts;"
                             " default: %(default)s")
    parser.add_argument("--keywords", action="store_true",
                        help="(internal) print this numpy's keywords of the names on stdin")
    args = parser.parse_args(argv)
    if args.keywords:
        json.dump(newer_keywords(json.load(sys.stdin)), sys.stdout)
        return
    numpy, newer_version, data = collect(args.newer_python)
    if numpy.__version__ != VERSION:
        sys.exit("numpy_signatures.py: this is numpy {}, not {}: run it as"
                 " .venv-grader/bin/python tools/numpy_signatures.py".format(
                     numpy.__version__, VERSION))
    document = dict(
        about=["How numpy {} (the grader's) lets its functions and array methods be called,"
               .format(VERSION),
               "from numpy {} on Python {} and, for the keywords a newer numpy accepts, numpy"
               " {}:".format(numpy.__version__, sys.version.split()[0], newer_version),
               "  .venv-grader/bin/python tools/numpy_signatures.py  (its docstring says how)."
               " Do not edit: regenerate."],
        numpy=numpy.__version__, newer_numpy=newer_version, **data)
    text = json.dumps(document, indent=0, sort_keys=True) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)
        print("numpy_signatures.py: {} signatures, {} functions with refused keywords,"
              " written to {}".format(len(data["signatures"]), len(data["rejected"]),
                                      args.output))


if __name__ == "__main__":
    main()
