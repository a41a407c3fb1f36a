// The web map's picture in the docs (docs/map.png): map.html of the default question, opened
// from file:// in headless Debian Chromium (playwright-core from web/node_modules) at
// 1200 × 800, once the page says it is ready. Called by scripts/doc_pictures.sh.
//   node scripts/doc_pictures.mjs MAP_HTML OUT_PNG
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [mapHtml, outPng] = process.argv.slice(2);
if (!mapHtml || !outPng) {
  console.error('usage: node scripts/doc_pictures.mjs MAP_HTML OUT_PNG');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(root, 'web', 'package.json'))('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  // Nothing leaves the machine: the map is self-contained (the online tiles stay off).
  await page.route('**/*', (r) => (/^(file|data|about):/.test(r.request().url()) ? r.continue() : r.abort()));
  await page.goto(pathToFileURL(resolve(mapHtml)).href);
  await page.waitForSelector('body[data-ready]', { timeout: 20000 });
  await page.screenshot({ path: outPng });
} finally {
  await browser.close();
}
