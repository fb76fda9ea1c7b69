"""docs/check-in-a-notebook.ipynb, executed in a real Jupyter kernel (nbclient, ipykernel):
check() passes the correct function, shows a shrunk counterexample with its picture for the
buggy one, each within 10 s, and says TLE for the endless loop, after which the next cell
still runs.

The notebook is stored with its outputs (so that GitHub shows them); after editing it,
store it executed again with

    .venv/bin/python tests/test_notebook.py --store
"""
import datetime
import os
import re
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
NOTEBOOK = os.path.join(PROJECT, "docs", "check-in-a-notebook.ipynb")
CELL_SECONDS = 10  # a check cell's limit (the loop's has its timeout on top)


def execute(path=NOTEBOOK):
    """The notebook, executed in a fresh python3 kernel, in the project's folder."""
    import nbclient
    import nbformat
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": PROJECT}})
    client.execute()
    return notebook


def store(path=NOTEBOOK):
    """Execute the notebook and write it back with its outputs, without the timings that
    would change every time."""
    import nbformat
    notebook = execute(path)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)


def seconds(cell):
    """How long the cell ran, from the kernel's timestamps (nbclient records them)."""
    timing = cell.metadata["execution"]
    start, end = (datetime.datetime.fromisoformat(timing[key].replace("Z", "+00:00"))
                  for key in ("iopub.execute_input", "shell.execute_reply"))
    return (end - start).total_seconds()


def text_of(cell):
    parts = []
    for output in cell.get("outputs", ()):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append("\n".join(output.traceback))
        else:
            parts.extend(str(value) for value in output.get("data", {}).values())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed():
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    return execute()


def check_cells(notebook):
    return [cell for cell in notebook.cells
            if cell.cell_type == "code" and "check(apply_convolution" in cell.source]


def test_no_cell_fails(executed):
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert "error" not in [output.output_type for output in cell.outputs], \
                text_of(cell)


def test_the_correct_function_passes(executed):
    correct, grader, _, _ = check_cells(executed)
    page = text_of(correct)
    assert ">AC<" in page and " 0 failed" in page
    assert re.search(r"AC   [0-9]{3} random cases \(seed 1\)", page)
    assert seconds(correct) < CELL_SECONDS
    assert "passed" in text_of(grader)  # on the grader or its static check, as it is here


def test_the_buggy_function_gets_a_shrunk_counterexample(executed):
    _, _, buggy, _ = check_cells(executed)
    page = text_of(buggy)
    assert ">WA<" in page and "smallest failing case" in page
    assert "InLen 2, InChannels 1, OutChannels 1, KernelSize 2" in page  # shrunk
    assert "your kernel is flipped" in page and "<svg" in page
    assert seconds(buggy) < CELL_SECONDS


def test_the_endless_loop_is_tle_and_the_kernel_lives_on(executed):
    *_, loop = check_cells(executed)
    page = text_of(loop)
    assert ">TLE<" in page and "killed after 2s" in page
    assert seconds(loop) < CELL_SECONDS
    last = executed.cells[-1]
    assert "the kernel lives on: 4" in text_of(last)
    assert last.execution_count == loop.execution_count + 1


def test_the_stored_notebook_has_its_outputs():
    import nbformat
    stored = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(stored)
    cells = check_cells(stored)
    assert len(cells) == 4 and all(cell.outputs for cell in cells)
    assert ">WA<" in text_of(cells[2]) and "<svg" in text_of(cells[2])


if __name__ == "__main__":
    if sys.argv[1:] != ["--store"]:
        sys.exit("usage: python tests/test_notebook.py --store   (executes {} and writes it "
                 "back with its outputs)".format(os.path.relpath(NOTEBOOK)))
    store()
