"""Write convkit/checker/numpy-1.14.1-names.txt: every public name numpy 1.14.1 has, from
numpy itself.

  .venv-grader/bin/python tools/numpy_names.py [--output PATH]   (make test-grader builds it)

Run it under the grader's numpy (1.14.1; it refuses any other). It imports numpy and every
public submodule in numpy's package (pkgutil; tests, setup scripts and names starting with
an underscore left out), then walks the namespace from `numpy` down: each module's public
attributes (dir() without the _ names) become dotted names, and it goes on into each numpy
module it meets at that module's own path (numpy.lib.stride_tricks, numpy.random.mtrand,
...) and into numpy's top-level aliases of its modules (numpy.emath, numpy.char,
numpy.rec). Last, the attributes of numpy.ndarray. numpy.distutils and numpy.f2py, build
tools, are listed with their submodules but not walked.

convkit/checker/static_check.py reads the file to tell a learner which numpy names the
grader lacks: a name's members are known exactly when the file lists any of them.
"""
import argparse
import contextlib
import io
import os
import pkgutil
import sys
import types
import warnings

VERSION = "1.14.1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "convkit", "checker", "numpy-{}-names.txt".format(VERSION))
NOT_WALKED = ("numpy.distutils", "numpy.f2py")  # build tools: listed, never imported
NOT_IMPORTED = ("tests", "setup", "conftest")  # module names that are no part of the API


def public_submodules(numpy):
    """The names of numpy's submodules, sorted, without tests, setup scripts and _ names."""
    found = pkgutil.walk_packages(numpy.__path__, "numpy.", onerror=lambda name: None)
    return sorted(info.name for info in found
                  if not any(part.startswith("_") or part in NOT_IMPORTED
                             for part in info.name.split(".")))


def is_numpy_module(value):
    return isinstance(value, types.ModuleType) and value.__name__.split(".")[0] == "numpy"


def walk(numpy):
    """The dotted public names under numpy, as a set."""
    names = set()
    queue = [("numpy", numpy)]
    walked = {"numpy"}
    while queue:
        path, module = queue.pop(0)
        for name in sorted(dir(module)):
            if name.startswith("_"):
                continue
            try:
                value = getattr(module, name)
            except Exception:  # a lazy attribute that fails: it is there all the same
                value = None
            full = path + "." + name
            names.add(full)
            if not is_numpy_module(value) or full in walked or full.startswith(NOT_WALKED):
                continue
            # a module at its own path, or one of numpy's top-level aliases (numpy.emath)
            if value.__name__ == full or path == "numpy":
                walked.add(full)
                queue.append((full, value))
    names.update("numpy.ndarray." + name for name in dir(numpy.ndarray)
                 if not name.startswith("_"))
    return names


def collect():
    """Import numpy and its public submodules; return (numpy, the sorted names)."""
    # numpy.testing.print_coercion_tables prints its tables when imported: not into the list
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        import numpy
        modules = public_submodules(numpy)
        for name in modules:
            if not name.startswith(NOT_WALKED):
                try:
                    __import__(name)
                except Exception:  # e.g. the nose plugins of numpy.testing, without nose
                    pass
        names = walk(numpy)
    names.update(modules)  # importable by name even where not imported (or not importable)
    return numpy, sorted(names)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", default=OUTPUT,
                        help="where to write the list ('-': stdout); default: %(default)s")
    args = parser.parse_args(argv)
    numpy, names = collect()
    if numpy.__version__ != VERSION:
        sys.exit("numpy_names.py: this is numpy {}, not {}: run it as"
                 " .venv-grader/bin/python tools/numpy_names.py".format(numpy.__version__,
                                                                        VERSION))
    header = [
        "# The public names of numpy {} (the grader's), one dotted name per line, sorted:"
        .format(numpy.__version__),
        "# numpy, its public submodules and their attributes, and numpy.ndarray's attributes.",
        "# Generated from numpy {} on Python {} by".format(numpy.__version__,
                                                           sys.version.split()[0]),
        "#   .venv-grader/bin/python tools/numpy_names.py",
        "# (make test-grader builds .venv-grader). Do not edit: regenerate."]
    text = "\n".join(header + names) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)
        print("numpy_names.py: {} names written to {}".format(len(names), args.output))


if __name__ == "__main__":
    main()
