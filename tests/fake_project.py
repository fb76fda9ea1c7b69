"""A copy of the harness (run_tests.sh, checker/, tools/compare_output.py) in a temporary
folder, with fake scripts and cases, and a way to run it: for the harness's tests."""
import os
import re
import shutil
import subprocess
import sys

from cases import ROOT

WANT = "[[2.5, 5], [1, -3]]\n"
REPORT_LINE = re.compile(r"^(AC|WA|RE|TLE|OLE|ERR) +(\S+) +(\d+\.\d\d)s$")


def make(root, programs=None, want=WANT):
    """root (a pathlib.Path) holding the harness and, for each name: program, the script
    solutions/<name>.py with one case samples/<name>/01-case.in and .out (want)."""
    shutil.copy(os.path.join(ROOT, "run_tests.sh"), str(root))
    shutil.copytree(os.path.join(ROOT, "checker"), str(root / "checker"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "tools").mkdir()
    shutil.copy(os.path.join(ROOT, "tools", "compare_output.py"), str(root / "tools"))
    (root / "solutions").mkdir()
    (root / "samples").mkdir()
    for name, program in (programs or {}).items():
        add(root, name, program, want)
    return root


def add(root, name, program, want=WANT, stdin="[1]\n", case="01-case"):
    """Add solutions/<name>.py (program) and its case samples/<name>/<case>.in/.out;
    want and stdin may be bytes."""
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


def printing(text):
    """A program that reads its stdin and writes text (bytes or str) to stdout, as is."""
    data = text if isinstance(text, bytes) else text.encode()
    return "import sys\nsys.stdin.read()\nsys.stdout.buffer.write({!r})\n".format(data)


def harness(root, *args, **options):
    """(exit status, stdout, stderr) of the harness in root, run as run_tests.sh runs it
    (python checker/), or through the wrapper itself with wrapper=True; the scripts run
    with this interpreter unless python= says otherwise."""
    python = options.pop("python", sys.executable)
    if options.pop("wrapper", False):
        command = ["bash", str(root / "run_tests.sh")]
    else:
        command = [sys.executable, str(root / "checker")]
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
