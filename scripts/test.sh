#!/usr/bin/env bash
# Sets up (installs missing Debian packages), checks the sources' format (.clang-format),
# builds and runs the whole test suite: the
# tests of PRESET (default release; PRESET=asan runs them under AddressSanitizer and UBSan),
# then the fuzz targets for FUZZ_SECONDS each (default 60; 0 skips them), through
# scripts/fuzz.sh. The tests that need PostgreSQL (PostGIS, pgRouting) get a throwaway cluster
# from scripts/pg.sh in CORRIDOR_TEST_PG, stopped at the end whatever happens.
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
