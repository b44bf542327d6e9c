#!/usr/bin/env bash
# CI smoke of the fuzzing engine: every harness for a few seconds under afl-fuzz (tests/Wallet.Fuzz/fuzz.sh), with
# one instrumented build. Prints one line per harness and "fuzz smoke: N passed, N failed"; exits 1 on any failure.
#   tests/Wallet.Fuzz/smoke.sh [seconds-per-target=15]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-15}
export FUZZ_WORK=${FUZZ_WORK:-$(mktemp -d)}
targets=(sd-jwt jws jwe mdoc-device-response mdoc-issuer-signed dcql status-list-jwt status-list-cwt status-list-decompress)
passed=0 failed=0 build=0
for t in "${targets[@]}"; do
  if FUZZ_NO_BUILD=$build "$here/fuzz.sh" "$t" 100000000 "$seconds" >"$FUZZ_WORK/$t.summary" 2>&1; then
    passed=$((passed + 1)); verdict=ok
  else
    failed=$((failed + 1)); verdict=FAILED
    ls "$FUZZ_WORK/out/$t/default/crashes" "$FUZZ_WORK/out/$t/default/hangs" 2>/dev/null
  fi
  build=1
  echo "$t: $verdict $(awk -F: '/^(execs_done|saved_crashes|saved_hangs)/ {gsub(/ /, ""); printf "%s=%s ", $1, $2}' "$FUZZ_WORK/$t.summary" | tr -s ' ')"
done
echo "fuzz smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
