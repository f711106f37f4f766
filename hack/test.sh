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

# Tests that change the host's network (containerd with CNI bridges, iptables) are named
# *.host.test.ts and run one at a time after the rest, which run two at a time.
echo "==> tests (tap)"
mkdir -p .tap
: > .tap/last-run.txt
tap_status=0
tap --exclude '{**/*.host.test.ts,**/node_modules/**,**/dist/**,**/fixtures/**}' "$@" 2>&1 | tee -a .tap/last-run.txt
[ "${PIPESTATUS[0]}" -eq 0 ] || tap_status=1
if [ "$#" -eq 0 ]; then
  mapfile -t host_tests < <(git ls-files '*.host.test.ts')
  if [ "${#host_tests[@]}" -gt 0 ]; then
    echo "==> host-network tests, one at a time"
    tap --jobs 1 "${host_tests[@]}" 2>&1 | tee -a .tap/last-run.txt
    [ "${PIPESTATUS[0]}" -eq 0 ] || tap_status=1
  fi
fi

# Sum tap's closing totals over both runs.
sum() { grep -E '^# \{ total: [0-9]+' .tap/last-run.txt | awk -v k="$1" '{ if (match($0, k ": [0-9]+")) { split(substr($0, RSTART, RLENGTH), a, ": "); s += a[2] } } END { print s + 0 }'; }
runs=$(grep -cE '^# \{ total: [0-9]+' .tap/last-run.txt)
passed=$(sum pass); fails=$(sum fail)
failed=$(( fails + gate_failures )); skipped=$(( $(sum skip) + $(sum todo) ))
if [ "$runs" -eq 0 ]; then
  echo "tap printed no totals"; failed=$((failed + 1))
elif [ "$tap_status" -ne 0 ] && [ "$fails" -eq 0 ]; then
  echo "tap exited non-zero without a failed assertion (a test file crashed or timed out?)"; failed=$((failed + 1))
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
