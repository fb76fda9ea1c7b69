"""run_tests.sh's command line: run every solutions/<name>.py on its samples and judge.

  ./run_tests.sh [--rtol R] [--atol A] [--timeout S] [--python PY] [SCRIPT | CASE.in ...]
    SCRIPT     a script name (convolve) or the project's own file (solutions/convolve.py)
    CASE.in    one case (samples/convolve/05-k1.in)
  --rtol R (1e-9), --atol A (1e-12): finite numbers >= 0; |got - want| <= atol + rtol*|want|
  --timeout S (10): seconds per case, a finite number > 0
  --python PY (python3): the interpreter that runs the scripts; it must import numpy

Exit status 0 if every case passed, 1 if any failed, 2 on a usage error.
"""
import math
import os
import shutil
import signal
import sys
import tempfile

if not __package__:  # run as `python3 checker` (run_tests.sh does): import it as a package
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

from checker import harness  # noqa: E402

PROG = "run_tests.sh"
DEFAULTS = {"rtol": "1e-9", "atol": "1e-12", "timeout": "10", "python": "python3"}


class Usage(Exception):
    pass


def usage_text():
    return "\n".join(__doc__.split("\n")[2:9]) + "\n"


def parse_args(argv):
    """(options, targets) from the arguments; Usage for a bad one."""
    options = dict(DEFAULTS)
    targets = []
    position = 0
    while position < len(argv):
        arg = argv[position]
        position += 1
        name, equals, value = arg.partition("=")
        if name in ("--rtol", "--atol", "--timeout", "--python"):
            if not equals:
                if position >= len(argv):
                    raise Usage("{} needs a value".format(arg))
                value = argv[position]
                position += 1
            options[name[2:]] = value
        elif arg in ("-h", "--help"):
            sys.stdout.write(__doc__.split("\n", 2)[2])
            sys.exit(0)
        elif arg == "--":
            targets.extend(argv[position:])
            break
        elif arg.startswith("-"):
            raise Usage("unknown option {}".format(arg))
        else:
            targets.append(arg)
    for name in ("rtol", "atol"):
        options[name] = number(options[name], "--" + name, "a finite number >= 0",
                               lambda value: value >= 0)
    options["timeout"] = number(options["timeout"], "--timeout", "seconds, a finite number > 0",
                                lambda value: value > 0)
    if not options["python"]:
        raise Usage("--python needs a value")
    return options, targets


def number(text, flag, what, good):
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or not good(value):
        raise Usage("{} takes {}, got {!r}".format(flag, what, text))
    return value


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    for signum in (signal.SIGTERM, signal.SIGHUP):  # so the running case is killed too
        signal.signal(signum, _exit_on_signal)
    # A reader that stops reading (./run_tests.sh | head) ends the run quietly. The report
    # is written between cases, when no case is running.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    workdir = None
    try:
        options, targets = parse_args(argv)
        cases, orphans = harness.discover(targets)
        workdir = tempfile.mkdtemp(prefix="run_tests-")
        problem = harness.check_python(options["python"], workdir)
        if problem:
            sys.stderr.write(harness.writable("{}: {}\n".format(PROG, problem), sys.stderr))
            return 2
        passed, failed = harness.run_cases(
            cases, orphans, options["rtol"], options["atol"], options["timeout"],
            options["python"], workdir)
        return 1 if failed else 0
    except (Usage, harness.UsageError) as err:
        sys.stderr.write(harness.writable(usage_text() + "{}: {}\n".format(PROG, err),
                                          sys.stderr))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("{}: interrupted\n".format(PROG))
        return 130
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
