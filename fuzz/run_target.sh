#!/usr/bin/env bash
# Fuzzes one target for CORRIDOR_FUZZ_SECONDS (default 60) from its committed seeds
# (fuzz/corpus/NAME) and regression inputs (tests/fuzz/NAME), with what earlier runs of this
# build found (WORK/NAME/corpus). Exits non-zero on a finding (a crash, a sanitizer report,
# a failed check, a leak, an input that takes over 30 s), the input written under
# WORK/NAME/findings/. CTest's fuzz.NAME (fuzz/CMakeLists.txt) runs it; so does scripts/fuzz.sh.
# Usage: run_target.sh FUZZER NAME WORK
set -euo pipefail
bin=$1 name=$2 work=$3
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${CORRIDOR_FUZZ_SECONDS:-60}
corpus=$work/$name/corpus
findings=$work/$name/findings/
mkdir -p "$corpus" "$findings"
dirs=("$corpus" "$repo/fuzz/corpus/$name")
if [ -d "$repo/tests/fuzz/$name" ]; then dirs+=("$repo/tests/fuzz/$name"); fi
# LeakSanitizer with the suite's suppressions (a leak inside GDAL 3.6, fontconfig's cache).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/tests/lsan.supp}
status=0
"$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$findings" "${dirs[@]}" &
pid=$!
wait "$pid" || status=$?
# The scratch folder of a fuzzer that crashed (fuzz/harness.cpp removes it on a normal exit).
rm -rf "/dev/shm/corridor-fuzz-$pid" "${TMPDIR:-/tmp}/corridor-fuzz-$pid"
if [ "$status" -ne 0 ]; then
  echo "fuzz: $name found a problem (exit $status); the input is in $findings" >&2
  echo "fuzz: fix it, then commit the input under tests/fuzz/$name/ (the replay test runs it)" >&2
fi
exit "$status"
