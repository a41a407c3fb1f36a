// Shared set-up of the browser tests: the corridor binary, temporary folders, and a
// headless Debian Chromium (driven by playwright-core from web/node_modules) that refuses
// and records every request leaving the machine.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

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

// WebGL for the MapLibre page: Chromium's software renderer (SwiftShader behind ANGLE), which
// needs no GPU. Headless Chromium 156 here picks it without flags; these ask for it explicitly,
// as later Chromium releases refuse the software fallback without --enable-unsafe-swiftshader.
export const webglFlags = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

// A page in headless Chromium. `outside` collects every request for anything but
// file:, data: and loopback, which is refused before it leaves; `errors` collects script errors.
export async function openBrowser(t, { webgl = false } = {}) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
                                          args: ['--no-sandbox', ...(webgl ? webglFlags : [])] });
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

// A static HTTP server on loopback for a folder (as `python3 -m http.server` would serve
// map.html and tiles/); resolves with its base URL. `failed` collects the paths it answered 404.
export async function serveFolder(t, dir) {
  const failed = [];
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://localhost').pathname));
    try {
      const body = await readFile(join(dir, path));
      const type = path.endsWith('.html') ? 'text/html' : path.endsWith('.json') ? 'application/json'
                                                        : 'application/vnd.mapbox-vector-tile';
      res.writeHead(200, { 'Content-Type': type });
      res.end(body);
    } catch {
      failed.push(path);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error": "not found"}');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { base: 'http://127.0.0.1:' + server.address().port + '/', failed };
}

// Starts `corridor serve --port 0 ARGS` and resolves with its base URL once it listens.
export function startServe(t, args = [], timeout = 60000) {
  const child = spawn(bin, ['serve', '--port', '0', ...args], { cwd: source, stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error('corridor serve did not start: ' + err)), timeout);
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/serving the map at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error('corridor serve exited with ' + code + ': ' + err)));
  });
}
