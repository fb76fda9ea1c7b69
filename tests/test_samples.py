"""Every sample's expected output agrees with the loop reference (convkit/reference.py);
enough samples exist; the sample suite runs each one through the package's command, and the
grader-format ones through the graded file too."""
import ast
import os
import subprocess

import numpy as np
import pytest

import cases
from convkit.checker import harness
from convkit.cli import COMMANDS
from programs import GRADED, GRADER_PYTHON, ROOT, graded_path


@pytest.mark.parametrize("in_path", cases.all_cases(),
                         ids=lambda p: os.path.relpath(p, cases.SAMPLES))
def test_expected_output_agrees_with_reference(in_path):
    with open(in_path[:-len(".in")] + ".out") as f:
        expected = ast.literal_eval(f.read())
    want = cases.reference_answer(in_path)
    if isinstance(want, int):
        assert expected == want
    else:
        np.testing.assert_allclose(np.array(expected, float), np.array(want, float),
                                   rtol=1e-12, atol=0)


@pytest.mark.parametrize("script", GRADED)
def test_each_graded_script_has_eight_cases(script):
    names = os.listdir(os.path.join(cases.SAMPLES, script))
    assert len([name for name in names if name.endswith(".in")]) >= 8
    assert "01-lesson.in" in names


@pytest.mark.parametrize("in_path", cases.all_cases(),
                         ids=lambda p: os.path.relpath(p, cases.SAMPLES))
def test_the_suite_runs_each_sample_through_the_package_and_the_graded_file(in_path):
    """The package's command on every sample; the graded file, which exists, on the ones
    in the grader's format, and on every graded task's lesson sample."""
    name = os.path.basename(os.path.dirname(in_path))
    case = os.path.basename(in_path)[:-len(".in")]
    marked = case in harness.grader_format(name)
    runs = harness.runs(name, in_path)
    assert [run.label for run in runs] == ["{}/{}".format(name, case)] * marked + [
        "convkit {}/{}".format(name, case)], runs
    assert name in COMMANDS and runs[-1].package
    if marked:
        assert runs[0].argv == [graded_path(name)] and os.path.isfile(graded_path(name))
    assert marked or name not in GRADED or case != "01-lesson"


@pytest.mark.grader
def test_the_graded_files_pass_their_samples_on_the_graders_python():
    """The whole sample suite with the graded files on Python 3.6 + numpy 1.14.1 (the
    package's command on the checker's own Python, as always)."""
    if not os.path.exists(GRADER_PYTHON):
        pytest.skip("no .venv-grader: make test-grader builds it")
    done = subprocess.run([os.path.join(ROOT, "run_tests.sh"), "--python", GRADER_PYTHON],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=600)
    marked = sum(len(harness.grader_format(name)) for name in GRADED)
    assert done.stdout.splitlines()[-1] == "{} passed, 0 failed".format(
        len(cases.all_cases()) + marked), done.stdout + done.stderr
    assert done.returncode == 0 and done.stderr == ""
