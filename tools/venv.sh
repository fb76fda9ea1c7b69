#!/usr/bin/env bash
# make's one way into .venv: tools/venv.sh PYTHON run|test
#   run   numpy (requirements.txt) and the package itself, editable (the convkit command)
#   test  and the test tools (requirements-dev.txt)
# Builds .venv with PYTHON (3.10 or newer) when there is none, rebuilds it when it is not
# whole (no python, no pip, an older Python: an interrupted first run, `venv --without-pip`,
# `make run PYTHON=python3.6`), and installs the requirements when they changed since the
# last install. The grader's Python 3.6 has its own venv: make test-grader.
set -eu
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=$1
need=$2
venv=.venv

new_enough() {  # a Python 3.10+ that runs
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1
}

if [ -e "$venv" ] && ! { new_enough "$venv/bin/python" &&
  "$venv/bin/python" -m pip --version >/dev/null 2>&1; }; then
  echo "venv.sh: $venv is not a whole Python 3.10+ environment: building it again"
  rm -rf "$venv"
fi
if [ ! -e "$venv" ]; then
  if ! new_enough "$python"; then
    version=$("$python" --version 2>&1 | head -n 1) || version="it does not run"
    echo "venv.sh: PYTHON=$python ($version): make needs Python 3.10 or newer;" \
      "the grader's Python 3.6 is tested by make test-grader" >&2
    exit 2
  fi
  echo "venv.sh: building $venv with $python and installing the pinned packages (once)"
  "$python" -m venv "$venv"
fi

files=requirements.txt
[ "$need" = test ] && files="$files requirements-dev.txt"
for file in $files; do
  stamp="$venv/.installed-$file"
  if ! cmp -s "$file" "$stamp"; then  # a copy of what was last installed
    "$venv/bin/python" -m pip install -q -r "$file"
    cp "$file" "$stamp"
  fi
done
if ! cmp -s pyproject.toml "$venv/.installed-pyproject.toml"; then  # the package, editable
  "$venv/bin/python" -m pip install -q --no-deps -e .
  cp pyproject.toml "$venv/.installed-pyproject.toml"
fi
# Compiled once here: this machine sets PYTHONDONTWRITEBYTECODE=1, so without it every run of
# `python -m convkit` would compile the package anew (a third of its start-up, make bench);
# any other Python writes these files on its first run. Quick when they are up to date.
"$venv/bin/python" -m compileall -q convkit
