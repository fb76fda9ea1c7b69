"""What makes the graded files pasteable and readable, and the package one plain package.

Graded files (solutions/): at most 120 lines, the graded function first, Python 3.5 syntax
(vermin), numpy the only dependency, nothing evaluated. The package (convkit/): its parts
reach each other by plain imports only (no sys.path edits, no file loaded by path, no
script exec'd); the fork server and isolate.py also run on the grader's Python 3.6.
"""
import ast
import os
import subprocess
import sys

import pytest

from convkit.tasks import TASKS
from programs import GRADED, ROOT, SOLUTIONS, graded_path

PACKAGE = os.path.join(ROOT, "convkit")
STDLIB = {"ast", "collections", "io", "itertools", "json", "re", "sys"}
MOST_LINES = 120
# The fork server runs a learner's file as `python FILE` would: compiling and exec'ing that
# file in a fresh __main__ is its job, not a way for the package to reach its own parts.
RUNS_LEARNERS_FILES = {os.path.join(PACKAGE, "checker", "forkserver.py")}


def source(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def package_files():
    for folder, _, names in os.walk(PACKAGE):
        for name in sorted(names):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def test_solutions_holds_exactly_the_graded_files():
    assert sorted(set(os.listdir(SOLUTIONS)) - {"__pycache__"}) == sorted(
        name + ".py" for name in GRADED)


@pytest.mark.parametrize("name", GRADED)
def test_a_graded_file_is_short(name):
    assert source(graded_path(name)).count("\n") <= MOST_LINES


@pytest.mark.parametrize("name", GRADED)
def test_the_graded_function_comes_first(name):
    """Newspaper order: after the docstring and the imports, the first function is the
    graded one (the receptive field's LayerInfo record may stand just before it), and
    the file ends by running main only as a program."""
    tree = ast.parse(source(graded_path(name)))
    functions = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert functions[0] == TASKS[name].function
    kinds = [type(node).__name__ for node in tree.body]
    first = kinds.index("FunctionDef")
    assert set(kinds[1:first]) <= {"Import", "ImportFrom", "Assign"}
    last = tree.body[-1]
    assert isinstance(last, ast.If) and "__main__" in ast.dump(last.test)


@pytest.mark.parametrize("name", GRADED)
def test_imports_only_stdlib_and_numpy(name):
    imported = set()
    for node in ast.walk(ast.parse(source(graded_path(name)))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= STDLIB | {"numpy"}


@pytest.mark.parametrize("name", GRADED)
def test_no_eval_or_exec(name):
    calls = {node.func.id for node in ast.walk(ast.parse(source(graded_path(name))))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not calls & {"eval", "exec", "compile", "__import__"}


@pytest.mark.parametrize("name", GRADED)
def test_graded_function_has_shapes_in_its_docstring(name):
    tree = ast.parse(source(graded_path(name)))
    function = [node for node in tree.body if isinstance(node, ast.FunctionDef)
                and node.name == TASKS[name].function][0]
    doc = ast.get_docstring(function)
    for axis in (("LayerInfo",) if name == "receptive_field" else
                 ("InLen x InChannels", "OutChannels x InChannels x KernelSize",
                  "OutChannels")):
        assert axis in doc


def forbidden(path):
    """What in a package file reaches another part otherwise than by a plain import (an
    import by module name, importlib.import_module("convkit.exercises." + name), is one:
    Python's own machinery, no path)."""
    found = []
    for node in ast.walk(ast.parse(source(path))):
        if isinstance(node, ast.Call):
            text = ast.unparse(node.func)
            if text in ("exec", "eval", "compile", "__import__", "runpy.run_path") or text.endswith(
                        ("spec_from_file_location", "module_from_spec", "exec_module")) or \
                    text.startswith("sys.path."):
                found.append("line {}: {}".format(node.lineno, text))
        elif isinstance(node, (ast.Assign, ast.AugAssign)) and "sys.path" in ast.unparse(node):
            found.append("line {}: {}".format(node.lineno, ast.unparse(node)))
    return found


@pytest.mark.parametrize("path", sorted(set(package_files()) - RUNS_LEARNERS_FILES),
                         ids=lambda path: os.path.relpath(path, ROOT))
def test_the_package_is_joined_by_plain_imports(path):
    assert forbidden(path) == []


@pytest.mark.parametrize("target, paths", [
    ("3.5", [SOLUTIONS]),  # pasted into the grader as they are
    ("3.6", [os.path.join(PACKAGE, "checker", "forkserver.py"),
             os.path.join(PACKAGE, "checker", "isolate.py")]),  # the grader's fork server
])
def test_syntax_and_library_are_old_enough(target, paths):
    vermin = os.path.join(os.path.dirname(sys.executable), "vermin")
    if not os.path.exists(vermin):
        pytest.skip("vermin is not installed beside this python")
    done = subprocess.run([vermin, "-t={}-".format(target), "--violations", "--no-tips"]
                          + paths, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    assert done.returncode == 0, done.stdout


def test_the_fork_server_imports_only_the_standard_library_and_isolate():
    """It runs under the grader's Python 3.6 as a program: no package import can work."""
    for name in ("forkserver.py", "isolate.py"):
        tree = ast.parse(source(os.path.join(PACKAGE, "checker", name)))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert imported <= set(sys.stdlib_module_names) | {"isolate"}, name
