"""What makes the scripts pasteable: Python 3.5 syntax, numpy the only dependency, and
shared blocks that are true copies of each other; and the harness (checker/, tools/)
within what Python 3.6, the grader's, has."""
import ast
import os
import subprocess
import sys

import pytest

import scripts
from cases import ROOT, SOLUTIONS

sys.path.insert(0, os.path.join(ROOT, "tools"))
import sync_shared_blocks  # noqa: E402

ALL = sorted(name[:-3] for name in os.listdir(SOLUTIONS) if name.endswith(".py"))
STDLIB = {"argparse", "collections", "json", "os", "re", "select", "sys", "types", "warnings"}


def source(name):
    with open(scripts.path(name)) as f:
        return f.read()


@pytest.mark.parametrize("marker", sorted(sync_shared_blocks.BLOCKS))
def test_shared_blocks_are_identical(marker):
    """If this fails, edit the block in its source script and run
    python3 tools/sync_shared_blocks.py."""
    names = sync_shared_blocks.BLOCKS[marker]
    copies = {}
    for name in names:
        start, end = sync_shared_blocks.span(source(name), marker)
        copies[name] = source(name)[start:end]
    assert [name for name in names if copies[name] != copies[names[0]]] == []


GRADED_FUNCTIONS = {"convolve": "apply_convolution", "kernel_grad": "calculate_kernel_grad",
                    "input_grad": "calculate_conv_x_grad",
                    "receptive_field": "calculate_receptive_field"}


@pytest.mark.parametrize("name", scripts.GRADED)
def test_the_graded_function_comes_first(name):
    """Newspaper order: a learner who opens the script meets the graded function on its
    first screen, then main; after the marker line come only the blocks shared between
    scripts (the ones tools/sync_shared_blocks.py lists for this script), nothing else."""
    text = source(name)
    head, marker, shared = text.partition(sync_shared_blocks.SHARED_MARKER)
    number = {line.split("(")[0][4:]: i + 1 for i, line in enumerate(text.split("\n"))
              if line.startswith("def ")}
    assert marker and number[GRADED_FUNCTIONS[name]] <= 40
    assert number[GRADED_FUNCTIONS[name]] < number["main"] < head.count("\n")
    blocks = [line for line in shared.split("\n") if line.startswith("# ---- ")]
    listed = [block for block, names in sync_shared_blocks.BLOCKS.items() if name in names]
    assert shared.startswith(listed[0])
    assert len(blocks) == len(listed) + 1 and blocks[-1] == sync_shared_blocks.END_MARKER
    assert all(block.startswith(start) for block, start in zip(blocks, listed))


@pytest.mark.parametrize("name", ALL)
def test_imports_only_stdlib_and_numpy(name):
    imported = set()
    for node in ast.walk(ast.parse(source(name))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= STDLIB | {"numpy"}


@pytest.mark.parametrize("name", ALL)
def test_no_eval_or_exec(name):
    calls = {node.func.id for node in ast.walk(ast.parse(source(name)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not calls & {"eval", "exec", "compile", "__import__"}


@pytest.mark.parametrize("name", scripts.GRADED)
def test_graded_function_has_shapes_in_its_docstring(name):
    doc = getattr(scripts.load(name), GRADED_FUNCTIONS[name]).__doc__
    for axis in (("LayerInfo",) if name == "receptive_field" else
                 ("InLen x InChannels", "OutChannels x InChannels x KernelSize")):
        assert axis in doc


@pytest.mark.parametrize("target, folders", [
    ("3.5", [SOLUTIONS]),  # pasted into the grader as they are
    ("3.6", [os.path.join(ROOT, "checker"), os.path.join(ROOT, "tools")]),  # the harness
])
def test_syntax_and_library_are_old_enough(target, folders):
    vermin = os.path.join(os.path.dirname(sys.executable), "vermin")
    if not os.path.exists(vermin):
        pytest.skip("vermin is not installed beside this python")
    done = subprocess.run([vermin, "-t={}-".format(target), "--violations", "--no-tips"]
                          + folders, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    assert done.returncode == 0, done.stdout
