"""Rough land check: sample a line every ~0.5 km and test points against land.geojson (ray casting)."""
import json, math
from geo import dist_km

_polys = None
def _load(path):
    global _polys
    if _polys is None:
        d = json.load(open(path))
        polys = []
        for f in d['features']:
            g = f['geometry']
            parts = g['coordinates'] if g['type'] == 'MultiPolygon' else [g['coordinates']]
            for poly in parts:
                ring = poly[0]
                xs = [p[0] for p in ring]; ys = [p[1] for p in ring]
                polys.append(((min(xs), min(ys), max(xs), max(ys)), poly))
        _polys = polys
    return _polys

def _in_ring(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]; xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside

def on_land(x, y, path='geodata/land.geojson'):
    for (a, b, c, d), poly in _load(path):
        if a <= x <= c and b <= y <= d and _in_ring(x, y, poly[0]):
            if not any(_in_ring(x, y, h) for h in poly[1:]):
                return True
    return False

def samples(coords, step_km=0.5):
    out = []  # (along_km, x, y)
    along = 0.0
    for i in range(len(coords) - 1):
        p, q = coords[i], coords[i + 1]
        L = dist_km(p, q)
        n = max(1, int(L / step_km))
        for k in range(n):
            t = k / n
            out.append((along + L * t, p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
        along += L
    out.append((along, coords[-1][0], coords[-1][1]))
    return out, along

def check(coords, sea, margin_km=5.0, path='geodata/land.geojson'):
    """Return list of (along_km, lon, lat) violating: sea lanes on land / land routes at sea, beyond margin at both ends."""
    s, total = samples(coords)
    bad = []
    for a, x, y in s:
        if a < margin_km or a > total - margin_km:
            continue
        land = on_land(x, y, path)
        if sea and land or (not sea and not land):
            bad.append((round(a, 1), round(x, 4), round(y, 4)))
    return bad
