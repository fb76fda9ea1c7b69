#!/usr/bin/env bash
# make test-grader: the graded files (solutions/) on Python 3.6 + numpy 1.14.1, the grader's
# environment, in .venv-grader (tools/grader_venv.sh builds it): every sample in the
# grader's format through the harness, then the tests marked `grader` (random cases against
# the package's reference, bad input, the fork server under 3.6). Without a Python 3.6 it
# says so and passes.
set -eu
cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0
tools/grader_venv.sh || status=$?
if [ "$status" -eq 3 ]; then
  echo "test-grader: skipped"
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
venv=.venv-grader
"$venv/bin/python" -c 'import sys, numpy; print("test-grader: Python %s, numpy %s" % (sys.version.split()[0], numpy.__version__))'
./run_tests.sh --python "$venv/bin/python"
.venv/bin/python -m pytest -q -n 2 -m grader
