#!/usr/bin/env bash
# Run every solutions/<name>.py on every samples/<name>/*.in and judge its output against
# the .out by structure and tolerance (tools/compare_output.py), or judge a learner's own
# file (--solution FILE TASK). The work is done by the Python package checker/ beside this
# file; ./run_tests.sh --help says how to call it:
#
#   ./run_tests.sh [--rtol R] [--atol A] [--timeout S] [--python PY] [SCRIPT | CASE.in ...]
#   ./run_tests.sh --solution FILE [--stress N] [--seed S] [--save DIR] [--grader] TASK
#
# The checker runs on .venv's Python when there is one (--stress needs its Hypothesis),
# else on python3. Exit 0 if all passed, 1 if any failed, 2 on a usage error.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || exit 2
python=python3
if "$here/.venv/bin/python" -c '' >/dev/null 2>&1; then
  python=$here/.venv/bin/python
fi
exec "$python" "$here/checker" "$@"
