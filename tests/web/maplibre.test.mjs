// The tile page (MapLibre GL JS, WebGL through SwiftShader) in headless Chromium: the shipped
// network drawn from tiles (--data tiles) over HTTP and from `corridor serve`, its labels,
// popups and phone layout, and a generated 100k-route network as `corridor map` writes it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { corridor, enUS, exportedLayers, openBrowser, serveFolder, startServe, tempDir, waitReady } from './support.mjs';

// Renders once more and resolves when every tile is loaded and drawn.
function settle(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const map = window.corridor.map;
    map.once('idle', resolve);
    map.triggerRepaint();
  }));
}

// The labels MapLibre placed: their collision boxes (the placement's own grid: labels are the
// boxes that may overlap nothing, markers and controls those always placed), how many overlap
// another box, and how many labels a query over each control's box finds (the public API).
function labelCheck(page) {
  return page.evaluate(() => {
    const map = window.corridor.map;
    const grid = map.style.placement.collisionIndex.grid;
    const boxes = grid.boxKeys.map((key, i) => ({ label: key.overlapMode === 'never', b: grid.bboxes.slice(4 * i, 4 * i + 4) }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      if (!boxes[i].label) continue;
      for (let j = 0; j < boxes.length; j++) {
        if (i === j) continue;
        const a = boxes[i].b;
        const b = boxes[j].b;
        if (a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5) overlaps++;
      }
    }
    const frame = map.getContainer().getBoundingClientRect();
    let underControls = 0;
    for (const el of map.getContainer().querySelectorAll('.maplibregl-ctrl')) {
      const r = el.getBoundingClientRect();
      if (!(r.width > 0)) continue;
      underControls += map.queryRenderedFeatures([[r.left - frame.left, r.top - frame.top],
                                                  [r.right - frame.left, r.bottom - frame.top]],
                                                 { layers: ['place-labels'] }).length;
    }
    const shown = map.queryRenderedFeatures({ layers: ['place-labels'] }).map((f) => f.properties.id);
    return { boxes: boxes.filter((x) => x.label).length, overlaps, underControls, shown: [...new Set(shown)] };
  });
}

// The folder holds only tiles with features (as export writes them): the server answers 404
// for the rest, which MapLibre draws as empty. Nothing else may be missing.
function onlyEmptyTilesMissing(failed, dir) {
  for (const path of failed) {
    assert.match(path, /^\/tiles\/\d+\/\d+\/\d+\.mvt$/, 'missing: ' + path);
    assert.ok(!existsSync(join(dir, path)), path);
  }
}

// A point in the middle of a route's line (the middle of its middle segment).
function midpoint(feature) {
  const c = feature.geometry.coordinates;
  const i = Math.max(1, Math.floor(c.length / 2));
  return [(c[i - 1][0] + c[i][0]) / 2, (c[i - 1][1] + c[i][1]) / 2];
}

// Centres the map on a route's midpoint at `zoom`, clicks there, and returns the route's part
// of the popup ('' when the popup does not list it).
async function clickRoute(page, feature, zoom) {
  const at = midpoint(feature);
  await page.evaluate(([lng, lat, z]) => {
    document.querySelectorAll('.maplibregl-popup').forEach((p) => p.remove());
    window.corridor.map.jumpTo({ center: [lng, lat], zoom: z });
  }, [...at, zoom]);
  await settle(page);
  const point = await page.evaluate(([lng, lat]) => {
    const map = window.corridor.map;
    const p = map.project([lng, lat]);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, at);
  await page.mouse.click(point.x, point.y);
  const popup = page.locator('.maplibregl-popup-content');
  await popup.waitFor({ timeout: 5000 });
  const part = popup.locator('.corridor-route-info[data-route="' + feature.properties.id + '"]');
  return (await part.count()) === 1 ? part.innerText() : '';
}

function countBy(features, key) {
  const out = {};
  for (const f of features) out[f.properties[key]] = (out[f.properties[key]] || 0) + 1;
  return out;
}

test('the shipped network as a tile page over HTTP: every mode listed, labels placed without overlap, popups with provenance', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'));
  corridor(['map', '--data', 'tiles', '--out', join(dir, 'map')]);
  assert.ok(existsSync(join(dir, 'map', 'tiles', 'metadata.json')), 'tiles/ beside map.html');
  const html = readFileSync(join(dir, 'map', 'map.html'), 'utf8');
  assert.ok(!html.includes('id="corridor-routes"'), 'the routes are in the tiles, not the page');
  const { base, failed } = await serveFolder(t, join(dir, 'map'));

  const { page, outside, errors } = await openBrowser(t, { webgl: true });
  await page.goto(base + 'map.html');
  assert.equal(await waitReady(page), 'true');
  assert.equal(await page.evaluate(() => window.corridor.engine), 'maplibre');

  // The layer list: one entry per mode with its count of routes in the exported layer.
  const list = await page.locator('.corridor-layers').innerText();
  for (const [mode, n] of Object.entries(countBy(layers.routes, 'mode'))) {
    assert.ok(list.includes(mode + ' (' + n + (n === 1 ? ' route)' : ' routes)')), list);
  }
  const panel = await page.locator('.corridor-panel').innerText();
  assert.match(panel, /RU → pyongyang/);
  assert.match(panel, /cap RU to pyongyang at/);

  // Labels: some shown, none overlapping another or a marker, none under a control.
  await settle(page);
  const labels = await labelCheck(page);
  assert.ok(labels.shown.length >= 10, JSON.stringify(labels));
  assert.equal(labels.overlaps, 0, JSON.stringify(labels));
  assert.equal(labels.underControls, 0, JSON.stringify(labels));
  // A label hidden for want of room shows once a zoom on its place makes room.
  const hidden = layers.places.find((f) => !labels.shown.includes(f.properties.id));
  assert.ok(hidden, 'some label is hidden at the first view');
  await page.evaluate(([lng, lat]) => window.corridor.map.jumpTo({ center: [lng, lat], zoom: 11 }),
                      hidden.geometry.coordinates);
  await settle(page);
  const zoomed = await labelCheck(page);
  assert.ok(zoomed.shown.includes(hidden.properties.id), hidden.properties.id + ' in ' + zoomed.shown.join(', '));
  assert.equal(zoomed.overlaps, 0);

  // A click on a quoted route opens its popup: capacity and the verbatim quote with its source.
  // (The longest, so that no place lies near its middle.)
  const quoted = layers.routes.filter((f) => f.properties.quote && f.properties.capacity)
    .sort((a, b) => b.properties.length_km - a.properties.length_km)[0];
  const text = await clickRoute(page, quoted, 10);
  assert.match(text, new RegExp('Capacity: ' + enUS(quoted.properties.capacity) + ' t/month'), text);
  assert.ok(text.includes(quoted.properties.quote.slice(0, 40)), text);
  assert.ok(text.includes(quoted.properties.seed), text);

  onlyEmptyTilesMissing(failed, join(dir, 'map'));
  assert.deepEqual(outside, [], 'requests that would have left the machine');
  assert.deepEqual(errors, []);
});

test('the tile page fetches OpenStreetMap tiles only once its box is ticked', async (t) => {
  const dir = tempDir(t);
  corridor(['map', '--data', 'tiles', '--out', dir]);
  const { base } = await serveFolder(t, dir);
  const { page, outside } = await openBrowser(t, { webgl: true });
  await page.goto(base + 'map.html');
  assert.equal(await waitReady(page), 'true');
  await settle(page);
  const box = page.locator('.corridor-layers input[data-layer="osm"]');
  assert.equal(await box.isChecked(), false);
  assert.match(await page.locator('.corridor-layers').innerText(), /OpenStreetMap tiles \(online\)/);
  assert.deepEqual(outside, [], 'nothing leaves the machine before the tick');
  await box.check();
  await page.waitForFunction(() => window.corridor.map.getLayoutProperty('osm', 'visibility') === 'visible');
  const deadline = Date.now() + 10000;
  while (!outside.some((u) => u.startsWith('https://tile.openstreetmap.org/')) && Date.now() < deadline) {
    await page.waitForTimeout(100);
  }
  assert.ok(outside.length > 0 && outside.every((u) => /^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/.test(u)),
            outside.join(', '));
});

test('opened from file:// the tile page says how to open it over HTTP', async (t) => {
  const dir = tempDir(t);
  corridor(['map', '--data', 'tiles', '--out', dir]);
  const { page, outside } = await openBrowser(t, { webgl: true });
  await page.goto(pathToFileURL(join(dir, 'map.html')).href);
  assert.equal(await waitReady(page), 'error');
  assert.match(await page.locator('#map').innerText(), /over HTTP: run "python3 -m http.server" in this folder/);
  assert.deepEqual(outside, []);
});

test('at phone width (390 px) the tile page folds its controls; the legend unfolds on a tap', async (t) => {
  const dir = tempDir(t);
  corridor(['map', '--data', 'tiles', '--out', dir]);
  const { base } = await serveFolder(t, dir);
  const { page, errors } = await openBrowser(t, { webgl: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + 'map.html');
  assert.equal(await waitReady(page), 'true');
  await settle(page);
  const covered = () => page.evaluate(() => {
    let area = 0;
    for (const el of document.querySelectorAll('.maplibregl-ctrl')) {
      const r = el.getBoundingClientRect();
      area += r.width * r.height;
    }
    return area / (window.innerWidth * window.innerHeight);
  });
  const folded = await covered();
  assert.ok(folded < 0.2, 'folded controls cover ' + (folded * 100).toFixed(1) + '% of the map');
  assert.match(await page.locator('.corridor-panel').innerText(), /t\/month/, 'the answer stays in view');
  const labels = await labelCheck(page);
  assert.equal(labels.overlaps, 0);
  assert.equal(labels.underControls, 0);
  await page.locator('.corridor-legend .corridor-toggle').tap().catch(() => page.locator('.corridor-legend .corridor-toggle').click());
  assert.match(await page.locator('.corridor-legend').innerText(), /assumed capacity/);
  assert.ok((await covered()) > folded);
  await settle(page);
  assert.equal((await labelCheck(page)).underControls, 0, 'labels make way for the unfolded legend');
  assert.deepEqual(errors, []);
});

test('serve --data tiles: /map draws the tiles of /tiles.json with the panel of the asked analysis', async (t) => {
  const base = await startServe(t, ['--data', 'tiles']);
  const capacity = await (await fetch(base + 'capacity?from=RU&to=pyongyang')).json();
  const { page, outside, errors } = await openBrowser(t, { webgl: true });
  const seen = [];
  const bad = [];
  page.on('request', (r) => seen.push(r.url()));
  page.on('requestfailed', (r) => bad.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) bad.push(r.status() + ' ' + r.url()); });
  await page.goto(base + 'map');
  assert.equal(await waitReady(page), 'true');
  assert.equal(await page.evaluate(() => window.corridor.engine), 'maplibre');
  assert.match(await page.locator('.corridor-panel').innerText(), new RegExp(enUS(capacity.throughput_t_mo) + ' t/month'));
  assert.ok(seen.some((u) => u.startsWith(base + 'tiles.json')));
  assert.ok(seen.some((u) => u.startsWith(base + 'tiles/') && u.includes('.mvt')), 'tiles were loaded');
  assert.ok(await page.evaluate(() => window.corridor.map.queryRenderedFeatures({ layers: ['routes-solid', 'routes-dashed'] }).length) > 0);
  assert.deepEqual(bad, []);
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

test('a generated 100k-route network: map writes the tile page; interactive within 10 s, a zoom within 1 s, a click opens the right popup', async (t) => {
  const dir = tempDir(t);
  const net = join(dir, 'g');
  corridor(['generate', '--routes', '100000', '--out', net]);
  const question = ['--geodata', net, '--from', 'p0_0', '--to', 'p70_140', '--quiet'];
  corridor(['map', ...question, '--out', join(dir, 'map')]);
  assert.ok(existsSync(join(dir, 'map', 'tiles', 'metadata.json')), 'over the threshold map writes tiles/');
  corridor(['export', ...question, '--format', 'geojson', '--no-map', '--out', join(dir, 'layers')]);
  const routes = JSON.parse(readFileSync(join(dir, 'layers', 'routes.geojson'), 'utf8')).features;
  assert.ok(routes.length > 90000);
  const { base, failed } = await serveFolder(t, join(dir, 'map'));

  const { page, outside, errors } = await openBrowser(t, { webgl: true });
  const started = Date.now();
  await page.goto(base + 'map.html');
  assert.equal(await waitReady(page), 'true');
  const ready = Date.now() - started;
  assert.ok(ready < 10000, 'interactive (tiles drawn) after ' + ready + ' ms');
  assert.equal(await page.evaluate(() => window.corridor.routes), routes.length);

  // A zoom step: the first frame at the new zoom (drawn from the tiles at hand, scaled) and
  // the frame with every new tile loaded and drawn.
  const zoom = await page.evaluate(() => new Promise((resolve) => {
    const map = window.corridor.map;
    const t0 = performance.now();
    let drawn = null;
    map.once('render', () => { drawn = performance.now() - t0; });
    map.once('idle', () => resolve({ drawn, idle: performance.now() - t0 }));
    map.zoomTo(map.getZoom() + 1, { duration: 0 });
  }));
  console.log('100k routes: ready ' + ready + ' ms; a zoom step drawn ' + zoom.drawn.toFixed(0) + ' ms, its tiles ' +
              zoom.idle.toFixed(0) + ' ms');
  assert.ok(zoom.drawn < 1000, 'a zoom step drawn in ' + zoom.drawn.toFixed(0) + ' ms');
  assert.ok(zoom.idle < 10000, 'a zoom step\'s tiles drawn in ' + zoom.idle.toFixed(0) + ' ms');

  // A route on the analysed path (never dropped from a tile) and one without flow.
  const carried = routes.find((f) => f.properties.flow > 0 && f.geometry.coordinates.length >= 2);
  const plain = routes[Math.floor(routes.length / 2)];
  for (const route of [carried, plain]) {
    const text = await clickRoute(page, route, 12);
    assert.ok(text.includes(route.properties.id), route.properties.id + ': ' + text);
    assert.match(text, new RegExp('Capacity: ' + enUS(route.properties.capacity) + ' t/month'), text);
  }
  onlyEmptyTilesMissing(failed, join(dir, 'map'));
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});
