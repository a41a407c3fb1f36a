// flows.csv as kepler.gl loads it: kepler's own CSV processor (@kepler.gl/processors, the
// code behind "Add data" in kepler.gl 3.2.6) types every column as corridor declares it in
// flows.csvt, and kepler's point-pair finder (@kepler.gl/table) with the Arc layer's default
// columns (@kepler.gl/layers) draws each row from its origin to its destination.
// The packages are resolved from web/node_modules (this file is outside web/, so a bare
// `import` would not find them): createRequire, as support.mjs loads playwright-core. They are
// CommonJS builds. findPointFieldPairs is @kepler.gl/table's (kepler's KeplerTable fills a
// dataset's fieldPairs with it); @kepler.gl/utils 3.2.6 does not export it, and a named ESM
// import of it from there fails with "Named export 'findPointFieldPairs' not found".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { corridor, source, tempDir } from './support.mjs';

const require = createRequire(join(source, 'web', 'package.json'));
const { processCsvData } = require('@kepler.gl/processors');
const { findPointFieldPairs } = require('@kepler.gl/table');
const { KeplerGlLayers } = require('@kepler.gl/layers');

// GDAL's .csvt type names as kepler's field types.
const keplerType = { String: 'string', Real: 'real', Integer: 'integer', Integer64: 'integer' };

function exported(t) {
  const dir = tempDir(t);
  corridor(['export', '--format', 'geojson', '--no-map', '--out', dir]);
  const read = (name) => readFileSync(join(dir, name), 'utf8');
  const places = new Map(JSON.parse(read('places.geojson')).features.map((f) => [f.properties.id, f.geometry.coordinates]));
  return { read, places };
}

// Each column's kepler type is the one flows.csvt declares (what GDAL reads).
function assertTypedAsDeclared(csv, csvt, name) {
  const data = processCsvData(csv);
  const header = csv.split('\n')[0].split(',');
  const declared = csvt.trim().split(',');
  assert.deepEqual(data.fields.map((f) => f.name), header, name);
  assert.equal(declared.length, header.length, `${name}: one .csvt type per column`);
  data.fields.forEach((f, i) => assert.equal(f.type, keplerType[declared[i]], `${name}: ${f.name} is ${declared[i]} in the .csvt`));
  return data;
}

test('kepler.gl types every flows.csv column as flows.csvt declares it', (t) => {
  const { read } = exported(t);
  const data = assertTypedAsDeclared(read('flows.csv'), read('flows.csvt'), 'flows.csv');
  const type = Object.fromEntries(data.fields.map((f) => [f.name, f.type]));
  for (const c of ['origin_lon', 'origin_lat', 'dest_lon', 'dest_lat', 'capacity', 'util']) assert.equal(type[c], 'real', c);
  assert.equal(type.flow_t_mo, 'integer');
  assert.ok(data.rows.length > 0);
  // The values survive: util is flow / capacity (4 decimals), and not all whole.
  const at = Object.fromEntries(data.fields.map((f, i) => [f.name, i]));
  for (const row of data.rows) {
    assert.ok(Number.isInteger(row[at.flow_t_mo]) && row[at.flow_t_mo] > 0, row[at.route_id]);
    assert.ok(Math.abs(row[at.util] - row[at.flow_t_mo] / row[at.capacity]) < 1e-4, row[at.route_id]);
  }
  assert.ok(data.rows.some((row) => !Number.isInteger(row[at.util])), 'a fractional util is kept');
});

test('kepler.gl types flows_by_commodity.csv as its .csvt declares it', (t) => {
  const { read } = exported(t);
  const data = assertTypedAsDeclared(read('flows_by_commodity.csv'), read('flows_by_commodity.csvt'), 'flows_by_commodity.csv');
  assert.ok(data.rows.length > 0);
});

test("kepler.gl's Arc layer finds the origin → destination pair of flows.csv", (t) => {
  const { read, places } = exported(t);
  const data = processCsvData(read('flows.csv'));
  const pairs = findPointFieldPairs(data.fields);
  assert.deepEqual(
    pairs.map((p) => [p.defaultName, p.pair.lat.value, p.pair.lng.value]),
    [['origin', 'origin_lat', 'origin_lon'], ['dest', 'dest_lat', 'dest_lon']],
  );
  const { props } = KeplerGlLayers.ArcLayer.findDefaultLayerProps({ fieldPairs: pairs });
  assert.equal(props.length, 1);
  const { lat0, lng0, lat1, lng1 } = props[0].columns;
  assert.deepEqual([lat0.value, lng0.value, lat1.value, lng1.value], ['origin_lat', 'origin_lon', 'dest_lat', 'dest_lon']);
  // Each arc runs between the places the row names, at their exported positions.
  const at = Object.fromEntries(data.fields.map((f, i) => [f.name, i]));
  for (const row of data.rows) {
    assert.deepEqual([row[lng0.fieldIdx], row[lat0.fieldIdx]], places.get(row[at.origin]), row[at.route_id]);
    assert.deepEqual([row[lng1.fieldIdx], row[lat1.fieldIdx]], places.get(row[at.destination]), row[at.route_id]);
  }
});
