// The vector tiles read by a JavaScript decoder from npm (@mapbox/vector-tile + pbf, as web
// maps read them): `export --format geojson,mvt` at a full-detail zoom, every route of the
// GeoJSON export found in the tiles with the same properties and its geometry within half a
// pixel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { corridor, source, tempDir } from './support.mjs';

const require = createRequire(join(source, 'web', 'package.json'));
const { VectorTile } = require('@mapbox/vector-tile');
const Pbf = require('pbf');

const Z = 8;

// Web Mercator world units (0..1), as tiles number them.
function world([lon, lat]) {
  const s = Math.sin((lat * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

function distanceToLine(p, line) {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i], [bx, by] = line[i + 1];
    const dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
    const t = len > 0 ? Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len)) : 0;
    best = Math.min(best, Math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy)));
  }
  return best;
}

test('tiles decode with @mapbox/vector-tile and hold the exported routes', (t) => {
  const dir = tempDir(t);
  corridor(['export', '--format', 'geojson,mvt', '--minzoom', `${Z}`, '--maxzoom', `${Z}`, '--no-map', '--out', dir]);
  const routes = JSON.parse(readFileSync(join(dir, 'routes.geojson'), 'utf8')).features;
  const found = new Map();
  const halfPixel = 1 / (256 * 2 ** Z) / 2;  // in world units
  let vertices = 0;
  for (const x of readdirSync(join(dir, 'tiles', `${Z}`))) {
    for (const file of readdirSync(join(dir, 'tiles', `${Z}`, x))) {
      const y = Number(file.replace('.mvt', ''));
      const tile = new VectorTile(new Pbf(readFileSync(join(dir, 'tiles', `${Z}`, x, file))));
      assert.ok(tile.layers.routes, `${Z}/${x}/${y} has a routes layer`);
      const layer = tile.layers.routes;
      assert.equal(layer.extent, 4096);
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        found.set(f.properties.id, f.properties);
        const source = routes.find((r) => r.properties.id === f.properties.id).geometry.coordinates.map(world);
        const geo = f.toGeoJSON(Number(x), y, Z).geometry;
        const lines = geo.type === 'LineString' ? [geo.coordinates] : geo.coordinates;
        for (const line of lines)
          for (const p of line) {
            // toGeoJSON's lon/lat back to world units (it works in doubles; the rounding is the tile's)
            assert.ok(distanceToLine(world(p), source) < halfPixel, `${f.properties.id} vertex off its line`);
            vertices++;
          }
      }
    }
  }
  assert.ok(vertices > routes.length);
  assert.deepEqual([...found.keys()].sort(), routes.map((r) => r.properties.id).sort());
  for (const r of routes) {
    const got = found.get(r.properties.id);
    for (const [name, value] of Object.entries(r.properties)) {
      if (value === null) assert.equal(got[name], undefined, `${r.properties.id}.${name}: null is left out`);
      else if (typeof value === 'boolean') assert.equal(got[name], value, `${r.properties.id}.${name}`);
      else assert.equal(got[name], value, `${r.properties.id}.${name}`);
    }
  }
});
