// End-to-end browser scenarios of the web interface, run by tests/e2e/test_browser.py.
//
//   node tests/e2e/run.mjs http://127.0.0.1:PORT [screenshots-dir]
//
// playwright-core drives Debian's Chromium (/usr/bin/chromium); no browser is downloaded.
// Prints one JSON line: { scenarios: { name: { ok, ms, error?, details } }, console: {...} }.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = (process.argv[2] ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const shots = resolve(process.argv[3] ?? new URL('./screenshots', import.meta.url).pathname);
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',') : null;
mkdirSync(shots, { recursive: true });
const app = `${base}/app/`;
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 375, height: 812 };
const TIMEOUT = 15_000;

// launch() gives Chromium a fresh temporary profile (user-data dir), removed on close; each
// scenario then gets its own context (fresh storage, its own request routes).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const results = {};
const consoleLog = {};

/** A fresh page that records console errors, page errors and requests leaving the origin. */
async function newPage(name, viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const log = (consoleLog[name] = { errors: [], warnings: [], external: [] });
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (m.type() === 'warning') log.warnings.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) log.external.push(u);
  });
  return { page, context, log, close: () => context.close() };
}

async function scenario(name, fn) {
  if (only && !only.includes(name)) return;
  const t0 = Date.now();
  const details = {};
  try {
    await fn(details);
    results[name] = { ok: true, ms: Date.now() - t0, details };
  } catch (e) {
    results[name] = { ok: false, ms: Date.now() - t0, error: String(e?.stack ?? e), details };
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

// ---- 1. Parcours: Mecanic Vallée Bac Pro → level 7, on the map, shared, exported -----------
await scenario('parcours', async (d) => {
  const { page, close } = await newPage('parcours');
  await page.goto(`${app}#/parcours`);
  await page.getByRole('heading', { level: 1, name: 'Trouver un parcours de formation' }).waitFor();
  const from = page.getByRole('combobox', { name: /Diplôme de départ/ });
  await from.fill('realisation produits mecaniques');
  const option = page.getByRole('option', { name: /REALISATION ET SUIVI DE PRODUCTION/ }).first();
  await option.waitFor();
  await option.click();
  await page.getByLabel('Un niveau').check();
  await page.getByLabel('Niveau visé (ou plus)').selectOption('7');
  await page.getByRole('radio', { name: 'Départements' }).check();
  await page.getByRole('textbox', { name: 'Départements' }).fill('12, 46');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  const cards = page.locator('article.pathway');
  await cards.first().waitFor();
  d.cards = await cards.count();
  expect(d.cards >= 3, `expected several pathways, got ${d.cards}`);
  const summary = await page.locator('.results-summary').innerText();
  d.summary = summary;
  expect(/parcours trouvés/.test(summary), 'summary line missing');
  const all = await page.locator('.cards').innerText();
  expect(/BTS/.test(all), 'no BTS step in the pathways');
  expect(/Diplôme d'ingénieur/.test(all), 'no engineer step in the pathways');
  for (const school of ['Champollion', 'Monteil', 'Découverte', "CCI de l'Aveyron"]) {
    expect(all.includes(school), `pathways do not name ${school}`);
  }
  expect(/Passerelle :/.test(all), 'passerelles are not shown');
  // The hash holds the whole query: the page can be shared.
  const hash = await page.evaluate(() => window.location.hash);
  d.hash = hash;
  for (const part of ['from=40025014', 'to_level=7', 'departements=12,46']) expect(hash.includes(part), `hash lacks ${part}`);
  // On the map: the selected pathway's steps as numbered markers, and the route.
  const map = page.locator('#carte-parcours');
  await map.locator('.leaflet-marker-icon .pin--focus').first().waitFor();
  d.markers = await map.locator('.leaflet-marker-icon .pin--focus').count();
  d.basemapPaths = await map.locator('.leaflet-fond-pane path').count();
  expect(d.markers >= 1, 'no step marker on the map');
  expect(d.basemapPaths >= 90, `offline basemap not drawn (${d.basemapPaths} paths)`);
  // "Why this rank" is there.
  await cards.first().getByText('Pourquoi ce rang ?').click();
  expect(await cards.first().locator('.why li').count() >= 1, 'no ranking explanation');
  // Select pathway 3 on the map: the URL says so, and a fresh page opened on it shows it.
  await cards.nth(2).getByRole('button', { name: 'Voir sur la carte' }).click();
  await page.waitForFunction(() => window.location.hash.includes('rang=3'));
  expect(await cards.nth(2).getAttribute('class').then((c) => c.includes('is-selected')), 'pathway 3 not selected');
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.results')?.getBoundingClientRect().top + window.scrollY - 70));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, 'parcours.png') });
  // CSV export of one pathway.
  const csv = await download(page, () => cards.first().getByRole('button', { name: 'CSV' }).click());
  d.csvName = csv.name;
  expect(csv.text.replace(/^\uFEFF/, '').startsWith('rang;score;etape;code_diplome'), 'pathway CSV header');
  expect(csv.text.includes('40025014'), 'pathway CSV lacks the start diploma');
  // Print: the print stylesheet hides the form and the map.
  await page.emulateMedia({ media: 'print' });
  expect(!(await page.locator('form.search-form').isVisible()), 'the form is printed');
  await page.emulateMedia({ media: 'screen' });
  const shared = `${app}${hash.replace(/&rang=\d+/, '')}&rang=3`;
  await close();

  const second = await newPage('parcours-partage');
  await second.page.goto(shared);
  await second.page.locator('article.pathway.is-selected[data-rank="3"]').waitFor();
  d.sharedOk = true;
  expect((await second.page.getByRole('combobox', { name: /Diplôme de départ/ }).inputValue()).includes('REALISATION'), 'shared link does not fill the form');
  // Level 6: the IUT de Figeac licence pro.
  await second.page.goto(`${app}#/parcours?from=40025014&to_level=6&departements=12,46`);
  await second.page.waitForFunction(() => document.querySelector('.cards')?.textContent?.includes('Licence professionnelle'));
  const six = await second.page.locator('.cards').innerText();
  expect(/IUT de Figeac/.test(six), 'level 6 pathways do not reach the IUT de Figeac');
  await second.close();
});

// ---- 2. Carte: offline basemap, clusters, filters -------------------------------------------
await scenario('carte', async (d) => {
  const { page, close, log } = await newPage('carte');
  await page.goto(`${app}#/carte`);
  const status = page.locator('.map-status');
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.statusAll = await status.innerText();
  const map = page.locator('#carte-acteurs');
  await map.locator('.leaflet-marker-icon').first().waitFor();
  d.icons = await map.locator('.leaflet-marker-icon').count();
  d.clusters = await map.locator('.marker-cluster').count();
  d.basemapPaths = await map.locator('.leaflet-fond-pane path').count();
  expect(d.basemapPaths >= 90, 'offline basemap not drawn');
  expect(d.clusters >= 1, 'dense points are not clustered');
  const total = Number(/(\d+) lieux/.exec(d.statusAll)?.[1] ?? 0);
  expect(total >= 30, `expected the seed actors on the map, got ${total}`);
  await page.getByLabel('Campus').selectOption('mecanic-vallee');
  await page.getByLabel('Niveau de formation proposé').selectOption('5');
  await page.waitForFunction((t) => {
    const s = document.querySelector('.map-status')?.textContent ?? '';
    return /lieux? affichés?/.test(s) && !s.includes(`${t} lieux`);
  }, total);
  d.statusFiltered = await status.innerText();
  const filtered = Number(/(\d+) lieux?/.exec(d.statusFiltered)?.[1] ?? 0);
  expect(filtered > 0 && filtered < total, `filters did not narrow the map (${filtered}/${total})`);
  await page.getByLabel('Modalité').selectOption('apprenticeship');
  await page.waitForTimeout(300);
  await page.waitForFunction(() => window.location.hash.includes('modality=apprenticeship'));
  // The list of points is the keyboard alternative to the map.
  await page.getByText('Liste des lieux affichés').click();
  d.rows = await page.locator('.point-list tbody tr').count();
  expect(d.rows >= 1, 'no row in the list of points');
  // Hide a kind with its legend checkbox.
  await page.getByRole('checkbox', { name: /Lycées/ }).uncheck();
  await page.waitForFunction(() => window.location.hash.includes('masquer=lycee'));
  d.rowsWithoutLycees = await page.locator('.point-list tbody tr').count();
  expect(d.rowsWithoutLycees < d.rows, 'hiding the lycées did not hide them');
  await page.getByRole('checkbox', { name: /Lycées/ }).check();
  await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
  await page.waitForFunction((t) => (document.querySelector('.map-status')?.textContent ?? '').startsWith(`${t} lieux`), total);
  // Deep link to one actor: its marker is highlighted and its popup open.
  await page.goto(`${app}#/carte?focus=actor:lycee-la-decouverte-decazeville`);
  await page.locator('.leaflet-popup-content').getByText('La Découverte').first().waitFor();
  d.external = log.external.length;
  expect(log.external.length === 0, `the map fetched from outside the origin: ${log.external.slice(0, 3).join(', ')}`);
  await page.goto(`${app}#/carte?campus=mecanic-vallee`);
  await page.reload();
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(shots, 'carte.png') });
  await close();
});

// ---- 3. Réseau: the campus graph, select an actor, follow a link ------------------------------
await scenario('reseau', async (d) => {
  const { page, close } = await newPage('reseau');
  await page.goto(`${app}#/reseau`);
  await page.waitForFunction(() => /nœuds et \d+ liens/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.status = await page.locator('.map-status').innerText();
  expect(await page.locator('#graphe canvas').count() >= 1, 'the graph is not drawn');
  const search = page.getByRole('combobox', { name: 'Rechercher un nœud' });
  await search.fill('Champollion');
  await page.getByRole('option', { name: /Lycée général et technologique Champollion/ }).first().click();
  const title = page.locator('#panneau-titre');
  await page.waitForFunction(() => document.querySelector('#panneau-titre')?.textContent?.includes('Champollion'));
  d.selected = await title.innerText();
  await page.locator('.side-panel').getByText(/Formations proposées/).waitFor();
  await page.waitForFunction(() => window.location.hash.includes('select=actor:lycee-champollion-figeac'));
  const links = page.locator('.side-panel .links .link-button');
  d.links = await links.count();
  expect(d.links >= 3, `too few links for Champollion (${d.links})`);
  // Follow a link to a neighbour from the panel (keyboard-reachable).
  const neighbour = (await links.first().innerText()).trim();
  await links.first().click();
  await page.waitForFunction((n) => document.querySelector('#panneau-titre')?.textContent?.trim() === n, neighbour);
  d.neighbour = neighbour;
  // Filters: hiding the diplomas shrinks the graph.
  await page.getByRole('checkbox', { name: 'Diplômes' }).uncheck();
  await page.waitForFunction((s) => document.querySelector('.map-status')?.textContent !== s, d.status);
  d.statusNoDiplomas = await page.locator('.map-status').innerText();
  await page.getByRole('checkbox', { name: 'Diplômes' }).check();
  // Back to Champollion via the URL (deep link) for the screenshot.
  await page.goto(`${app}#/reseau?campus=mecanic-vallee&select=actor:lycee-champollion-figeac`);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#panneau-titre')?.textContent?.includes('Champollion'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(shots, 'reseau.png') });
  await close();
});

// ---- 4. Manques: the report, its charts, a CSV, links to the map and the network ---------------
await scenario('manques', async (d) => {
  const { page, close } = await newPage('manques');
  await page.goto(`${app}#/manques?campus=mecanic-vallee`);
  await page.getByRole('heading', { name: 'Synthèse' }).waitFor({ timeout: 30_000 });
  d.sections = await page.locator('section.gap-section').count();
  expect(d.sections === 6, `expected 6 sections, got ${d.sections}`);
  d.summary = await page.locator('.gap-summary p').first().innerText();
  d.matrixRows = await page.locator('table.matrix tbody tr').count();
  expect(d.matrixRows >= 1, 'no continuum matrix');
  const csv = await download(page, () => page.locator('a[data-csv="continuum_breaks"]').click());
  d.csvName = csv.name;
  d.csvLines = csv.text.trim().split(/\r?\n/).length;
  expect(/^\uFEFF?id;titre;gravite/.test(csv.text), `unexpected CSV header: ${csv.text.slice(0, 60)}`);
  expect(d.csvLines >= 2, 'empty CSV');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'manques.png') });
  // A finding's actor, in the network.
  const toNetwork = page.locator('#rubrique-isolated_actors a.chip', { hasText: 'réseau' }).first();
  const href = await toNetwork.getAttribute('href');
  d.networkLink = href;
  await toNetwork.click();
  await page.waitForFunction(() => window.location.hash.startsWith('#/reseau'));
  await page.waitForFunction(() => (document.querySelector('#panneau-titre')?.textContent ?? 'Fiche') !== 'Fiche');
  d.networkSelected = await page.locator('#panneau-titre').innerText();
  // …and on the map.
  await page.goBack();
  await page.getByRole('heading', { name: 'Synthèse' }).waitFor({ timeout: 30_000 });
  const toMap = page.locator('#rubrique-brokers a.chip', { hasText: 'carte' }).first();
  await toMap.click();
  await page.waitForFunction(() => window.location.hash.startsWith('#/carte'));
  await page.locator('.leaflet-popup-content').first().waitFor();
  d.mapPopup = (await page.locator('.leaflet-popup-content .popup-title').first().innerText()).trim();
  await close();
});

// ---- 5. Phone width (375 px): no horizontal scrolling, pages readable ---------------------------
await scenario('telephone', async (d) => {
  const { page, close } = await newPage('telephone', PHONE);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.goto(`${app}#/parcours?from=40025014&to_level=7&departements=12,46`);
  await page.locator('article.pathway').first().waitFor();
  d.parcoursOverflow = await overflow();
  await page.screenshot({ path: join(shots, 'parcours-telephone.png') });
  await page.locator('article.pathway').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'parcours-telephone-resultats.png') });
  await page.goto(`${app}#/carte`);
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.carteOverflow = await overflow();
  await page.locator('#carte-acteurs').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'carte-telephone.png') });
  await page.goto(`${app}#/reseau`);
  await page.waitForFunction(() => /nœuds et/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.reseauOverflow = await overflow();
  await page.goto(`${app}#/manques`);
  await page.getByRole('heading', { name: 'Synthèse' }).waitFor({ timeout: 30_000 });
  d.manquesOverflow = await overflow();
  await page.screenshot({ path: join(shots, 'manques-telephone.png') });
  for (const k of ['parcoursOverflow', 'carteOverflow', 'reseauOverflow', 'manquesOverflow']) {
    expect(d[k] <= 1, `${k}: the page scrolls sideways by ${d[k]} px at 375 px`);
  }
  await close();
});

// ---- 6. Keyboard and labels ---------------------------------------------------------------------
await scenario('clavier', async (d) => {
  const { page, close } = await newPage('clavier');
  await page.goto(`${app}#/parcours`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Every form control has an accessible name.
  for (const route of ['parcours', 'carte', 'reseau', 'manques']) {
    await page.goto(`${app}#/${route}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(800);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
        .filter((el) => el.offsetParent !== null || el.closest('dialog'))
        .filter((el) => {
          const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title');
          const text = el.tagName === 'BUTTON' ? el.textContent.trim() : '';
          return !named && !text;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    d[`unlabelled_${route}`] = unlabelled;
    expect(unlabelled.length === 0, `${route}: controls without a label: ${unlabelled.join(' | ')}`);
  }
  // Skip link first, then the navigation; focus is visible.
  await page.goto(`${app}#/parcours`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.keyboard.press('Tab');
  d.first = await page.evaluate(() => document.activeElement?.textContent?.trim());
  expect(d.first === 'Aller au contenu', `first tab stop is "${d.first}"`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline !== 'none', 'focus is not visible on the skip link');
  await page.keyboard.press('Enter');
  d.afterSkip = await page.evaluate(() => document.activeElement?.id);
  expect(d.afterSkip === 'contenu', 'the skip link does not move focus to the content');
  const order = [];
  await page.evaluate(() => document.querySelector('.skip-link')?.focus());
  for (let i = 0; i < 7; i += 1) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { text: (el.getAttribute('aria-label') || el.textContent || el.id || el.tagName).trim().slice(0, 40), outline: style.outlineStyle !== 'none' || style.boxShadow !== 'none' };
    }));
  }
  d.tabOrder = order.map((o) => o.text);
  expect(order.every((o) => o.outline), `focus not visible on: ${order.filter((o) => !o.outline).map((o) => o.text).join(', ')}`);
  expect(d.tabOrder.slice(1, 5).join('|') === 'Parcours|Carte|Réseau|Manques', `navigation order: ${d.tabOrder.join(' > ')}`);
  // The whole search with the keyboard only: combobox with arrows, Enter to submit.
  const from = page.getByRole('combobox', { name: /Diplôme de départ/ });
  await from.focus();
  await page.keyboard.type('40025014');
  await page.getByRole('option').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  d.combobox = await from.inputValue();
  expect(d.combobox.includes('REALISATION'), 'keyboard selection in the combobox failed');
  await page.getByRole('radio', { name: 'Départements' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // a radio group is one tab stop
  d.afterRadios = await page.evaluate(() => document.activeElement?.id);
  expect(d.afterRadios === 'departements', `Tab after the territory radios goes to ${d.afterRadios}`);
  await page.keyboard.type('12,46');
  await page.keyboard.press('Enter');
  await page.locator('article.pathway').first().waitFor();
  // An empty diploma gives a clear error and moves focus to the field.
  await from.fill('');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  d.error = await page.locator('.combo .field-error').first().innerText();
  expect(/Indiquez le diplôme/.test(d.error), 'no error message for a missing diploma');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role')) === 'combobox', 'focus not moved to the invalid field');
  // Settings dialog: opens on Enter, closes with Escape, focus goes back to its button.
  await page.getByRole('button', { name: 'Paramètres' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Paramètres' }).waitFor();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  d.afterDialog = await page.evaluate(() => document.activeElement?.id);
  expect(d.afterDialog === 'ouvrir-parametres', 'focus not returned to the settings button');
  await close();
});

// ---- 6a. The Content-Security-Policy forbids inline script (a planted name cannot run) -----
await scenario('csp', async (d) => {
  const { page, close } = await newPage('csp'); // blocked scripts are logged: expectedErrors
  await page.goto(`${app}#/parcours`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  d.inlineRan = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__xss = 1';
    document.body.append(s);
    const img = document.createElement('div');
    img.innerHTML = '<img src="data:," onerror="window.__xss = 2">';
    document.body.append(img);
    return new Promise((resolve) => setTimeout(() => resolve(window.__xss ?? null), 300));
  });
  expect(d.inlineRan === null, `inline script ran (${d.inlineRan})`);
  await close();
});

// ---- 6b. Automated accessibility audit (axe-core, WCAG 2.1 A and AA rules) ------------------------
await scenario('accessibilite', async (d) => {
  // axe-core is injected as an inline script, which the server's CSP forbids (as it should).
  const { page, close } = await newPage('accessibilite', DESKTOP, { bypassCSP: true });
  const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
  const pages = [
    ['parcours', '#/parcours?from=40025014&to_level=7&departements=12,46', 'article.pathway'],
    ['carte', '#/carte?campus=mecanic-vallee', '#carte-acteurs .leaflet-marker-icon'],
    ['reseau', '#/reseau?campus=mecanic-vallee&select=actor:lycee-champollion-figeac', '.side-panel .links'],
    ['manques', '#/manques?campus=mecanic-vallee', 'section.gap-section'],
  ];
  const all = [];
  for (const [name, hash, ready] of pages) {
    await page.goto(`${app}${hash}`);
    await page.reload();
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, sample: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    d[name] = violations;
    all.push(...violations.map((v) => `${name}: ${v.id} (${v.impact}, ${v.nodes}) ${v.sample.join(' | ')}`));
  }
  expect(all.length === 0, `accessibility violations:\n${all.join('\n')}`);
  await close();
});

// ---- 7. Settings: an online tile server, stored in the browser -----------------------------------
await scenario('parametres', async (d) => {
  const { page, close, context } = await newPage('parametres');
  // Tiles are served by a fake server (route) so that nothing leaves the machine.
  await context.route('https://tuiles.example.test/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64') }),
  );
  await page.goto(`${app}#/carte`);
  await page.getByRole('button', { name: 'Paramètres' }).click();
  await page.getByLabel(/Adresse du serveur de tuiles/).fill('pas une adresse');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  d.invalid = await page.locator('#tile-url-erreur').innerText();
  expect(/Adresse invalide/.test(d.invalid), 'an invalid tile URL is accepted');
  await page.getByLabel(/Adresse du serveur de tuiles/).fill('https://tuiles.example.test/{z}/{x}/{y}.png');
  await page.getByLabel(/Mention des sources/).fill('Tuiles de test');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('#carte-acteurs .leaflet-tile').first().waitFor({ state: 'attached' });
  d.tiles = await page.locator('#carte-acteurs .leaflet-tile').count();
  d.stored = await page.evaluate(() => localStorage.getItem('cmq.tileUrl'));
  expect(d.stored === 'https://tuiles.example.test/{z}/{x}/{y}.png', 'tile URL not stored');
  await page.getByRole('button', { name: 'Paramètres' }).click();
  await page.getByRole('button', { name: 'Revenir au fond hors ligne' }).click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForFunction(() => !document.querySelector('#carte-acteurs .leaflet-tile'));
  d.offlineAgain = await page.evaluate(() => localStorage.getItem('cmq.tileUrl') === null);
  expect(d.offlineAgain, 'could not go back offline');
  await close();
});

// ---- 8. Database down: /health and the API answer 503 --------------------------------------------
await scenario('base-indisponible', async (d) => {
  const { page, close, context } = await newPage('base-indisponible');
  const down = { status: 503, contentType: 'application/json', headers: { 'Retry-After': '5' } };
  await context.route(/\/(health|campuses|actors|diplomas|pathways|map\.geojson|platforms|passerelles|sites|gaps)(\.csv|\.geojson)?([/?].*)?$/, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/health') {
      return route.fulfill({ ...down, body: JSON.stringify({ status: 'unavailable', engine: 'falkordb', database: 'down', detail: 'connection refused', nodes: {} }) });
    }
    return route.fulfill({ ...down, body: JSON.stringify({ detail: 'The graph database is unavailable: connection refused' }) });
  });
  await page.goto(`${app}#/parcours?from=40025014&to_level=7&departements=12,46`);
  const banner = page.locator('#etat-service');
  await banner.waitFor();
  d.banner = await banner.innerText();
  expect(/base de données ne répond pas/.test(d.banner), 'no "database down" banner');
  await page.locator('.results .state-error').waitFor();
  d.parcours = await page.locator('.results .state-error').innerText();
  expect(/Réessayer/.test(d.parcours), 'no retry button on the pathway error');
  await page.screenshot({ path: join(shots, 'erreur-base.png') });
  for (const route of ['carte', 'reseau', 'manques']) {
    await page.goto(`${app}#/${route}`);
    await page.locator('main .state-error').first().waitFor();
    d[route] = (await page.locator('main .state-error').first().innerText()).split('\n')[0];
    expect(/base de données/.test(d[route]), `${route}: the error does not say the database is down`);
  }
  await close();
});

await browser.close();

const expectedErrors = new Set(['base-indisponible', 'csp']);
const consoleSummary = {};
for (const [name, log] of Object.entries(consoleLog)) {
  consoleSummary[name] = { errors: log.errors, warnings: log.warnings, external: log.external, expected: expectedErrors.has(name) };
}
console.log(JSON.stringify({ scenarios: results, console: consoleSummary, screenshots: shots }));
