"""A copy of the harness (run_tests.sh and the whole convkit/ package) in a temporary
folder, with fake graded files and their cases, and a way to run it: for the harness's
tests. A fake name is no command of the package, so each of its cases runs once, through
the fake solutions/<name>.py, which every case is marked for in samples/<name>/GRADER_FORMAT."""
import atexit
import compileall
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from programs import ROOT

WANT = "[[2.5, 5], [1, -3]]\n"
# verdict, label (a case's, or `convkit NAME/CASE` for a run of the package's command), time
REPORT_LINE = re.compile(r"^(AC|WA|RE|TLE|OLE|ERR) +(\S(?:.*?\S)?) +(\d+\.\d\d)s$")


def make(root, programs=None, want=WANT):
    """root (a pathlib.Path) holding the harness and, for each name: program, the graded
    file solutions/<name>.py with one case samples/<name>/01-case.in and .out (want)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "run_tests.sh"), str(root))
    shutil.copytree(package(), str(root / "convkit"))
    venv = root / ".venv" / "bin"  # run_tests.sh runs the checker on .venv's Python:
    venv.mkdir(parents=True)  # this one's, as in the project
    (venv / "python").write_text('#!/bin/sh\nexec {} "$@"\n'.format(shlex.quote(sys.executable)))
    (venv / "python").chmod(0o755)
    (root / "solutions").mkdir()
    (root / "samples").mkdir()
    for name, program in (programs or {}).items():
        add(root, name, program, want)
    return root


def package():
    """A copy of convkit/ (its __pycache__ aside), compiled: copied on with its .pyc files
    (whose source times copytree keeps), so that every process of every copy does not
    compile the package again (PYTHONDONTWRITEBYTECODE would make each one). Made once per
    test process, removed at its exit."""
    global _PACKAGE
    if _PACKAGE is None:
        folder = tempfile.mkdtemp(prefix="convkit-fake-")
        atexit.register(shutil.rmtree, folder, True)
        path = os.path.join(folder, "convkit")
        shutil.copytree(os.path.join(ROOT, "convkit"), path,
                        ignore=shutil.ignore_patterns("__pycache__"))
        compileall.compile_dir(path, quiet=1)
        _PACKAGE = path
    return _PACKAGE


_PACKAGE = None


def add(root, name, program, want=WANT, stdin="[1]\n", case="01-case", graded=True):
    """Add solutions/<name>.py (program, unless None) and its case
    samples/<name>/<case>.in/.out, marked in the folder's GRADER_FORMAT when graded (else
    nothing runs it, unless the package has a command <name>); want and stdin may be
    bytes."""
    if program is not None:
        (root / "solutions" / (name + ".py")).write_text(program)
    folder = root / "samples" / name
    if not folder.exists():
        folder.mkdir()
    for extension, content in ((".in", stdin), (".out", want)):
        path = folder / (case + extension)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    if graded:
        mark(root, name, case)


def mark(root, name, *cases):
    """List the cases in samples/<name>/GRADER_FORMAT: the graded file runs them."""
    with open(str(root / "samples" / name / "GRADER_FORMAT"), "a") as f:
        f.write("".join(case + "\n" for case in cases))


def printing(text):
    """A program that reads its stdin and writes text (bytes or str) to stdout, as is."""
    data = text if isinstance(text, bytes) else text.encode()
    return "import sys\nsys.stdin.read()\nsys.stdout.buffer.write({!r})\n".format(data)


def checker(root, env=None):
    """(argv, env) that run the harness in root as run_tests.sh does: `python -m
    convkit.checker` on this interpreter, with root on PYTHONPATH (run it in root, or in a
    folder without a convkit/ of its own: -m puts the current folder first)."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                     else "")
    return [sys.executable, "-m", "convkit.checker"], env


def harness(root, *args, **options):
    """(exit status, stdout, stderr) of the harness in root, run as run_tests.sh runs it
    (python -m convkit.checker, in root unless cwd= says otherwise), or through the wrapper
    itself with wrapper=True; the graded files run with this interpreter unless python=
    says otherwise (the package's command runs on the checker's, this one)."""
    python = options.pop("python", sys.executable)
    options.setdefault("cwd", str(root))
    if options.pop("wrapper", False):
        command = ["bash", str(root / "run_tests.sh")]
    else:
        command, options["env"] = checker(root, options.get("env"))
    done = subprocess.run(command + ["--python", python] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=options.pop("timeout", 120),
                          **options)
    return done.returncode, done.stdout, done.stderr


def verdicts(out):
    """{label: (verdict, seconds, details)} from a report."""
    found = {}
    label = None
    for line in out.splitlines():
        match = REPORT_LINE.match(line)
        if match:
            label = match.group(2)
            found[label] = (match.group(1), float(match.group(3)), "")
        elif line.startswith(" " * 7) and label:
            verdict, seconds, details = found[label]
            found[label] = (verdict, seconds, details + line[7:] + "\n")
    return found
