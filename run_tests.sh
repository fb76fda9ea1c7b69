#!/usr/bin/env bash
# Run every solutions/<name>.py on every samples/<name>/*.in and judge its output against
# the .out by structure and tolerance (tools/compare_output.py). The work is done by the
# Python package checker/ beside this file; ./run_tests.sh --help says how to call it:
#
#   ./run_tests.sh [--rtol R] [--atol A] [--timeout S] [--python PY] [SCRIPT | CASE.in ...]
#
# Exit 0 if all passed, 1 if any failed, 2 on a usage error.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || exit 2
exec python3 "$here/checker" "$@"
