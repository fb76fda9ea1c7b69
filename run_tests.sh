#!/usr/bin/env bash
# Run every sample through the project's graded file (solutions/<name>.py, the samples in
# the grader's format) and the package's command (python -m convkit <name>, every sample),
# and judge each output against the .out by structure and tolerance (convkit/compare.py);
# or judge a learner's own file (--solution FILE TASK). The work is done by the package's
# convkit.checker; ./run_tests.sh --help says how to call it:
#
#   ./run_tests.sh [--rtol R] [--atol A] [--timeout S] [--python PY] [SCRIPT | CASE.in ...]
#   ./run_tests.sh --solution FILE [--stress N] [--seed S] [--save DIR] [--grader] TASK
#
# The checker runs on .venv's Python when there is one (make run or make test builds it),
# else on python3 (3.10 or newer, with numpy). Exit 0 if all passed, 1 if any failed, 2 on
# a usage error.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || exit 2
python=python3
if "$here/.venv/bin/python" -c '' >/dev/null 2>&1; then
  python=$here/.venv/bin/python
fi
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
# `python -m convkit.checker`, but with this project first on sys.path where -m puts the
# current folder, whose own convkit/ (another copy of the project) would be imported instead
exec "$python" -c 'import runpy, sys; sys.path[0] = sys.argv.pop(1)
runpy.run_module("convkit.checker", run_name="__main__", alter_sys=True)' "$here" "$@"
