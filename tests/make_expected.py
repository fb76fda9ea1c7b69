"""Write a case's .out from the loop reference: python3 tests/make_expected.py CASE.in ...

For cases whose answer has no other source (random data, flags). Hand-computed and
lesson answers are written by hand instead; tests/test_samples.py checks every .out
against the reference (convkit/reference.py) either way. Needs numpy; the package is
found beside this folder, installed or not.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import cases  # noqa: E402 (after the project is on the path)

for in_path in sys.argv[1:]:
    answer = cases.reference_answer(in_path)
    with open(in_path[:-len(".in")] + ".out", "w") as f:
        f.write(repr(answer) + "\n")
    print("wrote", in_path[:-len(".in")] + ".out")
