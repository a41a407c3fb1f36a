// Shared set-up of the browser tests: the corridor binary, temporary folders, and a
// headless Debian Chromium (driven by playwright-core from web/node_modules) that refuses
// and records every request leaving the machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const source = process.env.CORRIDOR_SOURCE_DIR;
export const bin = process.env.CORRIDOR_BIN;
if (!source || !bin) throw new Error('run through ctest: CORRIDOR_SOURCE_DIR and CORRIDOR_BIN are not set');
const require = createRequire(join(source, 'web', 'package.json'));
const { chromium } = require('playwright-core');

export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-web-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Runs the corridor binary in the source folder (so geodata/ is found); returns stdout.
export function corridor(args) {
  return execFileSync(bin, args, { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// The layers as `export` writes them, to count the drawn map against.
export function exportedLayers(dir, extra = []) {
  corridor(['export', '--format', 'geojson', '--out', dir, ...extra]);
  return {
    routes: JSON.parse(readFileSync(join(dir, 'routes.geojson'), 'utf8')).features,
    places: JSON.parse(readFileSync(join(dir, 'places.geojson'), 'utf8')).features,
  };
}

function local(url) {
  const u = new URL(url);
  if (u.protocol === 'file:' || u.protocol === 'data:' || u.protocol === 'about:') return true;
  return (u.protocol === 'http:' || u.protocol === 'ws:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

// A page in headless Chromium. `outside` collects every request for anything but
// file:, data: and loopback, which is refused before it leaves; `errors` collects script errors.
export async function openBrowser(t) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const outside = [];
  const errors = [];
  await context.route('**/*', (route) => {
    if (local(route.request().url())) return route.continue();
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, outside, errors };
}

export async function waitReady(page) {
  await page.waitForSelector('body[data-ready]', { timeout: 20000 });
  return page.getAttribute('body', 'data-ready');
}

// Zooms to a route, clicks a point of its line where a route is on top (the route itself,
// or another sharing its lane), and returns the text of the route's part of the popup
// ('' when no point of the line can be clicked).
export async function clickRoute(page, id) {
  await page.evaluate((rid) => {
    const c = window.corridor;
    c.map.closePopup();
    c.map.fitBounds(c.routeLayers[rid].getBounds(), { maxZoom: 15, animate: false, padding: [300, 200] });
  }, id);
  await page.waitForFunction(() => !document.querySelector('.leaflet-popup'));
  await page.waitForTimeout(100);
  const point = await page.evaluate((rid) => {
    const path = document.querySelector('path.corridor-route[data-route="' + CSS.escape(rid) + '"]');
    if (!path) return null;
    const total = path.getTotalLength();
    const ctm = path.getScreenCTM();
    for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const p = path.getPointAtLength(total * share);
      const x = ctm.a * p.x + ctm.c * p.y + ctm.e;
      const y = ctm.b * p.x + ctm.d * p.y + ctm.f;
      const top = document.elementFromPoint(x, y);
      if (top && top.classList.contains('corridor-route')) return { x, y };
    }
    return null;
  }, id);
  if (!point) return '';
  await page.mouse.click(point.x, point.y);
  const popup = page.locator('.leaflet-popup-content');
  await popup.waitFor({ timeout: 5000 });
  const part = popup.locator('.corridor-route-info[data-route="' + id + '"]');
  return (await part.count()) === 1 ? part.innerText() : '';
}

// A whole number of tonnes as every output prints it: rounded down (docs/design.md).
export function enUS(n) {
  return Math.floor(Number(n) + 1e-9).toLocaleString('en-US');
}
