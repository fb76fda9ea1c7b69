"""The README's examples are real: every `$ ... python3 solutions/...` command in its console
blocks prints exactly what the README shows below it."""
import os
import re
import subprocess
import sys

import pytest

from cases import ROOT


def examples():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        blocks = re.findall(r"```console\n(.*?)```", f.read(), re.S)
    found = []
    for block in blocks:
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, shown = chunk.partition("\n")
            if "python3 solutions/" in command:
                found.append((command, shown))
    return found


@pytest.mark.parametrize("command, shown", examples(), ids=lambda text: text[:50])
def test_readme_example(command, shown):
    command = re.sub(r"\s+#.*$", "", command).replace("python3 ", sys.executable + " ")
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True,
                          env=dict(os.environ, PYTHONUNBUFFERED="1"))
    assert done.stdout == shown


def test_readme_has_examples():
    assert len(examples()) >= 12


@pytest.mark.skipif(sys.version_info < (3, 10), reason="the checker runs on .venv's Python "
                    "3.10+ (the random cases are its Hypothesis version's)")
def test_readme_checker_example_is_what_the_checker_prints(tmp_path):
    """The `./run_tests.sh --solution ...` run shown under "Check your own solution", but for
    the seconds (of this machine and this moment)."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    command, shown = re.search(r"`(\./run_tests\.sh --solution [^`]+)`:\n\n```text\n(.*?)```",
                               text, re.S).groups()
    args = command.split()[1:] + ["--save", str(tmp_path / "counterexamples")]  # not the
    # project's own counterexamples/, which may hold a learner's case
    done = subprocess.run([sys.executable, os.path.join(ROOT, "checker")] + args, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)

    def seconds_out(output):
        return re.sub(r"\d+\.\d\ds$|\(\d+\.\d s\)", "S", output, flags=re.M)
    assert seconds_out(done.stdout.replace(str(tmp_path) + os.sep, "")) == seconds_out(shown)
