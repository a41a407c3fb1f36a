#!/usr/bin/env bash
# Installs corridor's build and test dependencies from Debian 12 packages.
# Idempotent: does nothing when every package is already installed.
# Works as root (no sudo needed) and as a normal user with sudo.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config locales
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data
  libboost-graph-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libsimdjson-dev
  bc
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
