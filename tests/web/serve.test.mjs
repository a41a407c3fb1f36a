// `corridor serve`: the live map page from loopback in headless Chromium.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import { bin, clickRoute, enUS, openBrowser, source, waitReady } from './support.mjs';

// Starts `corridor serve --port 0` and resolves with its base URL once it listens.
function startServer(t) {
  const child = spawn(bin, ['serve', '--port', '0'], { cwd: source, stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/serving the map at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error('corridor serve exited with ' + code + ': ' + err)));
  });
}

test('the served page loads its layers from the endpoints and draws them all', async (t) => {
  const base = await startServer(t);
  const routes = (await (await fetch(base + 'routes.geojson')).json()).features;
  const places = (await (await fetch(base + 'places.geojson')).json()).features;
  const capacity = await (await fetch(base + 'capacity?from=RU&to=pyongyang')).json();

  const { page, outside, errors } = await openBrowser(t);
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.goto(base);
  assert.equal(await waitReady(page), 'true');
  const routeIds = await page.$$eval('path.corridor-route', (els) => els.map((e) => e.getAttribute('data-route')));
  assert.deepEqual(routeIds.sort(), routes.map((f) => f.properties.id).sort());
  assert.equal(await page.locator('path.corridor-place').count(), places.length);
  const panel = await page.locator('.corridor-panel').innerText();
  assert.match(panel, new RegExp(enUS(capacity.throughput_t_mo) + ' t/month'));

  const ferry = routes.find((f) => f.properties.mode === 'ferry').properties;
  const text = await clickRoute(page, ferry.id);
  assert.match(text, new RegExp('Capacity: ' + enUS(ferry.capacity) + ' t/month'), text);

  assert.deepEqual(outside, [], 'requests that would have left the machine');
  assert.ok(seen.every((u) => u.startsWith(base) || u.startsWith('data:')), seen.join('\n'));
  for (const path of ['routes.geojson', 'places.geojson', 'land.geojson', 'countries.geojson', 'capacity'])
    assert.ok(seen.some((u) => u.startsWith(base + path)), 'the page fetched ' + path);
  assert.deepEqual(errors, []);
});

test('the page passes its scenario on to the endpoints, with the default pair', async (t) => {
  const base = await startServer(t);
  const capacity = await (await fetch(base + 'capacity?from=RU&to=pyongyang&scenario=ferry_stopped')).json();
  const { page, outside } = await openBrowser(t);
  await page.goto(base + '?scenario=ferry_stopped');  // the server's default pair, RU → pyongyang
  assert.equal(await waitReady(page), 'true');
  const panel = await page.locator('.corridor-panel').innerText();
  assert.match(panel, /Scenario: ferry_stopped/);
  assert.match(panel, new RegExp(enUS(capacity.throughput_t_mo) + ' t/month'));
  assert.deepEqual(outside, []);
});

test('a bad parameter shows the server\'s error on the page', async (t) => {
  const base = await startServer(t);
  const { page } = await openBrowser(t);
  await page.goto(base + '?scenario=no_such_scenario');
  assert.equal(await waitReady(page), 'error');
  assert.match(await page.locator('#map').innerText(), /no_such_scenario/);
});

test('the map is also at /map, and JSON clients get the OGC landing page at /', async (t) => {
  const base = await startServer(t);
  const landing = await fetch(base, { headers: { Accept: 'application/json' } });
  assert.equal(landing.headers.get('content-type'), 'application/json');
  const rels = (await landing.json()).links.map((l) => l.rel);
  for (const rel of ['self', 'service-desc', 'conformance', 'data']) assert.ok(rels.includes(rel), rel);
  const html = await fetch(base, { headers: { Accept: 'text/html' } });
  assert.match(html.headers.get('content-type'), /^text\/html/);
  assert.equal(html.headers.get('x-frame-options'), 'DENY');
  assert.match(html.headers.get('content-security-policy'), /frame-ancestors 'none'/);

  const routes = (await (await fetch(base + 'routes.geojson')).json()).features;
  const { page, outside, errors } = await openBrowser(t);
  await page.goto(base + 'map');
  assert.equal(await waitReady(page), 'true');
  const routeIds = await page.$$eval('path.corridor-route', (els) => els.map((e) => e.getAttribute('data-route')));
  assert.deepEqual(routeIds.sort(), routes.map((f) => f.properties.id).sort());
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, [], 'the security headers must not block the page');
});
