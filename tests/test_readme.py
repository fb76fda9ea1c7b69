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
