#!/usr/bin/env bash
# Redraws the pictures in the docs from the shipped network, so they show what the commands
# answer today: docs/render.png (`corridor render`, the default question), docs/timeline.png
# (the timeline page's example) and docs/map.png (the web map of the default question, in
# headless Chromium). Run after a change to the network or to how it is drawn:
#   scripts/doc_pictures.sh [build/release/corridor]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(realpath "${1:-$here/build/release/corridor}")"
cd "$here"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$bin" render --quiet --out docs/render.png >/dev/null
"$bin" timeline --quiet --from KP --to CN --commodity coal --months 2016-12..2018-01 --out docs/timeline.png >/dev/null
"$bin" map --quiet --out "$tmp/map" >/dev/null
node scripts/doc_pictures.mjs "$tmp/map/map.html" docs/map.png
echo "docs/render.png docs/timeline.png docs/map.png redrawn"
