"""The sample suite: find the cases, run each on the project's graded file and on the
package's command, in isolation, judge the output with convkit/compare.py, report one
verdict line per run and a summary.

A case is samples/<name>/<case>.in with its .out and an optional .args (the command's
arguments, the words of its first line). It runs `python solutions/<name>.py` when it is in
the grader's format (listed in samples/<name>/GRADER_FORMAT), and `python -m convkit <name>
ARGS` when the package has that command; each run is one verdict line. Verdicts: AC, WA
(the output differs: compare says how), RE (a non-zero exit status or a signal, with the
end of stderr), TLE (killed when --timeout struck), OLE (stdout or stderr passed the
output limit, see compare.output_limit: stopped there, not compared), ERR (the case itself
is broken: no .out, an unreadable .out or .args, an orphan file, nothing to run it).
"""
import os
import shlex
import shutil
import stat
import sys

from convkit import compare
from convkit.checker import PROJECT, isolate, sandbox
from convkit.cli import COMMANDS
from convkit.i18n import _, later, localize, n_

LABEL_WIDTH = 52
INDENT = " " * 7
CHECK_SECONDS = 60  # for the interpreter's start-up check
STDERR_LINES = 5
GRADER_FORMAT = "GRADER_FORMAT"  # in samples/<name>/: its cases in the grader's format
PACKAGE = "convkit"  # the label's prefix for a run of the package's command


class UsageError(Exception):
    """A command-line target or option that cannot be used."""


class Case(object):
    """One run of one sample: the program that runs it (argv, without the Python; None for
    the file the caller gives), its label, its files."""

    def __init__(self, name, in_path, label=None, argv=None, package=False):
        self.name = name
        self.in_path = in_path
        stem = in_path[:-len(".in")]
        self.out_path = stem + ".out"
        self.args_path = stem + ".args"
        self.case = os.path.basename(stem)
        self.label = label or "{}/{}".format(name, self.case)
        self.argv = argv
        self.package = package


def script_path(name, root=PROJECT):
    return os.path.join(root, "solutions", name + ".py")


def shown(path, root=PROJECT):
    """A path as the report shows it: relative to the project if it is inside it."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return path if relative.startswith(os.pardir) else relative


def run_tests_here():
    """How to call run_tests.sh from the current folder: ./run_tests.sh in the project."""
    path = os.path.relpath(os.path.join(PROJECT, "run_tests.sh"))
    return shlex.quote(path if os.sep in path else os.curdir + os.sep + path)


def runnable(name, root=PROJECT):
    """Whether the name has a graded file or a package command to run its samples."""
    return name in COMMANDS or os.path.isfile(script_path(name, root))


def script_name(target, root=PROJECT):
    """The name that a target names: `convolve`, or a path whose real path is the project's
    own solutions/convolve.py. UsageError for anything else: the harness never judges
    another file than the one named."""
    if not (target.endswith(".py") or os.sep in target or "/" in target):
        if not runnable(target, root):
            raise UsageError(_("no script solutions/{name}.py and no command convkit "
                               "{name}").format(name=target))
        return target
    real = os.path.realpath(target)
    name, extension = os.path.splitext(os.path.basename(real))
    if (extension == ".py" and os.path.dirname(real) == os.path.realpath(
            os.path.join(root, "solutions")) and os.path.isfile(real)):
        return name
    if real == os.path.realpath(script_path(name, root)):
        raise UsageError(_("no script solutions/{name}.py").format(name=name))
    raise UsageError(_(
        "{target} is not one of this project's scripts (solutions/<name>.py), and the sample "
        "suite judges only those; to check a file of your own: ./run_tests.sh --solution FILE "
        "TASK").format(target=target))


def runs(name, in_path, root=PROJECT):
    """The runs of one sample: the graded file's if the sample is in the grader's format
    (an ERR if the file is missing), the package's if it has the command; one ERR case if
    neither."""
    found = []
    if os.path.basename(in_path)[:-len(".in")] in grader_format(name, root):
        found.append(Case(name, in_path, argv=[script_path(name, root)]))
    if name in COMMANDS:
        case = Case(name, in_path, argv=["-m", "convkit", name], package=True)
        case.label = "{} {}".format(PACKAGE, case.label)
        found.append(case)
    return found or [Case(name, in_path)]


def discover(targets, root=PROJECT):
    """(cases, orphans) for the command line's targets (every sample folder if there are
    none): the runs in order, and the .out and .args files that have no .in."""
    cases, orphans = [], []

    def add_folder(name):
        folder = os.path.join(root, "samples", name)
        if not os.path.isdir(folder):
            raise UsageError(_("no samples/{name}/").format(name=name))
        for entry in sorted(os.listdir(folder)):
            path = os.path.join(folder, entry)
            stem, extension = os.path.splitext(path)
            if extension == ".in":
                cases.extend(runs(name, path, root))
            elif extension in (".out", ".args") and not os.path.lexists(stem + ".in"):
                orphans.append(path)

    if not targets:  # a folder that nothing runs too: each of its samples is an ERR
        folder = os.path.join(root, "samples")
        for entry in sorted(os.listdir(folder)):
            if os.path.isdir(os.path.join(folder, entry)):
                add_folder(entry)
    for target in targets:
        if target.endswith(".in"):
            if not os.path.isfile(target):
                raise UsageError(_("no such case: {case}").format(case=target))
            path = os.path.abspath(target)
            cases.extend(runs(os.path.basename(os.path.dirname(path)), path, root))
        else:
            add_folder(script_name(target, root))
    return cases, orphans


def check_python(python, workdir):
    """None if `python -c 'import numpy'` runs and succeeds, else why not, in one line;
    None at once for the checker's own Python (the same path, not just the same binary: a
    venv's python links to its base's) once it has imported numpy itself."""
    found = shutil.which(python)
    if sys.executable and found and os.path.abspath(found) == os.path.abspath(
            sys.executable) and "numpy" in sys.modules:
        return None
    result = isolate.run([python, "-c", "import numpy"], os.devnull, CHECK_SECONDS, 1 << 20,
                         workdir)
    try:
        if result.error:
            return _("--python {python}: {error}").format(python=python, error=result.error)
        if result.timed_out:
            return _("--python {python}: `-c 'import numpy'` did not finish in {seconds} "
                     "s").format(python=python, seconds=CHECK_SECONDS)
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
        how = (_("killed by {signal}").format(signal=result.signal_name)
               if result.signal is not None else
               _("exit status {status}").format(status=result.status))
        return _("--python {python} cannot run and import numpy ({how}){said}").format(
            python=python, how=how, said=": " + said if said else "")
    finally:
        _remove(result)


def report(out, verdict, label, seconds, details=""):
    label = "".join(c if c.isprintable() else repr(c)[1:-1] for c in label)  # a file name
    text = "{:<4} {:<{}} {:6.2f}s\n".format(verdict, label, LABEL_WIDTH, seconds)  # could
    # otherwise hold a newline and a line of its own that reads AC
    text += "".join(INDENT + line + "\n" for line in localize(details).splitlines())
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
    (a learner's), in place of the cases' own programs; suffix: added to each label."""
    passed = failed = 0
    for orphan in orphans:
        report(out, "ERR", os.path.relpath(orphan, os.path.join(PROJECT, "samples")), 0,
               later("has no matching .in file"))
        failed += 1
    # a learner's file: every case read before it runs (it may not reach the samples)
    loads = [load(case, program) if program is not None else None for case in cases]
    for case, loaded in zip(cases, loads):
        verdict, seconds, details = judge(case, rtol, atol, timeout, python, workdir,
                                          program, loaded)
        report(out, verdict, case.label + suffix, seconds, details)
        if verdict == "AC":
            passed += 1
        else:
            failed += 1
    if summary:
        out.write(summary_line(passed, failed) + "\n")
        out.flush()
    return passed, failed


def summary_line(passed, failed, skipped=0):
    """'N passed, M failed' (', K skipped' when some were): the report's last line."""
    parts = [n_("{count} passed", "{count} passed", passed).format(count=passed),
             n_("{count} failed", "{count} failed", failed).format(count=failed)]
    if skipped:
        parts.append(n_("{count} skipped", "{count} skipped", skipped).format(count=skipped))
    return ", ".join(parts)


def grader_format(name, root=PROJECT):
    """The names of the cases of samples/<name>/ in the grader's own format, as listed in
    its GRADER_FORMAT file (none if it has no such file)."""
    path = os.path.join(root, "samples", name, GRADER_FORMAT)
    try:
        with open(path, encoding="utf-8") as f:
            return {line.strip() for line in f if line.strip() and not line.startswith("#")}
    except OSError:
        return set()


def judge(case, rtol, atol, timeout, python, workdir, program=None, loaded=None):
    """(verdict, seconds, details) for one run: the case's own program (its graded file on
    python, or the package's command on this Python), or program on python. loaded: what
    load() read of the case beforehand (else it is read now)."""
    loaded = loaded or load(case, program)
    if loaded.error:
        return "ERR", 0.0, loaded.error
    argv, env, cwd = [python] + loaded.argv, None, None
    if program is None and case.package:
        argv, env, cwd = loaded.argv, package_env(), PROJECT
    want, want_size = loaded.want, loaded.want_size
    limit = compare.output_limit(want_size)
    box = sandbox.active() if program is not None else None  # a learner's file
    try:
        if box is not None:
            result = box.real_run(python, program, loaded.stdin, timeout, limit)
        else:
            result = isolate.run(argv + loaded.args, case.in_path, timeout, limit, workdir,
                                 cwd=cwd, env=env)
    except OSError as err:  # the .in cannot be read, or no room for the output files
        return "ERR", 0.0, later("cannot run the case: {error}", error=str(err))
    try:
        verdict, details = _verdict(result, want, want_size, limit, rtol, atol, timeout)
    finally:
        _remove(result)
    if box is not None:
        details = box.shown(details)
    if result.survivors:
        details = (details + "\n" if details else "") + later(
            "{count} of its processes could not be killed: {pids}",
            count=len(result.survivors), pids=" ".join(map(str, result.survivors)))
        verdict = "RE" if verdict == "AC" else verdict
    return verdict, result.seconds, details


class Loaded(object):
    """A case read before anything runs: its expected output (want, want_size), its .args,
    the argv that runs it, and for a learner's file a copy of its input in the sandbox
    (stdin); or why it cannot run (error)."""

    def __init__(self, error=None, **fields):
        self.error = error
        self.want = self.want_size = self.stdin = None
        self.argv, self.args = [], []
        for name, value in fields.items():
            setattr(self, name, value)


def load(case, program=None):
    """The case's Loaded: everything judge() reads of its files, read now."""
    if not os.path.isfile(case.out_path):
        return Loaded(later("has no .out file"))
    if program is not None:
        argv = [program]
    elif case.argv is None:
        return Loaded(later("nothing runs it: it is not in samples/{name}/{listed}, and there "
                            "is no command convkit {name}", name=case.name,
                            listed=GRADER_FORMAT))
    elif case.package:
        # in the project: -m puts the current folder first on sys.path, and a convkit/
        # there (another copy) would run instead of this project's
        argv = [sys.executable] + case.argv
    else:
        argv = case.argv
        if not os.path.isfile(case.argv[0]):
            return Loaded(later("no script solutions/{name}.py", name=case.name))
    try:
        if not stat.S_ISREG(os.stat(case.in_path).st_mode):  # a FIFO would never end
            return Loaded(later("{path} is not a regular file", path=shown(case.in_path)))
        loaded = Loaded(want=compare.read_expected(case.out_path, shown(case.out_path)),
                        want_size=os.path.getsize(case.out_path),
                        args=read_args(case.args_path), argv=argv)
        box = sandbox.active() if program is not None else None
        if box is not None:  # the input copied now: the file may not reach the samples
            loaded.stdin = box.stdin_copy(case.in_path)
    except (OSError, ValueError) as err:  # Unreadable is a ValueError
        return Loaded(str(err))
    return loaded


def package_env():
    """The environment of a run of the package's command: this one, with the project on
    PYTHONPATH, so that `python -m convkit` finds it installed or not."""
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=PROJECT + (os.pathsep + path if path else ""))


def _verdict(result, want, want_size, limit, rtol, atol, timeout, got=None):
    """(verdict, details) of a run (an isolate.Result, or the notebook's function.Run with
    its output in got) against the expected output."""
    if getattr(result, "error", None):
        return "RE", result.error
    if result.timed_out:
        return "TLE", later("killed after {seconds}s", seconds="{:g}".format(timeout))
    if result.stdout_size > limit:
        return "OLE", later("output limit exceeded: more than {limit} bytes on stdout (1 MiB + "
                            "{factor} x the .out's {size} bytes); stopped there, not compared",
                            limit=limit, factor=compare.LIMIT_FACTOR, size=want_size)
    if result.stderr_size > limit:
        return "OLE", later("output limit exceeded: more than {limit} bytes on stderr; stopped "
                            "there", limit=limit)
    if result.signal is not None:
        return "RE", later("killed by {signal}", signal=result.signal_name) + _stderr_end(
            result)
    if result.status != 0:
        return "RE", later("exit status {status}", status=result.status) + _stderr_end(result)
    try:
        if got is None:
            with isolate.open_output(result.stdout) as f:
                got = f.read(limit + 1)
    except OSError as err:  # a case replaced its output file: nothing honest to compare
        return "RE", "its output cannot be read: {}".format(err)
    reason = compare.compare_parsed(got, want, rtol, atol, want_size)
    return ("WA", reason) if reason else ("AC", "")


def _stderr_end(result):
    if not result.stderr_size:
        return later("; stderr is empty")
    return later("; stderr ends:") + "\n" + isolate.tail(result.stderr, STDERR_LINES)


def read_args(path):
    """The words of the first line of a case's .args file ([] if there is none);
    ValueError naming the file if it cannot be read."""
    if not os.path.exists(path):
        return []
    try:
        with open(path, "rb") as f:
            first = f.readline(1 << 16).decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(later("{name} is unreadable: {error}", name=shown(path), error=str(err)))
    if "\0" in first:  # no command line can carry it
        raise ValueError(later("{name} is unreadable: it holds a NUL byte", name=shown(path)))
    return first.split()


def _remove(result):
    for path in (result.stdout, result.stderr):
        if path:
            try:
                os.remove(path)
            except OSError:
                pass
