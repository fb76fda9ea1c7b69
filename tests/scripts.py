"""Load a solution script as a module, or run it as the grader does."""
import importlib.util
import os
import subprocess
import sys

from cases import SOLUTIONS

GRADED = ("convolve", "kernel_grad", "input_grad", "receptive_field")
CONV = ("convolve", "kernel_grad", "input_grad")


def path(name):
    return os.path.join(SOLUTIONS, name + ".py")


def load(name):
    """solutions/<name>.py as a fresh module (main() does not run)."""
    spec = importlib.util.spec_from_file_location("solution_" + name, path(name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(name, stdin, args=(), python=None, timeout=60):
    """(exit status, stdout, stderr) of `python solutions/<name>.py args < stdin`."""
    if isinstance(stdin, str):
        stdin = stdin.encode()
    done = subprocess.run([python or sys.executable, path(name)] + list(args), input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return done.returncode, done.stdout.decode(), done.stderr.decode(errors="replace")
