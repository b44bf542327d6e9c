#!/usr/bin/env bash
# Runs a coverage-guided campaign on one harness with AFL++ and SharpFuzz (see specs/fuzzing.md).
#   tests/Wallet.Fuzz/fuzz.sh <target> [executions=1000000] [max-seconds=3600]
# Needs afl++ (Debian: apt-get install afl++) and the dotnet tool SharpFuzz.CommandLine 2.3.0
# (dotnet tool install --tool-path "$FUZZ_WORK/tools" SharpFuzz.CommandLine --version 2.3.0; done here when missing).
# Exits 1 when the campaign saved a crash or a hang.
# FUZZ_WORK (default /tmp/wallet-fuzz) holds the instrumented build and the findings: out/<target>/default/
# {crashes,hangs,queue,fuzzer_stats}. Set FUZZ_NO_BUILD=1 to reuse the instrumented build of an earlier run, and
# FUZZ_INPUT=<dir> to start from another folder than corpus/<target>, e.g. the queue/ of an earlier campaign to go on.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: fuzz.sh <target> [executions] [max-seconds]}
executions=${2:-1000000}
seconds=${3:-3600}
work=${FUZZ_WORK:-/tmp/wallet-fuzz}
mkdir -p "$work/out"

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++"; exit 1; }
sharpfuzz="$work/tools/sharpfuzz"
[ -x "$sharpfuzz" ] || dotnet tool install --tool-path "$work/tools" SharpFuzz.CommandLine --version 2.3.0

if [ "${FUZZ_NO_BUILD:-0}" != 1 ] || [ ! -f "$work/bin/Wallet.Fuzz.dll" ]; then
  dotnet build "$here/Wallet.Fuzz.csproj" -c Release -o "$work/build" >/dev/null
  rm -rf "$work/bin" && cp -r "$work/build" "$work/bin"
  # Only our code is instrumented: coverage of the framework would drown the signal.
  "$sharpfuzz" "$work/bin/Wallet.Core.dll"
fi

out="$work/out/$target"
rm -rf "$out"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# -t: a run over 2 s is a hang (the slowest valid seed takes a few ms); -m none: the CLR reserves far more
# virtual memory than it uses; -E/-V stop the campaign after that many executions or seconds.
nice -n 19 afl-fuzz -i "${FUZZ_INPUT:-$here/corpus/$target}" -o "$out" -t 2000 -m none -E "$executions" -V "$seconds" \
  -- dotnet "$work/bin/Wallet.Fuzz.dll" "$target" >"$out.log" 2>&1 || true
stats="$out/default/fuzzer_stats"
[ -f "$stats" ] || { echo "afl-fuzz did not start; see $out.log"; tail -20 "$out.log"; exit 1; }
grep -E '^(start_time|last_update|run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs|afl_version) ' \
  "$stats"
# A campaign fails on any crash (an exception escaping the typed result) or hang; the inputs are in crashes/ and hangs/.
crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /, "", $2); print $2}' "$stats")
hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /, "", $2); print $2}' "$stats")
[ "$crashes" = 0 ] && [ "$hangs" = 0 ]
