"""Run a solution script as `python script.py` would, but inside this process: for the
fuzz (thousands of runs) and, as a program, for the parity test, which runs it under each
interpreter:

  python tests/in_process.py < CASES    (CASES: JSON lines [script, stdin, args])

prints one JSON line [status, stdout, stderr] per case. Standard library only, Python 3.6+.
"""
import io
import json
import os
import runpy
import sys
import warnings

SOLUTIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "solutions")


def path(name):
    return os.path.join(SOLUTIONS, name + ".py")


def run_in_process(name, stdin, args):
    """(exit status, stdout, stderr) of running the script as __main__ in this process."""
    saved = sys.argv, sys.stdin, sys.stdout, sys.stderr
    sys.argv = [path(name)] + list(args)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8", "surrogateescape")))
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    status = 0
    try:
        with warnings.catch_warnings(record=True) as shown:  # python would print these
            warnings.simplefilter("default")
            runpy.run_path(path(name), run_name="__main__")
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
        if done.code is not None and not isinstance(done.code, int):
            sys.stderr.write(str(done.code) + "\n")
    finally:
        out, err = sys.stdout.getvalue(), sys.stderr.getvalue()
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
    err = "".join("warning: {}\n".format(w.message) for w in shown) + err
    return status, out, err


def main():
    cases = [json.loads(line) for line in sys.stdin if line.strip()]
    results = [run_in_process(name, stdin, args) for name, stdin, args in cases]
    sys.stdout.write("".join(json.dumps(result) + "\n" for result in results))


if __name__ == "__main__":
    main()
