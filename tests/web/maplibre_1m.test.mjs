// 1M routes through `corridor serve` (CTest label `slow`, not in the default CI run: see
// bench/README.md): the MapLibre page at /map loads the server's tiles at several zooms and no
// request fails. Prints how long each step took.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import { corridor, openBrowser, startServe, tempDir } from './support.mjs';

const routes = Number(process.env.CORRIDOR_WEB_ROUTES || 1000000);

test(`${routes} generated routes through serve: tiles load at every zoom, no request fails`, { timeout: 3600000 }, async (t) => {
  const dir = tempDir(t);
  const net = join(dir, 'g');
  let t0 = Date.now();
  const corners = corridor(['generate', '--routes', String(routes), '--out', net, '--no-progress']);
  console.log('generate: ' + (Date.now() - t0) + ' ms ' + corners.trim().replace(/\n/g, ', '));
  t0 = Date.now();
  const base = await startServe(t, ['--geodata', net], 600000);
  console.log('serve started: ' + (Date.now() - t0) + ' ms');

  const { page, outside, errors } = await openBrowser(t, { webgl: true });
  const tiles = [];
  const bad = [];
  page.on('requestfailed', (r) => bad.push(r.url() + ' ' + r.failure().errorText));
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(r.status() + ' ' + r.url());
    if (r.url().includes('/tiles/')) tiles.push(r.url());
  });
  t0 = Date.now();
  // The corner-to-corner question of the generated network (generate names the corners).
  await page.goto(base + 'map?from=p0_0&to=p70_140');
  await page.waitForSelector('body[data-ready]', { timeout: 900000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true');
  console.log('page ready (the analysis, its tile index and the first tiles): ' + (Date.now() - t0) + ' ms, ' +
              tiles.length + ' tiles');
  assert.ok(tiles.length > 0);

  // Zoom in step by step on the middle, then pan: each view's tiles load.
  for (const step of [1, 2, 3, 4]) {
    const before = tiles.length;
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const map = window.corridor.map;
      const s = performance.now();
      map.once('idle', () => resolve(performance.now() - s));
      map.zoomTo(map.getZoom() + 1.5, { duration: 0 });
    }));
    const zoom = await page.evaluate(() => window.corridor.map.getZoom());
    const drawn = await page.evaluate(() => window.corridor.map.queryRenderedFeatures({ layers: ['routes-solid', 'routes-dashed'] }).length);
    console.log(`zoom ${zoom.toFixed(2)}: ${(tiles.length - before)} tiles in ${ms.toFixed(0)} ms, ${drawn} route pieces drawn`);
    assert.ok(drawn > 0, 'routes drawn at zoom ' + zoom);
    if (step === 2) {
      await page.evaluate(() => new Promise((resolve) => {
        const map = window.corridor.map;
        map.once('idle', resolve);
        map.panBy([600, 300], { duration: 0 });
      }));
    }
  }
  assert.deepEqual(bad, []);
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});
