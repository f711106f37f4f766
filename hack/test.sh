#!/usr/bin/env bash
# The whole test suite from a fresh clone (README: `npm test`): installs what it needs, checks
# types, import layering and generated files, builds, then runs every tap test. The last line is
# "N passed, N failed" from tap's totals; a failed check above counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash hack/ensure-deps.sh || exit 1
export PATH="$PWD/node_modules/.bin:$PATH"

gate_failures=0
check() {
  local name=$1; shift
  echo "==> $name"
  if ! "$@"; then echo "FAILED: $name"; gate_failures=$((gate_failures + 1)); fi
}
check "typecheck (tsc --noEmit)" tsc --noEmit -p .
check "import layering (hack/lint-imports.ts)" tsx hack/lint-imports.ts
check "generated protobuf descriptors are current" tsx hack/gen-proto.ts --check
check "build" node hack/build.mjs

echo "==> tests (tap)"
mkdir -p .tap
tap "$@" 2>&1 | tee .tap/last-run.txt
tap_status=${PIPESTATUS[0]}

summary=$(grep -E '^# \{ total: [0-9]+' .tap/last-run.txt | tail -n 1)
num() { echo "$summary" | grep -oE "$1: [0-9]+" | grep -oE '[0-9]+' || echo 0; }
passed=$(num pass); failed=$(( $(num fail) + gate_failures )); skipped=$(( $(num skip) + $(num todo) ))
if [ -z "$summary" ]; then
  echo "tap printed no totals (exit $tap_status)"; failed=$((failed + 1))
elif [ "$tap_status" -ne 0 ] && [ "$(num fail)" -eq 0 ]; then
  echo "tap exited $tap_status without a failed assertion (a test file crashed or timed out?)"; failed=$((failed + 1))
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
