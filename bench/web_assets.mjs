// Bytes each page of the web interface loads from /app/ (raw and gzip -9), as JSON.
//
//   node bench/web_assets.mjs http://127.0.0.1:8000 frontend/dist
//
// Chromium (playwright-core from tests/e2e/node_modules) opens each page on a fresh profile and
// records the /app/ files it fetched; their sizes are read from the build directory (raw and
// gzip -9: what a first visit downloads with compression), and `transferred_kb` is what the
// server actually sent (response bodies as received, before decoding).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const base = (process.argv[2] ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const dist = process.argv[3] ?? 'frontend/dist';
const pages = {
  parcours: ['#/parcours?from=40025014&to_level=7&departements=12,46', 'article.pathway'],
  carte: ['#/carte', '.leaflet-marker-icon'],
  reseau: ['#/reseau', '#graphe canvas'],
  manques: ['#/manques', 'section.gap-section'],
  accessibilite: ['#/accessibilite', 'h1'],
  donnees: ['#/donnees', 'table'],
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const out = {};
for (const [name, [hash, ready]] of Object.entries(pages)) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set();
  let transferred = 0;
  const pending = [];
  page.on('requestfinished', (r) => {
    if (r.url().startsWith(`${base}/app/`)) pending.push(r.sizes().then((sz) => (transferred += sz.responseBodySize)));
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== base || !u.pathname.startsWith('/app/')) return;
    files.add(u.pathname.endsWith('/') ? `${u.pathname.slice(5)}index.html` : u.pathname.slice(5));
  });
  await page.goto(`${base}/app/${hash}`);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  let raw = 0;
  let gz = 0;
  const perFile = {};
  for (const f of [...files].sort()) {
    const body = readFileSync(join(dist, f));
    const g = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += g;
    perFile[f] = { raw: body.length, gzip: g };
  }
  await Promise.all(pending);
  out[name] = { raw_kb: +(raw / 1024).toFixed(1), gzip_kb: +(gz / 1024).toFixed(1), transferred_kb: +(transferred / 1024).toFixed(1), files: perFile };
  await context.close();
}
await browser.close();
console.log(JSON.stringify(out));
