#!/usr/bin/env bash
# The grader's environment, .venv-grader: Python 3.6 with numpy 1.14.1 and the test tools
# of requirements-grader.txt. Builds it when it is missing or older than that file.
# Exit 0 when it is ready, 3 (saying so) where there is no Python 3.6 (python3.6 or
# pyenv 3.6); make test-grader and make check call it.
set -eu
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python36=""
prefix=$(pyenv prefix 3.6 2>/dev/null || true)
for candidate in "${prefix:+$prefix/bin/python3.6}" "$(command -v python3.6 || true)"; do
  # a pyenv shim exists even where it cannot run 3.6, so try each one
  if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 6)' \
    >/dev/null 2>&1; then
    python36=$candidate
    break
  fi
done
if [ -z "$python36" ]; then
  echo "grader_venv.sh: no Python 3.6 on this machine (python3.6 or pyenv 3.6)"
  exit 3
fi

venv=.venv-grader
if [ ! -f "$venv/.installed" ] || [ requirements-grader.txt -nt "$venv/.installed" ]; then
  rm -rf "$venv"
  "$python36" -m venv "$venv"
  # pip 18 (3.6's own) ignores Requires-Python on some indexes; 21.3.1 is the last for 3.6.
  "$venv/bin/python" -m pip install -q pip==21.3.1
  "$venv/bin/python" -m pip install -q -r requirements-grader.txt
  touch "$venv/.installed"
fi
