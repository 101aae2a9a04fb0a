// Manques: the missing-links report (GET /gaps) as tables and simple charts, each finding linking
// to its nodes on the map and in the network; one CSV per section (GET /gaps.csv).

import { getJSON, apiUrl, isAbort, type Params } from '../lib/api';
import { h, loading, errorBox, announce, fmtNum, fmtKm, empty } from '../lib/dom';
import { NODE_TYPE_FR, SEVERITY_FR, LEVEL_FR } from '../lib/labels';
import { fillCampusSelect, fillSectorSelect } from '../lib/refs';
import { hrefFor, setParams, type PageInstance } from '../router';
import type { GapFinding, GapNode, GapSection, GapsAnswer } from '../lib/types';

const SEVERITIES = ['high', 'medium', 'low'] as const;
const FIRST_ROWS = 10;
const LEVELS = [3, 4, 5, 6, 7];

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function nums(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

function severityBadge(s: string): HTMLElement {
  return h('span', { class: `badge sev sev-${s}` }, SEVERITY_FR[s] ?? s);
}

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  if (!params.has('campus') && !params.has('departements')) params.set('campus', 'mecanic-vallee');
  let ctrl: AbortController | null = null;
  let report: GapsAnswer | null = null;

  const campusSel = h('select', { id: 'manques-campus', name: 'campus' }, h('option', { value: '' }, 'Tous les campus'));
  const deptInput = h('input', {
    id: 'manques-departements',
    name: 'departements',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    value: params.get('departements') ?? '',
    'aria-describedby': 'manques-departements-aide manques-departements-erreur',
  });
  const deptError = h('p', { class: 'field-error', id: 'manques-departements-erreur' });
  const sectorSel = h('select', { id: 'manques-secteur', name: 'sector' }, h('option', { value: '' }, 'Tous les secteurs'));
  const form = h(
    'form',
    { class: 'filters filters-inline', 'aria-label': 'Territoire du rapport' },
    h('div', { class: 'field' }, h('label', { for: 'manques-campus' }, 'Campus'), campusSel),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'manques-departements' }, 'Départements (facultatif)'),
      h('p', { class: 'hint', id: 'manques-departements-aide' }, 'Codes séparés par des virgules, ex. 12, 46.'),
      deptInput,
      deptError,
    ),
    h('div', { class: 'field' }, h('label', { for: 'manques-secteur' }, 'Filière'), sectorSel),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Afficher le rapport')),
  );
  const body = h('div', { class: 'report' });

  el.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Manques du réseau'),
      h(
        'p',
        { class: 'lead' },
        'Ruptures du continuum de formation, impasses, besoins d’emploi non couverts, acteurs isolés, partenariats à créer et acteurs pivots. Chaque constat renvoie aux acteurs sur la carte et dans le réseau.',
      ),
    ),
    form,
    body,
  );

  function apiParams(): Params {
    return {
      campus: params.get('campus'),
      departements: params.get('departements'),
      sector: params.get('sector'),
    };
  }

  function networkCampus(): string {
    return params.get('campus') || 'mecanic-vallee';
  }

  function nodeLinks(n: GapNode): HTMLElement {
    const campus = networkCampus();
    const links: HTMLElement[] = [];
    if (n.type === 'actor' || n.type === 'platform' || n.type === 'diploma') {
      links.push(
        h('a', { href: hrefFor('carte', { focus: `${n.type}:${n.key}` }), class: 'chip' }, 'carte', h('span', { class: 'sr-only' }, ` : ${n.name}`)),
        h('a', { href: hrefFor('reseau', { campus, select: `${n.type}:${n.key}` }), class: 'chip' }, 'réseau', h('span', { class: 'sr-only' }, ` : ${n.name}`)),
      );
    } else if (n.type === 'sector') {
      links.push(
        h('a', { href: hrefFor('carte', { sector: n.key, campus: params.get('campus') }), class: 'chip' }, 'carte', h('span', { class: 'sr-only' }, ` : ${n.name}`)),
        h('a', { href: hrefFor('reseau', { campus, sector: n.key }), class: 'chip' }, 'réseau', h('span', { class: 'sr-only' }, ` : ${n.name}`)),
      );
    } else if (n.type === 'campus') {
      links.push(h('a', { href: hrefFor('reseau', { campus: n.key }), class: 'chip' }, 'réseau', h('span', { class: 'sr-only' }, ` : ${n.name}`)));
    }
    return h(
      'li',
      { class: 'node-ref' },
      h('span', { class: 'node-type' }, NODE_TYPE_FR[n.type] ?? n.type),
      ' ',
      h('span', { class: 'node-name' }, n.name),
      ' ',
      ...links,
    );
  }

  // ---- charts ----------------------------------------------------------------------------
  function summaryChart(sections: GapSection[]): HTMLElement {
    const max = Math.max(1, ...sections.map((s) => s.findings.length));
    return h(
      'figure',
      { class: 'chart' },
      h('figcaption', {}, 'Nombre de constats par rubrique, selon leur gravité'),
      h(
        'ul',
        { class: 'bars' },
        ...sections.map((s) => {
          const counts = SEVERITIES.map((sev) => s.findings.filter((f) => f.severity === sev).length);
          const label = `${s.title} : ${s.findings.length} constat${s.findings.length > 1 ? 's' : ''}${s.findings.length ? ` (${SEVERITIES.map((sev, i) => `${counts[i]} ${SEVERITY_FR[sev].toLowerCase()}`).join(', ')})` : ''}`;
          return h(
            'li',
            { class: 'bar-row' },
            h('button', { type: 'button', class: 'link-button bar-label', onclick: () => goTo(s.id) }, s.title),
            h(
              'span',
              { class: 'bar-track', role: 'img', 'aria-label': label },
              ...SEVERITIES.map((sev, i) =>
                counts[i] ? h('span', { class: `bar-seg sev-bg-${sev}`, style: `width:${(counts[i] / max) * 100}%` }) : null,
              ),
            ),
            h('span', { class: 'bar-value', 'aria-hidden': 'true' }, String(s.findings.length)),
          );
        }),
      ),
      h(
        'p',
        { class: 'chart-legend', 'aria-hidden': 'true' },
        ...SEVERITIES.map((sev) => h('span', { class: 'legend-key' }, h('span', { class: `swatch sev-bg-${sev}` }), ` Gravité ${SEVERITY_FR[sev].toLowerCase()} `)),
      ),
    );
  }

  function continuumChart(s: GapSection): HTMLElement | null {
    const rows = s.findings.filter((f) => f.data && 'levels_offered' in f.data);
    if (!rows.length) return null;
    const cell = (f: GapFinding, lv: number): HTMLElement => {
      const offered = nums(f.data?.levels_offered).includes(lv);
      const planned = nums(f.data?.levels_planned).includes(lv);
      const [cls, text] = offered ? ['lv-ok', 'proposé'] : planned ? ['lv-planned', 'en projet'] : ['lv-missing', 'absent'];
      return h('td', { class: `lv ${cls}` }, h('span', { 'aria-hidden': 'true' }, offered ? '●' : planned ? '◐' : '○'), h('span', { class: 'lv-text' }, text));
    };
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table matrix' },
        h('caption', {}, 'Niveaux de formation proposés par filière sur le territoire'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Filière'), ...LEVELS.map((lv) => h('th', { scope: 'col' }, LEVEL_FR[lv].replace('Niveau ', 'Niv. '))))),
        h('tbody', {}, ...rows.map((f) => h('tr', {}, h('th', { scope: 'row' }, f.title.replace(/^Continuum /, '')), ...LEVELS.map((lv) => cell(f, lv))))),
      ),
    );
  }

  function demandChart(s: GapSection): HTMLElement | null {
    const rows = s.findings.filter((f) => num(f.data?.demand) !== null).slice(0, 12);
    if (!rows.length) return null;
    const max = Math.max(1, ...rows.map((f) => Math.max(num(f.data?.demand) ?? 0, num(f.data?.capacity) ?? 0)));
    return h(
      'figure',
      { class: 'chart' },
      h('figcaption', {}, 'Recrutements recensés et places de formation connues (dernière période)'),
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

  function brokerChart(s: GapSection): HTMLElement | null {
    const rows = s.findings.filter((f) => num(f.data?.betweenness) !== null).slice(0, 10);
    if (!rows.length) return null;
    const max = Math.max(0.0001, ...rows.map((f) => num(f.data?.betweenness) ?? 0));
    return h(
      'figure',
      { class: 'chart' },
      h('figcaption', {}, 'Part des plus courts chemins entre acteurs passant par chaque acteur pivot'),
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

  function extraFacts(s: GapSection, f: GapFinding): string | null {
    const d = f.data ?? {};
    if (s.id === 'suggested_partnerships') {
      const parts = [];
      if (num(d.score) !== null) parts.push(`indice ${fmtNum(num(d.score), 3)}`);
      if (num(d.distance_km) !== null) parts.push(fmtKm(num(d.distance_km)));
      return parts.join(' · ') || null;
    }
    if (s.id === 'unmet_demand' && num(d.demand) !== null) {
      return `${d.demand} recrutements (${String(d.period ?? '')}) · ${num(d.capacity) === null ? 'places inconnues' : `${d.capacity} places`}`;
    }
    return null;
  }

  // ---- sections --------------------------------------------------------------------------
  function sectionEl(s: GapSection): HTMLElement {
    const csvHref = apiUrl('/gaps.csv', { section: s.id, ...apiParams() });
    const tbody = h('tbody');
    let all = s.findings.length <= FIRST_ROWS;
    const more = h('button', { type: 'button', class: 'btn btn-ghost' });
    const fill = (): void => {
      const rows = all ? s.findings : s.findings.slice(0, FIRST_ROWS);
      tbody.replaceChildren(
        ...rows.map((f) =>
          h(
            'tr',
            { id: `constat-${f.id.replace(/[^a-zA-Z0-9-]/g, '-')}` },
            h('td', {}, severityBadge(f.severity)),
            h(
              'td',
              {},
              h('p', { class: 'finding-title' }, f.title),
              h('p', {}, f.why),
              extraFacts(s, f) ? h('p', { class: 'muted' }, extraFacts(s, f)) : null,
            ),
            h('td', {}, f.nodes.length ? h('ul', { class: 'node-refs' }, ...f.nodes.map(nodeLinks)) : '—'),
            h(
              'td',
              {},
              f.sources.length
                ? h('details', {}, h('summary', {}, `${f.sources.length} source${f.sources.length > 1 ? 's' : ''}`), h('ul', { class: 'sources' }, ...f.sources.map((x) => h('li', {}, x))))
                : h('span', { class: 'muted' }, 'calcul sur le graphe'),
            ),
          ),
        ),
      );
      more.hidden = s.findings.length <= FIRST_ROWS;
      more.textContent = all ? `N’afficher que les ${FIRST_ROWS} premiers` : `Afficher les ${s.findings.length} constats`;
    };
    more.addEventListener('click', () => {
      all = !all;
      fill();
    });
    fill();
    const chart = s.id === 'continuum_breaks' ? continuumChart(s) : s.id === 'unmet_demand' ? demandChart(s) : s.id === 'brokers' ? brokerChart(s) : null;
    return h(
      'section',
      { class: 'gap-section', id: `rubrique-${s.id}`, 'aria-labelledby': `titre-${s.id}`, tabindex: '-1' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: `titre-${s.id}` }, s.title, h('span', { class: 'count' }, ` (${s.findings.length})`)),
        h(
          'a',
          { class: 'btn btn-small', href: csvHref, download: `manques-${s.id}.csv`, 'data-csv': s.id },
          'Télécharger le CSV',
          h('span', { class: 'sr-only' }, ` : ${s.title}`),
        ),
      ),
      h('p', { class: 'muted' }, s.description),
      chart,
      s.findings.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'table findings' },
              h('caption', { class: 'sr-only' }, `Constats : ${s.title}`),
              h(
                'thead',
                {},
                h('tr', {}, h('th', { scope: 'col' }, 'Gravité'), h('th', { scope: 'col' }, 'Constat'), h('th', { scope: 'col' }, 'Éléments concernés'), h('th', { scope: 'col' }, 'Sources')),
              ),
              tbody,
            ),
          )
        : empty('Aucun constat dans cette rubrique pour ce territoire.'),
      more,
    );
  }

  function goTo(id: string): void {
    const sec = document.getElementById(`rubrique-${id}`);
    if (!sec) return;
    sec.scrollIntoView({ behavior: 'smooth', block: 'start' });
    sec.focus({ preventScroll: true });
  }

  function territoryText(r: GapsAnswer): string {
    const t = typeof r.territory === 'string' ? r.territory : JSON.stringify(r.territory);
    const opt = campusSel.selectedOptions[0];
    if (params.get('campus') && opt && opt.value === params.get('campus')) {
      return t.replace(`campus ${params.get('campus')}`, `campus ${opt.textContent}`);
    }
    return t;
  }

  function render(): void {
    if (!report) return;
    const r = report;
    const total = r.sections.reduce((n, s) => n + s.findings.length, 0);
    body.replaceChildren(
      h(
        'section',
        { class: 'gap-summary', 'aria-labelledby': 'synthese-titre' },
        h('h2', { id: 'synthese-titre' }, 'Synthèse'),
        h('p', {}, `Territoire : ${territoryText(r)}. ${total} constat${total > 1 ? 's' : ''} au total.`),
        summaryChart(r.sections),
      ),
      ...r.sections.map(sectionEl),
    );
    announce(`Rapport chargé : ${total} constats.`);
  }

  async function load(): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    body.replaceChildren(loading('Calcul du rapport des manques…'));
    body.setAttribute('aria-busy', 'true');
    try {
      report = await getJSON<GapsAnswer>('/gaps', apiParams(), { signal: ctrl.signal });
      render();
    } catch (e) {
      if (isAbort(e)) return;
      body.replaceChildren(errorBox(e, () => void load()));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    deptError.textContent = '';
    deptInput.removeAttribute('aria-invalid');
    const codes = deptInput.value.split(/[\s,;]+/).filter(Boolean);
    if (codes.length && !codes.every((c) => /^(\d{2,3}|2[AB])$/i.test(c))) {
      deptError.textContent = 'Indiquez des codes de départements, par exemple 12, 46.';
      deptInput.setAttribute('aria-invalid', 'true');
      deptInput.focus();
      return;
    }
    const p = new URLSearchParams();
    if (campusSel.value) p.set('campus', campusSel.value);
    if (codes.length) p.set('departements', codes.join(','));
    if (sectorSel.value) p.set('sector', sectorSel.value);
    if (!p.has('campus') && !p.has('departements')) p.set('campus', '');
    params = p;
    setParams('manques', params, { push: true });
    void load();
  });
  campusSel.addEventListener('change', () => void fillSectorSelect(sectorSel, campusSel.value || null, ''));

  void fillCampusSelect(campusSel, params.get('campus') ?? '', 'Tous les campus');
  void fillSectorSelect(sectorSel, params.get('campus') || null, params.get('sector') ?? '');
  void load();

  return {
    update(next) {
      params = new URLSearchParams(next);
      if (!params.has('campus') && !params.has('departements')) params.set('campus', 'mecanic-vallee');
      campusSel.value = params.get('campus') ?? '';
      deptInput.value = params.get('departements') ?? '';
      void fillSectorSelect(sectorSel, params.get('campus') || null, params.get('sector') ?? '');
      void load();
    },
    destroy() {
      ctrl?.abort();
    },
  };
}
