// Manques: the missing-links report (GET /gaps) as tables and simple charts, each finding linking
// to its nodes on the map and in the network; one CSV per section (GET /gaps.csv).

import { getJSON, isAbort } from '../../lib/api';
import { h, loading, errorBox, announce } from '../../lib/dom';
import type { GapsAnswer, GapSection, QueryOf } from '../../lib/types';
import { setParams, type PageInstance } from '../../router';
import { createTerritoryForm } from '../../components/territory';
import { summaryChart } from './charts';
import { ALL_ROWS, sectionEl } from './section';
import { fillGapSectors } from '../../components/sector-choices';

const DEFAULT_CAMPUS = 'mecanic-vallee';

function withDefault(p: URLSearchParams): URLSearchParams {
  if (!p.get('campus') && !p.get('departements') && !p.get('region') && !p.get('near')) p.set('campus', DEFAULT_CAMPUS);
  return p;
}

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = withDefault(new URLSearchParams(initial));
  let ctrl: AbortController | null = null;

  // the filière list follows the territory being chosen: only what exists there is offered
  const territory = createTerritoryForm({
    idPrefix: 'manques-',
    zones: ['campus', 'departements', 'region', 'near'],
    fallback: 'campus',
    defaultCampus: DEFAULT_CAMPUS,
    legend: 'Territoire du rapport',
    onChange: () => {
      const p = new URLSearchParams();
      if (!territory.read(p)) void fillGapSectors(sectorSel, territoryQuery(p), sectorSel.value);
    },
  });
  const sectorSel = h('select', { id: 'manques-secteur', name: 'sector', 'aria-describedby': 'manques-secteur-aide' }, h('option', { value: '' }, 'Toutes les formations du territoire'));
  const form = h(
    'form',
    { class: 'filters filters-inline', 'aria-label': 'Territoire du rapport', novalidate: true },
    territory.root,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'manques-secteur' }, 'Filière'),
      h('p', { class: 'hint', id: 'manques-secteur-aide' }, 'Celles des campus du territoire, puis les domaines de formation qui y sont proposés.'),
      sectorSel,
    ),
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

  function territoryQuery(p: URLSearchParams): QueryOf<'/gaps/sectors'> {
    const out: Record<string, string> = {};
    for (const k of ['campus', 'departements', 'region', 'near', 'radius_km'] as const) if (p.get(k)) out[k] = p.get(k)!;
    return out as QueryOf<'/gaps/sectors'>;
  }

  function apiParams(): QueryOf<'/gaps'> {
    const keys = ['campus', 'departements', 'region', 'near', 'radius_km', 'sector'] as const satisfies readonly (keyof QueryOf<'/gaps'>)[];
    const out: Record<string, string> = {};
    for (const k of keys) if (params.get(k)) out[k] = params.get(k)!;
    return out as QueryOf<'/gaps'>;
  }

  function goTo(id: string): void {
    const sec = document.getElementById(`rubrique-${id}`);
    if (!sec) return;
    sec.scrollIntoView({ behavior: 'smooth', block: 'start' });
    sec.focus({ preventScroll: true });
  }

  // The whole report (up to ALL_ROWS findings a section), asked once when a section is unfolded.
  let full: Promise<GapsAnswer> | null = null;
  const loadAll = (id: string): Promise<GapSection | null> => {
    full ??= getJSON<GapsAnswer>('/gaps', { ...apiParams(), limit: ALL_ROWS });
    full.catch(() => {
      full = null;
    });
    return full.then((r) => r.sections.find((s) => s.id === id) ?? null);
  };

  function render(r: GapsAnswer): void {
    const total = r.sections.reduce((n, s) => n + s.total, 0);
    const ctx = { query: apiParams(), networkCampus: params.get('campus'), territory: territoryQuery(params), campus: params.get('campus') };
    body.replaceChildren(
      h(
        'section',
        { class: 'gap-summary', 'aria-labelledby': 'synthese-titre' },
        h('h2', { id: 'synthese-titre' }, 'Synthèse'),
        h('p', {}, `Territoire : ${r.territory}.${r.sector_name ? ` Filière : ${r.sector_name}.` : ''} ${total} constat${total > 1 ? 's' : ''} au total.`),
        summaryChart(r.sections, goTo),
      ),
      ...r.sections.map((s) => sectionEl(s, ctx, loadAll)),
    );
    announce(`Rapport chargé : ${total} constats.`);
  }

  async function load(): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    full = null;
    body.replaceChildren(loading('Calcul du rapport des manques…'));
    body.setAttribute('aria-busy', 'true');
    try {
      render(await getJSON<GapsAnswer>('/gaps', apiParams(), { signal: ctrl.signal }));
    } catch (e) {
      if (isAbort(e)) return;
      body.replaceChildren(errorBox(e, () => void load()));
    } finally {
      body.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    const bad = territory.read(p);
    if (bad) {
      bad.focus();
      return;
    }
    if (sectorSel.value) p.set('sector', sectorSel.value);
    params = withDefault(p);
    setParams('manques', params, { push: true });
    void load();
  });
  const show = (): void => {
    void territory.set(params);
    void fillGapSectors(sectorSel, territoryQuery(params), params.get('sector') ?? '', true);
    void load();
  };
  show();

  return {
    update(next) {
      params = withDefault(new URLSearchParams(next));
      show();
    },
    destroy() {
      ctrl?.abort();
    },
  };
}
