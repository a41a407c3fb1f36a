#!/usr/bin/env bash
# Sets up, builds, validates the default network and exports it to output/
# (the layers, map.png, and the web map map.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release
cmake --build --preset release
build/release/corridor validate
build/release/corridor export
build/release/corridor map
