"""Every sample's expected output agrees with the loop reference; enough samples exist."""
import ast
import os

import numpy as np
import pytest

import cases
import scripts


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


@pytest.mark.parametrize("script", scripts.GRADED)
def test_each_graded_script_has_eight_cases(script):
    names = os.listdir(os.path.join(cases.SAMPLES, script))
    assert len([name for name in names if name.endswith(".in")]) >= 8
    assert "01-lesson.in" in names
