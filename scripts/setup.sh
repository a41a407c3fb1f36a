#!/usr/bin/env bash
# Installs corridor's build and test dependencies: Debian 12 packages, then the npm
# packages pinned in web/package-lock.json (Leaflet, inlined into map.html at build time,
# playwright-core, which drives Debian's Chromium in the browser tests, and kepler.gl's CSV
# processor, table and layers, which the web.kepler test loads flows.csv with).
# Idempotent: does nothing when every package is already installed.
# Works as root (no sudo needed) and as a normal user with sudo.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config locales
  libgdal-dev gdal-bin python3-gdal libgeos-dev libproj-dev proj-data  # python3-gdal: validate_gpkg.py for the tests
  libboost-graph-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libsimdjson-dev
  bc libcairo2-dev fonts-dejavu-core libcpp-httplib-dev zlib1g-dev chromium
  coinor-libclp-dev libglpk-dev liblemon-dev  # liblemon-dev: the network simplex of graph/assignment
  python3-networkx  # the tests: Assignment.OneDemandAgreesWithNetworkX (max_flow_min_cost as the peer)
  libprotozero-dev libsqlite3-dev  # tiles: MVT encoding (header-only), MBTiles
  libyaml-cpp-dev  # importer: YAML rules files (io/yaml_file)
  groff-base iproute2 zsh  # the tests: man pages read by groff, the listen backlog read by ss, zsh -n on the completion
  postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting  # the PostGIS tests: scripts/pg.sh starts a throwaway cluster
  clang-format-14  # scripts/format.sh --check in scripts/test.sh: the sources match .clang-format
  clang libclang-rt-14-dev  # the fuzz targets (fuzz/, scripts/fuzz.sh): libFuzzer, ASan and UBSan (the runtime is only recommended by clang)
)
# Node.js and npm: Debian's packages, unless a Node.js with npm is already installed
# (nodesource's nodejs carries npm and conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

install_web() {
  local web
  web="$(cd "$(dirname "$0")/.." && pwd)/web"
  # npm ci only when the installed tree does not match the lock file.
  if node -e 'const fs=require("fs"),path=require("path"),web=process.argv[1];
              const want=JSON.parse(fs.readFileSync(path.join(web,"package-lock.json"))).packages;
              for (const [k,v] of Object.entries(want)) {
                if (!k) continue;
                const f=path.join(web,k,"package.json");
                if (!fs.existsSync(f) || JSON.parse(fs.readFileSync(f)).version !== v.version) process.exit(1);
              }' "$web" 2>/dev/null; then
    return 0
  fi
  echo "setup: installing npm packages in web/ (npm ci)" >&2
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
}

if [ ${#missing[@]} -eq 0 ]; then
  install_web
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
install_web
