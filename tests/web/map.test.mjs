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
  // Every place is labelled with its name.
  const labels = await page.$$eval('.corridor-label', (els) => els.map((e) => e.textContent));
  assert.deepEqual(labels.slice().sort(), layers.places.map((f) => f.properties.name).sort());

  // Assumed capacities are dashed, bottlenecks highlighted, flows have arrows.
  const dashed = await page.$$eval('path.corridor-route', (els) =>
    els.filter((e) => e.getAttribute('stroke-dasharray')).map((e) => e.getAttribute('data-route')));
  assert.deepEqual(dashed.sort(), layers.routes.filter((f) => f.properties.basis === 'assumed').map((f) => f.properties.id).sort());
  assert.equal(await page.locator('path.corridor-halo').count(),
               layers.routes.filter((f) => f.properties.bottleneck === 1).length);
  assert.equal(await page.locator('.corridor-arrow').count(),
               layers.routes.filter((f) => f.properties.flow > 0).length);

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
