// `corridor map`: the self-contained page, opened from file:// in headless Chromium.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { clickRoute, corridor, enUS, exportedLayers, openBrowser, tempDir, waitReady } from './support.mjs';

// Into its own folder: the overwrite guard refuses a folder holding other things (the layers).
function writeMap(dir, extra = []) {
  const out = join(dir, 'map');
  corridor(['map', '--out', out, ...extra]);
  return join(out, 'map.html');
}

test('map.html from file:// draws every route and place and asks nothing of the network', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'));
  const file = writeMap(dir);
  const html = readFileSync(file, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=/, 'no external script');
  assert.doesNotMatch(html, /<link[^>]+href=/, 'no external stylesheet');

  const { page, outside, errors } = await openBrowser(t);
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');

  const routeIds = await page.$$eval('path.corridor-route', (els) => els.map((e) => e.getAttribute('data-route')));
  assert.deepEqual(routeIds.slice().sort(), layers.routes.map((f) => f.properties.id).sort());
  const placeIds = await page.$$eval('path.corridor-place', (els) => els.map((e) => e.getAttribute('data-place')));
  assert.deepEqual(placeIds.slice().sort(), layers.places.map((f) => f.properties.id).sort());
  // Every place has a label: its map label, the name without parenthesised notes.
  const labels = await page.$$eval('.corridor-label', (els) => els.map((e) => [e.getAttribute('data-place'), e.textContent]));
  assert.deepEqual(labels.slice().sort(), layers.places.map((f) =>
    [f.properties.id, f.properties.name.replace(/ *\([^()]*\)/g, '').replace(/ ,/g, ',').trim()]).sort());

  // Assumed capacities are dashed, bottlenecks highlighted, flows have arrows.
  const dashed = await page.$$eval('path.corridor-route', (els) =>
    els.filter((e) => e.getAttribute('stroke-dasharray')).map((e) => e.getAttribute('data-route')));
  assert.deepEqual(dashed.sort(), layers.routes.filter((f) => f.properties.basis === 'assumed').map((f) => f.properties.id).sort());
  assert.equal(await page.locator('path.corridor-halo').count(),
               layers.routes.filter((f) => f.properties.bottleneck === 1).length);
  assert.equal(await page.locator('.corridor-arrow').count(),
               layers.routes.filter((f) => f.properties.flow > 0).length);

  // The legend has a row for every kind of place on the map, in the marker's colour.
  const kinds = [...new Set(layers.places.map((f) => f.properties.kind))].sort();
  const rows = await page.$$eval('.corridor-legend .corridor-dot', (els) =>
    els.map((e) => [e.parentElement.textContent.trim(), getComputedStyle(e).backgroundColor]));
  assert.deepEqual(rows.map(([text]) => text), kinds.map((k) => k.replace(/_/g, ' ')));
  const markerColour = await page.$$eval('path.corridor-place', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-place'), e.getAttribute('fill')])));
  for (const f of layers.places) {
    const row = rows[kinds.indexOf(f.properties.kind)];
    const [r, g, b] = row[1].match(/\d+/g).map(Number);
    const hex = '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
    assert.equal(hex, markerColour[f.properties.id], f.properties.id);
  }

  // The panel shows the analysed pair's throughput.
  const panel = await page.locator('.corridor-panel').innerText();
  const capacity = JSON.parse(corridor(['capacity', '--from', 'RU', '--to', 'pyongyang', '--json']));
  assert.match(panel, new RegExp(enUS(capacity.throughput_t_mo) + ' t/month'));

  assert.deepEqual(outside, [], 'requests that would have left the machine');
  assert.ok(seen.every((u) => u.startsWith('file:') || u.startsWith('data:')), seen.join('\n'));
  assert.deepEqual(errors, []);
});

test('a click on each route opens its popup with its capacity, flow and quote', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'));
  const file = writeMap(dir);
  const { page, outside, errors } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  for (const f of layers.routes) {
    const p = f.properties;
    const text = await clickRoute(page, p.id);
    assert.notEqual(text, '', `no point of ${p.id} could be clicked`);
    assert.match(text, new RegExp('Capacity: ' + enUS(p.capacity) + ' t/month'), `${p.id}: ${text}`);
    assert.match(text, new RegExp('Basis: ' + p.basis), p.id);
    assert.ok(text.includes(p.id), p.id);
    if (p.flow > 0) assert.ok(text.includes('Flow: ' + enUS(p.flow) + ' t/month'), `${p.id}: ${text}`);
    if (p.quote) assert.ok(text.includes(p.quote), `${p.id}: the verbatim quote`);
  }
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

test('--assign draws an assignment: the panel says what was met, each carrying route its assigned tonnes', async (t) => {
  const dir = tempDir(t);
  const asked = ['--assign', 'geodata/demands.csv', '--month', '2016-12'];
  const file = writeMap(dir, asked);
  const assigned = JSON.parse(corridor(['assign', '--demand', 'geodata/demands.csv', '--month', '2016-12', '--json']));
  const { page, outside, errors } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const heading = await page.locator('.corridor-assignment').innerText();
  const askedTonnes = assigned.demands.reduce((sum, d) => sum + d.t_mo, 0);
  assert.equal(heading, assigned.demands.length + ' demands: ' + enUS(Math.round(assigned.met_t_mo)) + ' of ' +
                        enUS(Math.round(askedTonnes)) + ' t/month met (least distance, 2016-12)');
  if (Math.round(assigned.unmet_t_mo) === 0) {
    assert.equal(await page.locator('.corridor-sentence').innerText(), 'every demand met in full');
  }
  assert.equal(await page.locator('.corridor-throughput').count(), 0, 'no pair and throughput for an assignment');
  const carrying = assigned.routes.filter((r) => r.assigned_t_mo >= 1);
  assert.ok(carrying.length > 0);
  for (const r of carrying) {
    const text = await clickRoute(page, r.id);
    assert.notEqual(text, '', `no point of ${r.id} could be clicked`);
    assert.ok(text.includes('Flow: ' + enUS(r.assigned_t_mo) + ' t/month'), `${r.id}: ${text}`);
    assert.ok(text.includes('Capacity: ' + enUS(r.capacity_t_mo) + ' t/month'), `${r.id}: ${text}`);
  }
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

test('the web map rounds the ferry down as the solver does: 2,709 t/month in May 2017, never 2,710', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'), ['--month', '2017-05']);
  const ferry = layers.routes.find((f) => f.properties.mode === 'ferry');
  assert.ok(ferry.properties.capacity > 2709 && ferry.properties.capacity < 2710, String(ferry.properties.capacity));
  const file = writeMap(dir, ['--month', '2017-05']);
  const { page, errors } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const text = await clickRoute(page, ferry.properties.id);
  assert.match(text, /Capacity: 2,709 t\/month/, text);
  assert.deepEqual(errors, []);
});

test('--scenario draws that scenario: the stopped ferry carries nothing', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'), ['--scenario', 'ferry_stopped']);
  const file = writeMap(dir, ['--scenario', 'ferry_stopped']);
  const { page, outside } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const panel = await page.locator('.corridor-panel').innerText();
  assert.match(panel, /Scenario: ferry_stopped/);
  const capacity = JSON.parse(corridor(['capacity', '--from', 'RU', '--to', 'pyongyang', '--scenario', 'ferry_stopped', '--json']));
  assert.match(panel, new RegExp(enUS(capacity.throughput_t_mo) + ' t/month'));
  const ferry = layers.routes.find((f) => f.properties.mode === 'ferry').properties;
  const text = await clickRoute(page, ferry.id);
  assert.match(text, /Capacity: 0 t\/month/, text);
  assert.deepEqual(outside, []);
});

test('the panel shows observed against capacity for the analysed pair, and nothing when none is about it', async (t) => {
  const dir = tempDir(t);
  const question = ['--from', 'KP', '--to', 'CN', '--commodity', 'coal', '--month', '2016-12'];
  const file = writeMap(dir, question);
  const { page, outside, errors } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const lines = await page.$$eval('.corridor-panel .corridor-observed', (els) => els.map((e) => e.textContent));
  const checks = JSON.parse(corridor(['observations', '--json'])).filter((o) => o.id === 'kp_cn_coal_2016_12');
  assert.equal(checks.length, 1);
  const c = checks[0];
  assert.deepEqual(lines, [c.id + ' ' + enUS(Math.round(c.observed_t_mo)) + ' of ' + enUS(Math.round(c.capacity_t_mo)) +
                           ' t/month (' + c.ratio.toFixed(2) + ', ' + c.verdict + ')']);
  assert.match(await page.locator('.corridor-panel').innerText(), /Observed vs capacity/);

  const other = writeMap(join(dir, 'oil'), ['--from', 'KP', '--to', 'CN', '--commodity', 'oil_products', '--month', '2016-12']);
  await page.goto(pathToFileURL(other).href);
  assert.equal(await waitReady(page), 'true');
  assert.equal(await page.locator('.corridor-observed').count(), 0);
  assert.doesNotMatch(await page.locator('.corridor-panel').innerText(), /Observed vs capacity/);
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

test('with --uncertainty the panel shows P10/P50/P90 and each popup the capacity range and cut probability', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'), ['--uncertainty', '500', '--seed', '7']);
  const file = writeMap(dir, ['--uncertainty', '500', '--seed', '7']);
  const capacity = JSON.parse(corridor(['capacity', '--from', 'RU', '--to', 'pyongyang', '--uncertainty', '500',
                                        '--seed', '7', '--json']));
  const { page, outside } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const panel = await page.locator('.corridor-panel').innerText();
  assert.ok(panel.includes('P10 ' + enUS(capacity.p10_t_mo) + ' · P50 ' + enUS(capacity.p50_t_mo) + ' · P90 ' +
                           enUS(capacity.p90_t_mo)), panel);
  const ranged = layers.routes.filter((f) => f.properties.cap_low !== f.properties.cap_high);
  assert.ok(ranged.length > 0, 'the seed network has ranged capacities');
  for (const f of ranged.slice(0, 4)) {
    const p = f.properties;
    const text = await clickRoute(page, p.id);
    assert.ok(text.includes('(range ' + enUS(p.cap_low) + '–' + enUS(p.cap_high) + ')'), `${p.id}: ${text}`);
    assert.ok(text.includes('On the cut in ' + Number(p.cut_prob * 100).toLocaleString('en-US', { maximumFractionDigits: 1 }) +
                            '% of draws'), `${p.id}: ${text}`);
  }
  assert.deepEqual(outside, []);
});

// The boxes of the labels on show, and of the controls, in page pixels.
async function labelBoxes(page) {
  return page.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom }; };
    const shown = [...document.querySelectorAll('.corridor-label')].filter((e) => getComputedStyle(e).display !== 'none');
    return {
      labels: shown.map((e) => ({ id: e.getAttribute('data-place'), ...box(e) })),
      hidden: [...document.querySelectorAll('.corridor-label')].filter((e) => getComputedStyle(e).display === 'none')
        .map((e) => e.getAttribute('data-place')),
      controls: [...document.querySelectorAll('.leaflet-control')].map(box).filter((b) => b.x1 > b.x0),
      view: { x0: 0, y0: 0, x1: window.innerWidth, y1: window.innerHeight },
    };
  });
}

function overlap(a, b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function assertNoOverlap(boxes, what) {
  const { labels, controls, view } = boxes;
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i];
    assert.ok(a.x0 >= view.x0 && a.y0 >= view.y0 && a.x1 <= view.x1 && a.y1 <= view.y1, `${what}: ${a.id} leaves the view`);
    for (let j = i + 1; j < labels.length; j++) {
      assert.ok(!overlap(a, labels[j]), `${what}: labels ${a.id} and ${labels[j].id} overlap`);
    }
    for (const c of controls) assert.ok(!overlap(a, c), `${what}: label ${a.id} under a control`);
  }
}

test('no two place labels overlap, none hides under a control, and a hidden one shows when zoomed in', async (t) => {
  const dir = tempDir(t);
  const layers = exportedLayers(join(dir, 'layers'));
  const file = writeMap(dir);
  const { page, errors } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const first = await labelBoxes(page);
  assertNoOverlap(first, 'the first view');
  assert.ok(first.labels.length >= 10, `only ${first.labels.length} labels shown`);
  assert.ok(first.hidden.length > 0, 'the shipped network is dense around Rajin: some names must wait for a zoom');
  for (const zoom of [6, 7, 8, 9]) {
    await page.evaluate((z) => { window.corridor.map.setView([42.3, 130.4], z, { animate: false }); }, zoom);
    await page.waitForTimeout(50);
    assertNoOverlap(await labelBoxes(page), `zoom ${zoom} over Rason`);
  }
  // Each name hidden in the first view shows when the map is centred on its place and zoomed in.
  for (const id of first.hidden) {
    const f = layers.places.find((p) => p.properties.id === id);
    let shown = false;
    for (let zoom = 9; zoom <= 17 && !shown; zoom += 2) {
      await page.evaluate(([c, z]) => { window.corridor.map.setView([c[1], c[0]], z, { animate: false }); },
                          [f.geometry.coordinates, zoom]);
      await page.waitForTimeout(20);
      const boxes = await labelBoxes(page);
      assertNoOverlap(boxes, `${id} at zoom ${zoom}`);
      shown = boxes.labels.some((l) => l.id === id);
    }
    assert.ok(shown, `${id}: never labelled up to zoom 17`);
  }
  assert.deepEqual(errors, []);
});

test('the map label rule is the same as the static picture\'s', async (t) => {
  const dir = tempDir(t);
  const file = writeMap(dir);
  const { page } = await openBrowser(t);
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  // The cases of tests/report/render_test.cpp (MapLabel.DropsParenthesisedNotesAndTidiesTheSpaces).
  const cases = [['Rajin port (Rason)', 'Rajin port'], ['Nanping crossing (Helong), Chinese end', 'Nanping crossing, Chinese end'],
                 ['Vladivostok (sea port, Golden Horn (passenger) terminal)', 'Vladivostok'], ['Pyongyang', 'Pyongyang'],
                 ['(unnamed)', '(unnamed)'], ['Musan (Korean end) station', 'Musan station']];
  for (const [name, label] of cases) assert.equal(await page.evaluate((n) => window.corridor.mapLabel(n), name), label);
});

test('at phone width (390 px) the controls fold and leave the map visible; the panel and legend unfold on a tap', async (t) => {
  const dir = tempDir(t);
  const file = writeMap(dir);
  const { page, errors } = await openBrowser(t);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(pathToFileURL(file).href);
  assert.equal(await waitReady(page), 'true');
  const covered = await page.evaluate(() => [...document.querySelectorAll('.leaflet-control')]
    .map((e) => e.getBoundingClientRect()).reduce((a, r) => a + r.width * r.height, 0) / (window.innerWidth * window.innerHeight));
  assert.ok(covered < 0.2, `controls cover ${(covered * 100).toFixed(0)}% of a phone's map`);
  // The answer stays in view; the details and the legend are folded.
  const panel = await page.locator('.corridor-panel').innerText();
  assert.match(panel, /t\/month/);
  assert.equal(await page.locator('.corridor-sentence').isVisible(), false);
  assert.equal(await page.locator('.corridor-legend .corridor-legend-title').first().isVisible(), false);
  assertNoOverlap(await labelBoxes(page), 'phone');
  await page.locator('.corridor-panel .corridor-toggle').click();
  assert.equal(await page.locator('.corridor-sentence').isVisible(), true);
  await page.locator('.corridor-legend .corridor-toggle').click();
  assert.equal(await page.locator('.corridor-legend .corridor-legend-title').first().isVisible(), true);
  // Labels make way for the unfolded controls.
  assertNoOverlap(await labelBoxes(page), 'phone, unfolded');
  assert.deepEqual(errors, []);
});

test('over 2,000 routes the page draws on one canvas, places labels without overlap and answers a click', async (t) => {
  const dir = tempDir(t);
  const net = join(dir, 'net');
  corridor(['generate', '--routes', '3000', '--out', net]);
  const out = join(dir, 'map');
  corridor(['map', '--geodata', net, '--out', out]);
  const { page, errors } = await openBrowser(t);
  await page.goto(pathToFileURL(join(out, 'map.html')).href);
  assert.equal(await waitReady(page), 'true');
  assert.equal(await page.locator('path.corridor-route').count(), 0, 'no SVG path per route');
  assert.ok(await page.locator('canvas.leaflet-zoom-animated').count() >= 1, 'a canvas renderer');
  const routes = JSON.parse(readFileSync(join(net, 'routes.geojson'), 'utf8')).features;
  assert.equal(await page.evaluate(() => window.corridor.routes), routes.length);
  assertNoOverlap(await labelBoxes(page), 'dense network');
  // A click on the middle of a route's first segment, zoomed in on it, opens its popup.
  const f = routes[Math.floor(routes.length / 2)];
  const [a, b] = f.geometry.coordinates;
  const point = await page.evaluate(([a, b]) => {
    const m = window.corridor.map;
    const mid = [(a[1] + b[1]) / 2, (a[0] + b[0]) / 2];
    m.setView(mid, 14, { animate: false });
    const p = m.latLngToContainerPoint(mid);
    const box = m.getContainer().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, [a, b]);
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector('.leaflet-popup');
  const text = await page.locator('.leaflet-popup').innerText();
  assert.ok(text.includes(f.properties.id), text);
  assert.deepEqual(errors, []);
});
