"""python -m convkit NAME [flags] < input: see convkit/cli.py."""
import sys

try:
    import numpy  # noqa: F401 (every command needs it)
except ImportError:  # one line, not a traceback
    sys.exit("convkit: needs numpy: python3 -m pip install numpy")

from convkit.cli import run  # noqa: E402 (after the check above)

run()
