"""The README's examples are real: every `$ ...` command in its console blocks that runs a
graded file (`python3 solutions/...`) or the package (`python -m convkit ...`, `convkit ...`)
prints exactly what the README shows below it; the Python API example prints the text block
that follows it; and the checker's run under "Check your own solution" is what the checker
prints."""
import os
import re
import shlex
import subprocess
import sys

import pytest

from cases import ROOT

ENV = dict(os.environ, PYTHONUNBUFFERED="1",
           PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
RUNS = re.compile(r"python3 solutions/|python3? -m convkit\b|(?:^|[|;&]\s*)convkit ")
# one pass, so that what is put in is never replaced again: `python -m convkit` (or
# `python3 -m convkit`) and a bare `convkit` command -> this Python's -m convkit; `python3` ->
# this Python
INTERPRETER = re.compile(r"(?<![\w/.-])(?:python3? -m convkit\b|python3\b|convkit\b(?= ))")


def readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def examples():
    """(command, what the README shows under it) for each command that runs the project."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", readme(), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, shown = chunk.partition("\n")
            if RUNS.search(command):
                found.append((command, shown))
    return found


def runnable(command):
    """The README's command, without its comment, run by this Python."""
    command = re.sub(r"\s+#.*$", "", command)
    python = shlex.quote(sys.executable)
    return INTERPRETER.sub(
        lambda found: python + (" -m convkit" if "convkit" in found.group() else ""), command)


def test_runnable_puts_this_python_in_once():
    python = shlex.quote(sys.executable)
    assert runnable("python -m convkit convolve --draw < x.in  # a comment") == (
        python + " -m convkit convolve --draw < x.in")
    assert runnable("printf '1' | convkit receptive_field") == (
        "printf '1' | " + python + " -m convkit receptive_field")
    assert runnable("python3 solutions/convolve.py < samples/convolve/01-lesson.in") == (
        python + " solutions/convolve.py < samples/convolve/01-lesson.in")
    assert runnable("python -m convkit.compare a b") == python + " -m convkit.compare a b"


@pytest.mark.parametrize("command, shown", examples(), ids=lambda text: text[:50])
def test_readme_example(command, shown):
    done = subprocess.run(["bash", "-c", runnable(command)], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, env=ENV)
    assert done.stdout == shown


def test_readme_has_examples():
    commands = [command for command, _ in examples()]
    assert len(commands) >= 10
    for kind in ("python3 solutions/", "python -m convkit "):  # both ways in are shown
        assert any(kind in command for command in commands), kind


def test_readme_python_example():
    """The Python API example prints the ```text block that follows it."""
    code, shown = re.search(r"```python\n(.*?)```\n\n```text\n(.*?)```", readme(), re.S).groups()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, env=ENV)
    assert done.stdout == shown


@pytest.mark.skipif(sys.version_info < (3, 10), reason="the checker runs on .venv's Python "
                    "3.10+ (the random cases are its Hypothesis version's)")
def test_readme_checker_example_is_what_the_checker_prints(tmp_path):
    """The `./run_tests.sh --solution ...` run shown under "Check your own solution", run as
    run_tests.sh runs it (python -m convkit.checker), but for the seconds (of this machine
    and this moment)."""
    command, shown = re.search(r"`(\./run_tests\.sh --solution [^`]+)`:\n\n```text\n(.*?)```",
                               readme(), re.S).groups()
    args = command.split()[1:] + ["--save", str(tmp_path / "counterexamples")]  # not the
    # project's own counterexamples/, which may hold a learner's case
    done = subprocess.run([sys.executable, "-m", "convkit.checker"] + args, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=ENV)

    def seconds_out(output):
        return re.sub(r"\d+\.\d\ds$|\(\d+\.\d s\)", "S", output, flags=re.M)
    assert seconds_out(done.stdout.replace(str(tmp_path) + os.sep, "")) == seconds_out(shown)


@pytest.mark.skipif(sys.version_info < (3, 10), reason="the checker runs on .venv's Python "
                    "3.10+ (the random cases are its Hypothesis version's)")
def test_readme_russian_checker_example_is_what_the_checker_prints(tmp_path):
    """The Russian section's `./run_tests.sh --lang ru --solution ... | tail -n N` is the end
    of what the checker prints, as the English example is checked above."""
    command, shown = re.search(r"`(\./run_tests\.sh --lang ru --solution [^`]+)`:\n\n```text\n"
                               r"(.*?)```", readme(), re.S).groups()
    command, _, tail = " ".join(command.split()).partition(" | tail -n ")
    args = command.split()[1:] + ["--save", str(tmp_path / "counterexamples")]
    done = subprocess.run([sys.executable, "-m", "convkit.checker"] + args, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=ENV)
    printed = done.stdout.replace(str(tmp_path) + os.sep, "").splitlines(True)
    assert "".join(printed[-int(tail):]) == shown
    assert printed[-1] == "3 прошли, 7 не прошло, 5 пропущено\n"
