// Times the two map pages in headless Chromium (WebGL through SwiftShader) on generated
// networks: for each size, `corridor map --data inline` opened from file:// (Leaflet) and
// `corridor map --data tiles` over a loopback HTTP server (MapLibre GL JS): the page's size,
// the time to ready (data-ready: drawn, tiles loaded) and one zoom step (first frame at the new
// zoom, then every tile drawn). Run from the repository root after a release build:
//   node bench/web_map.mjs 2000 5000 10000 100000
// (CORRIDOR_BIN overrides build/release/corridor; --tiles-only skips the Leaflet page.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve('.');
const bin = process.env.CORRIDOR_BIN || join(root, 'build/release/corridor');
const { chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core');
const tilesOnly = process.argv.includes('--tiles-only');
const sizes = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);

function run(args) {
  const t0 = Date.now();
  execFileSync(bin, args, { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
  return Date.now() - t0;
}

async function serve(dir) {
  const server = http.createServer(async (req, res) => {
    try {
      res.end(await readFile(join(dir, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)))));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: 'http://127.0.0.1:' + server.address().port + '/' };
}

async function time(browser, url, engine) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const t0 = Date.now();
  await page.goto(url, { timeout: 600000 });
  await page.waitForSelector('body[data-ready]', { timeout: 600000 });
  const ready = Date.now() - t0;
  const zoom = await page.evaluate((gl) => new Promise((done) => {
    const map = window.corridor.map;
    const s = performance.now();
    if (!gl) {
      map.once('zoomend', () => requestAnimationFrame(() => done({ drawn: performance.now() - s, idle: performance.now() - s })));
      map.setZoom(map.getZoom() + 1, { animate: false });
      return;
    }
    let drawn = null;
    map.once('render', () => { drawn = performance.now() - s; });
    map.once('idle', () => done({ drawn, idle: performance.now() - s }));
    map.zoomTo(map.getZoom() + 1, { duration: 0 });
  }), engine === 'maplibre');
  await page.close();
  return { ready, zoom };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
                                        args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
console.log('routes   page                  size      write     ready     zoom (drawn / tiles)');
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-webbench-'));
  try {
    run(['generate', '--routes', String(n), '--out', join(dir, 'g'), '--no-progress']);
    const q = ['--geodata', join(dir, 'g'), '--from', 'p0_0', '--to', 'p10_20', '--quiet', '--no-progress'];
    if (!tilesOnly) {
      const w = run(['map', ...q, '--data', 'inline', '--out', join(dir, 'inline')]);
      const file = join(dir, 'inline', 'map.html');
      const r = await time(browser, pathToFileURL(file).href, 'leaflet');
      console.log(`${String(n).padEnd(8)} inline (Leaflet)      ${(statSync(file).size / 1e6).toFixed(1).padStart(5)} MB  ` +
                  `${(w / 1000).toFixed(1).padStart(5)} s   ${(r.ready / 1000).toFixed(1).padStart(5)} s   ` +
                  `${(r.zoom.drawn / 1000).toFixed(2)} s`);
    }
    const w = run(['map', ...q, '--data', 'tiles', '--out', join(dir, 'tiles')]);
    const size = execFileSync('du', ['-sb', join(dir, 'tiles')], { encoding: 'utf8' }).split('\t')[0];
    const { server, base } = await serve(join(dir, 'tiles'));
    const r = await time(browser, base + 'map.html', 'maplibre');
    server.close();
    console.log(`${String(n).padEnd(8)} tiles (MapLibre)      ${(Number(size) / 1e6).toFixed(1).padStart(5)} MB  ` +
                `${(w / 1000).toFixed(1).padStart(5)} s   ${(r.ready / 1000).toFixed(1).padStart(5)} s   ` +
                `${(r.zoom.drawn / 1000).toFixed(2)} s / ${(r.zoom.idle / 1000).toFixed(2)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
await browser.close();
