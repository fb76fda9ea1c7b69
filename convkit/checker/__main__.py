"""run_tests.sh's command line: run every sample through the project's graded file (the
ones in the grader's format) and the package's command, and judge; or judge a learner's
own file.

The help text is HELP (./run_tests.sh --help prints it, translated).
"""
import math
import os
import re
import shutil
import signal
import stat
import sys
import tempfile

from convkit import i18n
from convkit.checker import harness, isolate
from convkit.checker.forkclient import ServerError
from convkit.i18n import LANGUAGES, N_, _
from convkit.tasks import TASKS

HELP = N_("""\
  ./run_tests.sh [--rtol R] [--atol A] [--timeout S] [--python PY] [SCRIPT | CASE.in ...]
  ./run_tests.sh --solution FILE [--stress N] [--seed S] [--save DIR] [--svg FILE] [--grader]
                TASK|CASE.in
    SCRIPT     a name (convolve) or the project's own file (solutions/convolve.py)
    CASE.in    one case (samples/convolve/05-k1.in, counterexamples/convolve.in)
  --rtol R (1e-9), --atol A (1e-12): finite numbers >= 0; |got - want| <= atol + rtol*|want|
  --timeout S (10): seconds per case, any finite number > 0 (past 1e9 s, 31 years, the
    same as 1e9: the OS's timers go no further)
  --python PY (python3; with --solution, the checker's own): runs the graded files and
    a learner's; needs numpy (the package's command runs on the checker's own Python)
  --solution FILE: judge FILE, a learner's script, on the TASK's samples in the grader's
    format (convolve, kernel_grad, input_grad, receptive_field; the others are skipped)
  --stress N: then up to N random cases against the package's answers; the first failure
    is shrunk, explained and saved as DIR/<file stem>.<TASK>.in and .out (--save DIR,
    default counterexamples/, made only when a case fails)
  --svg FILE: with --stress, the picture of that shrunk case (as convkit TASK --svg draws
    it) written into FILE
  --seed S: with --stress, the random cases' seed, an integer >= 0 (default: a new one,
    printed)
  --grader: FILE also runs under .venv-grader (Python 3.6, numpy 1.14.1), or is checked
    statically where that is missing
  --lang ru|en: the report's language (default: the locale's, LANG=ru_RU.UTF-8 is Russian)

Exit status 0 if every case passed, 1 if any failed, 2 on a usage error.
""")

PROG = "run_tests.sh"
DEFAULTS = {"rtol": "1e-9", "atol": "1e-12", "timeout": "10", "python": "python3",
            "solution": None, "stress": None, "seed": None, "save": None, "svg": None,
            "grader": False, "lang": None}
VALUED = ("--rtol", "--atol", "--timeout", "--python", "--solution", "--stress", "--seed",
          "--save", "--svg", "--lang")
TIMEOUT_CAP = 1e9  # seconds (31 years): select() and the timers take up to about 9.2e9


class Usage(Exception):
    pass


class Terminated(BaseException):
    """SIGTERM or SIGHUP: stop at once. Not a SystemExit, which Hypothesis would take for a
    failing case and go on drawing cases."""


def parse_args(argv):
    """(options, targets) from the arguments; Usage for a bad one."""
    options = dict(DEFAULTS)
    given = set()
    targets = []
    position = 0
    while position < len(argv):
        arg = argv[position]
        position += 1
        name, equals, value = arg.partition("=")
        if name in VALUED:
            if not equals:
                if position >= len(argv):
                    raise Usage(_("{option} needs a value").format(option=arg))
                value = argv[position]
                position += 1
            if name[2:] in given:
                raise Usage(_("{option} is given twice").format(option=name))
            options[name[2:]] = value
            given.add(name[2:])
        elif arg == "--grader":
            if options["grader"]:
                raise Usage(_("{option} is given twice").format(option="--grader"))
            options["grader"] = True
        elif arg in ("-h", "--help"):
            sys.stdout.write(_(HELP))
            sys.exit(0)
        elif arg == "--":
            targets.extend(argv[position:])
            break
        elif arg.startswith("-"):
            raise Usage(_("unknown option {option}").format(option=arg))
        else:
            targets.append(arg)
    for name in ("rtol", "atol"):
        options[name] = number(options[name], "--" + name, _("a finite number >= 0"),
                               lambda value: value >= 0)
    options["timeout"] = min(TIMEOUT_CAP, number(options["timeout"], "--timeout", _(
        "seconds, a finite number > 0"), lambda value: value > 0))
    if options["lang"] is not None and options["lang"] not in LANGUAGES:
        raise Usage(_("--lang takes ru or en, got {value}").format(value=repr(options["lang"])))
    if not options["python"]:
        raise Usage(_("{option} needs a value").format(option="--python"))
    for name in ("stress", "seed"):
        if options[name] is not None:
            options[name] = whole(options[name], "--" + name)
    if options["solution"] is None:
        for name in ("stress", "seed", "save", "svg", "grader"):
            if name in given or (name == "grader" and options["grader"]):
                raise Usage(_("{option} needs --solution FILE").format(option="--" + name))
    else:
        for name in ("rtol", "atol"):  # a learner's file is judged as the task demands
            if name in given:
                raise Usage(_("{option} is not for --solution: each case has the task's own "
                              "tolerance").format(option="--" + name))
        if "python" not in given:
            options["python"] = sys.executable  # the checker's own: .venv's, with numpy
    if options["save"] == "":
        raise Usage(_("--save needs a folder"))
    if options["svg"] is not None:
        from convkit import svg
        problem = _("needs a file name") if not options["svg"] else \
            svg.not_a_picture_file(options["svg"])
        if problem:
            raise Usage("--svg {}".format(problem))
        if not options["stress"]:
            raise Usage(_("--svg needs --stress N: it draws the random case that fails"))
    if "save" in given and not options["stress"]:
        raise Usage(_("--save needs --stress N: only a random case that fails is saved"))
    if "seed" in given and not options["stress"]:
        raise Usage(_("--seed needs --stress N: it picks the random cases, and without "
                      "--stress none run"))
    options["stress"] = options["stress"] or 0
    return options, targets


def lang_option(argv):
    """The value of the first --lang in the arguments, or None: looked for before they are
    read, so that every message, a usage error too, is in that language."""
    position = 0
    while position < len(argv):
        arg = argv[position]
        position += 1
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if name in VALUED and not equals:
            if position >= len(argv):
                break
            value = argv[position]
            position += 1
        if name == "--lang":
            return value
    return None


def whole(text, flag):
    """An integer >= 0 from its text; Usage otherwise."""
    if not re.match(r"[0-9]{1,30}\Z", text):  # ASCII only: isdigit() takes '²' too
        raise Usage(_("{option} takes an integer >= 0, got {value}").format(option=flag,
                                                                          value=repr(text)))
    return int(text)


def fast_folder():
    """/dev/shm where it is a writable folder (in memory: a stress run writes and removes
    files for every case), else the system's temporary folder."""
    folder = "/dev/shm"
    return folder if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK) else None


def scratch_folder():
    """The run's scratch folder, /dev/shm/run_tests-PID-XXXX; first the folders of runs
    whose process is gone (killed by SIGKILL: nothing could clean up) are removed."""
    parent = fast_folder() or tempfile.gettempdir()
    try:
        for name in os.listdir(parent):
            match = re.match(r"run_tests-([0-9]+)-", name)
            path = os.path.join(parent, name)
            if match and os.stat(path).st_uid == os.getuid() and not _alive(
                    int(match.group(1))):
                shutil.rmtree(path, ignore_errors=True)
    except OSError:
        pass
    return tempfile.mkdtemp(prefix="run_tests-{}-".format(os.getpid()), dir=parent)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def solution_targets(options, targets):
    """(task, cases, skipped) for --solution FILE; Usage for what cannot be judged."""
    from convkit.checker import solution
    path = options["solution"]
    if os.path.isdir(path):
        raise Usage(_("--solution {file}: a folder, not a file").format(file=path))
    if os.path.exists(path) and not os.path.isfile(path):
        raise Usage(_("--solution {file}: not a regular file").format(file=path))
    if not os.path.isfile(path):
        raise Usage(_("--solution {file}: no such file").format(file=path))
    names = ", ".join(TASKS)
    if not targets:
        raise Usage(_("--solution FILE needs a TASK: {tasks}").format(tasks=names))
    cases = [target for target in targets if target.endswith(".in")]
    if cases and len(cases) != len(targets):
        raise Usage(_("give either a TASK or CASE.in files, not both"))
    if not cases:
        if len(targets) != 1 or targets[0] not in TASKS:
            raise Usage(_("--solution FILE needs one TASK, one of {tasks}; got {got}").format(
                tasks=names, got=" ".join(targets)))
        task = targets[0]
    else:
        found = set()
        for case in cases:
            if not os.path.isfile(case):
                raise Usage(_("no such case: {case}").format(case=case))
            task = case_task(case)
            if task is None:
                raise Usage(_("{case}: which task is it? A case is samples/<TASK>/NAME.in, "
                              "DIR/<FILE>.<TASK>.in (a saved counterexample) or "
                              "DIR/<TASK>.in, TASK one of {tasks}").format(case=case,
                                                                           tasks=names))
            found.add(task)
        if len(found) > 1:
            raise Usage(_("the cases are of different tasks: {tasks}").format(
                tasks=" ".join(sorted(found))))
        task = found.pop()
    if options["stress"] or options["grader"]:
        try:
            import hypothesis  # noqa: F401
            import numpy  # noqa: F401
        except ImportError as err:
            if options["stress"]:
                raise Usage(_("--stress needs Hypothesis and numpy ({error}): run `make "
                              "check TASK={task} SOLUTION={file}` (or `make test`) once, which "
                              "installs them into .venv, which run_tests.sh then uses").format(
                                  error=err, task=task, file=path))
    if options["save"] is None:
        options["save"] = "counterexamples"
    if options["stress"]:
        save_folder(options["save"])
    chosen, skipped = solution.solution_cases(TASKS[task], cases)
    return TASKS[task], chosen, skipped


def case_task(case):
    """The task a CASE.in is of: its folder's name (samples/<TASK>/NAME.in), else its name's
    last part (DIR/<FILE>.<TASK>.in, as --save names a counterexample, or DIR/<TASK>.in);
    None if neither names one."""
    folder = os.path.basename(os.path.dirname(os.path.abspath(case)))
    stem = os.path.basename(case)[:-len(".in")]
    for name in (folder, stem, stem.rpartition(".")[2]):
        if name in TASKS:
            return name
    return None


def grader_problem(workdir):
    """Why the grader's Python (where there is one) cannot run cases, or None."""
    from convkit.checker import grader_env
    python = grader_env.python()
    problem = python and harness.check_python(python, workdir)
    if problem:
        return _("--grader: {problem}; `make clean` and `make check` build .venv-grader "
                 "again").format(problem=problem.replace("--python ", "", 1))
    return None


def save_folder(folder):
    """Usage unless folder is a writable folder (not a link to one), or could be made in
    the nearest folder above it that exists: checked before any case runs, so that a
    failure found later can be saved, but made only then (report.save)."""
    path = os.path.abspath(folder)
    while True:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            parent = os.path.dirname(path)
            if parent == path:
                raise Usage(_("--save {folder}: cannot make the folder").format(folder=folder))
            path = parent
            continue
        except OSError as err:
            raise Usage(_("--save {folder}: cannot make the folder ({error})").format(
                folder=folder, error=err.strerror or err))
        break
    if stat.S_ISLNK(mode) and path == os.path.abspath(folder):
        raise Usage(_("--save {folder}: a symbolic link; give the folder itself (a "
                      "counterexample is never written through a link)").format(folder=folder))
    itself = path == os.path.abspath(folder)
    if not os.path.isdir(path):
        raise Usage((_("--save {folder}: the folder is not a folder") if itself else _(
            "--save {folder}: {path}, where it would be made, is not a folder")).format(
                folder=folder, path=harness.shown(path)))
    if not os.access(path, os.W_OK | os.X_OK):
        raise Usage((_("--save {folder}: the folder is not writable") if itself else _(
            "--save {folder}: {path}, where it would be made, is not writable")).format(
                folder=folder, path=harness.shown(path)))


def number(text, flag, what, good):
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or not good(value):
        raise Usage(_("{option} takes {what}, got {value}").format(option=flag, what=what,
                                                                   value=repr(text)))
    return value


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    sys.dont_write_bytecode = True  # the project's fingerprint (plain mode) has __pycache__
    for signum in (signal.SIGTERM, signal.SIGHUP):  # so the running case is killed too
        signal.signal(signum, _exit_on_signal)
    # A reader that stops reading (./run_tests.sh | head) ends the run quietly, cleaned up:
    # the write raises BrokenPipeError (SIGPIPE stays ignored, as Python sets it).
    workdir = None
    chosen = lang_option(argv)
    i18n.use(chosen if chosen in LANGUAGES else None)  # else: the locale's, and a usage error
    try:
        options, targets = parse_args(argv)
        if options["solution"] is not None:
            task, cases, skipped = solution_targets(options, targets)
        else:
            cases, orphans = harness.discover(targets)
        workdir = scratch_folder()
        problem = harness.check_python(options["python"], workdir)
        if not problem and options["grader"]:
            problem = grader_problem(workdir)
        if problem:
            sys.stderr.write(harness.writable("{}: {}\n".format(PROG, problem), sys.stderr))
            return 2
        if options["solution"] is not None:
            return judge_solution(task, cases, skipped, options, workdir)
        passed, failed = harness.run_cases(
            cases, orphans, options["rtol"], options["atol"], options["timeout"],
            options["python"], workdir)
        return 1 if failed else 0
    except (Usage, harness.UsageError) as err:
        sys.stderr.write(harness.writable(_("{prog}: {error} (--help says how to call "
                                            "it)").format(prog=PROG, error=err) + "\n",
                                          sys.stderr))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(_("{prog}: interrupted").format(prog=PROG) + "\n")
        return 130
    except BrokenPipeError:  # stdout's reader left: say nothing more, there or here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except ServerError as err:  # a Python that stopped serving cases mid-run
        sys.stderr.write(harness.writable("{}: {}\n".format(PROG, err), sys.stderr))
        return 2
    except Terminated as stop:
        sys.stderr.write(_("{prog}: stopped by {signal}").format(
            prog=PROG, signal=signal.Signals(stop.args[0]).name) + "\n")
        return 128 + stop.args[0]
    finally:
        isolate.kill_descendants()  # fork servers and what they ran, wherever it stopped
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def judge_solution(task, cases, skipped, options, workdir):
    """solution.check in the run's sandbox; the exit status. Without namespaces (where the
    project is hidden from the file) the project's files are fingerprinted before and
    after: if the learner's file changed any, the verdict is void (one line, exit 1)."""
    from convkit.checker import sandbox, solution
    with sandbox.Sandbox(workdir) as box:
        snapshot = None if box.namespaces else sandbox.Snapshot(
            skip=[options["save"], options["solution"]])
        status = solution.check(task, options["solution"], cases, skipped, options, workdir,
                                sys.stdout)
    changed = snapshot.changed() if snapshot else []
    if changed:
        sys.stdout.write(harness.writable(
            _("VOID: the project's files changed while the file ran ({files}): the verdict "
              "above does not count").format(files=", ".join(changed[:5]) + (
                  ", ..." if len(changed) > 5 else "")) + "\n" + harness.summary_line(0, 1) +
            "\n", sys.stdout))
        sys.stdout.flush()
        return 1
    return status


def _exit_on_signal(signum, frame):
    raise Terminated(signum)


if __name__ == "__main__":
    sys.exit(main())
