"""Trace a path along a polygon ring (Natural Earth coastline or country border) between two points,
and move it a little inside the polygon: used where a railway runs along the coast or a border river."""
import json, math
from geo import dist_km, length_km
import landcheck

def rings_of(geom):
    parts = geom['coordinates'] if geom['type'] == 'MultiPolygon' else [geom['coordinates']]
    return [poly[0] for poly in parts]

def land_ring():
    g = json.load(open('geodata/land.geojson'))['features'][0]['geometry']
    return max(rings_of(g), key=len)

def country_ring(iso):
    for f in json.load(open('geodata/countries.geojson'))['features']:
        if f['properties'].get('iso_a2') == iso:
            return max(rings_of(f['geometry']), key=len)
    raise KeyError(iso)

def ring_path(ring, a, b, via=None):
    """Sub-path of the ring from the vertex nearest a to the vertex nearest b; of the two arcs,
    the shorter one, or the one passing nearest 'via' if given."""
    r = ring[:-1] if ring[0] == ring[-1] else ring
    n = len(r)
    ia = min(range(n), key=lambda i: dist_km(r[i], a))
    ib = min(range(n), key=lambda i: dist_km(r[i], b))
    fwd = [r[(ia + k) % n] for k in range(((ib - ia) % n) + 1)]
    bwd = [r[(ia - k) % n] for k in range(((ia - ib) % n) + 1)]
    if via is not None:
        dv = lambda p: min(dist_km(q, via) for q in p)
        return fwd if dv(fwd) < dv(bwd) else bwd
    return fwd if length_km(fwd) < length_km(bwd) else bwd

def inset(path, inside, km):
    """Move each vertex km along the local normal, to the side where inside(x, y) is true."""
    out = []
    for i, p in enumerate(path):
        q0 = path[max(0, i - 1)]; q1 = path[min(len(path) - 1, i + 1)]
        kx = 111.32 * math.cos(math.radians(p[1])); ky = 110.57
        dx = (q1[0] - q0[0]) * kx; dy = (q1[1] - q0[1]) * ky
        L = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / L, dx / L
        best = None
        for s in (1, -1):
            c = [p[0] + s * nx * km / kx, p[1] + s * ny * km / ky]
            if inside(c[0], c[1]):
                best = c; break
        out.append(best if best else list(p))
    return out

def thin(path, min_km=0.8):
    out = [path[0]]
    for p in path[1:-1]:
        if dist_km(out[-1], p) >= min_km:
            out.append(p)
    out.append(path[-1])
    return out

def in_country(iso):
    ring = country_ring(iso)
    xs = [p[0] for p in ring]; ys = [p[1] for p in ring]
    bb = (min(xs), min(ys), max(xs), max(ys))
    return lambda x, y: bb[0] <= x <= bb[2] and bb[1] <= y <= bb[3] and landcheck._in_ring(x, y, ring)

def on_land(x, y):
    return landcheck.on_land(x, y)
