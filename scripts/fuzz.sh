#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, the fuzz preset: clang with
# -fsanitize=fuzzer,address,undefined, in build/fuzz) and fuzzes each for SECONDS
# (default 60), two at a time; fails on a finding (the input is kept under
# build/fuzz/fuzz/work/NAME/findings/). scripts/test.sh runs it after the test suite.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
case "$seconds" in
  ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac
scripts/setup.sh
cmake --preset fuzz
cmake --build --preset fuzz
CORRIDOR_FUZZ_SECONDS=$seconds ctest --preset fuzz
