// The screenshots of docs/screenshots/: every page, desktop 1366×900 and phone 390×844.
//
//   node tests/e2e/docs_screenshots.mjs http://127.0.0.1:PORT docs/screenshots
//
// Run it against `cmq serve` on the seeds and the small open-data fixture (what the browser
// tests load: `cmq load seeds` then `cmq import opendata tests/fixtures/opendata
// --departements 12,46`). playwright-core drives Debian's Chromium, as in run.mjs.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const base = (process.argv[2] ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const out = resolve(process.argv[3] ?? 'docs/screenshots');
mkdirSync(out, { recursive: true });
const app = `${base}/app/`;
const VIEWS = { bureau: { width: 1366, height: 900 }, telephone: { width: 390, height: 844 } };
const PAGES = [
  ['parcours', '#/parcours?from=40025014&to_level=7&departements=12,46', 'article.pathway'],
  ['carte', '#/carte?campus=mecanic-vallee', '#carte-acteurs .leaflet-marker-icon'],
  ['reseau', '#/reseau?campus=mecanic-vallee', '#graphe[data-labels]'],
  ['manques', '#/manques?campus=mecanic-vallee', 'section.gap-section'],
  ['accessibilite', '#/accessibilite', 'h1'],
  ['donnees', '#/donnees', 'table'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});

async function shoot(name, view, hash, ready, extra) {
  const context = await browser.newContext({ viewport: VIEWS[view], locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${app}${hash}`);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(800);
  if (extra) await extra(page);
  await page.screenshot({ path: join(out, `${name}-${view}.png`) });
  await context.close();
}

for (const [name, hash, ready] of PAGES) for (const view of Object.keys(VIEWS)) await shoot(name, view, hash, ready);

// Parcours: two pathways of the selection side by side.
await shoot('parcours-comparaison', 'bureau', '#/parcours?from=40025014&to_level=7&departements=12,46', 'article.pathway', async (page) => {
  const cards = page.locator('article.pathway');
  for (const i of [0, 1]) await cards.nth(i).getByRole('button', { name: 'Garder dans ma sélection' }).click();
  const panel = page.locator('section.selection');
  await panel.getByRole('checkbox', { name: /^Comparer/ }).nth(0).check();
  await panel.getByRole('checkbox', { name: /^Comparer/ }).nth(1).check();
  await panel.getByRole('button', { name: 'Comparer les parcours cochés' }).click();
  await panel.locator('table.compare').scrollIntoViewIfNeeded();
});

// Parcours at 200 % zoom: 1366 × 900 lays out as a 683 × 450 window.
{
  const context = await browser.newContext({ viewport: { width: 683, height: 450 }, deviceScaleFactor: 2, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${app}#/parcours`);
  await page.locator('h1').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'parcours-zoom-200.png') });
  await context.close();
}

await browser.close();
console.log(JSON.stringify({ out, pages: PAGES.length * 2 + 2 }));
