#!/usr/bin/env bash
# Build the basemap layers for corridor from the npm package world-atlas@2.0.2
# (Natural Earth 1:10m, TopoJSON):
#   geodata/land.geojson       land polygons, field name="land"
#   geodata/countries.geojson  country polygons, fields name, iso_a2
# Both clipped to the region bbox lon 116..138, lat 30..47, made valid,
# EPSG:4326, RFC 7946, 6 decimals, MultiPolygon. Output is deterministic.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/geodata"
mkdir -p "$out"

BBOX=(116 30 138 47)   # xmin ymin xmax ymax: the shipped network (121.7–133.1 E, 33.0–43.7 N) with room around it

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm install --no-save --no-audit --no-fund --prefix "$tmp" world-atlas@2.0.2 >/dev/null 2>&1
wa="$tmp/node_modules/world-atlas"
[ -f "$wa/countries-10m.json" ] && [ -f "$wa/land-10m.json" ] || {
  echo "world-atlas files missing" >&2; exit 1; }

common=(-f GeoJSON -a_srs EPSG:4326
        -makevalid -nlt MULTIPOLYGON
        -lco RFC7946=YES -lco COORDINATE_PRECISION=6 -lco WRITE_NAME=NO
        -dialect SQLite)

# clip in SQL (SpatiaLite) so the result can be reduced to polygons only
clip() {
  echo "CastToMultiPolygon(CollectionExtract(ST_Intersection(MakeValid($1), BuildMbr(${BBOX[0]}, ${BBOX[1]}, ${BBOX[2]}, ${BBOX[3]})), 3))"
}

rm -f "$out/land.geojson" "$out/countries.geojson"

ogr2ogr "${common[@]}" -nln land \
  -sql "SELECT 'land' AS name, $(clip geometry) AS geometry FROM land" \
  "$out/land.geojson" "$wa/land-10m.json"

ogr2ogr "${common[@]}" -nln countries \
  -sql "SELECT * FROM (SELECT name,
          CASE id WHEN '643' THEN 'RU' WHEN '156' THEN 'CN' WHEN '408' THEN 'KP'
                  WHEN '410' THEN 'KR' WHEN '392' THEN 'JP' WHEN '496' THEN 'MN'
          END AS iso_a2,
          $(clip geometry) AS geometry
        FROM countries
        WHERE MbrIntersects(geometry, BuildMbr(${BBOX[0]}, ${BBOX[1]}, ${BBOX[2]}, ${BBOX[3]})))
        WHERE geometry IS NOT NULL AND NOT ST_IsEmpty(geometry)
        ORDER BY name" \
  "$out/countries.geojson" "$wa/countries-10m.json"

for f in land countries; do
  printf '%s: %s bytes, %s features\n' "$f.geojson" "$(wc -c <"$out/$f.geojson")" \
    "$(ogrinfo -ro -so "$out/$f.geojson" "$f" | sed -n 's/^Feature Count: //p')"
done
