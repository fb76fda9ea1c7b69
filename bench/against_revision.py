"""The forward as it is now against the forward of an earlier commit, side by side.

  .venv/bin/python bench/against_revision.py REV

For each of bench.py's shapes: the package's forward (convkit/conv.py) in the work tree,
the forward of a revision from before the package, `git show REV:solutions/convolve.py`
(the old scripts carried it), and the BLAS floor, in one interleaved race (best of 5), in
milliseconds. For telling a slower machine from slower code: the same machine times both.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

from chunk_rows import problem

from bench import REPEATS, SHAPES, race
from convkit.conv import apply_convolution

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def at_revision(revision):
    """solutions/convolve.py as it was at revision, loaded as a module."""
    source = subprocess.run(["git", "show", revision + ":solutions/convolve.py"], cwd=ROOT,
                            stdout=subprocess.PIPE, check=True).stdout
    with tempfile.NamedTemporaryFile(suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location("convolve_then", f.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    os.remove(f.name)
    return module


def main(revision):
    then = at_revision(revision)
    print("forward now and at {}, and the BLAS floor (ms), best of {} interleaved "
          "rounds".format(revision, REPEATS))
    for shape in SHAPES:
        times = race_shape(shape, then, revision)
        print("{:<24} ".format(" x ".join(map(str, shape))) +
              "   ".join("{} {:.1f}".format(name, seconds * 1000)
                         for name, seconds in times.items()))


def race_shape(shape, then, revision):
    x, w, b, floor = problem(*shape)
    return race({"now": lambda: apply_convolution(x, w, b),
                 revision: lambda: then.apply_convolution(x, w, b), "floor": floor})


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/against_revision.py REV")
    main(sys.argv[1])
