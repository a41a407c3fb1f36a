#!/usr/bin/env bash
# Sets up (installs missing Debian packages), builds and runs the whole test suite.
# PRESET=asan runs it under AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${PRESET:-release}
scripts/setup.sh
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset"
