#!/bin/bash
# 1M-route serve: the first tile requests of two analyses, cached ones, and memory.
# Usage: bench/serve_1m.sh [DIR] (from the source folder; DIR is generated when empty).
set -u
rss() { echo "  RSS $(grep VmRSS /proc/$pid/status | tr -s " " | cut -d" " -f2-)"; }
C=${CORRIDOR:-build/release/corridor}
D=${1:-/tmp/s1m}
[ -f $D/routes.geojson ] || $C generate --routes 1000000 --out $D --quiet
t0=$(date +%s.%N)
$C serve --geodata $D --port 0 > /tmp/s1m.out 2> /tmp/s1m.err &
pid=$!
until grep -q "http://" /tmp/s1m.out /tmp/s1m.err 2>/dev/null; do sleep 0.5; kill -0 $pid || exit 1; done
t1=$(date +%s.%N); echo "started in $(echo "$t1 - $t0" | bc) s"
rss
url=$(grep -oh "http://[0-9.:]*" /tmp/s1m.out /tmp/s1m.err | head -1)
q="from=p0_0&to=p70_140"
ask() { curl -s -o /dev/null -w "%{http_code} %{size_download} B %{time_total} s  $1\n" "$url$1"; }
ask "/tiles.json?$q"
tl=$(curl -s "$url/tiles.json?$q" | python3 -c '
import json,sys,math
j=json.load(sys.stdin); w,s,e,n=j["bounds"]; lon=(w+e)/2; lat=(s+n)/2
out=[]
for z in (4,8,12):
    x=int((lon+180)/360*2**z); y=int((1-math.log(math.tan(math.radians(lat))+1/math.cos(math.radians(lat)))/math.pi)/2*2**z)
    out += [f"{z}/{x}/{y}", f"{z}/{x+1}/{y}", f"{z}/{x}/{y+1}"]
print(" ".join(out))')
echo "tiles: $tl"; rss
for t in $tl; do ask "/tiles/$t.mvt?$q"; done
rss; echo "again (cached bodies):"; for t in $tl; do ask "/tiles/$t.mvt?$q"; done
echo "another analysis (month none):"; for t in $tl; do ask "/tiles/$t.mvt?$q&month=none"; done
rss; echo "the first analysis again:"; ask "/tiles/$(echo $tl | cut -d' ' -f2).mvt?$q"
rss; grep -E "VmHWM" /proc/$pid/status
kill $pid
