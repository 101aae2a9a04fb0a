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

// Scenarios over another fixture (test_browser.py's thin_server): run only when asked by name.
const ASKED_ONLY = new Set(['a-confirmer', 'position-approx', 'carte-dense-outremer']);

async function scenario(name, fn) {
  if (only ? !only.includes(name) : ASKED_ONLY.has(name)) return;
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

/** The rows of a CSV the interface writes (BOM, « ; », double-quoted cells), header first. */
function csvRows(text) {
  return text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    .map((l) => [...l.matchAll(/("(?:[^"]|"")*"|[^;]*)(?:;|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')));
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
  // The names people use: an acronym, and a French hint naming the nearest when nothing matches.
  await from.fill('MELEC');
  await page.getByRole('option', { name: /métiers de l'électricité et de ses environnements connect/i }).first().waitFor();
  d.acronym = (await page.getByRole('option').first().innerText()).split('\n')[0];
  await from.fill('cap usinage');
  await page.locator('.combo-list .combo-empty', { hasText: 'Aucun CAP ne correspond' }).waitFor();
  d.hint = await page.locator('.combo-list .combo-empty').first().innerText();
  expect(/diplômes proches : .*usinage/i.test(d.hint), `hint: ${d.hint}`);
  await from.fill('realisation produits mecaniques');
  const option = page.getByRole('option', { name: /réalisation et suivi de production/i }).first();
  await option.waitFor();
  await option.click();
  await page.getByRole('group', { name: 'Objectif' }).getByLabel('Un niveau').check();
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
  // Every establishment the cards name, the other possibilities of each step included.
  const all = await page.locator('.cards').evaluate((el) => el.textContent ?? '');
  expect(/BTS/.test(all), 'no BTS step in the pathways');
  expect(/Diplôme d'ingénieur/.test(all), 'no engineer step in the pathways');
  for (const school of ['Champollion', 'Monteil', 'Découverte', "CCI de l'Aveyron"]) {
    expect(all.includes(school), `pathways do not name ${school}`);
  }
  expect(/Passerelle :/.test(all), 'passerelles are not shown');
  // The figure counsellors call crucial: vœux and taux de pression per offer, with its trend
  // drawn and said in words (La Découverte's BTS CPRP: 12 places, 60 vœux in 2024), and the
  // offers the latest files no longer list (Champollion's apprenticeship: last seen in 2022).
  const deca = page.locator('.cards .offer', { hasText: 'Découverte' }).filter({ hasText: '60 vœux' }).first();
  await deca.waitFor({ state: 'attached' });
  d.decaFacts = (await deca.textContent()).replace(/\s+/g, ' ');
  expect(/12 places/.test(d.decaFacts), `places missing: ${d.decaFacts}`);
  // Parcoursup counts confirmed wishes (up to 10 per candidate, not ranked): said as such,
  // never as Affelnet's first wishes
  expect(/60 vœux confirmés sur Parcoursup \(non hiérarchisés\)/.test(d.decaFacts), `wish kind missing: ${d.decaFacts}`);
  expect(/taux de pression 5 vœux confirmés sur Parcoursup par place en 2024/.test(d.decaFacts), `pressure missing: ${d.decaFacts}`);
  const spark = deca.locator('svg.sparkline[role="img"]');
  d.sparkLabel = await spark.getAttribute('aria-label');
  expect(/^Taux de pression par année \(vœux confirmés sur Parcoursup par place\), (en hausse|en baisse|stable) : /.test(d.sparkLabel ?? ''), `sparkline text: ${d.sparkLabel}`);
  expect((d.sparkLabel ?? '').includes('2024 : 5'), `sparkline lacks 2024: ${d.sparkLabel}`);
  expect(await spark.locator('polyline').count() === 1, 'sparkline not drawn');
  expect(/pas vue depuis 2022/.test(all), 'an offer not seen since 2022 is not flagged');
  // The hash holds the whole query: the page can be shared.
  const hash = await page.evaluate(() => window.location.hash);
  d.hash = hash;
  for (const part of ['from=40025014', 'to_level=7', 'departements=12,46']) expect(hash.includes(part), `hash lacks ${part}`);
  // On the map: the selected pathway's steps as numbered markers, and the route.
  const map = page.locator('#carte-parcours');
  await map.locator('.leaflet-marker-icon .pin--focus').first().waitFor();
  d.markers = await map.locator('.leaflet-marker-icon .pin--focus').count();
  // the basemap is fetched apart from the steps: under load it may be drawn after the markers
  await page
    .waitForFunction(() => document.querySelectorAll('#carte-parcours .leaflet-fond-pane path').length >= 90, null, { timeout: 15000 })
    .catch(() => {});
  d.basemapPaths = await map.locator('.leaflet-fond-pane path').count();
  expect(d.markers >= 1, 'no step marker on the map');
  expect(d.basemapPaths >= 90, `offline basemap not drawn (${d.basemapPaths} paths)`);
  // Counts read in French: « 2 étapes en 2 lieux », never « étape(s) », « lieu(x) ».
  const mainText = await page.locator('main').innerText();
  expect(!/étape\(s\)|lieu\(x\)/.test(mainText), `a count reads "(s)": ${(mainText.match(/[^\n]*\((s|x)\)[^\n]*/) ?? [''])[0]}`);
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
  // The « passerelle » column describes each passerelle in French, never by its internal id.
  const legs = csvRows(csv.text).slice(1).filter((r) => r[2] !== '0').map((r) => r[7]);
  expect(legs.length >= 1 && legs.every((t) => /^(passerelle|continuité) /.test(t)), `passerelle column not described: ${legs.join(' | ')}`);
  expect(!/\.(csv|txt)\b/.test(csv.text), `a file name in the pathway CSV: ${csv.text.slice(0, 400)}`);
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
  expect((await second.page.getByRole('combobox', { name: /Diplôme de départ/ }).inputValue()).toLowerCase().includes('réalisation'), 'shared link does not fill the form');
  // Level 6: the IUT de Figeac licence pro.
  await second.page.goto(`${app}#/parcours?from=40025014&to_level=6&departements=12,46`);
  await second.page.waitForFunction(() => document.querySelector('.cards')?.textContent?.includes('Licence professionnelle'));
  const six = await second.page.locator('.cards').innerText();
  expect(/IUT de Figeac/.test(six), 'level 6 pathways do not reach the IUT de Figeac');
  await second.close();
});

// ---- 1b. Names as people write them: a closed diploma said closed, after its successor; a
// common first year named as one; the départements by their names --------------------------
await scenario('noms', async (d) => {
  const { page, close } = await newPage('noms');
  await page.goto(`${app}#/parcours`);
  const from = page.getByRole('combobox', { name: /Diplôme de départ/ });
  await from.fill('cap macon');
  await page.getByRole('option', { name: /fermé en 2022/ }).first().waitFor();
  d.maconOptions = await page.getByRole('option').allInnerTexts();
  const closedAt = d.maconOptions.findIndex((t) => t.includes('code 50023217'));
  const openAt = d.maconOptions.findIndex((t) => t.includes('code 50023224'));
  expect(openAt >= 0 && closedAt > openAt, `the open CAP is not listed first: ${d.maconOptions.join(' | ')}`);
  expect(/fermé en 2022, remplacé par /.test(d.maconOptions[closedAt]), `no « fermé » note: ${d.maconOptions[closedAt]}`);
  expect(!d.maconOptions.some((t) => /code PS-/.test(t)), 'a Parcoursup stand-in code is shown');
  // Bac pro cuisine → BTS in the Aveyron and the Lot: no step named by the BCN's raw text.
  await page.goto(`${app}#/parcours?from=40022106&to_type=bts&departements=12,46`);
  await page.locator('.results-summary').waitFor();
  d.summary = await page.locator('.results-summary').innerText();
  const cards = await page.locator('main').innerText();
  d.commonYearSteps = (cards.match(/[^\n]*1re année commune[^\n]*/g) ?? []).slice(0, 3);
  expect(!/1ERE ANNEE COMMUNE|1E ANNEE COMMUNE|2NDE COMMUNE/.test(cards), 'a step is named by its raw BCN text');
  await page.screenshot({ path: join(shots, 'noms.png') });
  // A link with another question (from a level) in the same tab: its answer, never the last
  // one under a form that says otherwise; a link with no start at all: the invitation.
  await page.goto(`${app}#/parcours?from_level=3&to_level=4&departements=2A`);
  await page.locator('.results-summary', { hasText: 'niveau 3' }).waitFor();
  d.levelSummary = await page.locator('.results-summary').innerText();
  expect(!d.levelSummary.includes('Aveyron'), `the earlier answer is still shown: ${d.levelSummary}`);
  // No pathway: each sentence of the answer is said once (a notice the reason repeats is not shown).
  if (await page.locator('.state-empty').count()) {
    const why = await page.locator('.state-empty').innerText();
    d.noResultNotices = await page.locator('.results-head .notice').allInnerTexts();
    expect(d.noResultNotices.every((n) => !why.includes(n)), `a notice is repeated in the reason: ${why}`);
  }
  await page.goto(`${app}#/parcours?to_level=4&departements=2A`);
  await page.locator('.state-empty').waitFor();
  d.staleSummary = await page.locator('.results-summary').count();
  expect(d.staleSummary === 0, 'the earlier answer is still shown under a new question');
  await close();
});

// ---- 1b'. A partial answer says so: the Mecanic Vallée Bac pro → BTS in the Aveyron and the
// Lot finds pathways, and the territory offers other BTS of its field that no known passerelle
// reaches (« Réponse partielle : … »); a question whose goal diplomas are all reached has none
await scenario('reponse-partielle', async (d) => {
  const { page, close } = await newPage('reponse-partielle');
  await page.goto(`${app}#/parcours?from=40025014&to_type=bts&departements=12,46&limit=50`);
  await page.locator('article.pathway').first().waitFor();
  const partial = page.locator('.results-head .partial-answer');
  d.partialCount = await partial.count();
  expect(d.partialCount === 1, `no partial-answer notice (${d.partialCount})`);
  d.partial = await partial.innerText();
  d.partialHtml = await partial.evaluate((el) => el.innerHTML);
  d.stepNames = await page.locator('article.pathway').allInnerTexts();
  await page.goto(`${app}#/parcours?from=40025014&to_level=6&departements=12,46`);
  await page.locator('.results-summary', { hasText: 'niveau 6' }).waitFor();
  await page.locator('article.pathway').first().waitFor();
  d.noneCount = await page.locator('.results-head .partial-answer').count();
  await close();
});

// ---- 1c. From a level: the form asks it (a level, an optional sector or ROME code), the URL
// keeps it, the answer reads like any other; a goal job by its ROME code; a closed diploma's
// record says so and links to the one that replaced it -----------------------------------------
await scenario('niveau', async (d) => {
  const { page, context, close } = await newPage('niveau');
  // The campuses' records (the sector lists) held back until a code is typed: a loaded machine
  // answers them that late, and their arrival must not wipe what the user typed meanwhile.
  let release = () => {};
  const held = new Promise((r) => (release = r));
  await context.route(/\/campuses\/[^/?#]+$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${app}#/parcours`);
  const start = page.getByRole('group', { name: /^Départ/ });
  const goal = page.getByRole('group', { name: 'Objectif' });
  await start.getByLabel('Un niveau').check();
  expect(!(await page.getByRole('combobox', { name: /Diplôme de départ/ }).isVisible()), 'the diploma field is still shown');
  await page.getByLabel('Niveau du diplôme détenu').selectOption('4');
  const field = start.getByRole('group', { name: 'Secteur ou métier (facultatif)' });
  const sectorSelect = field.getByLabel('Secteur décrit par un campus');
  const romeInput = field.getByLabel(/code ROME/);
  // a malformed ROME code is refused in French, nothing asked, before and after the list arrives
  await romeInput.fill('H29');
  release();
  await sectorSelect.locator('option[value="operateurs-cn-fraiseurs"]').waitFor({ state: 'attached' });
  d.romeKept = await romeInput.inputValue();
  expect(d.romeKept === 'H29', `the sector list wiped the code typed: « ${d.romeKept} »`);
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  d.romeError = await field.locator('.field-error').innerText();
  expect(/une lettre et quatre chiffres/.test(d.romeError), `no error for a bad ROME code: ${d.romeError}`);
  expect(!(await page.evaluate(() => window.location.hash)).includes('from_level'), 'a bad ROME code was asked');
  await context.unroute(/\/campuses\/[^/?#]+$/);
  await romeInput.fill('');
  await sectorSelect.selectOption('operateurs-cn-fraiseurs');
  await goal.getByLabel('Un niveau').check();
  await page.getByLabel('Niveau visé (ou plus)').selectOption('5');
  await page.getByRole('radio', { name: 'Départements' }).check();
  await page.getByRole('textbox', { name: 'Départements' }).fill('12, 46');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  const cards = page.locator('article.pathway');
  await cards.first().waitFor();
  d.cards = await cards.count();
  d.hash = await page.evaluate(() => window.location.hash);
  for (const part of ['from_level=4', 'sector=operateurs-cn-fraiseurs', 'to_level=5', 'departements=12,46']) expect(d.hash.includes(part), `hash lacks ${part}: ${d.hash}`);
  expect(!/[?&]from=/.test(d.hash), `a start diploma in the hash: ${d.hash}`);
  d.summary = await page.locator('.results-summary').innerText();
  // the start as the API names it, the territory as the API says it
  d.firstStart = await cards.first().locator('.step-start .step-title').innerText();
  d.firstStartMeta = await cards.first().locator('.step-start .muted').first().innerText();
  await page.screenshot({ path: join(shots, 'parcours-niveau.png') });
  // the shared link fills the form as it was
  const shared = await newPage('niveau-partage');
  await shared.page.goto(`${app}${d.hash}`);
  await shared.page.locator('article.pathway').first().waitFor();
  const sStart = shared.page.getByRole('group', { name: /^Départ/ });
  d.sharedForm = {
    level: await sStart.getByLabel('Un niveau').isChecked(),
    held: await shared.page.getByLabel('Niveau du diplôme détenu').inputValue(),
    sector: await sStart.getByLabel('Secteur décrit par un campus').inputValue(),
    cards: await shared.page.locator('article.pathway').count(),
  };
  await shared.close();
  // a goal job by its ROME code, typed in lower case, and no start sector
  await page.getByLabel('Niveau du diplôme détenu').selectOption('3');
  await sectorSelect.selectOption('');
  await goal.getByLabel('Un métier', { exact: true }).check();
  await goal.getByLabel(/code ROME/).fill('h2913');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  await page.locator('.results-summary', { hasText: 'H2913' }).waitFor();
  d.romeHash = await page.evaluate(() => window.location.hash);
  d.romeSummary = await page.locator('.results-summary').innerText();
  d.romeCards = await cards.count();
  // the same from a link: the ROME code back in its field
  await page.goto(`${app}#/parcours?from_level=3&job=H2913&campus=mecanic-vallee`);
  await page.locator('.results-summary', { hasText: 'Mecanic' }).waitFor();
  d.campusSummary = await page.locator('.results-summary').innerText();
  d.romeField = await goal.getByLabel(/code ROME/).inputValue();
  // a job in words from a link (lower-case letters, like a sector id): back in the job field
  // once the campuses' sectors are known, not « Secteur demandé dans le lien »
  // (its own page: the seeds name no ROME job, so the API's answer is a 404 in French, which
  // the browser logs as a failed load; test_browser.py checks it is the only error there)
  const words = await newPage('niveau-metier-en-mots');
  await words.page.goto(`${app}#/parcours?from_level=3&job=soudeur&campus=mecanic-vallee`);
  const wGoal = words.page.getByRole('group', { name: 'Objectif' });
  for (let i = 0; i < 50 && (await wGoal.getByLabel(/code ROME/).inputValue()) !== 'soudeur'; i++) await words.page.waitForTimeout(200);
  d.wordsField = await wGoal.getByLabel(/code ROME/).inputValue();
  d.wordsSector = await wGoal.getByLabel('Secteur décrit par un campus').inputValue();
  await words.page.getByText('Métier inconnu des données').first().waitFor();
  d.wordsAnswer = await words.page.getByText('Métier inconnu des données').first().innerText();
  await words.close();
  // a closed diploma's record (Réseau): said closed, as the search says it, with a link to the
  // record of the one that replaced it, and back
  await page.goto(`${app}#/reseau?campus=mecanic-vallee&select=diploma:32025520`);
  const renewal = page.locator('.side-panel .renewal');
  await renewal.waitFor();
  d.renewedText = await renewal.innerText();
  await renewal.getByRole('link', { name: /code 32025515/ }).click();
  await page.locator('.side-panel .renewal.notice').waitFor();
  d.closedTitle = await page.locator('#panneau-titre').innerText();
  d.closedText = await page.locator('.side-panel .renewal').innerText();
  d.closedHash = await page.evaluate(() => window.location.hash);
  await page.screenshot({ path: join(shots, 'reseau-diplome-ferme.png') });
  await page.locator('.side-panel .renewal').getByRole('link', { name: /code 32025520/ }).click();
  await page.locator('.side-panel .links').waitFor();
  d.backHash = await page.evaluate(() => window.location.hash);
  // a closed diploma this campus's network does not hold (the CAP maçon of 2017): its record
  // all the same, from a link
  // (the BTS's own panel has a renewal notice too: wait for the panel of the new selection)
  const shownBefore = await page.locator('#panneau-titre').innerText();
  await page.goto(`${app}#/reseau?campus=mecanic-vallee&select=diploma:50023217`);
  await page.waitForFunction(
    (before) => (document.querySelector('#panneau-titre')?.textContent ?? '').trim() !== before.trim(),
    shownBefore,
    { timeout: 60000 },
  );
  await page.locator('.side-panel .renewal.notice').waitFor();
  d.outsidePanel = await page.locator('.side-panel').innerText();
  d.outsideLinks = await page.locator('.side-panel .renewal a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await close();
});

// A job the ROME reference knows but nothing of the data trains for (the national import's
// A1401 Vendangeur; the e2e fixture has no ROME reference: the API's answer, as it gives it,
// is played back): an answer shown as one (« Aucun parcours trouvé », why), never « Erreur :
// … » with « Réessayer »; an unknown job stays an error.
await scenario('metier-sans-formation', async (d) => {
  const { page, close } = await newPage('metier-sans-formation');
  const problem = (code, detail) => ({
    status: 404,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: `https://cmq-graph.fr/problemes/${code}`, title: 'Introuvable', status: 404, detail, code }),
  });
  await page.route('**/pathways?*', (route) => {
    const job = new URL(route.request().url()).searchParams.get('job');
    return route.fulfill(
      job === 'A1401'
        ? problem('job_untrained', "Métier connu (A1401 — Vendangeur / Vendangeuse) mais aucune formation des données n'y prépare.")
        : problem('not_found', 'Code métier inconnu du répertoire ROME importé : N9999.'),
    );
  });
  await page.goto(`${app}#/parcours?from_level=3&job=A1401&departements=33`);
  const empty = page.locator('.results .state-empty');
  await empty.waitFor();
  d.untrained = await page.locator('.results').innerText();
  d.untrainedErrors = await page.locator('.results .state-error').count();
  d.untrainedRetry = await page.locator('.results').getByRole('button', { name: 'Réessayer' }).count();
  await page.screenshot({ path: join(shots, 'parcours-metier-sans-formation.png') });
  await page.goto(`${app}#/parcours?from_level=3&job=N9999&departements=33`);
  await page.locator('.results .state-error').waitFor();
  d.unknown = await page.locator('.results .state-error').innerText();
  await close();
});

// No pathway where the public files cannot know one (a BTS holder towards an engineering
// school: the admissions after a Bac+2 are in no file, tester19): the page never suggests a
// wider territory then; otherwise it still does. The API's answers, as it gives them, played back.
await scenario('fichiers-sans-reponse', async (d) => {
  const { page, close } = await newPage('fichiers-sans-reponse');
  const answer = (cannot) => ({
    start: 'BTS électrotechnique',
    start_phrase: 'du BTS électrotechnique',
    goal: "diplôme d'ingénieur",
    territory: 'la région Grand Est',
    territory_phrase: 'dans la région Grand Est',
    count: 0,
    notices: ["Écoles d'ingénieurs : les données ne connaissent que les formations où l'on entre après le bac (Parcoursup)."],
    pathways: [],
    reason: 'Aucune passerelle connue ne mène du BTS électrotechnique à un diplôme d’ingénieur.',
    files_cannot_tell: cannot,
  });
  await page.route('**/pathways?*', (route) => {
    const cannot = new URL(route.request().url()).searchParams.get('region') === '44';
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer(cannot)) });
  });
  await page.goto(`${app}#/parcours?from=32025520&to_type=ingenieur&region=44`);
  await page.locator('.results .state-empty').waitFor();
  d.cannot = await page.locator('.results').innerText();
  await page.screenshot({ path: join(shots, 'parcours-fichiers-sans-reponse.png') });
  await page.goto(`${app}#/parcours?from=32025520&to_type=ingenieur&region=52`);
  await page.waitForFunction(() => !document.querySelector('.results')?.textContent?.includes('ne décrivent pas cette voie'));
  await page.locator('.results .state-empty').waitFor();
  d.can = await page.locator('.results').innerText();
  await close();
});

// Parcours from the end of 3e: no diploma held, the start field left empty; the first step is a programme
// entered after 3e, and the card's start says no diploma is held.
await scenario('fin-de-3e', async (d) => {
  const { page, close } = await newPage('fin-de-3e');
  await page.goto(`${app}#/parcours`);
  const start = page.getByRole('group', { name: /^Départ/ });
  const goal = page.getByRole('group', { name: 'Objectif' });
  await start.getByLabel('Un niveau').check();
  await page.getByLabel('Niveau du diplôme détenu').selectOption({ label: 'Fin de 3e (sans diplôme)' });
  d.sectorShown = await start.getByRole('group', { name: 'Secteur ou métier (facultatif)' }).isVisible();
  await goal.getByLabel('Un niveau').check();
  await page.getByLabel('Niveau visé (ou plus)').selectOption('4');
  await page.getByRole('radio', { name: 'Départements' }).check();
  await page.getByRole('textbox', { name: 'Départements' }).fill('12, 46');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  const cards = page.locator('article.pathway');
  await cards.first().waitFor();
  d.cards = await cards.count();
  d.hash = await page.evaluate(() => window.location.hash);
  d.summary = await page.locator('.results-summary').innerText();
  d.firstStart = await cards.first().locator('.step-start .step-title').innerText();
  d.firstStartMeta = await cards.first().locator('.step-start .muted').first().innerText();
  d.firstStep = await cards.first().locator('.step:not(.step-start) .step-title').first().innerText();
  d.firstPasserelle = await cards.first().locator('.step:not(.step-start) .passerelle').first().innerText();
  await page.screenshot({ path: join(shots, 'parcours-fin-de-3e.png') });
  await close();
});

// A step's own warnings (the API's `notes`: a closing diploma, a 1re pro listed alone…) are
// shown on the step itself, not only in the folded « Pourquoi ce rang ? », as text: the same
// answer with notes given to its first step, one of them written like markup.
await scenario('notes-etape', async (d) => {
  const { page, close } = await newPage('notes-etape');
  await page.route('**/pathways?*', async (route) => {
    const response = await route.fetch();
    const answer = await response.json();
    answer.pathways[0].steps[1].notes = [
      'Fermeture prévue en 2028 : à vérifier avec l’établissement.',
      '<b>Section</b> à horaires aménagés pour sportifs ou musiciens : admission particulière.',
    ];
    d.withNotes = answer.pathways[0].steps.filter((st) => st.notes?.length).length;
    await route.fulfill({ response, json: answer });
  });
  await page.goto(`${app}#/parcours?from_level=2&to_level=4&departements=12,46`);
  const card = page.locator('article.pathway').first();
  await card.waitFor();
  const step = card.locator('li.step:not(.step-start)').first();
  const notes = step.locator('.step-notes');
  d.visible = await notes.isVisible();
  d.inWhy = await card.locator('details.why .step-notes').count();
  d.label = await notes.locator('.label').innerText();
  d.items = await notes.locator('li').allInnerTexts();
  d.markup = await notes.locator('b').count();
  d.otherSteps = await card.locator('li.step:not(.step-start) .step-notes').count();
  await step.screenshot({ path: join(shots, 'parcours-notes-etape.png') });
  await close();
});

// Parcours by région: chosen by its name (never its code), kept in the link, said by the answer;
// a search with no pathway says its goal in plain French (« à un BTS »).
await scenario('region', async (d) => {
  const { page, close } = await newPage('region');
  await page.goto(`${app}#/parcours`);
  const start = page.getByRole('group', { name: /^Départ/ });
  const territory = page.getByRole('group', { name: 'Territoire' });
  await start.getByLabel('Un niveau').check();
  await page.getByLabel('Niveau du diplôme détenu').selectOption('4');
  await page.getByLabel('Niveau visé (ou plus)').selectOption('5');
  await territory.getByRole('radio', { name: 'Une région' }).check();
  const select = territory.getByLabel('Région', { exact: true });
  await select.locator('option[value="76"]').waitFor({ state: 'attached' });
  d.regionOptions = await select.locator('option').allInnerTexts();
  // none chosen: refused in French, nothing asked
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  d.regionError = await territory.locator('.field-error:visible').innerText();
  expect(!(await page.evaluate(() => window.location.hash)).includes('region='), 'a search without a région was asked');
  await select.selectOption({ label: 'Occitanie' });
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  const summary = page.locator('.results-summary', { hasText: 'région' });
  await summary.waitFor();
  d.summary = await summary.innerText();
  d.hash = await page.evaluate(() => window.location.hash);
  d.cards = await page.locator('article.pathway').count();
  // the région's départements drawn under the pathway on the map (the territory's dashed
  // outlines in the basemap's pane, not the overlay pane: that one holds the other offers'
  // rings, which the first pathway may not have — the BTSA at Rignac since sources25)
  d.territoryOutlines = await page
    .locator('#carte-parcours .leaflet-fond-pane path[stroke-dasharray="6 4"]')
    .first()
    .waitFor()
    .then(() => page.locator('#carte-parcours .leaflet-fond-pane path[stroke-dasharray="6 4"]').count());
  // a shared link fills the form as it was
  const shared = await newPage('region-partage');
  await shared.page.goto(`${app}${d.hash}`);
  await shared.page.locator('.results-summary', { hasText: 'région' }).waitFor();
  const sTerritory = shared.page.getByRole('group', { name: 'Territoire' });
  const sSelect = sTerritory.getByLabel('Région', { exact: true });
  await sSelect.locator('option[value="76"]').waitFor({ state: 'attached' });
  d.sharedForm = {
    region: await sTerritory.getByRole('radio', { name: 'Une région' }).isChecked(),
    value: await sSelect.inputValue(),
    shown: await sSelect.evaluate((s) => s.selectedOptions[0]?.textContent ?? ''),
  };
  await shared.close();
  // no pathway: the goal said with its article
  await page.goto(`${app}#/parcours?from_level=7&to_type=bts&max_steps=1&departements=12,46`);
  await page.locator('.state-empty', { hasText: 'Pourquoi' }).waitFor();
  d.noneReason = await page.locator('.state-empty').innerText();
  await page.goto(`${app}#/parcours?from_level=3&to_level=7&max_steps=1&departements=12,46`);
  await page.locator('.state-empty', { hasText: 'niveau 3 au' }).waitFor();
  d.noneLevelReason = await page.locator('.state-empty').innerText();
  await close();
});

// A goal diploma chosen by name in the form (the start's search), kept in the link, read back.
await scenario('diplome-vise', async (d) => {
  const { page, close } = await newPage('diplome-vise');
  await page.goto(`${app}#/parcours`);
  await page.getByRole('combobox', { name: /Diplôme de départ/ }).fill('realisation produits mecaniques');
  await page.getByRole('option', { name: /réalisation et suivi de production/i }).first().click();
  await page.getByRole('group', { name: 'Objectif' }).getByLabel('Un diplôme précis').check();
  // none chosen: refused in French, nothing asked
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  d.missing = await page.locator('.field-error:visible').first().innerText();
  const to = page.getByRole('combobox', { name: 'Diplôme visé' });
  await to.fill('conception processus production unitaire');
  const option = page.getByRole('option', { name: /option A production unitaire/i }).first();
  await option.waitFor();
  d.option = await option.innerText();
  await option.click();
  await page.getByRole('radio', { name: 'Départements' }).check();
  await page.getByRole('textbox', { name: 'Départements' }).fill('12, 46');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  const summary = page.locator('.results-summary');
  await summary.waitFor();
  d.summary = await summary.innerText();
  d.hash = await page.evaluate(() => window.location.hash);
  d.lastSteps = await page.locator('article.pathway .step:last-child .step-title').allInnerTexts();
  await close();
  // the link alone: the goal shown in the form by its name, the same answer
  const shared = await newPage('diplome-vise-partage');
  await shared.page.goto(`${app}${d.hash}`);
  await shared.page.locator('.results-summary').waitFor();
  const goal = shared.page.getByRole('group', { name: 'Objectif' });
  await expectValue(shared.page.getByRole('combobox', { name: 'Diplôme visé' }), /production unitaire/i);
  d.sharedForm = {
    diploma: await goal.getByLabel('Un diplôme précis').isChecked(),
    shown: await shared.page.getByRole('combobox', { name: 'Diplôme visé' }).inputValue(),
    summary: await shared.page.locator('.results-summary').innerText(),
  };
  await shared.close();
});

/** Waits until a field shows a value matching `re` (a name looked up after the page opened). */
async function expectValue(locator, re) {
  for (let i = 0; i < 50; i += 1) {
    if (re.test(await locator.inputValue())) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`field value ${await locator.inputValue()} does not match ${re}`);
}

// Offers a thin latest file omits (over tests/fixtures/opendata_honest3 only): marked
// « à confirmer », the API's unlisted_note said once per step.
await scenario('a-confirmer', async (d) => {
  const { page, close } = await newPage('a-confirmer');
  await page.goto(`${app}#/parcours?from=50033002&to_type=bac_pro&departements=35`);
  const card = page.locator('article.pathway').first();
  await card.waitFor();
  const step = card.locator('li.step', { has: page.locator('.offer-note') });
  await step.locator('details.others summary').first().click();
  d.badges = await step.locator('.badge', { hasText: 'à confirmer' }).count();
  d.notes = await step.locator('.offer-note').allInnerTexts();
  d.otherCardsNotes = await page.locator('article.pathway').nth(1).locator('.offer-note').count();
  await page.screenshot({ path: join(shots, 'parcours-a-confirmer.png') });
  await page.goto(`${app}#/parcours?from=50033002&to_type=bac_pro&near=35115&radius_km=10&home=35115`);
  await page.locator('.results-summary', { hasText: 'autour' }).waitFor();
  const only = page.locator('article.pathway').first();
  d.chosenNote = await only.locator('.offer-note').innerText();
  d.chosenBadge = await only.locator('li.step:not(.step-start) > div > .offer .badge', { hasText: 'à confirmer' }).isVisible();
  // The CSV of that pathway says it too (its « a_confirmer » column), as the card does.
  const csv = await download(page, () => only.getByRole('button', { name: 'CSV' }).click());
  const [head, ...body] = csvRows(csv.text);
  d.csvNotes = body.map((r) => r[head.indexOf('a_confirmer')]).filter(Boolean);
  await close();
});

// A CFA placed only at its commune's centre (over tests/fixtures/opendata_place only): its
// offer line says « position approximative (centre de la commune) » and « ~2 km », never
// « 0,1 km »; the lycée placed by its position is « près de Nantes ».
await scenario('position-approx', async (d) => {
  const { page, close } = await newPage('position-approx');
  await page.goto(`${app}#/parcours?from=40025520&to=32025520&home=47.2184,-1.5536`);
  const card = page.locator('article.pathway').first();
  await card.waitFor();
  await card.locator('details.others summary').first().click();
  const cfa = card.locator('.offer', { hasText: 'MARTELLO' }).first();
  d.cfaBadge = await cfa.locator('.badge', { hasText: 'position approximative (centre de la commune)' }).count();
  d.cfaFacts = await cfa.locator('.offer-facts').innerText();
  const lycee = card.locator('.offer', { hasText: 'Livet' }).first();
  d.lyceeText = await lycee.innerText();
  d.lyceeBadge = await lycee.locator('.badge', { hasText: 'position approximative' }).count();
  await page.screenshot({ path: join(shots, 'parcours-position-approximative.png') });
  // An establishment the import placed only near a town (`commune_from` 'coordinates': the
  // Lycée Paul Augier is « près de Saint-Laurent-du-Var », tests/integration/
  // test_place_precision.py): the CSV says its commune as the card does. The same answer,
  // its chosen offer of step 1 read as such a place.
  await page.route('**/pathways?*', async (route) => {
    const response = await route.fetch();
    const answer = await response.json();
    const offer = answer.pathways[0].steps[1].offers.find((o) => o.chosen);
    Object.assign(offer, { commune: 'Saint-Laurent-du-Var', commune_from: 'coordinates' });
    await route.fulfill({ response, json: answer });
  });
  await page.goto(`${app}#/parcours?from=40025520&to=32025520&home=47.2184,-1.5536&rang=1`);
  await page.reload();
  const near = page.locator('article.pathway').first();
  await near.locator('.offer', { hasText: 'près de Saint-Laurent-du-Var' }).first().waitFor();
  d.nearCard = await near.locator('li.step:not(.step-start) > div > .offer').first().innerText();
  const csv = await download(page, () => near.getByRole('button', { name: 'CSV' }).click());
  const [head, ...body] = csvRows(csv.text);
  d.nearCsvCommunes = body.map((r) => r[head.indexOf('commune')]);
  await close();
});

// Over tests/fixtures/opendata_map only: Guadeloupe drawn with its outline where its places are
// (an overseas map once showed them on an empty background), and the names of Nantes and its
// communes (Loire-Atlantique) never covering one another, the hidden ones shown on hover.
await scenario('carte-dense-outremer', async (d) => {
  const { page, close, log } = await newPage('carte-dense-outremer');
  const settled = () => page.waitForFunction(() => /affichés?\.|Aucun lieu/.test(document.querySelector('.map-status')?.textContent ?? ''));
  /** The basemap's outlines inside the map frame (at least 40 px wide or high), and how many
   * markers fall in the box of an outline. */
  const outlines = () =>
    page.evaluate(() => {
      const frame = document.querySelector('#carte-acteurs').getBoundingClientRect();
      const paths = [...document.querySelectorAll('#carte-acteurs .leaflet-fond-pane path')].map((p) => p.getBoundingClientRect());
      const inFrame = paths.filter((r) => r.right > frame.left && r.left < frame.right && r.bottom > frame.top && r.top < frame.bottom);
      const icons = [...document.querySelectorAll('#carte-acteurs .pin-wrap, #carte-acteurs .marker-cluster')].map((e) => e.getBoundingClientRect());
      const onOutline = icons.filter((m) => inFrame.some((r) => m.left + m.width / 2 >= r.left && m.left + m.width / 2 <= r.right && m.top + m.height / 2 >= r.top && m.top + m.height / 2 <= r.bottom));
      return { outlines: inFrame.filter((r) => r.width >= 40 || r.height >= 40).length, icons: icons.length, iconsOnOutline: onOutline.length };
    });
  // « Partout », places in the metropole and overseas: metropolitan France whole in the frame
  // at the common screen sizes (it sat cut off at the top edge, zoom-out disabled), a button
  // away from the overseas places.
  for (const [width, height] of [[1280, 900], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.goto(`${app}#/carte`);
    await settled();
    await page.locator('#carte-acteurs .leaflet-fond-pane path').first().waitFor();
    await page.waitForTimeout(300);
    d[`partout${width}`] = await page.evaluate(() => {
      const f = document.querySelector('#carte-acteurs').getBoundingClientRect();
      const rs = [...document.querySelectorAll('#carte-acteurs .leaflet-fond-pane path.fond-metropole')].map((p) => p.getBoundingClientRect());
      const box = rs.length
        ? { left: Math.min(...rs.map((r) => r.left)), top: Math.min(...rs.map((r) => r.top)), right: Math.max(...rs.map((r) => r.right)), bottom: Math.max(...rs.map((r) => r.bottom)) }
        : null;
      return {
        paths: rs.length,
        inside: Boolean(box) && box.left >= f.left && box.top >= f.top && box.right <= f.right && box.bottom <= f.bottom,
        // the metropole fills the frame in one direction rather than a corner of it
        fill: box ? Math.max((box.right - box.left) / f.width, (box.bottom - box.top) / f.height) : 0,
        zoomOut: !document.querySelector('#carte-acteurs .leaflet-control-zoom-out')?.classList.contains('leaflet-disabled'),
        overseas: [...document.querySelectorAll('.map-overseas button')].map((b) => b.textContent),
      };
    });
  }
  await page.locator('.map-overseas button', { hasText: 'Guadeloupe' }).click();
  await page.waitForTimeout(800);
  d.guadeloupeButton = await outlines();
  await page.setViewportSize(DESKTOP);
  await page.goto(`${app}#/carte?departements=971`);
  await settled();
  await page.locator('#carte-acteurs .leaflet-marker-icon').first().waitFor();
  await page.waitForTimeout(300);
  d.statusGuadeloupe = await page.locator('.map-status').innerText();
  Object.assign(d, { guadeloupe: await outlines() });
  d.noOutlineNotice = await page.locator('.map-no-outline').count();
  await page.locator('.map-box').screenshot({ path: join(shots, 'carte-guadeloupe.png') });
  // Without the overseas outlines (their file unavailable), the page says the places lie on
  // an empty background rather than leaving them unexplained.
  const { page: bare, close: closeBare } = await newPage('carte-dense-outremer-sans-contour');
  await bare.route('**/geo/outre-mer.geo.json', (r) => r.abort());
  await bare.goto(`${app}#/carte?departements=971`);
  await bare.locator('.map-no-outline').waitFor();
  d.noOutlineText = await bare.locator('.map-no-outline').innerText();
  await closeBare();
  // A territory with no place: framed on its outline, not on the whole of France.
  await page.goto(`${app}#/carte?departements=986`);
  await page.waitForFunction(() => /Aucun lieu/.test(document.querySelector('.map-status')?.textContent ?? ''));
  await page.waitForTimeout(500);
  Object.assign(d, { wallis: await outlines() });

  // Loire-Atlantique: every name laid out, the visible ones apart, the same ones at each visit.
  const labels = () =>
    page.evaluate(() => {
      const frame = document.querySelector('#carte-acteurs').getBoundingClientRect();
      const all = [...document.querySelectorAll('#carte-acteurs .town-label, #carte-acteurs .pref-label')];
      // (a name faded out while the markers move, map--labels-settling, is not shown)
      const shown = all.filter((e) => getComputedStyle(e).visibility === 'visible' && Number(getComputedStyle(e).opacity) > 0);
      const inside = shown.filter((e) => {
        const r = e.getBoundingClientRect();
        return r.right > frame.left && r.left < frame.right && r.bottom > frame.top && r.top < frame.bottom;
      });
      const boxes = inside.map((e) => e.getBoundingClientRect());
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
        }
      const towns = [...document.querySelectorAll('#carte-acteurs .town-label')];
      // a name drawn under a marker (a pin, a group's disc) cannot be read (La Réunion:
      // « Saint-Denis » under its group of 21 places)
      // (a group's whole bubble, its halo included: a name touching it read as the group's;
      // a préfecture's name too, hidden rather than under the markers since ui25)
      const markers = [...document.querySelectorAll('#carte-acteurs .leaflet-marker-pane .leaflet-marker-icon')]
        .map((e) => (e.classList.contains('marker-cluster') ? e : (e.firstElementChild ?? e)).getBoundingClientRect())
        .filter((r) => r.width && r.height);
      // (a name shown while its place or group is hovered, label--peek, is meant to be seen there)
      const underMarkers = inside
        .filter((e) => (e.classList.contains('town-label') || e.classList.contains('pref-label')) && !e.classList.contains('label--peek'))
        .filter((e) => {
          const a = e.getBoundingClientRect();
          return markers.some((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom);
        })
        .map((e) => e.dataset.label ?? e.textContent);
      return {
        underMarkers,
        towns: towns.length,
        hiddenTowns: towns.filter((e) => getComputedStyle(e).visibility !== 'visible').length,
        inFrame: boxes.length,
        overlaps,
        shown: inside.map((e) => e.dataset.label ?? '').sort(),
        hidden: towns.filter((e) => getComputedStyle(e).visibility !== 'visible').map((e) => e.dataset.label ?? '').sort(),
      };
    });
  // the names once laid out for good: the page may lay them out again when the territory's
  // sector list arrives after the places (read until two reads 400 ms apart agree, up to 15 s)
  const steadyLabels = async () => {
    let last = await labels();
    for (let i = 0; i < 37; i++) {
      await page.waitForTimeout(400);
      const now = await labels();
      if (JSON.stringify(now.shown) === JSON.stringify(last.shown)) return now;
      last = now;
    }
    return last;
  };
  await page.goto(`${app}#/carte?departements=44`);
  await settled();
  await page.locator('#carte-acteurs .town-label').first().waitFor();
  await page.waitForTimeout(500);
  d.nantes = await steadyLabels();
  await page.reload();
  await settled();
  await page.locator('#carte-acteurs .town-label').first().waitFor();
  await page.waitForTimeout(500);
  d.nantesAgain = await steadyLabels();
  await page.locator('.map-box').screenshot({ path: join(shots, 'carte-nantes.png') });
  // A hidden name shows while a place of its town, or a group holding one, is hovered; the
  // group says in words which towns it gathers.
  const frame = await page.locator('#carte-acteurs').boundingBox();
  for (const kind of ['marker', 'cluster']) {
    const target = await page.evaluate((kind) => {
      const f = document.querySelector('#carte-acteurs').getBoundingClientRect();
      for (const icon of document.querySelectorAll(`#carte-acteurs .leaflet-marker-icon${kind === 'cluster' ? '.marker-cluster' : '[data-town]'}`)) {
        const keys = (icon.dataset.town ?? icon.querySelector('[data-towns]')?.dataset.towns ?? '').split('\n');
        const r = icon.getBoundingClientRect();
        if (r.left < f.left + 60 || r.right > f.right - 20 || r.top < f.top + 80 || r.bottom > f.bottom - 30) continue;
        for (const key of keys) {
          const label = document.querySelector(`#carte-acteurs .leaflet-tooltip[data-label="${CSS.escape(key)}"]`);
          if (label && getComputedStyle(label).visibility === 'hidden') {
            icon.dataset.e2eTarget = kind;
            return { key, title: icon.querySelector('[title]')?.getAttribute('title') ?? icon.getAttribute('title') ?? '' };
          }
        }
      }
      return null;
    }, kind);
    // names make way for the markers (basemap.ts): a single place's name may have found room
    if (!target && kind === 'marker') {
      d.peek_marker = null;
      continue;
    }
    expect(target, `no ${kind} of a hidden name in the frame`);
    const hiddenLabel = page.locator(`#carte-acteurs .leaflet-tooltip[data-label="${target.key}"]`);
    await page.locator(`#carte-acteurs [data-e2e-target="${kind}"]`).hover();
    const hovered = await hiddenLabel.evaluate((e) => getComputedStyle(e).visibility);
    await page.mouse.move(frame.x + 5, frame.y + frame.height - 5);
    const after = await hiddenLabel.evaluate((e) => getComputedStyle(e).visibility);
    d[`peek_${kind}`] = { ...target, hovered, after };
  }
  // The place of a dense town in focus (Nantes: its group of places at zoom 12): shown apart
  // from the groups, its card open (it stayed inside its group, the card never opened).
  const dense = await page.evaluate(async (base) => {
    const fc = await (await fetch(`${base}/map.geojson?departements=44`)).json();
    const pts = fc.features.filter((f) => f.properties.feature === 'actor');
    const near = (a, b) => Math.abs(a.geometry.coordinates[0] - b.geometry.coordinates[0]) < 0.01 && Math.abs(a.geometry.coordinates[1] - b.geometry.coordinates[1]) < 0.007;
    // the place with the most others within about 700 m, none at its very position
    const ranked = pts
      .filter((f) => !pts.some((g) => g !== f && g.geometry.coordinates.join() === f.geometry.coordinates.join()))
      .map((f) => ({ f, n: pts.filter((g) => g !== f && near(f, g)).length }))
      .sort((a, b) => b.n - a.n);
    return { key: `actor:${ranked[0].f.properties.id}`, name: ranked[0].f.properties.name, neighbours: ranked[0].n };
  }, base);
  await page.goto('about:blank');
  await page.goto(`${app}#/carte?focus=${encodeURIComponent(dense.key)}`);
  await page.waitForFunction(() => /mis en évidence\.|Aucun lieu/.test(document.querySelector('.map-status')?.textContent ?? ''));
  const densePopup = await page
    .locator('#carte-acteurs .leaflet-popup-content .popup-title')
    .first()
    .innerText({ timeout: 8000 })
    .catch(() => null);
  d.denseFocus = { ...dense, popup: densePopup, groups: await page.locator('#carte-acteurs .marker-cluster').count() };
  await page.locator('.map-box').screenshot({ path: join(shots, 'carte-nantes-focus.png') });
  await page.goto(`${app}#/carte?departements=44`);
  await settled();
  await page.locator('#carte-acteurs .town-label').first().waitFor();
  await page.waitForTimeout(500);
  // Closer in (the wheel over Nantes), the names still apart.
  for (let step = 0; step < 3; step++) {
    const nantes = await page.locator('#carte-acteurs .leaflet-tooltip[data-label^="pref:Nantes|"]').boundingBox();
    await page.mouse.move(nantes.x, nantes.y);
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(300); // the wheel's debounce, then the zoom's animation to its end
    await page.waitForFunction(() => !document.querySelector('#carte-acteurs.leaflet-zoom-anim'));
    await page.waitForTimeout(500); // the names laid out after the zoom
    d[`zoomed${step}`] = await labels();
  }
  d.errors = log.errors;
  await close();
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
  // the basemap is fetched apart from the places: under load it may come after the markers
  await page
    .waitForFunction(() => document.querySelectorAll('#carte-acteurs .leaflet-fond-pane path').length >= 90, null, { timeout: 15000 })
    .catch(() => {});
  d.basemapPaths = await map.locator('.leaflet-fond-pane path').count();
  expect(d.basemapPaths >= 90, 'offline basemap not drawn');
  // the neighbouring countries' land, in grey under the départements (not the sea's blue)
  await page
    .waitForFunction(() => document.querySelectorAll('#carte-acteurs .leaflet-voisins-pane path').length >= 20, null, { timeout: 15000 })
    .catch(() => {});
  d.voisins = await page.evaluate(() => {
    const pane = (name) => document.querySelector(`#carte-acteurs .leaflet-${name}-pane`);
    const path = pane('voisins')?.querySelector('path');
    return {
      paths: pane('voisins')?.querySelectorAll('path').length ?? 0,
      under: Number(getComputedStyle(pane('voisins')).zIndex) < Number(getComputedStyle(pane('fond')).zIndex),
      fill: path ? getComputedStyle(path).fill : null,
      sea: getComputedStyle(document.querySelector('#carte-acteurs')).backgroundColor,
    };
  });
  expect(d.voisins.paths >= 20 && d.voisins.under, `neighbouring countries not drawn under the départements: ${JSON.stringify(d.voisins)}`);
  expect(d.voisins.fill !== d.voisins.sea, 'the neighbouring countries have the colour of the sea');
  expect(d.clusters >= 1, 'dense points are not clustered');
  const total = Number(/(\d+) lieux/.exec(d.statusAll)?.[1] ?? 0);
  // No document gives a company's commune: none is placed, and the legend says so.
  d.companiesLegend = await page.locator('.map-filters label', { hasText: 'Entreprises' }).first().innerText();
  // Without the neighbours' file, the map is drawn as before.
  {
    const { page: bare, close: closeBare } = await newPage('carte-sans-voisins');
    await bare.route('**/geo/voisins.topo.json', (r) => r.abort());
    await bare.goto(`${app}#/carte`);
    await bare.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
    await bare
      .waitForFunction(() => document.querySelectorAll('#carte-acteurs .leaflet-fond-pane path').length >= 90, null, { timeout: 15000 })
      .catch(() => {});
    d.withoutVoisins = { basemapPaths: await bare.locator('#carte-acteurs .leaflet-fond-pane path').count(), voisins: await bare.locator('#carte-acteurs .leaflet-voisins-pane path').count() };
    expect(d.withoutVoisins.basemapPaths >= 90 && d.withoutVoisins.voisins === 0, `without the neighbours' file: ${JSON.stringify(d.withoutVoisins)}`);
    await closeBare();
  }
  expect(total >= 30, `expected the seed actors on the map, got ${total}`);
  // Préfectures: with the département's name under each at zoom 7; zoomed out to the whole
  // of France, the régional chefs-lieux only, none of them overlapping.
  // (Cahors's name, where its lycées' markers surround its dot, is hidden rather than drawn
  // under them since ui25: it shows while a place of Cahors, or a group holding one, is hovered)
  const cahors = map.locator('.pref-label', { hasText: 'Cahors' }).first();
  await cahors.waitFor({ state: 'attached' });
  d.cahorsHidden = !(await cahors.isVisible());
  if (d.cahorsHidden) {
    await map.locator('.leaflet-marker-icon[data-town="town:Cahors|46"], .leaflet-marker-icon:has([data-towns*="town:Cahors|46"])').first().hover();
    await cahors.waitFor();
  }
  d.prefDeptName = await cahors.innerText();
  await page.mouse.move(0, 0);
  await page.locator('#carte-acteurs .leaflet-control-zoom-out').click();
  await page.locator('#carte-acteurs .leaflet-control-zoom-out').click();
  // the zoom over (no animation scaling the names) and the names decluttered (the frame after it)
  await page.waitForFunction(() => document.querySelectorAll('#carte-acteurs .pref-label').length < 30 && !document.querySelector('#carte-acteurs.leaflet-zoom-anim'));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  d.prefsFrance = await map.locator('.pref-label').allInnerTexts();
  expect(!d.prefsFrance.includes('Rodez'), 'every préfecture named at the scale of France');
  d.prefOverlaps = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('#carte-acteurs .pref-label')].map((e) => e.getBoundingClientRect());
    let n = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
      }
    return n;
  });
  await page.getByRole('radio', { name: 'Un campus' }).check();
  await page.getByLabel('Campus', { exact: true }).selectOption('mecanic-vallee');
  await page.getByLabel('Niveau de formation proposé').selectOption('5');
  await page.waitForFunction((t) => {
    const s = document.querySelector('.map-status')?.textContent ?? '';
    return /lieux? affichés?/.test(s) && !s.includes(`${t} lieux`);
  }, total);
  d.statusFiltered = await status.innerText();
  // The sector filter: clean names, each once, filières apart from the job families.
  d.sectorOptions = await page.locator('select[name="sector"] option').allInnerTexts();
  d.sectorGroups = await page.locator('select[name="sector"] optgroup').evaluateAll((gs) => gs.map((g) => g.label));
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
  // Départements like every other page: the territory fieldset, checked before any request.
  await page.getByRole('radio', { name: 'Départements' }).check();
  await page.getByRole('textbox', { name: 'Départements' }).fill('99');
  await page.getByRole('textbox', { name: 'Départements' }).press('Enter');
  d.badDepartement = await page.locator('#carte-departements-erreur').innerText();
  expect(/ne sont pas des départements/.test(d.badDepartement), 'an invalid département is not refused');
  await page.getByRole('textbox', { name: 'Départements' }).fill('46');
  await page.getByRole('textbox', { name: 'Départements' }).press('Enter');
  await page.waitForFunction(() => window.location.hash.includes('departements=46'));
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.statusLot = await page.locator('.map-status').innerText();
  d.rowsLot = await page.locator('.point-list tbody tr td:nth-child(3)').allInnerTexts();
  expect(d.rowsLot.length > 0 && d.rowsLot.every((t) => /\(46\)/.test(t)), `not only the Lot: ${d.rowsLot.slice(0, 5).join(' | ')}`);
  await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
  await page.waitForFunction((t) => (document.querySelector('.map-status')?.textContent ?? '').startsWith(`${t} lieux`), total);
  d.statusAfterReset = await status.innerText();
  // A région, as on the Parcours page: chosen in the form, kept in the URL, read back from it.
  await page.getByRole('radio', { name: 'Une région' }).check();
  await page.locator('#carte-region option[value="76"]').waitFor({ state: 'attached' });
  await page.locator('#carte-region').selectOption('76');
  await page.waitForFunction(() => window.location.hash.includes('region=76'));
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.statusRegion = await status.innerText();
  await page.goto(`${app}#/carte?region=84`);
  await page.waitForFunction(() => /lieux? affichés?|Aucun lieu/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.regionShared = { checked: await page.getByRole('radio', { name: 'Une région' }).isChecked(), value: await page.locator('#carte-region').inputValue(), status: await status.innerText() };
  // Deep link to one actor: its marker is highlighted and its popup open.
  await page.goto(`${app}#/carte?focus=actor:lycee-la-decouverte-decazeville`);
  await page.locator('.leaflet-popup-content').getByText('La Découverte').first().waitFor();
  // Town names where the markers are, under the markers.
  await page.locator('#carte-acteurs .town-label', { hasText: 'Decazeville' }).first().waitFor();
  d.towns = await page.locator('#carte-acteurs .town-label').allInnerTexts();
  // Closer in, every préfecture (Rodez, Cahors), the other towns from the markers' communes.
  d.prefsNear = await page.locator('#carte-acteurs .pref-label').allInnerTexts();
  d.labelsUnderMarkers = await page.evaluate(() => {
    const m = document.querySelector('#carte-acteurs .leaflet-marker-pane');
    const l = document.querySelector('#carte-acteurs .leaflet-etiquettes-pane');
    return Number(getComputedStyle(l).zIndex) < Number(getComputedStyle(m).zIndex);
  });
  expect(d.labelsUnderMarkers, 'the names are drawn over the markers');
  // An establishment only Parcoursup places (a position, no commune): its commune is deduced
  await page.goto(`${app}#/carte?focus=actor:uai-0121516h`);
  const deduced = page.locator('.leaflet-popup-content', { hasText: /SPE FORMATION/i }).first();
  await deduced.waitFor();
  d.deducedPopup = await deduced.innerText();
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
  // Legible labels: none covering another label or a node; most nodes named
  await page.waitForFunction(() => document.querySelector('#graphe')?.dataset.labels);
  d.labels = await page.locator('#graphe').getAttribute('data-labels');
  d.labelOverlaps = Number(await page.locator('#graphe').getAttribute('data-label-overlaps'));
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
  // The campus core first: diplomas and passerelles on demand.
  d.statusCore = d.status;
  await page.getByRole('checkbox', { name: 'Diplômes et passerelles' }).check();
  await page.waitForFunction((s) => document.querySelector('.map-status')?.textContent !== s, d.status);
  d.statusWithDiplomas = await page.locator('.map-status').innerText();
  const count = (t) => Number(/(\d+) nœuds/.exec(t)?.[1] ?? 0);
  expect(count(d.statusWithDiplomas) > count(d.statusCore), `diplomas did not add nodes (${d.statusCore} → ${d.statusWithDiplomas})`);
  await page.getByRole('checkbox', { name: 'Diplômes et passerelles' }).uncheck();
  // A campus of few members: the status says how many actors « Partenaires hors campus » adds
  // (Auto-mobilités showed « 3 nœuds et 3 liens affichés » and nothing else).
  const before = await page.locator('.map-status').innerText();
  await page.goto(`${app}#/reseau?campus=auto-mobilites`);
  await page.waitForFunction((b) => {
    const t = document.querySelector('.map-status')?.textContent ?? '';
    return t.trim() !== b.trim() && /nœuds? et \d+ liens? affichés/.test(t);
  }, before);
  d.statusFewMembers = await page.locator('.map-status').innerText();
  await page.getByRole('checkbox', { name: 'Partenaires hors campus' }).check();
  await page.waitForFunction((s) => document.querySelector('.map-status')?.textContent !== s, d.statusFewMembers);
  d.statusWithOutside = await page.locator('.map-status').innerText();
  await page.goto(`${app}#/reseau?campus=mecanic-vallee`);
  await page.waitForFunction(() => /nœuds et \d+ liens/.test(document.querySelector('.map-status')?.textContent ?? ''));
  // Search by any words in any order, accents ignored.
  await search.fill('figeac iut');
  await page.getByRole('option', { name: /^IUT de Figeac/ }).first().click();
  await page.waitForFunction(() => document.querySelector('#panneau-titre')?.textContent?.startsWith('IUT de Figeac'));
  d.searchWords = await page.locator('#panneau-titre').innerText();
  // Link directions read from the selected node: a diploma is « Proposé par » its schools.
  await page.goto(`${app}#/reseau?campus=mecanic-vallee&select=diploma:40025014`);
  await page.reload();
  await page.locator('.side-panel .links h4').first().waitFor();
  d.diplomaHeadings = await page.locator('.side-panel .links h4').allInnerTexts();
  expect(d.diplomaHeadings.some((t) => t.startsWith('Proposé par')), `diploma link headings: ${d.diplomaHeadings.join(' | ')}`);
  // « D'où viennent-ils ? » on a diploma's panel: the feeders offered in the campus.
  await page.goto(`${app}#/reseau?campus=mecanic-vallee&select=diploma:32022316`);
  await page.reload();
  const feeders = page.locator('.side-panel details.feeders');
  await feeders.locator('li').first().waitFor();
  d.feeders = await feeders.locator('li').count();
  d.firstFeeder = (await feeders.locator('li').first().innerText()).slice(0, 200);
  expect(d.feeders >= 1 && /Bac pro/.test(d.firstFeeder), `feeders: ${d.firstFeeder}`);
  // the direct entrants first, under their heading; a 2de commune only under « Étapes antérieures »
  d.feederHeadings = await feeders.locator('h4').allInnerTexts();
  expect(d.feederHeadings[0] === 'Entrées directes', `feeder headings: ${d.feederHeadings.join(' | ')}`);
  d.directCommon = await feeders.locator('ol:not(.earlier) li', { hasText: '2de commune' }).count();
  expect(d.directCommon === 0, `a 2de commune among the direct entrants: ${d.directCommon}`);
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
  // The counts are the sections' totals (the report details the first ten of each).
  d.apiTotals = await page.evaluate(async () => {
    const r = await (await fetch('/gaps?campus=mecanic-vallee')).json();
    return Object.fromEntries(r.sections.map((s) => [s.id, [s.total, s.findings.length]]));
  });
  d.headingCounts = Object.fromEntries(
    await page.locator('section.gap-section').evaluateAll((els) => els.map((e) => [e.id.replace('rubrique-', ''), Number(/\((\d+)\)/.exec(e.querySelector('h2').textContent)?.[1])])),
  );
  const big = Object.entries(d.apiTotals).find(([, [total, shown]]) => total > shown && total <= 500)?.[0];
  expect(big, `no section with more findings than shown: ${JSON.stringify(d.apiTotals)}`);
  d.bigSection = big;
  d.bigNote = await page.locator(`#rubrique-${big} .shown-note`).innerText();
  await page.locator(`#rubrique-${big}`).getByRole('button', { name: /^Afficher les \d+ constats$/ }).click();
  await page.locator(`#rubrique-${big} button:not([aria-busy])`, { hasText: 'N’afficher que' }).waitFor();
  d.bigRows = await page.locator(`#rubrique-${big} table.findings tbody tr`).count();
  d.matrixRows = await page.locator('table.matrix tbody tr').count();
  // Plain French: one sentence per section, measures in words, figures with their date and source.
  d.leads = await page.locator('section.gap-section .section-lead').count();
  d.manquesText = await page.locator('.report').innerText();
  expect(d.leads === 6, `sections explained: ${d.leads}`);
  for (const jargon of ['allocation de ressources', 'intermédiarité', 'indice ', 'dernière période']) {
    expect(!d.manquesText.includes(jargon), `jargon on the Manques page: ${jargon}`);
  }
  d.demandCaption = await page.locator('#rubrique-unmet_demand figcaption').innerText();
  expect(/\d{4}/.test(d.demandCaption) && /source :/.test(d.demandCaption), `demand figures without date or source: ${d.demandCaption}`);
  d.partnershipMeasure = await page.locator('#rubrique-suggested_partnerships .measure').first().innerText();
  expect(/^Lien suggéré : ces deux acteurs partagent/.test(d.partnershipMeasure), d.partnershipMeasure);
  d.measureTooltip = await page.locator('#rubrique-suggested_partnerships .measure').first().getAttribute('title');
  expect(d.matrixRows >= 1, 'no continuum matrix');
  const csv = await download(page, () => page.locator('a[data-csv="continuum_breaks"]').click());
  d.csvName = csv.name;
  d.csvLines = csv.text.trim().split(/\r?\n/).length;
  expect(/^\uFEFF?constat;gravité;pourquoi;éléments concernés;mesures;sources\r?\n/.test(csv.text), `unexpected CSV header: ${csv.text.slice(0, 60)}`);
  expect(d.csvLines >= 2, 'empty CSV');
  expect(!/;(high|medium|low);|[{[]"/.test(csv.text), `CSV cells not in French: ${csv.text.slice(0, 300)}`);
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
  // The « Filière » list is the territory's: the campus's filières, then the fields of training
  // offered there; another campus's list has none of the Mecanic Vallée's filières.
  await page.goto(`${app}#/manques?campus=mecanic-vallee`);
  await page.getByRole('heading', { name: 'Synthèse' }).waitFor({ timeout: 30_000 });
  const sectorSel = page.locator('#manques-secteur');
  await page.waitForFunction(() => document.querySelectorAll('#manques-secteur optgroup').length >= 2);
  d.sectorGroups = await sectorSel.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
  d.sectorOptions = await sectorSel.locator('option').evaluateAll((els) => els.map((e) => e.textContent));
  await page.getByLabel('Campus', { exact: true }).selectOption('campus-entreprises-clermont');
  await page.waitForFunction(() => ![...document.querySelectorAll('#manques-secteur option')].some((o) => o.textContent?.startsWith('Mécatronique')));
  d.otherCampusOptions = await sectorSel.locator('option').evaluateAll((els) => els.map((e) => e.textContent));
  // A field of training asked: the summary names it, the continuum is titled by it.
  await page.getByLabel('Campus', { exact: true }).selectOption('mecanic-vallee');
  await page.waitForFunction(() => [...document.querySelectorAll('#manques-secteur option')].some((o) => o.textContent?.startsWith('Mécatronique')));
  const field = await sectorSel.locator('optgroup[label="Domaines de formation proposés sur le territoire"] option').first();
  d.fieldValue = await field.getAttribute('value');
  d.fieldText = await field.innerText();
  await sectorSel.selectOption(d.fieldValue);
  await page.getByRole('button', { name: 'Afficher le rapport' }).click();
  await page.waitForFunction(() => /Filière :/.test(document.querySelector('.gap-summary p')?.textContent ?? ''));
  d.fieldSummary = await page.locator('.gap-summary p').first().innerText();
  d.fieldContinuum = await page.locator('#rubrique-continuum_breaks').innerText();
  d.fieldHash = await page.evaluate(() => window.location.hash);
  // Another campus's filière in the Puy-de-Dôme, read from public links only: a level they do
  // not reach is « à vérifier » in the matrix, never « absent » (continuum levels_unlinked).
  await page.goto(`${app}#/manques?departements=63&sector=soudeurs`);
  await page.waitForFunction(() => document.querySelector('table.matrix tbody tr th')?.textContent === 'Soudeurs', null, { timeout: 30_000 });
  d.foreignCells = await page.locator('table.matrix tbody tr td .lv-text').allInnerTexts();
  // A région, as on the Parcours page: chosen in the form, kept in the URL, read back from it.
  await page.goto(`${app}#/manques?campus=mecanic-vallee`);
  await page.getByRole('heading', { name: 'Synthèse' }).waitFor({ timeout: 30_000 });
  await page.getByRole('radio', { name: 'Une région' }).check();
  await page.locator('#manques-region option[value="76"]').waitFor({ state: 'attached' });
  await page.locator('#manques-region').selectOption('76');
  await page.getByRole('button', { name: 'Afficher le rapport' }).click();
  await page.waitForFunction(() => window.location.hash.includes('region=76'));
  await page.waitForFunction(() => /Occitanie/.test(document.querySelector('.gap-summary p')?.textContent ?? ''), null, { timeout: 30_000 });
  d.regionSummary = await page.locator('.gap-summary p').first().innerText();
  d.regionHash = await page.evaluate(() => window.location.hash);
  await page.reload();
  await page.waitForFunction(() => /Occitanie/.test(document.querySelector('.gap-summary p')?.textContent ?? ''), null, { timeout: 30_000 });
  d.regionShared = { checked: await page.getByRole('radio', { name: 'Une région' }).isChecked(), value: await page.locator('#manques-region').inputValue() };
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

// ---- 5b. Carte on a phone (390 px) with the list of places open: nothing wider than the screen ----
/** How far the page scrolls sideways, and the visible elements whose right edge passes the viewport
 * (inside a box that scrolls sideways itself, such as .table-wrap, an element may pass it). */
async function sideways(page) {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const scrolls = (e) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden') && p.getBoundingClientRect().right <= w + 1) return true;
      }
      return false;
    };
    const past = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
      if (r.right > w + 1 && !scrolls(e)) {
        past.push(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''} → ${Math.round(r.right)}`);
      }
    }
    return { scroll: document.documentElement.scrollWidth - w, past: past.slice(0, 12), pastCount: past.length };
  });
}

/** The boxes of the page that may scroll on their own (overflow: auto or scroll) and do, or are
 * tab stops: each with whether it scrolls, is a tab stop (tabindex="0"), its role and name. */
async function scrollBoxes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')].flatMap((e) => {
      const s = getComputedStyle(e);
      const x = /auto|scroll/.test(s.overflowX);
      const y = /auto|scroll/.test(s.overflowY);
      const scrolls = (x && e.scrollWidth > e.clientWidth + 1) || (y && e.scrollHeight > e.clientHeight + 1);
      const tabStop = e.getAttribute('tabindex') === '0';
      if (!(x || y) || !(scrolls || tabStop)) return [];
      const by = e.getAttribute('aria-labelledby');
      const name = e.getAttribute('aria-label') ?? (by ? document.getElementById(by)?.textContent ?? '' : '');
      return [{ box: `${e.tagName.toLowerCase()}.${String(e.className).trim().split(/\s+/).join('.')}`, scrolls, tabStop, role: e.getAttribute('role') ?? e.tagName.toLowerCase(), name }];
    }),
  );
}

await scenario('carte-telephone', async (d) => {
  // 660 px: a tablet's window where the table of places is wider than the screen
  for (const width of [390, 320, 660, 768, 1280]) {
    const { page, close } = await newPage('carte-telephone', { width, height: 844 });
    await page.goto(`${app}#/carte?departements=12,46`);
    await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
    d[`closed${width}`] = await sideways(page);
    await page.locator('details.point-list > summary').click();
    await page.locator('details.point-list tbody tr').nth(5).waitFor();
    // the filters and legend, closed by default under 60rem: their fields must fit too
    if (!(await page.locator('details.filters-box').evaluate((e) => e.open))) await page.locator('details.filters-box > summary').click();
    await page.locator('#carte-departements').waitFor();
    d[`rows${width}`] = await page.locator('details.point-list tbody tr').count();
    d[`open${width}`] = await sideways(page);
    d[`filters${width}`] = await page.locator('.map-filters').evaluate((e) => Math.round(e.getBoundingClientRect().width));
    d[`map${width}`] = await page.locator('#carte-acteurs').evaluate((e) => Math.round(e.getBoundingClientRect().width));
    // A box that scrolls on its own is a named tab stop that the arrow keys scroll (WCAG 2.1.1;
    // WAI-ARIA: a focusable region), and a box that does not scroll is no tab stop.
    d[`scrollers${width}`] = await scrollBoxes(page);
    if (width === 660) {
      await page.locator('details.point-list > summary').focus();
      await page.keyboard.press('Tab');
      d.tabbed = await page.evaluate(() => ({ role: document.activeElement.getAttribute('role'), name: document.activeElement.getAttribute('aria-label') }));
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      // the browser scrolls smoothly: wait for it (a loaded machine takes its time)
      await page.waitForFunction(() => document.querySelector('details.point-list .table-wrap').scrollLeft > 0, null, { timeout: 5_000 }).catch(() => undefined);
      d.scrolledBy = await page.locator('details.point-list .table-wrap').evaluate((e) => e.scrollLeft);
    }
    if (width === 390) {
      await page.screenshot({ path: join(shots, 'carte-telephone-liste.png') });
      await page.locator('details.point-list').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, 'carte-telephone-liste-tableau.png') });
    }
    await close();
    for (const k of [`closed${width}`, `open${width}`]) {
      expect(d[k].scroll <= 0, `${k}: the page scrolls sideways by ${d[k].scroll} px at ${width} px`);
      expect(d[k].pastCount === 0, `${k}: ${d[k].pastCount} elements pass the right edge at ${width} px: ${d[k].past.join(', ')}`);
    }
    expect(d[`filters${width}`] <= width && d[`map${width}`] <= width, `filters ${d[`filters${width}`]} px, map ${d[`map${width}`]} px at ${width} px`);
    const wrong = d[`scrollers${width}`].filter((b) => b.scrolls !== b.tabStop || !b.name);
    expect(wrong.length === 0, `boxes that scroll without being a named tab stop, or the reverse, at ${width} px: ${JSON.stringify(wrong)}`);
  }
  expect(d.scrollers660.some((b) => b.scrolls && b.box === 'div.table-wrap'), `the list of places does not scroll at 660 px: ${JSON.stringify(d.scrollers660)}`);
  expect(d.tabbed.role === 'region' && d.tabbed.name === 'Acteurs et plateformes affichés sur la carte', `Tab after the list's summary goes to ${JSON.stringify(d.tabbed)}`);
  expect(d.scrolledBy > 0, 'the arrow keys do not scroll the list of places');
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
  expect(d.combobox.toLowerCase().includes('réalisation'), 'keyboard selection in the combobox failed');
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

// ---- 6b. Automated accessibility audit (axe-core: WCAG 2.2 A and AA rules, best practices), on a ----
// ---- desktop and on a phone -------------------------------------------------------------------------
await scenario('accessibilite', async (d) => {
  // axe-core is injected as an inline script, which the server's CSP forbids (as it should).
  const { page, close } = await newPage('accessibilite', DESKTOP, { bypassCSP: true });
  const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
  const pages = [
    ['parcours', '#/parcours?from=40025014&to_level=7&departements=12,46', 'article.pathway'],
    ['carte', '#/carte?campus=mecanic-vallee', '#carte-acteurs .leaflet-marker-icon'],
    // a place put forward: its group of Figeac spread out (spiderfied), its popup open
    ['carteFocus', '#/carte?campus=mecanic-vallee&focus=actor:lycee-champollion-figeac', '#carte-acteurs .leaflet-popup'],
    ['reseau', '#/reseau?campus=mecanic-vallee&select=actor:lycee-champollion-figeac', '.side-panel .links'],
    ['manques', '#/manques?campus=mecanic-vallee', 'section.gap-section'],
    ['accessibilite', '#/accessibilite', 'h1'],
    ['donnees', '#/donnees', 'table'],
  ];
  const audit = async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, sample: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  };
  const all = [];
  for (const [name, hash, ready] of pages) {
    await page.goto(`${app}${hash}`);
    await page.reload();
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(audit);
    d[name] = violations;
    all.push(...violations.map((v) => `${name}: ${v.id} (${v.impact}, ${v.nodes}) ${v.sample.join(' | ')}`));
    // the same page on a phone: tables wider than the screen scroll in their box there
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    const narrow = await page.evaluate(audit);
    d[`${name}Phone`] = narrow;
    all.push(...narrow.map((v) => `${name} (téléphone): ${v.id} (${v.impact}, ${v.nodes}) ${v.sample.join(' | ')}`));
    await page.setViewportSize(DESKTOP);
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
  // the tiles draw the neighbouring countries: no grey land over them
  d.voisinsWithTiles = await page.locator('#carte-acteurs .leaflet-voisins-pane path').count();
  d.stored = await page.evaluate(() => localStorage.getItem('cmq.tileUrl'));
  expect(d.stored === 'https://tuiles.example.test/{z}/{x}/{y}.png', 'tile URL not stored');
  await page.getByRole('button', { name: 'Paramètres' }).click();
  await page.getByRole('button', { name: 'Revenir au fond hors ligne' }).click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForFunction(() => !document.querySelector('#carte-acteurs .leaflet-tile'));
  d.offlineAgain = await page.evaluate(() => localStorage.getItem('cmq.tileUrl') === null);
  expect(d.offlineAgain, 'could not go back offline');
  await page
    .waitForFunction(() => document.querySelectorAll('#carte-acteurs .leaflet-voisins-pane path').length >= 20, null, { timeout: 15000 })
    .catch(() => {});
  d.voisinsOfflineAgain = await page.locator('#carte-acteurs .leaflet-voisins-pane path').count();
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

// ---- 8b. Pathway cards a counsellor acts on: distances labelled, a selection kept, compared, printed
await scenario('selection', async (d) => {
  const { page, close } = await newPage('selection');
  await page.goto(`${app}#/parcours?from=40025014&to_level=5&campus=mecanic-vallee&home=12089`);
  const cards = page.locator('article.pathway');
  await cards.first().waitFor();
  d.meta = await cards.first().locator('.card-meta').innerText();
  expect(/domicile → 1re étape : /.test(d.meta), `no home distance in: ${d.meta}`);
  await page.goto(`${app}#/parcours?from=40025014&to_level=7&departements=12,46`);
  await page.reload();
  await cards.first().waitFor();
  d.metaLevel7 = await cards.first().locator('.card-meta').innerText();
  expect(/entre étapes : /.test(d.metaLevel7) && !/domicile/.test(d.metaLevel7), `distances not labelled: ${d.metaLevel7}`);
  for (const i of [0, 1, 2]) await cards.nth(i).getByRole('button', { name: 'Garder dans ma sélection' }).click();
  d.stored = await page.evaluate(() => JSON.parse(localStorage.getItem('cmq.selection') ?? '[]').length);
  expect(d.stored === 3, `3 pathways kept, storage has ${d.stored}`);
  expect((await cards.first().getByRole('button', { name: 'Garder dans ma sélection' }).getAttribute('aria-pressed')) === 'true', 'kept button not pressed');
  // Another search: the selection stays.
  await page.goto(`${app}#/parcours?from=40025014&to_level=6&departements=12,46`);
  await page.reload();
  await cards.first().waitFor();
  const panel = page.locator('section.selection');
  await panel.getByRole('heading', { name: 'Ma sélection (3)' }).waitFor();
  await panel.getByRole('checkbox', { name: /^Comparer/ }).nth(0).check();
  await panel.getByRole('checkbox', { name: /^Comparer/ }).nth(1).check();
  await panel.getByRole('button', { name: 'Comparer les parcours cochés' }).click();
  const table = panel.locator('table.compare');
  await table.waitFor();
  d.compareColumns = await table.locator('thead th').count();
  expect(d.compareColumns === 2, `comparison has ${d.compareColumns} columns`);
  const compareText = await table.innerText();
  d.compareRows = await table.locator('tbody th').allInnerTexts();
  expect(/Domicile → 1re étape/.test(compareText) && /Entre étapes/.test(compareText), `comparison rows: ${d.compareRows.join(' | ')}`);
  await page.screenshot({ path: join(shots, 'parcours-comparaison.png'), fullPage: false });
  // Print: the map and the search criteria are printed, the form is not.
  await page.emulateMedia({ media: 'print' });
  d.printMap = await page.locator('#carte-parcours').isVisible();
  d.printCriteria = await page.locator('.results-summary').isVisible();
  d.printForm = await page.locator('form.search-form').isVisible();
  expect(d.printMap && d.printCriteria && !d.printForm, `print: map ${d.printMap}, criteria ${d.printCriteria}, form ${d.printForm}`);
  await page.evaluate(() => document.body.classList.add('print-selection'));
  d.printSelection = (await page.locator('table.compare').isVisible()) && !(await page.locator('.results').isVisible());
  expect(d.printSelection, 'printing the selection does not print the comparison alone');
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.pdf({ format: 'A4' });
  d.pdfBytes = pdf.length;
  await page.evaluate(() => document.body.classList.remove('print-selection'));
  // Remove one: the panel follows.
  await panel.getByRole('button', { name: /^Retirer/ }).first().click();
  await panel.getByRole('heading', { name: 'Ma sélection (2)' }).waitFor();
  await close();
});

// ---- 8b'. Any town: the learner's commune by name or postcode, even without an establishment
await scenario('commune', async (d) => {
  const { page, close } = await newPage('commune');
  await page.goto(`${app}#/parcours?from=40025014&to_level=5&departements=12,46`);
  await page.locator('article.pathway').first().waitFor();
  const home = page.getByRole('combobox', { name: /Commune de l'élève/ });
  await home.fill('saint cere');
  await page.getByRole('option', { name: /^Saint-Céré \(Lot/ }).first().click();
  d.home = await home.inputValue();
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  await page.waitForFunction(() => window.location.hash.includes('home=46'));
  await page.locator('article.pathway').first().waitFor();
  d.hash = await page.evaluate(() => window.location.hash);
  d.meta = await page.locator('article.pathway .card-meta').first().innerText();
  const km = Number(/domicile → 1re étape : ([\d\s,]+) km/.exec(d.meta)?.[1]?.replace(/\s/g, '').replace(',', '.') ?? NaN);
  d.homeKm = km;
  expect(km > 5, `distance from Saint-Céré: ${d.meta}`);
  // By postcode, around a commune without any establishment.
  await page.getByRole('radio', { name: 'Autour d’une commune' }).check();
  const near = page.getByRole('combobox', { name: 'Commune', exact: true });
  await near.fill('46100');
  await page.getByRole('option', { name: /^Capdenac \(Lot/ }).first().click();
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  await page.waitForFunction(() => window.location.hash.includes('near=46055'));
  await page.locator('.results-summary').waitFor();
  d.nearSummary = await page.locator('.results-summary').innerText();
  expect(/autour de Capdenac/.test(d.nearSummary), `summary: ${d.nearSummary}`);
  // A shared link shows the commune's name, not its code.
  await page.reload();
  await page.locator('.results-summary').waitFor();
  d.nearField = await near.inputValue();
  expect(/^Capdenac/.test(d.nearField), `the near field shows ${d.nearField}`);
  await close();
});

// ---- 8c. Comfort: 200 % zoom, cache headers, the network library on its page only, info pages
await scenario('confort', async (d) => {
  // 1366 × 900 at 200 % zoom lays out as a 683 × 450 window.
  const { page, close } = await newPage('confort', { width: 683, height: 450 });
  await page.goto(`${app}#/parcours?from=40025014&to_level=7&departements=12,46`);
  await page.locator('article.pathway').first().waitFor();
  d.headerHeight = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForTimeout(200);
  d.headerBottomAfterScroll = await page.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().bottom);
  d.overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(d.headerHeight <= 450 * 0.2, `the header takes ${d.headerHeight} px of 450`);
  expect(d.headerBottomAfterScroll <= 0, 'the header stays over the content at 200 % zoom');
  expect(d.overflow <= 1, `sideways scrolling at 200 % zoom: ${d.overflow} px`);
  await page.setViewportSize({ width: 683, height: 450 });
  await page.screenshot({ path: join(shots, 'zoom-200.png') });
  // Cache headers: hashed assets for a year, the page revalidated.
  const html = await page.request.get(`${app}`);
  d.pageCache = html.headers()['cache-control'];
  const asset = /assets\/[^"]+\.js/.exec(await html.text())?.[0];
  d.assetCache = (await page.request.get(`${app}${asset}`)).headers()['cache-control'];
  expect(d.pageCache === 'no-cache', `index.html Cache-Control: ${d.pageCache}`);
  expect(/immutable/.test(d.assetCache ?? '') && /max-age=31536000/.test(d.assetCache ?? ''), `asset Cache-Control: ${d.assetCache}`);
  await close();
  // The network library (cytoscape, in the Réseau chunk) is fetched by the Réseau page only.
  d.scripts = {};
  for (const [name, hash, ready] of [
    ['parcours', '#/parcours', 'h1'],
    ['carte', '#/carte', '.leaflet-marker-icon'],
    ['manques', '#/manques', 'section.gap-section'],
    ['reseau', '#/reseau', '#graphe canvas'],
  ]) {
    const p = await newPage(`confort-${name}`);
    const files = [];
    p.page.on('response', async (r) => {
      if (r.url().endsWith('.js')) files.push({ url: r.url(), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
    });
    await p.page.goto(`${app}${hash}`);
    await p.page.locator(ready).first().waitFor({ timeout: 30_000 });
    await p.page.waitForTimeout(300);
    d.scripts[name] = { withCytoscape: false, kb: Math.round(files.reduce((n, f) => n + f.bytes, 0) / 1024) };
    for (const f of files) {
      const text = await (await p.page.request.get(f.url)).text();
      if (text.includes('cytoscape')) d.scripts[name].withCytoscape = true;
    }
    await p.close();
  }
  expect(d.scripts.reseau.withCytoscape, 'the Réseau page does not load cytoscape');
  for (const name of ['parcours', 'carte', 'manques']) expect(!d.scripts[name].withCytoscape, `${name} loads cytoscape`);
  // Information pages.
  const info = await newPage('confort-info');
  await info.page.goto(`${app}#/accessibilite`);
  await info.page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' }).waitFor();
  d.rgaa = await info.page.getByText('partiellement conforme').first().isVisible();
  await info.page.getByRole('link', { name: 'Données et licences' }).first().click();
  await info.page.getByRole('heading', { level: 1, name: 'Données et licences' }).waitFor();
  await info.page.getByText('Dossier de candidature du CMQ Mecanic Vallée').waitFor();
  d.licences = await info.page.locator('table').innerText();
  expect(/Licence Ouverte/.test(d.licences), 'no licence in the data page');
  // What each file brought, never a bare 0: offers, named establishments, diplomas (BCN), or
  // « — » and what the file brings instead.
  d.brought = await info.page.locator('tbody tr td:last-child').allInnerTexts();
  expect(d.brought.length >= 10 && d.brought.every((t) => /^(—|\d[\d\s\u202f]* )/.test(t.trim()) && /Apporte /.test(t)), `contribution column: ${d.brought.join(' | ')}`);
  expect(d.brought.some((t) => /diplômes/.test(t)) && d.brought.some((t) => /^—/.test(t.trim())), `contribution column: ${d.brought.join(' | ')}`);
  expect(/Constat des effectifs/.test(d.licences), 'the constat is not a dataset of its own');
  await info.page.screenshot({ path: join(shots, 'donnees.png'), fullPage: true });
  await info.close();
});

// ---- 9. French everywhere: every page in its main states, no English, ids or file names -------
// Internal identifiers are the API's own (campus, actor, platform, passerelle, sector ids),
// fetched here, so that the check knows them exactly instead of guessing at hyphenated words.
// Lower-case English words that no French sentence uses (proper names such as « Supply Chain
// And LEan management » are capitalised), and the capitalised words that start English messages.
const ENGLISH = /\b(the|and|with|without|should|than|input|field|required|stated|specialty|industrial|trades|unknown|found|apprenticeship|school|training|pathways?|none|true|false|error|invalid|value|must|which|from|less|greater|equal|planned|companies|between|items?|not|is|are|was|open data|license)\b|\b(Input|Field|Value|No|Unknown|The|Planned|Multi-site)\b/;
const FILE_NAME = /\b[\w-]+\.(?:txt|csv|toml|json)\b|\b\d{3}_[0-9a-f]{16}\b/;
const RAW = /\bNone\b|\bNaN\b|\[object Object\]|\bnull\b|\bundefined\b/;

async function knownIds() {
  const get = async (path) => (await (await fetch(`${base}${path}`)).json());
  const ids = new Map(); // id -> the name it identifies
  for (const c of await get('/campuses')) {
    ids.set(c.id, c.name);
    for (const s of (await get(`/campuses/${c.id}`)).sectors) ids.set(s.id, s.name);
  }
  for (const path of ['/actors', '/platforms', '/passerelles']) {
    for (let offset = 0; ; offset += 500) {
      const page = await get(`${path}?limit=500&offset=${offset}`);
      for (const x of page.items) ids.set(x.id, x.name ?? '');
      if (offset + 500 >= page.total) break;
    }
  }
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  // Identifiers that cannot be a French word: a hyphen or a digit inside, and not the very
  // words of the name (the sector « Machine-outil » is machine-outil: the word is fine).
  return [...ids].filter(([id, name]) => /[-\d]/.test(id) && id.length >= 6 && !fold(name).includes(id)).map(([id]) => id);
}

/** Visible text of the page with every <details> opened, plus the texts of attributes people hear. */
async function pageText(page) {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const attrs = [...document.querySelectorAll('[title],[aria-label],[alt],[placeholder]')]
      .map((el) => ['title', 'aria-label', 'alt', 'placeholder'].map((a) => el.getAttribute(a) ?? '').join(' '));
    return `${document.body.innerText}\n${attrs.join('\n')}`;
  });
}

function problems(text, ids) {
  const found = [];
  // « … » quotes a source document word for word: its words are the document's, not ours.
  for (const line of text.replace(/«[^»]*»/g, '« »').split('\n')) {
    const m = ENGLISH.exec(line) ?? FILE_NAME.exec(line) ?? RAW.exec(line);
    if (m) found.push(`« ${m[0]} » dans : ${line.trim().slice(0, 160)}`);
    for (const id of ids) {
      if (new RegExp(`(^|[^\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(line)) {
        found.push(`identifiant « ${id} » dans : ${line.trim().slice(0, 160)}`);
      }
    }
  }
  return found;
}

/** The French crawl's states for the campuses other than Mecanic Vallée: each campus's panel,
 * its map with every point's popup, and its Manques report. */
async function otherCampusStates() {
  const get = async (path) => (await (await fetch(`${base}${path}`)).json());
  const out = [];
  for (const c of await get('/campuses')) {
    if (c.id === 'mecanic-vallee') continue;
    out.push([`campus-${c.id}`, `#/reseau?campus=${c.id}&select=campus:${c.id}`, '.side-panel .links']);
    const fc = await get(`/map.geojson?campus=${encodeURIComponent(c.id)}`);
    const feats = fc.features ?? [];
    out.push([`carte-${c.id}`, `#/carte?campus=${c.id}`, feats.length ? '#carte-acteurs .leaflet-marker-icon' : 'h1']);
    for (const f of feats) {
      const key = `${f.properties.feature}:${f.properties.id}`;
      out.push([`carte-fiche-${key}`, `#/carte?campus=${c.id}&focus=${encodeURIComponent(key)}`, '.leaflet-popup-content']);
    }
    out.push([`manques-${c.id}`, `#/manques?campus=${c.id}`, 'section.gap-section, .state-empty']);
  }
  return out;
}

// The Parcours job list is the territory's: a campus's sectors are offered in its territory,
// each name once (the Mecanic Vallée's two « Soudeurs » rows were listed twice), none elsewhere
await scenario('metiers-territoire', async (d) => {
  const { page, close } = await newPage('metiers-territoire');
  const goal = page.getByRole('group', { name: 'Objectif' });
  const jobSelect = goal.getByLabel('Secteur décrit par un campus');
  const options = () => jobSelect.locator('option').evaluateAll((os) => os.map((o) => `${o.parentElement?.getAttribute('label') ?? ''}|${o.value}|${o.textContent}`));
  await page.goto(`${app}#/parcours?from_level=3&job=H2913&departements=12,46`);
  await jobSelect.locator('option[value="soudeurs"]').waitFor({ state: 'attached' });
  d.campusOptions = await options();
  await page.goto(`${app}#/parcours?from_level=3&job=H2913&departements=54,57`);
  await jobSelect.locator('option', { hasText: 'Aucun secteur décrit' }).waitFor({ state: 'attached' });
  d.otherOptions = await options();
  // a région, a campus or a commune of a link: the list is its territory's once the form
  // knows it (a région's link listed every campus's sectors, Bretagne the Mecanic Vallée's)
  const groups = async () => [...new Set((await options()).map((o) => o.split('|')[0]).filter(Boolean))];
  const territoryGroups = async (query, ready, settled = null) => {
    await page.goto('about:blank');
    await page.goto(`${app}#/parcours?from_level=3&job=H2913&${query}`);
    await jobSelect.locator(ready).first().waitFor({ state: 'attached' });
    // the list may be drawn before the form knows the link's territory, then narrowed to it:
    // under load the first list can still be there when `ready` holds (read what it becomes)
    // (``settled``: the groups expected, or a test of them)
    const done = (g) => (typeof settled === 'function' ? settled(g) : g.join('|') === settled.join('|'));
    for (let t = 0; settled && t < 60 && !done(await groups()); t++) await page.waitForTimeout(250);
    return { groups: await groups(), options: (await options()).length, errors: await page.locator('.field-error:visible').allInnerTexts() };
  };
  const none = 'option:text("Aucun secteur décrit")';
  d.occitanie = await territoryGroups('region=76', 'option[value="soudeurs"]', ['CMQ Mecanic Vallée']);
  d.bretagne = await territoryGroups('region=53', none);
  d.campus = await territoryGroups('campus=mecanic-vallee', 'option[value="soudeurs"]', ['CMQ Mecanic Vallée']);
  // the first list (every campus's) may still be drawn under load: read what it becomes
  d.otherCampus = await territoryGroups('campus=campus-entreprises-clermont', 'optgroup', (g) => g.length > 0 && !g.includes('CMQ Mecanic Vallée'));
  d.near = await territoryGroups('near=35238&radius_km=30', none);
  await close();
});

// A link's territory the data does not know is said, never read as all of France (the form fell
// back to no campus); the map's sectors are the territory's (GET /gaps/sectors), not every
// campus's; a map focused on one place loads its département's places, the rest on demand.
await scenario('lien-territoire-carte', async (d) => {
  const { page, close } = await newPage('lien-territoire-carte');
  const asked = [];
  const platformsAsked = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/\/(pathways|map\.geojson)$/.test(u.pathname)) asked.push(`${u.pathname.split('/').pop()}?${u.searchParams.toString()}`);
    if (u.pathname.startsWith('/platforms')) platformsAsked.push(`${u.pathname}${u.search}`);
  });
  await page.goto(`${app}#/parcours?from_level=4&to_level=5&campus=pas-un-campus`);
  await page.locator('.results .state-error').waitFor();
  d.parcours = {
    results: await page.locator('.results .state-error').innerText(),
    fieldError: await page.locator('#campus-erreur').innerText(),
    campus: await page.locator('#campus').inputValue(),
  };
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  await page.waitForTimeout(500);
  d.parcoursAsked = asked.filter((a) => a.startsWith('pathways'));
  await page.goto(`${app}#/carte?campus=pas-un-campus`);
  await page.locator('.map-status', { hasText: 'Territoire du lien inconnu' }).waitFor();
  d.carte = { status: await page.locator('.map-status').innerText(), fieldError: await page.locator('#carte-campus-erreur').innerText() };
  d.carteAsked = asked.filter((a) => a.startsWith('map.geojson'));
  // the map's sectors in the Lot: those GET /gaps/sectors gives for it, none of another campus
  await page.goto(`${app}#/carte?departements=46`);
  await page.locator('#carte-secteur optgroup').first().waitFor({ state: 'attached' });
  d.sectors = await page.locator('#carte-secteur option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  d.gapSectors = (await (await page.request.get(`${base}/gaps/sectors?departements=46`)).json()).sectors.map((c) => c.id);
  // one establishment in focus, no territory: its département's places, then all on demand
  asked.length = 0;
  await page.goto('about:blank');
  await page.goto(`${app}#/carte?focus=actor:lycee-la-decouverte-decazeville`);
  await page.locator('.leaflet-popup-content').getByText('La Découverte').first().waitFor();
  const scopeBar = page.locator('.map-scope-bar');
  await scopeBar.waitFor();
  d.focus = { asked: [...asked], scope: await scopeBar.innerText(), status: await page.locator('.map-status').innerText() };
  await page.getByRole('button', { name: 'Afficher les lieux de toute la France' }).click();
  await scopeBar.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.whole = { asked: [...asked], status: await page.locator('.map-status').innerText() };
  // zoomed out beyond the département: the rest is loaded without asking
  asked.length = 0;
  await page.goto('about:blank');
  await page.goto(`${app}#/carte?focus=actor:lycee-la-decouverte-decazeville`);
  await page.locator('.leaflet-popup-content').getByText('La Découverte').first().waitFor();
  await scopeBar.waitFor();
  const zoomOut = page.locator('#carte-acteurs .leaflet-control-zoom-out');
  for (let i = 0; i < 6 && !(await scopeBar.isHidden()); i++) {
    await zoomOut.click();
    await page.waitForTimeout(600);
  }
  await scopeBar.waitFor({ state: 'hidden' });
  d.zoomed = { asked: [...asked] };
  // a platform in focus: its 50 km first too (it loaded the whole country), named in the notice
  asked.length = 0;
  await page.goto('about:blank');
  await page.goto(`${app}#/carte?focus=platform:pft-rascol`);
  await page.locator('.leaflet-popup-content').getByText('Rascol').first().waitFor();
  await scopeBar.waitFor();
  d.platform = { asked: [...asked], scope: await scopeBar.innerText(), status: await page.locator('.map-status').innerText(), platformsAsked: [...platformsAsked] };
  // a platform the data gives no position: the whole country, as before (no radius to draw)
  asked.length = 0;
  await page.goto('about:blank');
  await page.goto(`${app}#/carte?focus=platform:pft-conpim`);
  await page.waitForFunction(() => /lieux? affichés?/.test(document.querySelector('.map-status')?.textContent ?? ''));
  d.platformUnplaced = { asked: [...asked], scopeHidden: await scopeBar.isHidden(), status: await page.locator('.map-status').innerText() };
  await close();
});

// A link's radius around the learner's home (no `near`) is the Parcours form's territory
// « Autour du domicile », kept when searched again from the form (it showed « Partout »); the
// commune placeholders name no town of one région; Réseau with a région and no campus shows
// that région's campus, or none, and says so (it showed Mecanic Vallée for any région).
await scenario('domicile-reseau', async (d) => {
  const { page, close } = await newPage('domicile-reseau');
  const asked = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/\/pathways$|\/network$/.test(u.pathname)) asked.push(`${u.pathname}?${u.searchParams.toString()}`);
  });
  await page.goto(`${app}#/parcours?from=40025014&to_level=5&home=46102&radius_km=30`);
  await page.locator('.results-summary').waitFor();
  const homeBox = page.getByRole('combobox', { name: /Commune de l'élève/ });
  d.home = {
    zone: await page.locator('.territory input[type="radio"]:checked + label').innerText(),
    radius: await page.locator('#home_radius_km').inputValue(),
    radiusVisible: await page.locator('#home_radius_km').isVisible(),
    radiusLabel: await page.locator('label[for="home_radius_km"]').innerText(),
    summary: await page.locator('.results-summary').innerText(),
    homeText: await homeBox.inputValue(),
    placeholders: await page.locator('input[placeholder]').evaluateAll((es) => es.map((e) => e.getAttribute('placeholder'))),
  };
  // searched again from the form, with another radius: still around the home
  await page.locator('#home_radius_km').fill('40');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  await page.waitForFunction(() => /40 km autour du domicile/.test(document.querySelector('.results-summary')?.textContent ?? ''));
  d.home.hash = new URL(page.url()).hash;
  d.home.again = await page.locator('.results-summary').innerText();
  // without a home, the form says where to give it, and asks nothing
  asked.length = 0;
  await homeBox.fill('');
  await page.getByRole('button', { name: 'Chercher les parcours' }).click();
  await page.waitForTimeout(300);
  d.home.missing = await page.locator('.search-form .field-error').allInnerTexts();
  d.home.askedWithout = [...asked];
  for (const [key, q] of [['nord', 'region=32'], ['occitanie', 'region=76']]) {
    asked.length = 0;
    await page.goto('about:blank');
    await page.goto(`${app}#/reseau?${q}`);
    const note = page.locator('.network-main .notice');
    await note.waitFor();
    await page.waitForFunction(() => /affich/.test(document.querySelector('.map-status')?.textContent ?? ''));
    d[key] = { note: await note.innerText(), status: await page.locator('.map-status').innerText(), campus: await page.locator('#reseau-campus').inputValue(), asked: [...asked] };
  }
  // a gap report of départements: its « réseau » links carry its territory, not a default
  // campus; a territory with no campus: the establishment's record alone, said so
  await page.goto('about:blank');
  await page.goto(`${app}#/manques?departements=12`);
  const chip = page.locator('a.chip', { hasText: 'réseau' }).first();
  await chip.waitFor();
  d.manquesChip = await chip.getAttribute('href');
  asked.length = 0;
  await page.goto('about:blank');
  await page.goto(`${app}#/reseau?departements=2A&select=actor:lycee-la-decouverte-decazeville`);
  await page.locator('#panneau-titre', { hasText: 'Découverte' }).waitFor();
  d.corse = { note: await page.locator('.network-main .notice').innerText(), panel: await page.locator('.side-panel').innerText(), asked: [...asked] };
  await close();
});

await scenario('francais', async (d) => {
  const { page, close } = await newPage('francais');
  const ids = await knownIds();
  d.ids = ids.length;
  const states = [
    ['parcours-vide', '#/parcours', 'h1'],
    ['parcours-resultats', '#/parcours?from=40025014&to_level=7&departements=12,46', 'article.pathway'],
    ['parcours-domicile', '#/parcours?from=40025014&to_level=5&campus=mecanic-vallee&home=12089', 'article.pathway, .state-error, .state-empty'],
    ['parcours-code-inconnu', '#/parcours?from=99999999&to_level=7', '.state-error'],
    ['parcours-etapes-refusees', '#/parcours?from=40025014&to_level=7&max_steps=12', '.state-error'],
    ['parcours-niveau', '#/parcours?from_level=4&sector=operateurs-cn-fraiseurs&to_level=5&departements=12,46', 'article.pathway'],
    ['parcours-niveau-metier', '#/parcours?from_level=3&job=H2913&campus=mecanic-vallee', 'article.pathway, .state-empty'],
    ['parcours-niveau-refuse', '#/parcours?from_level=3&sector=H2913&to_level=4', '.state-error'],
    ['parcours-fin-de-3e', '#/parcours?from_level=2&to_level=4&departements=12,46', 'article.pathway'],
    ['parcours-region', '#/parcours?from_level=4&to_level=5&region=76', 'article.pathway'],
    ['parcours-aucun', '#/parcours?from_level=7&to_type=bts&max_steps=1&departements=12,46', '.state-empty'],
    ['carte', '#/carte?campus=mecanic-vallee', '#carte-acteurs .leaflet-marker-icon'],
    ['carte-fiche', '#/carte?focus=actor:lycee-la-decouverte-decazeville', '.leaflet-popup-content'],
    ['carte-commune-deduite', '#/carte?focus=actor:uai-0121516h', '.leaflet-popup-content'],
    ['carte-prefectures', '#/carte?departements=12,46', '#carte-acteurs .pref-label'],
    ['reseau-acteur', '#/reseau?campus=mecanic-vallee&select=actor:lycee-champollion-figeac', '.side-panel .links'],
    ['reseau-diplome', '#/reseau?campus=mecanic-vallee&select=diploma:40025014', '.side-panel .links'],
    ['reseau-diplome-ferme', '#/reseau?campus=mecanic-vallee&select=diploma:32025515', '.side-panel .renewal'],
    ['reseau-diplome-hors-reseau', '#/reseau?campus=mecanic-vallee&select=diploma:50023217', '.side-panel .renewal'],
    ['reseau-campus', '#/reseau?campus=mecanic-vallee&select=campus:mecanic-vallee', '.side-panel .links'],
    ['manques', '#/manques?campus=mecanic-vallee', 'section.gap-section'],
    ['manques-departements', '#/manques?departements=12,46', 'section.gap-section'],
    ['accessibilite', '#/accessibilite', 'h1'],
    ['donnees', '#/donnees', 'table'],
    ...(await otherCampusStates()),
  ];
  d.stateCount = states.length;
  const all = [];
  d.states = {};
  for (const [name, hash, ready] of states) {
    await page.goto(`${app}${hash}`);
    await page.reload();
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(400);
    if (name.startsWith('manques')) {
      await page.evaluate(() => {
        for (const b of document.querySelectorAll('section.gap-section button')) if (/^Afficher les \d+ constats$/.test(b.textContent)) b.click();
      });
      await page.waitForFunction(() => !document.querySelector('section.gap-section button[aria-busy]'), null, { timeout: 30_000 });
    }
    const found = problems(await pageText(page), ids);
    d.states[name] = found.length;
    all.push(...found.map((f) => `${name} : ${f}`));
  }
  d.problems = all.slice(0, 60);
  expect(all.length === 0, `texte non français ou interne (${all.length}) :\n${all.slice(0, 40).join('\n')}`);
  await close();
});

await browser.close();

// These scenarios ask for failures on purpose (503; the CSP blocking planted script; 404 and
// 422 in the French crawl; a basemap file made unavailable).
const expectedErrors = new Set(['niveau-metier-en-mots', 'metier-sans-formation', 'base-indisponible', 'csp', 'francais', 'carte-dense-outremer-sans-contour', 'carte-sans-voisins']);
const consoleSummary = {};
for (const [name, log] of Object.entries(consoleLog)) {
  consoleSummary[name] = { errors: log.errors, warnings: log.warnings, external: log.external, expected: expectedErrors.has(name) };
}
console.log(JSON.stringify({ scenarios: results, console: consoleSummary, screenshots: shots }));
