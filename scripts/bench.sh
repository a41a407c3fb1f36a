#!/usr/bin/env bash
# Benchmarks corridor on generated networks: Google Benchmark per stage (bench/), then the
# whole CLI job of issue 3 (read routes, max-flow corner to corner, write per-route flows
# as GeoJSON) at 10k and 100k routes (and 1M with --1m), printing wall time and peak memory
# per phase and the speed-up against the reference figures measured on this 2-core machine;
# the same job written as FlatGeobuf, GeoPackage and Shapefile (beside ogr2ogr's time); then
# corridor import of a generated raw layer (generate --raw, FlatGeobuf) and of a synthetic
# OSM extract (bench/synthetic_osm.py) with the shipped rules.
#   scripts/bench.sh [--1m] [--no-stages]
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(10000 100000)
stages=1
for arg in "$@"; do
  case "$arg" in
    --1m) sizes+=(1000000) ;;
    --no-stages) stages=0 ;;
    *) echo "usage: scripts/bench.sh [--1m] [--no-stages]" >&2; exit 2 ;;
  esac
done

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
bin=build/release/corridor

if [ "$stages" = 1 ]; then
  echo "== stages (Google Benchmark, bench/corridor_bench.cpp)"
  build/release/bench/corridor_bench --benchmark_min_time=0.2
fi

# Reference wall times (s) for the same job: NetworkX and pgRouting, from issue 3.
declare -A networkx=([10000]=0.74 [100000]=7.3 [1000000]=80)
declare -A pgrouting=([10000]=1.6 [100000]=6.6 [1000000]=63)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo
echo "== whole CLI job: corridor export --from <NW corner> --to <SE corner> --no-map (read, max-flow, write flows)"
run() {  # run LABEL GEODATA FORMAT N
  local label=$1 geodata=$2 format=$3 n=$4 start end wall peak
  start=$(date +%s.%N)
  "$bin" export --geodata "$geodata" --from "$from" --to "$to" --format "$format" --out "$tmp/out-$label-$n" --timings --no-map \
    >/dev/null 2>"$tmp/timings-$label-$n"
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc -l)
  peak=$(grep '^timing:' "$tmp/timings-$label-$n" | tail -n 1 | sed 's/.*peak RSS *\([0-9.]*\) MiB/\1/')
  echo
  echo "-- $n routes, $label"
  grep '^timing:' "$tmp/timings-$label-$n"
  printf 'total      %8.3f s  peak RSS %7.1f MiB\n' "$wall" "$peak"
  if [ "$label" = "geojson" ]; then
    printf 'speed-up   %.2fx vs NetworkX (%s s), %.2fx vs pgRouting (%s s)\n' \
      "$(echo "${networkx[$n]} / $wall" | bc -l)" "${networkx[$n]}" \
      "$(echo "${pgrouting[$n]} / $wall" | bc -l)" "${pgrouting[$n]}"
  fi
}
# Shapefile: corridor's write phase beside ogr2ogr writing the same two layers (routes and
# places) as shapefiles, from the FlatGeobuf files of the fgb run.
shp_vs_ogr2ogr() {  # shp_vs_ogr2ogr N
  local n=$1 ours start end theirs
  ours=$(grep '^timing: write' "$tmp/timings-shp-$n" | awk '{print $3}')
  mkdir -p "$tmp/ogr-$n"
  start=$(date +%s.%N)
  for layer in routes places; do
    ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$tmp/ogr-$n/$layer.shp" "$tmp/out-fgb-$n/$layer.fgb" 2>/dev/null
  done
  end=$(date +%s.%N)
  theirs=$(echo "$end - $start" | bc -l)
  printf 'shapefile  corridor write %7.3f s   ogr2ogr %7.3f s   (routes and places; ogr2ogr from the fgb run'"'"'s files)\n' \
    "$ours" "$theirs"
}
for n in "${sizes[@]}"; do
  corners=$("$bin" generate --routes "$n" --out "$tmp/g$n" 2>&1 >/dev/null | sed -n 's/.*corners \([^ ]*\) (CN) and \([^ ]*\) (RU).*/\1 \2/p')
  read -r from to <<<"$corners"
  "$bin" generate --routes "$n" --out "$tmp/f$n" --format fgb >/dev/null 2>&1
  run geojson "$tmp/g$n" geojson "$n"           # GeoJSON in, GeoJSON out
  run fgb "$tmp/f$n" fgb "$n"                   # FlatGeobuf in, FlatGeobuf out
  run gpkg "$tmp/g$n" gpkg "$n"                 # GeoJSON in, GeoPackage out (one transaction)
  run shp "$tmp/g$n" shp "$n"                   # GeoJSON in, Shapefile out
  shp_vs_ogr2ogr "$n"
  rm -rf "$tmp"/g"$n" "$tmp"/f"$n" "$tmp"/out-*-"$n" "$tmp"/ogr-"$n"
done

echo
echo "== corridor import: loose lines to a geodata folder (shipped rules for railways and roads)"
rules=(--rules geodata/rules/osm-railways.json --rules geodata/rules/osm-roads.json)
time_import() {  # time_import LABEL SOURCE
  local label=$1 source=$2 start end
  start=$(date +%s.%N)
  "$bin" import "$source" "${rules[@]}" --out "$tmp/import-$label" --quiet >/dev/null 2>"$tmp/import-$label.err"
  end=$(date +%s.%N)
  printf '%-28s %8.3f s  %s\n' "$label" "$(echo "$end - $start" | bc -l)" "$(tail -n 1 "$tmp/import-$label.err")"
  rm -rf "$tmp/import-$label"
}
for n in "${sizes[@]}"; do
  "$bin" generate --routes "$n" --raw --format fgb --out "$tmp/raw$n" >/dev/null 2>&1
  time_import "raw $n lines (fgb)" "$tmp/raw$n/lines.fgb"
  rm -rf "$tmp/raw$n"
done
python3 bench/synthetic_osm.py 100000 "$tmp/synthetic.osm"
time_import "synthetic OSM, 100k ways" "$tmp/synthetic.osm"
