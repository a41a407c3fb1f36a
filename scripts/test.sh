#!/usr/bin/env bash
# Sets up (installs missing Debian packages), checks the sources' format (.clang-format),
# builds and runs the whole test suite: the tests of PRESET (default release; PRESET=asan runs
# them under AddressSanitizer and UBSan), the non-browser ones two at a time and the browser
# ones (web.*) one at a time, then the fuzz targets for FUZZ_SECONDS each (default 60; 0 skips
# them), through scripts/fuzz.sh. The tests that need PostgreSQL (PostGIS, pgRouting) get a
# throwaway cluster from scripts/pg.sh in CORRIDOR_TEST_PG, stopped at the end whatever happens.
#
# Then, when the run so far leaves time for it (SANITIZE=auto, the default: started within
# SANITIZE_BUDGET_MIN minutes, default 35), the non-browser tests again under AddressSanitizer
# and UBSan (the asan preset). SANITIZE=1 always runs that stage, SANITIZE=0 never. CI has 90
# minutes on 2 cores: that stage stops starting tests at DEADLINE_MIN (default 85) minutes after
# the start; the tests it could not finish by then are named, and the run counts as passed
# only when every test that finished passed and the only ones cut off were cut by the deadline.
#
# Every stage's start is printed ("test.sh: STAGE at M:SS"), and the list again at the end,
# also when the run is interrupted, so the tail of a log says where the time went.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${PRESET:-release}
fuzz_seconds=${FUZZ_SECONDS:-60}
sanitize=${SANITIZE:-auto}
budget_min=${SANITIZE_BUDGET_MIN:-35}
deadline_min=${DEADLINE_MIN:-85}

stages=()
clock() { printf '%d:%02d' $((SECONDS / 60)) $((SECONDS % 60)); }
stage() {
  stages+=("$(clock) $1")
  echo "test.sh: $1 at $(clock)"
}
pg_dir=
finish() {
  local rc=$?
  if [ -n "$pg_dir" ]; then scripts/pg.sh stop "$pg_dir" || true; fi
  echo "test.sh: stages (start m:ss):"
  printf '  %s\n' "${stages[@]}" "$(clock) end (exit $rc)"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs the tests of a preset: the non-browser ones two at a time, then web.* one at a time
# (a page in headless Chromium times out when another test loads both cores).
run_tests() {
  local p=$1
  shift
  ctest --preset "$p" -j2 --exclude-regex '^web\.' "$@"
  if [ "$p" != asan ]; then
    ctest --preset "$p" --tests-regex '^web\.' "$@"
  fi
}

stage "set-up"
scripts/setup.sh
stage "format check"
scripts/format.sh --check
stage "build ($preset)"
cmake --preset "$preset"
cmake --build --preset "$preset"
stage "PostgreSQL"
pg_dir=$(scripts/pg.sh start)
export CORRIDOR_TEST_PG
CORRIDOR_TEST_PG=$(scripts/pg.sh conn "$pg_dir")
stage "tests ($preset)"
run_tests "$preset"
if [ "$fuzz_seconds" != 0 ]; then
  stage "fuzz targets (${fuzz_seconds} s each)"
  scripts/fuzz.sh "$fuzz_seconds"
fi

if [ "$preset" = asan ] || [ "$sanitize" = 0 ]; then
  exit 0
fi
if [ "$sanitize" = auto ] && [ "$SECONDS" -ge $((budget_min * 60)) ]; then
  stage "ASan/UBSan stage skipped: over the ${budget_min} min budget (SANITIZE=1 forces it)"
  exit 0
fi
stage "build (asan)"
cmake --preset asan
cmake --build --preset asan
stage "tests (asan, non-browser)"
stop_at=$(date -d "@$(($(date +%s) + deadline_min * 60 - SECONDS))" '+%H:%M:%S')
log=build/asan/ctest-stage.log
set +e
run_tests asan --stop-time "$stop_at" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" = 0 ]; then
  exit 0
fi
# ctest marks the tests it stopped at --stop-time as "(Timeout)" and starts no more.
failed=$(sed -n '/^The following tests FAILED:/,$p' "$log" | grep -E '^\s+[0-9]+ - ' || true)
if [ "$SECONDS" -ge $((deadline_min * 60)) ] && [ -n "$failed" ] &&
  ! grep -qv '(Timeout)$' <<<"$failed"; then
  echo "test.sh: the ASan/UBSan stage reached the ${deadline_min} min deadline; every test that" \
    "finished passed; cut off there:"
  echo "$failed"
  exit 0
fi
exit "$rc"
