// The report's charts: findings per section, the continuum matrix, demand against places, and
// the brokers' share of shortest paths. Each bar carries its figures as text for screen readers.

import { h } from '../../lib/dom';
import { LEVEL_FR, SEVERITY_FR } from '../../lib/labels';
import { cite } from '../../lib/sources';
import type { GapFinding, GapSection } from '../../lib/types';
import { tableBox } from '../../lib/scroll';

export const SEVERITIES = ['high', 'medium', 'low'] as const;
const LEVELS = [3, 4, 5, 6, 7];

/** « 2015-11 » → « novembre 2015 ». */
export function periodFr(period: unknown): string {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(String(period ?? ''));
  if (!m) return 'période inconnue';
  if (!m[2]) return m[1];
  const month = new Date(Number(m[1]), Number(m[2]) - 1, 1).toLocaleDateString('fr-FR', { month: 'long' });
  return `${month} ${m[1]}`;
}

export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function nums(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

/** A level's cell in the continuum matrix, from a finding's data: offered, planned, to be
 * checked, or absent (its class, its word, and its mark, so that colour is not the only cue).
 *
 *   levelState({ levels_offered: [3, 4], levels_unlinked: [5] }, 5) // → { cls: 'lv-unsure', text: 'à vérifier', mark: '?' }
 */
export function levelState(data: Record<string, unknown> | null | undefined, lv: number): { cls: string; text: string; mark: string } {
  if (nums(data?.levels_offered).includes(lv)) return { cls: 'lv-ok', text: 'proposé', mark: '●' };
  if (nums(data?.levels_planned).includes(lv)) return { cls: 'lv-planned', text: 'en projet', mark: '◐' };
  // no diploma of the filière there, but its own lead to others offered in the territory: no
  // break (graph/gaps/continuum.py, levels_reached_elsewhere)
  if (nums(data?.levels_reached_elsewhere).includes(lv)) return { cls: 'lv-other', text: 'par une autre formation', mark: '◑' };
  // another territory's filière, read from public links only: a level they do not reach is
  // to be checked, never said absent (graph/gaps/continuum.py, levels_unlinked)
  if (nums(data?.levels_unlinked).includes(lv)) return { cls: 'lv-unsure', text: 'à vérifier', mark: '?' };
  // no programme of the filière there, but programmes of that level whose field the files do
  // not give (the Parcoursup engineering programmes): an absence is not established
  // (graph/gaps/continuum.py, levels_field_unknown)
  if (nums(data?.levels_field_unknown).includes(lv)) return { cls: 'lv-unsure', text: 'à vérifier', mark: '?' };
  return { cls: 'lv-missing', text: 'absent', mark: '○' };
}

/** One bar per section, as long as its total; the severities of the findings the report
 * details (the first ones), the rest in grey. */
export function summaryChart(sections: GapSection[], goTo: (id: string) => void): HTMLElement {
  const max = Math.max(1, ...sections.map((s) => s.total));
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, 'Nombre de constats par rubrique, selon leur gravité'),
    h(
      'ul',
      { class: 'bars' },
      ...sections.map((s) => {
        const counts = SEVERITIES.map((sev) => s.findings.filter((f) => f.severity === sev).length);
        const rest = Math.max(0, s.total - s.findings.length);
        const detail = SEVERITIES.map((sev, i) => `${counts[i]} ${SEVERITY_FR[sev].toLowerCase()}`).join(', ');
        const label =
          `${s.title} : ${s.total} constat${s.total > 1 ? 's' : ''}` +
          (s.findings.length ? (rest ? ` (gravité des ${s.findings.length} premiers : ${detail})` : ` (${detail})`) : '');
        return h(
          'li',
          { class: 'bar-row' },
          h('button', { type: 'button', class: 'link-button bar-label', onclick: () => goTo(s.id) }, s.title),
          h(
            'span',
            { class: 'bar-track', role: 'img', 'aria-label': label },
            ...SEVERITIES.map((sev, i) => (counts[i] ? h('span', { class: `bar-seg sev-bg-${sev}`, style: `width:${(counts[i] / max) * 100}%` }) : null)),
            rest ? h('span', { class: 'bar-seg sev-bg-rest', style: `width:${(rest / max) * 100}%` }) : null,
          ),
          h('span', { class: 'bar-value', 'aria-hidden': 'true' }, String(s.total)),
        );
      }),
    ),
    h(
      'p',
      { class: 'chart-legend', 'aria-hidden': 'true' },
      ...SEVERITIES.map((sev) => h('span', { class: 'legend-key' }, h('span', { class: `swatch sev-bg-${sev}` }), ` Gravité ${SEVERITY_FR[sev].toLowerCase()} `)),
      sections.some((s) => s.total > s.findings.length) ? h('span', { class: 'legend-key' }, h('span', { class: 'swatch sev-bg-rest' }), ' Constats suivants (gravité dans la rubrique) ') : null,
    ),
  );
}

export function continuumChart(s: GapSection): HTMLElement | null {
  const rows = s.findings.filter((f) => f.data && 'levels_offered' in f.data);
  if (!rows.length) return null;
  const cell = (f: GapFinding, lv: number): HTMLElement => {
    const { cls, text, mark } = levelState(f.data, lv);
    return h('td', { class: `lv ${cls}` }, h('span', { 'aria-hidden': 'true' }, mark), h('span', { class: 'lv-text' }, text));
  };
  return tableBox(
    'Niveaux de formation proposés par filière sur le territoire',
    h(
      'table',
      { class: 'table matrix' },
      h('caption', {}, 'Niveaux de formation proposés par filière sur le territoire'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Filière'), ...LEVELS.map((lv) => h('th', { scope: 'col' }, LEVEL_FR[lv].replace('Niveau ', 'Niv. '))))),
      h('tbody', {}, ...rows.map((f) => h('tr', {}, h('th', { scope: 'row' }, f.title.replace(/^Continuum /, '')), ...LEVELS.map((lv) => cell(f, lv))))),
    ),
  );
}

export function demandChart(s: GapSection): HTMLElement | null {
  const rows = s.findings.filter((f) => num(f.data?.demand) !== null).slice(0, 12);
  if (!rows.length) return null;
  const periods = [...new Set(rows.map((f) => String(f.data?.period ?? '')))].filter(Boolean).sort();
  const sources = [...new Set(rows.flatMap((f) => f.sources ?? []).map((x) => cite(x).split(',')[0]))];
  const max = Math.max(1, ...rows.map((f) => Math.max(num(f.data?.demand) ?? 0, num(f.data?.capacity) ?? 0)));
  return h(
    'figure',
    { class: 'chart' },
    h(
      'figcaption',
      {},
      `Recrutements recensés (${periods.map(periodFr).join(', ') || 'période inconnue'}) et places de formation connues aujourd’hui`,
      h('span', { class: 'figure-source' }, ` — source : ${sources.join(' ; ') || 'non précisée'}`),
    ),
    h(
      'ul',
      { class: 'bars bars-pair' },
      ...rows.map((f) => {
        const d = num(f.data?.demand) ?? 0;
        const c = num(f.data?.capacity);
        return h(
          'li',
          { class: 'bar-row' },
          h('span', { class: 'bar-label' }, f.title),
          h(
            'span',
            { class: 'bar-stack', role: 'img', 'aria-label': `${f.title} : ${d} recrutements, ${c === null ? 'places inconnues' : `${c} places`}` },
            h('span', { class: 'bar-track' }, h('span', { class: 'bar-seg demand', style: `width:${(d / max) * 100}%` })),
            h('span', { class: 'bar-track' }, c ? h('span', { class: 'bar-seg capacity', style: `width:${(c / max) * 100}%` }) : null),
          ),
          h('span', { class: 'bar-value', 'aria-hidden': 'true' }, `${d} / ${c ?? '?'}`),
        );
      }),
    ),
    h(
      'p',
      { class: 'chart-legend', 'aria-hidden': 'true' },
      h('span', { class: 'legend-key' }, h('span', { class: 'swatch demand' }), ' Recrutements '),
      h('span', { class: 'legend-key' }, h('span', { class: 'swatch capacity' }), ' Places de formation '),
    ),
  );
}

export function brokerChart(s: GapSection): HTMLElement | null {
  const rows = s.findings.filter((f) => num(f.data?.betweenness) !== null).slice(0, 10);
  if (!rows.length) return null;
  const max = Math.max(0.0001, ...rows.map((f) => num(f.data?.betweenness) ?? 0));
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, 'Part des liaisons entre acteurs du réseau qui passent par chaque acteur pivot (calcul sur les partenariats recensés)'),
    h(
      'ul',
      { class: 'bars' },
      ...rows.map((f) => {
        const b = num(f.data?.betweenness) ?? 0;
        return h(
          'li',
          { class: 'bar-row' },
          h('span', { class: 'bar-label' }, f.title),
          h('span', { class: 'bar-track', role: 'img', 'aria-label': `${f.title} : ${Math.round(b * 100)} %` }, h('span', { class: 'bar-seg broker', style: `width:${(b / max) * 100}%` })),
          h('span', { class: 'bar-value', 'aria-hidden': 'true' }, `${Math.round(b * 100)} %`),
        );
      }),
    ),
  );
}

/** The chart that goes with a section, if any. */
export function sectionChart(s: GapSection): HTMLElement | null {
  if (s.id === 'continuum_breaks') return continuumChart(s);
  if (s.id === 'unmet_demand') return demandChart(s);
  if (s.id === 'brokers') return brokerChart(s);
  return null;
}
