#!/usr/bin/env bash
# Sets up (installs missing Debian packages), checks the sources' format (.clang-format),
# builds and runs the whole test suite: the
# tests of PRESET (default release; PRESET=asan runs them under AddressSanitizer and UBSan),
# then the fuzz targets for FUZZ_SECONDS each (default 60; 0 skips them), through
# scripts/fuzz.sh. The tests that need PostgreSQL (PostGIS, pgRouting) get a throwaway cluster
# from scripts/pg.sh in CORRIDOR_TEST_PG, stopped at the end whatever happens.
# Then, when the run so far leaves time for it (SANITIZE=auto, the default: started within
# SANITIZE_BUDGET_MIN minutes, default 40; CI has 90 on 2 cores and the stage takes about 30),
# the non-browser tests again under AddressSanitizer and UBSan (the asan preset, the web.* tests left
# out). SANITIZE=1 always runs that stage, SANITIZE=0 never; PRESET=asan runs it as the main one.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${PRESET:-release}
fuzz_seconds=${FUZZ_SECONDS:-60}
scripts/setup.sh
scripts/format.sh --check
cmake --preset "$preset"
cmake --build --preset "$preset"
pg_dir=$(scripts/pg.sh start)
trap 'scripts/pg.sh stop "$pg_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
CORRIDOR_TEST_PG=$(scripts/pg.sh conn "$pg_dir") ctest --preset "$preset"
if [ "$fuzz_seconds" != 0 ]; then
  scripts/fuzz.sh "$fuzz_seconds"
fi
sanitize=${SANITIZE:-auto}
budget_min=${SANITIZE_BUDGET_MIN:-40}
if [ "$preset" = asan ] || [ "$sanitize" = 0 ]; then
  exit 0
fi
if [ "$sanitize" = auto ] && [ "$SECONDS" -ge $((budget_min * 60)) ]; then
  echo "test.sh: ASan/UBSan stage skipped: $((SECONDS / 60)) min gone, over the ${budget_min} min budget (SANITIZE=1 forces it)"
  exit 0
fi
echo "test.sh: ASan/UBSan stage (non-browser tests) after $((SECONDS / 60)) min"
cmake --preset asan
cmake --build --preset asan
CORRIDOR_TEST_PG=$(scripts/pg.sh conn "$pg_dir") ctest --preset asan --exclude-regex '^web\.'
