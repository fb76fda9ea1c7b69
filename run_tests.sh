#!/usr/bin/env bash
# Run every solutions/<name>.py on every samples/<name>/*.in and compare its output
# with the .out by structure and tolerance (tools/compare_output.py).
#
#   ./run_tests.sh [options] [SCRIPT | CASE.in ...]
#     SCRIPT          a script name (convolve) or path (solutions/convolve.py)
#     CASE.in         one case (samples/convolve/03-k1.in)
#   options: --rtol R (1e-9)  --atol A (1e-12)  --timeout S (10)  --python PY (python3)
#
# A case may have <case>.args: the script's command-line arguments, on one line.
# Verdicts: AC, WA (with the difference), RE (non-zero exit, last lines of stderr),
# TLE (killed after --timeout seconds, with its whole process group).
# Exit 0 if all passed, 1 if any failed, 2 on a usage error.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rtol=1e-9
atol=1e-12
limit=10
python=python3

usage() {
  sed -n '4,8s/^# \{0,1\}//p' "$0" >&2
  [ -n "${1:-}" ] && echo "run_tests.sh: $1" >&2
  exit 2
}

targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rtol | --atol | --timeout | --python)
      [ $# -ge 2 ] || usage "$1 needs a value"
      case "$1" in
        --rtol) rtol=$2 ;;
        --atol) atol=$2 ;;
        --timeout) limit=$2 ;;
        --python) python=$2 ;;
      esac
      shift 2
      ;;
    -h | --help) usage ;;
    -*) usage "unknown option $1" ;;
    *) targets+=("$1"); shift ;;
  esac
done
command -v "$python" >/dev/null 2>&1 || usage "no such python: $python"
[[ $limit =~ ^[0-9]+([.][0-9]+)?$ ]] || usage "--timeout takes seconds, got $limit"

# Expand the targets into .in files; an .out or .args without its .in is an orphan.
cases=()
orphans=()
add_script() {
  local name=$1 file
  [ -f "$here/solutions/$name.py" ] || usage "no script solutions/$name.py"
  [ -d "$here/samples/$name" ] || usage "no samples/$name/"
  for file in "$here/samples/$name"/*; do
    case "$file" in
      *.in) cases+=("$file") ;;
      *.out | *.args) [ -f "${file%.*}.in" ] || orphans+=("$file") ;;
    esac
  done
}
if [ ${#targets[@]} -eq 0 ]; then
  for script in "$here"/solutions/*.py; do
    name=$(basename "$script" .py)
    [ -d "$here/samples/$name" ] && add_script "$name"
  done
fi
for target in "${targets[@]+"${targets[@]}"}"; do
  case "$target" in
    *.in)
      [ -f "$target" ] || usage "no such case: $target"
      cases+=("$(cd "$(dirname "$target")" && pwd)/$(basename "$target")")
      ;;
    *) add_script "$(basename "$target" .py)" ;;
  esac
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0

report() {  # verdict, case name, seconds, details
  printf '%-4s %-48s %6.2fs\n' "$1" "$2" "$3"
  [ -n "$4" ] && printf '%s\n' "$4" | sed 's/^/       /'
}

for orphan in "${orphans[@]+"${orphans[@]}"}"; do
  report ERR "${orphan#"$here"/samples/}" 0 "has no matching .in file"
  failed=$((failed + 1))
done

for case_in in "${cases[@]+"${cases[@]}"}"; do
  name=$(basename "$(dirname "$case_in")")
  label="$name/$(basename "$case_in" .in)"
  want="${case_in%.in}.out"
  script="$here/solutions/$name.py"
  if [ ! -f "$want" ]; then
    report ERR "$label" 0 "has no .out file"
    failed=$((failed + 1))
    continue
  fi
  if [ ! -f "$script" ]; then
    report ERR "$label" 0 "no script solutions/$name.py"
    failed=$((failed + 1))
    continue
  fi
  args=()
  [ -f "${case_in%.in}.args" ] && read -r -a args <"${case_in%.in}.args"
  start=$(date +%s%N)
  # timeout runs the script in its own process group and signals the whole group.
  timeout -k 1 "$limit" "$python" "$script" "${args[@]+"${args[@]}"}" \
    <"$case_in" >"$scratch/out" 2>"$scratch/err"
  status=$?
  seconds=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { print ns / 1e9 }')
  if [ $status -eq 124 ] || [ $status -eq 137 ]; then
    report TLE "$label" "$seconds" "killed after ${limit}s"
    failed=$((failed + 1))
  elif [ $status -ne 0 ]; then
    report RE "$label" "$seconds" "exit status $status; stderr ends:
$(tail -n 5 "$scratch/err")"
    failed=$((failed + 1))
  elif difference=$("$python" "$here/tools/compare_output.py" --rtol "$rtol" --atol "$atol" \
    "$scratch/out" "$want"); then
    report AC "$label" "$seconds" ""
    passed=$((passed + 1))
  else
    report WA "$label" "$seconds" "$difference"
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
