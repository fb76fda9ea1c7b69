"""The sample suite: find the cases, run each project script on its cases in isolation,
judge the output with compare_output, report one verdict line per case and a summary.

A case is samples/<script>/<name>.in with its .out and an optional .args (the script's
arguments, the words of its first line); it runs solutions/<script>.py. Verdicts:
AC, WA (the output differs: compare_output says how), RE (a non-zero exit status or a
signal, with the end of stderr), TLE (killed when --timeout struck), OLE (stdout or stderr
passed the output limit, see compare_output.output_limit: stopped there, not compared),
ERR (the case itself is broken: no .out, an unreadable .out or .args, an orphan file).
"""
import os
import shlex
import stat
import sys

from checker import ROOT, compare_output, isolate

LABEL_WIDTH = 52
INDENT = " " * 7
CHECK_SECONDS = 60  # for the interpreter's start-up check
STDERR_LINES = 5
GRADER_FORMAT = "GRADER_FORMAT"  # in samples/<name>/: its cases in the grader's format


class UsageError(Exception):
    """A command-line target or option that cannot be used."""


class Case(object):
    """One sample case: the script it runs, its label, its files."""

    def __init__(self, script, in_path, label=None):
        self.script = script
        self.in_path = in_path
        stem = in_path[:-len(".in")]
        self.out_path = stem + ".out"
        self.args_path = stem + ".args"
        self.name = os.path.basename(stem)
        self.label = label or "{}/{}".format(script, self.name)


def script_path(name, root=ROOT):
    return os.path.join(root, "solutions", name + ".py")


def shown(path, root=ROOT):
    """A path as the report shows it: relative to the project if it is inside it."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return path if relative.startswith(os.pardir) else relative


def run_tests_here():
    """How to call run_tests.sh from the current folder: ./run_tests.sh in the project."""
    path = os.path.relpath(os.path.join(ROOT, "run_tests.sh"))
    return shlex.quote(path if os.sep in path else os.curdir + os.sep + path)


def script_name(target, root=ROOT):
    """The name of the project script that a target names: `convolve`, or a path whose real
    path is the project's own solutions/convolve.py. UsageError for anything else: the
    harness never judges another file than the one named."""
    if not (target.endswith(".py") or os.sep in target or "/" in target):
        if not os.path.isfile(script_path(target, root)):
            raise UsageError("no script solutions/{}.py".format(target))
        return target
    real = os.path.realpath(target)
    name, extension = os.path.splitext(os.path.basename(real))
    if (extension == ".py" and os.path.dirname(real) == os.path.realpath(
            os.path.join(root, "solutions")) and os.path.isfile(real)):
        return name
    if real == os.path.realpath(script_path(name, root)):
        raise UsageError("no script solutions/{}.py".format(name))
    raise UsageError(
        "{} is not one of this project's scripts (solutions/<name>.py), and the sample suite "
        "judges only those; to check a file of your own: ./run_tests.sh --solution FILE "
        "TASK".format(target))


def discover(targets, root=ROOT):
    """(cases, orphans) for the command line's targets (all scripts with samples if there
    are none): the cases in order, and the .out and .args files that have no .in."""
    cases, orphans = [], []

    def add_script(name):
        folder = os.path.join(root, "samples", name)
        if not os.path.isdir(folder):
            raise UsageError("no samples/{}/".format(name))
        for entry in sorted(os.listdir(folder)):
            path = os.path.join(folder, entry)
            stem, extension = os.path.splitext(path)
            if extension == ".in":
                cases.append(Case(name, path))
            elif extension in (".out", ".args") and not os.path.lexists(stem + ".in"):
                orphans.append(path)

    if not targets:
        for entry in sorted(os.listdir(os.path.join(root, "solutions"))):
            name, extension = os.path.splitext(entry)
            if extension == ".py" and os.path.isdir(os.path.join(root, "samples", name)):
                add_script(name)
    for target in targets:
        if target.endswith(".in"):
            if not os.path.isfile(target):
                raise UsageError("no such case: {}".format(target))
            path = os.path.abspath(target)
            cases.append(Case(os.path.basename(os.path.dirname(path)), path))
        else:
            add_script(script_name(target, root))
    return cases, orphans


def check_python(python, workdir):
    """None if `python -c 'import numpy'` runs and succeeds, else why not, in one line."""
    result = isolate.run([python, "-c", "import numpy"], os.devnull, CHECK_SECONDS, 1 << 20,
                         workdir)
    try:
        if result.error:
            return "--python {}: {}".format(python, result.error)
        if result.timed_out:
            return "--python {}: `-c 'import numpy'` did not finish in {} s".format(
                python, CHECK_SECONDS)
        if result.status == 0:
            return None
        said = ""
        for path in (result.stderr, result.stdout):
            with open(path, "rb") as f:
                lines = [line for line in f.read(4096).decode("utf-8", "replace").splitlines()
                         if line.strip()]
            if lines:  # the first line (pyenv's "command not found" is), or a traceback's last
                said = (lines[-1] if lines[0].startswith("Traceback") else lines[0]).strip()
                break
        how = ("killed by {}".format(result.signal_name) if result.signal is not None
               else "exit status {}".format(result.status))
        return "--python {} cannot run and import numpy ({}){}".format(
            python, how, ": " + said if said else "")
    finally:
        _remove(result)


def report(out, verdict, label, seconds, details=""):
    label = "".join(c if c.isprintable() else repr(c)[1:-1] for c in label)  # a file name
    text = "{:<4} {:<{}} {:6.2f}s\n".format(verdict, label, LABEL_WIDTH, seconds)  # could
    # otherwise hold a newline and a line of its own that reads AC
    text += "".join(INDENT + line + "\n" for line in details.splitlines())
    out.write(writable(text, out))
    out.flush()


def writable(text, stream):
    """text with what the stream's encoding cannot write escaped (Python 3.6 in the C
    locale writes ASCII only), so that a script's stderr or a file name never makes a
    traceback here."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding)


def run_cases(cases, orphans, rtol, atol, timeout, python, workdir, out=sys.stdout,
              program=None, suffix="", summary=True):
    """Judge every case and report; (passed, failed). The last line written is
    `N passed, M failed` (none without summary). program: the file to run on every case
    (a learner's), in place of the cases' own solutions/<name>.py; suffix: added to each
    case's label."""
    passed = failed = 0
    for orphan in orphans:
        report(out, "ERR", os.path.relpath(orphan, os.path.join(ROOT, "samples")), 0,
               "has no matching .in file")
        failed += 1
    for case in cases:
        verdict, seconds, details = judge(case, rtol, atol, timeout, python, workdir,
                                          program)
        report(out, verdict, case.label + suffix, seconds, details)
        if verdict == "AC":
            passed += 1
        else:
            failed += 1
    if summary:
        out.write("{} passed, {} failed\n".format(passed, failed))
        out.flush()
    return passed, failed


def grader_format(name, root=ROOT):
    """The names of the cases of samples/<name>/ in the grader's own format, as listed in
    its GRADER_FORMAT file (none if it has no such file)."""
    path = os.path.join(root, "samples", name, GRADER_FORMAT)
    try:
        with open(path, encoding="utf-8") as f:
            return {line.strip() for line in f if line.strip() and not line.startswith("#")}
    except OSError:
        return set()


def judge(case, rtol, atol, timeout, python, workdir, program=None):
    """(verdict, seconds, details) for one case, run by its script or by program."""
    if not os.path.isfile(case.out_path):
        return "ERR", 0.0, "has no .out file"
    script = program or script_path(case.script)
    if not os.path.isfile(script):
        return "ERR", 0.0, "no script solutions/{}.py".format(case.script)
    try:
        if not stat.S_ISREG(os.stat(case.in_path).st_mode):  # a FIFO would never end
            return "ERR", 0.0, "{} is not a regular file".format(shown(case.in_path))
        want = compare_output.read_expected(case.out_path, shown(case.out_path))
        want_size = os.path.getsize(case.out_path)
        args = read_args(case.args_path)
    except (OSError, ValueError) as err:  # Unreadable is a ValueError
        return "ERR", 0.0, str(err)
    limit = compare_output.output_limit(want_size)
    try:
        result = isolate.run([python, script] + args, case.in_path, timeout, limit, workdir)
    except OSError as err:  # the .in cannot be read, or no room for the output files
        return "ERR", 0.0, "cannot run the case: {}".format(err)
    try:
        verdict, details = _verdict(result, want, want_size, limit, rtol, atol, timeout)
    finally:
        _remove(result)
    if result.survivors:
        details = (details + "\n" if details else "") + "{} of its processes could not be " \
            "killed: {}".format(len(result.survivors), " ".join(map(str, result.survivors)))
        verdict = "RE" if verdict == "AC" else verdict
    return verdict, result.seconds, details


def _verdict(result, want, want_size, limit, rtol, atol, timeout):
    if result.error:
        return "RE", result.error
    if result.timed_out:
        return "TLE", "killed after {:g}s".format(timeout)
    if result.stdout_size > limit:
        return "OLE", ("output limit exceeded: more than {} bytes on stdout (1 MiB + {} x the "
                       ".out's {} bytes); stopped there, not compared".format(
                           limit, compare_output.LIMIT_FACTOR, want_size))
    if result.stderr_size > limit:
        return "OLE", ("output limit exceeded: more than {} bytes on stderr; stopped "
                       "there".format(limit))
    if result.signal is not None:
        return "RE", "killed by {}{}".format(result.signal_name, _stderr_end(result))
    if result.status != 0:
        return "RE", "exit status {}{}".format(result.status, _stderr_end(result))
    with open(result.stdout, "rb") as f:
        got = f.read(limit + 1)
    reason = compare_output.compare_parsed(got, want, rtol, atol, want_size)
    return ("WA", reason) if reason else ("AC", "")


def _stderr_end(result):
    if not result.stderr_size:
        return "; stderr is empty"
    return "; stderr ends:\n" + isolate.tail(result.stderr, STDERR_LINES)


def read_args(path):
    """The words of the first line of a case's .args file ([] if there is none);
    ValueError naming the file if it cannot be read."""
    if not os.path.exists(path):
        return []
    try:
        with open(path, "rb") as f:
            first = f.readline(1 << 16).decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError("{} is unreadable: {}".format(shown(path), err))
    if "\0" in first:  # no command line can carry it
        raise ValueError("{} is unreadable: it holds a NUL byte".format(shown(path)))
    return first.split()


def _remove(result):
    for path in (result.stdout, result.stderr):
        if path:
            try:
                os.remove(path)
            except OSError:
                pass
