// One section of the report: its findings as a table (first ten, then all on demand), each
// finding's nodes linked to the map and the network, and the section's CSV.

import { apiUrl, type Params } from '../../lib/api';
import { h, fmtNum, fmtKm, empty } from '../../lib/dom';
import { NODE_TYPE_FR, SEVERITY_FR } from '../../lib/labels';
import { cite } from '../../lib/sources';
import type { GapFinding, GapNode, GapSection } from '../../lib/types';
import { hrefFor } from '../../router';
import { num, periodFr, sectionChart } from './charts';
import { tableBox } from '../../lib/scroll';

const FIRST_ROWS = 10;
/** The most findings of a section the API gives at once (GET /gaps?limit=500); the CSV too. */
export const ALL_ROWS = 500;

/** What each section tells, in one plain sentence (the section ids are the API's, stable). */
export const SECTION_FR: Record<string, string> = {
  continuum_breaks: 'Pour chaque filière, les niveaux de formation (du CAP au bac + 5) que l’on peut suivre sur le territoire, ceux en projet et ceux qui manquent.',
  dead_ends: 'Les formations dont aucune suite connue dans les données n’est proposée à moins de 50 km, sur le territoire ou hors de lui (une suite proposée à l’autre bout d’une région ne compte pas) : un constat sur les données (les fichiers publics ne relient pas chaque diplôme à toutes ses poursuites d’études), pas la preuve qu’il n’en existe aucune.',
  unmet_demand: 'Les métiers qui recrutent d’après les sources, comparés aux places de formation connues sur le territoire.',
  isolated_actors: 'Les entreprises sans école partenaire, les écoles et plateformes sans entreprise partenaire, et les acteurs sans rôle dans le campus.',
  suggested_partnerships: 'Des acteurs qui ont des filières, des domaines de formation ou des partenaires en commun sans travailler ensemble : des rapprochements à étudier.',
  brokers: 'Les acteurs par qui passent le plus de liens du réseau : s’ils se retirent, des partenaires se retrouvent isolés.',
};


export interface SectionContext {
  /** The report's query (territory and filière), for the CSV link. */
  query: Params;
  /** The campus whose network the "réseau" links open; null: the report's territory (`territory`)
   * names none, and Réseau shows that territory's campus, or says none is there. */
  networkCampus: string | null;
  /** The report's territory (campus, departements, region, near, radius_km). */
  territory: Params;
  campus: string | null;
}

function severityBadge(s: string): HTMLElement {
  return h('span', { class: `badge sev sev-${s}` }, SEVERITY_FR[s] ?? s);
}

function nodeLinks(n: GapNode, ctx: SectionContext): HTMLElement {
  // a report of départements or of a région: its own campus's network, never a default one's
  const where: Params = ctx.networkCampus ? { campus: ctx.networkCampus } : ctx.territory;
  const chip = (href: string, text: string): HTMLElement => h('a', { href, class: 'chip' }, text, h('span', { class: 'sr-only' }, ` : ${n.name}`));
  const links: HTMLElement[] = [];
  if (n.type === 'actor' || n.type === 'platform' || n.type === 'diploma') {
    links.push(chip(hrefFor('carte', { focus: `${n.type}:${n.key}` }), 'carte'), chip(hrefFor('reseau', { ...where, select: `${n.type}:${n.key}` }), 'réseau'));
  } else if (n.type === 'sector') {
    links.push(chip(hrefFor('carte', { sector: n.key, campus: ctx.campus }), 'carte'), chip(hrefFor('reseau', { ...where, sector: n.key }), 'réseau'));
  } else if (n.type === 'campus') {
    links.push(chip(hrefFor('reseau', { campus: n.key }), 'réseau'));
  }
  return h('li', { class: 'node-ref' }, h('span', { class: 'node-type' }, NODE_TYPE_FR[n.type] ?? n.type), ' ', h('span', { class: 'node-name' }, n.name), ' ', ...links);
}

/** A measure said in words, with how to read it (title: the mouse; the sentence: everyone). */
function extraFacts(s: GapSection, f: GapFinding): HTMLElement | null {
  const d = f.data ?? {};
  if (s.id === 'suggested_partnerships') {
    const shared = Array.isArray(d.shared) ? d.shared.map(String) : [];
    // the API's node kinds: a campus filière (Sector), a field of training (Field), else a
    // partner or platform
    const sectors = shared.filter((x) => x.startsWith('Sector:')).length;
    const fields = shared.filter((x) => x.startsWith('Field:')).length;
    const others = shared.length - sectors - fields;
    const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;
    const parts = [
      sectors ? plural(sectors, 'filière', 'filières') : null,
      fields ? plural(fields, 'domaine de formation', 'domaines de formation') : null,
      others ? plural(others, 'partenaire', 'partenaires') : null,
    ].filter((x): x is string => x !== null);
    const what = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}` : (parts[0] ?? 'aucun point commun nommé');
    const text = `Lien suggéré : ces deux acteurs partagent ${what}${num(d.distance_km) !== null ? `, à ${fmtKm(num(d.distance_km))} l’un de l’autre` : ''}.`;
    return h('p', { class: 'muted measure', title: 'Plus deux acteurs ont de filières, de domaines de formation et de partenaires en commun, peu liés par ailleurs, plus le rapprochement est suggéré.' }, text);
  }
  if (s.id === 'unmet_demand' && num(d.demand) !== null) {
    return h(
      'p',
      { class: 'muted measure', title: 'Recrutements : chiffres de la source citée, pour la période indiquée. Places : capacités connues des formations du territoire.' },
      `${fmtNum(num(d.demand))} recrutements recensés en ${periodFr(d.period)} (chiffre de la source) · ${num(d.capacity) === null ? 'places de formation inconnues' : `${fmtNum(num(d.capacity))} places de formation connues`}`,
    );
  }
  if (s.id === 'brokers' && num(d.betweenness) !== null) {
    return h(
      'p',
      { class: 'muted measure', title: 'Part des plus courts chemins entre deux acteurs du réseau qui passent par celui-ci.' },
      `${Math.round((num(d.betweenness) ?? 0) * 100)} % des liaisons entre acteurs passent par lui${num(d.degree) !== null ? ` · ${fmtNum(num(d.degree))} liens directs` : ''}.`,
    );
  }
  return null;
}

function findingRow(s: GapSection, f: GapFinding, ctx: SectionContext): HTMLElement {
  const extra = extraFacts(s, f);
  return h(
    'tr',
    { id: `constat-${f.id.replace(/[^a-zA-Z0-9-]/g, '-')}` },
    h('td', {}, severityBadge(f.severity)),
    h('td', {}, h('p', { class: 'finding-title' }, f.title), h('p', {}, f.why), extra),
    h('td', {}, f.nodes.length ? h('ul', { class: 'node-refs' }, ...f.nodes.map((n) => nodeLinks(n, ctx))) : '—'),
    h(
      'td',
      {},
      f.sources?.length
        ? h('details', {}, h('summary', {}, `${f.sources.length} source${f.sources.length > 1 ? 's' : ''}`), h('ul', { class: 'sources' }, ...f.sources.map((x) => h('li', {}, cite(x)))))
        : h('span', { class: 'muted' }, 'calcul sur le graphe'),
    ),
  );
}

/** `loadAll(id)`: the section with up to ALL_ROWS findings (the report gives the first ten
 * and each section's total). */
export function sectionEl(s: GapSection, ctx: SectionContext, loadAll: (id: string) => Promise<GapSection | null>): HTMLElement {
  const csvHref = apiUrl('/gaps.csv', { section: s.id, ...ctx.query, limit: ALL_ROWS });
  const tbody = h('tbody');
  let findings = s.findings;
  let all = false;
  const more = h('button', { type: 'button', class: 'btn btn-ghost' });
  const shownNote = h('p', { class: 'muted shown-note' });
  const fill = (): void => {
    const rows = all ? findings : findings.slice(0, FIRST_ROWS);
    tbody.replaceChildren(...rows.map((f) => findingRow(s, f, ctx)));
    more.hidden = s.total <= FIRST_ROWS;
    more.textContent = all
      ? `N’afficher que les ${FIRST_ROWS} premiers`
      : s.total > ALL_ROWS
        ? `Afficher les ${ALL_ROWS} premiers constats`
        : `Afficher les ${s.total} constats`;
    shownNote.hidden = rows.length >= s.total;
    shownNote.textContent =
      `${rows.length} constat${rows.length > 1 ? 's' : ''} affiché${rows.length > 1 ? 's' : ''} sur ${s.total}, les plus importants d’abord ; ` +
      (s.total > ALL_ROWS ? `le CSV contient les ${ALL_ROWS} premiers.` : 'le CSV les contient tous.');
  };
  more.addEventListener('click', () => {
    if (all || findings.length >= Math.min(s.total, ALL_ROWS)) {
      all = !all;
      fill();
      return;
    }
    more.disabled = true;
    more.setAttribute('aria-busy', 'true');
    more.textContent = 'Chargement des constats…';
    void loadAll(s.id)
      .then((got) => {
        if (got) findings = got.findings;
        all = true;
      })
      .catch(() => {
        shownNote.hidden = false;
        shownNote.textContent = 'Les autres constats sont indisponibles pour le moment ; réessayez ou téléchargez le CSV.';
      })
      .finally(() => {
        more.disabled = false;
        more.removeAttribute('aria-busy');
        const note = shownNote.textContent;
        fill();
        if (!all) shownNote.textContent = note;
        if (!all) shownNote.hidden = false;
      });
  });
  fill();
  return h(
    'section',
    { class: 'gap-section', id: `rubrique-${s.id}`, 'aria-labelledby': `titre-${s.id}`, tabindex: '-1' },
    h(
      'div',
      { class: 'section-head' },
      h('h2', { id: `titre-${s.id}` }, s.title, h('span', { class: 'count' }, ` (${s.total})`)),
      h('a', { class: 'btn btn-small', href: csvHref, download: '', 'data-csv': s.id }, 'Télécharger le CSV', h('span', { class: 'sr-only' }, ` : ${s.title}`)),
    ),
    h('p', { class: 'section-lead' }, SECTION_FR[s.id] ?? s.description),
    // what the data does not know here: an empty section is then « not known », not « none »
    s.note ? h('p', { class: 'note section-note', role: 'note' }, s.note) : null,
    sectionChart(s),
    s.findings.length
      ? tableBox(
          `Constats : ${s.title}`,
          h(
            'table',
            { class: 'table findings' },
            h('caption', { class: 'sr-only' }, `Constats : ${s.title}`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Gravité'), h('th', { scope: 'col' }, 'Constat'), h('th', { scope: 'col' }, 'Éléments concernés'), h('th', { scope: 'col' }, 'Sources'))),
            tbody,
          ),
        )
      : s.note
        ? null
        : empty('Aucun constat dans cette rubrique pour ce territoire.'),
    shownNote,
    more,
  );
}
