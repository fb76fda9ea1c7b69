"""Write a case's .out from the loop reference: python3 tests/make_expected.py CASE.in ...

For cases whose answer has no other source (random data, flags). Hand-computed and
lesson answers are written by hand instead; tests/test_samples.py checks every .out
against the reference either way.
"""
import sys

import cases

for in_path in sys.argv[1:]:
    answer = cases.reference_answer(in_path)
    with open(in_path[:-len(".in")] + ".out", "w") as f:
        f.write(repr(answer) + "\n")
    print("wrote", in_path[:-len(".in")] + ".out")
