#!/usr/bin/env bash
# Sets up, builds, validates the default network and exports it to output/
# (the layers, map.png, and the web map map.html), then prints the default question's answer
# for the network's month with its split by commodity.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release
cmake --build --preset release
build/release/corridor validate
build/release/corridor export
build/release/corridor map
# The default question in the network's month, with its split by commodity.
build/release/corridor capacity --from RU --to pyongyang | sed -n '1,/^$/p;/^By commodity/,/^$/p'
