// Parcours: from a diploma held to a goal (level, diploma type or job), through the offers of a
// territory; ranked pathways as cards and on a map; share by URL; print; CSV.

import L from '../map/leaflet';
import { createMap, kindIcon, territoryLayer, type CmqMap } from '../map/basemap';
import { getJSON, cached, isAbort, ApiError, type Params } from '../lib/api';
import { createCombobox, type ComboOption } from '../lib/combobox';
import { h, newId, loading, errorBox, announce, fmtKm, fmtPct, fmtNum, downloadText, toCsv, dept } from '../lib/dom';
import {
  DIPLOMA_TYPE_FR,
  LEVEL_FR,
  MODALITY_FR,
  ORIGIN_FR,
  PASSERELLE_KIND_FR,
  SCORE_COMPONENT_FR,
  STATUS_FR,
  diplomaTypeFr,
  kindFr,
  levelFr,
  modalityFr,
} from '../lib/labels';
import { hrefFor, setParams, type PageInstance } from '../router';
import type {
  CampusDetail,
  CampusSummary,
  DiplomaDetail,
  DiplomaSummary,
  Page,
  Pathway,
  PathwayAnswer,
  PathwayOffer,
  PathwayStep,
  SiteOut,
} from '../lib/types';

const QUERY_KEYS = [
  'from', 'to_level', 'to_type', 'job', 'campus', 'departements', 'near', 'radius_km', 'home',
  'modality', 'allow_outside', 'max_steps', 'limit',
] as const;

type Goal = 'level' | 'type' | 'job';
type Zone = 'campus' | 'departements' | 'near' | 'all';

interface SitePick {
  insee: string;
  name: string;
  lat?: number | null;
  lon?: number | null;
}

function diplomaOption(d: DiplomaSummary): ComboOption<DiplomaSummary> {
  return {
    value: d.code,
    label: d.name,
    hint: `${diplomaTypeFr(d.type)} · ${levelFr(d.level)} · code ${d.code}${d.offers ? ` · ${d.offers} offre${d.offers > 1 ? 's' : ''}` : ''}`,
    data: d,
  };
}

function siteOption(s: SiteOut): ComboOption<SitePick> {
  return {
    value: s.insee,
    label: `${s.name} (${dept(s.departement)})`,
    hint: `code INSEE ${s.insee}`,
    data: s,
  };
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Words in any order: the API matches one phrase, so ask for the longest word and keep the
 * diplomas whose name or code holds every word (accents and case ignored). */
async function searchDiplomas(q: string, signal: AbortSignal): Promise<ComboOption<DiplomaSummary>[]> {
  const words = fold(q).split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  if (words.length <= 1) {
    const page = await getJSON<Page<DiplomaSummary>>('/diplomas', { q, limit: 30 }, { signal });
    return page.items.map(diplomaOption);
  }
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const page = await getJSON<Page<DiplomaSummary>>('/diplomas', { q: longest, limit: 200 }, { signal });
  return page.items
    .filter((d) => {
      const text = fold(`${d.name} ${d.code} ${diplomaTypeFr(d.type)}`);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => Number(b.offers > 0) - Number(a.offers > 0))
    .slice(0, 30)
    .map(diplomaOption);
}

async function searchSites(q: string, signal: AbortSignal): Promise<ComboOption<SitePick>[]> {
  if (/^(\d{5}|2[AB]\d{3})$/i.test(q)) {
    const page = await getJSON<Page<SiteOut>>('/sites', { limit: 500 }, { signal });
    const hit = page.items.filter((s) => s.insee === q.toUpperCase());
    if (hit.length) return hit.map(siteOption);
    return [{ value: q, label: `Commune ${q}`, hint: 'code INSEE saisi', data: { insee: q, name: q } }];
  }
  const page = await getJSON<Page<SiteOut>>('/sites', { q, limit: 15 }, { signal });
  return page.items.map(siteOption);
}

function radio(name: string, value: string, label: string, checked: boolean): HTMLElement {
  const id = newId(name);
  return h(
    'div',
    { class: 'radio' },
    h('input', { type: 'radio', id, name, value, checked }),
    h('label', { for: id }, label),
  );
}

function selectField(id: string, label: string, options: [string, string][], value: string, attrs: Record<string, string> = {}): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name: id, ...attrs }, ...options.map(([v, l]) => h('option', { value: v, selected: v === value }, l))),
  );
}

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  let answer: PathwayAnswer | null = null;
  let selectedRank = Number(params.get('rang') ?? '1') || 1;
  let ctrl: AbortController | null = null;
  let cmap: CmqMap | null = null;
  let routeLayer: L.LayerGroup | null = null;
  let homeSite: SitePick | null = null;
  let nearSite: SitePick | null = null;
  let territory: L.Layer | null = null;
  let territoryKey = '';

  // ---- form ------------------------------------------------------------------------------
  const from = createCombobox<DiplomaSummary>({
    label: 'Diplôme de départ (détenu ou en cours)',
    name: 'from',
    required: true,
    placeholder: 'ex. bac pro réalisation, BTS, 40025014',
    hint: 'Tapez au moins 2 lettres du nom ou le code du diplôme, puis choisissez dans la liste.',
    search: (q, signal) => searchDiplomas(q, signal),
  });

  const goalLevel = selectField('to_level', 'Niveau visé (ou plus)', Object.entries(LEVEL_FR).map(([k, v]) => [k, v]), params.get('to_level') ?? '7');
  const goalType = selectField(
    'to_type',
    'Type de diplôme visé',
    Object.entries(DIPLOMA_TYPE_FR).filter(([k]) => k !== 'other'),
    params.get('to_type') ?? 'ingenieur',
  );
  const jobSelect = h('select', { id: 'job', name: 'job' }, h('option', { value: '' }, 'Chargement des métiers…'));
  const goalJob = h(
    'div',
    { class: 'field' },
    h('label', { for: 'job' }, 'Métier ou famille de métiers visé'),
    h('p', { class: 'hint', id: 'job-aide' }, 'Secteurs décrits par les campus (codes ROME quand ils sont connus).'),
    jobSelect,
  );
  jobSelect.setAttribute('aria-describedby', 'job-aide');
  const goalKind: Goal = params.get('job') ? 'job' : params.get('to_type') ? 'type' : 'level';
  const goalFieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, 'Objectif'),
    h(
      'div',
      { class: 'radios', role: 'presentation' },
      radio('goal', 'level', 'Un niveau', goalKind === 'level'),
      radio('goal', 'type', 'Un type de diplôme', goalKind === 'type'),
      radio('goal', 'job', 'Un métier', goalKind === 'job'),
    ),
    goalLevel,
    goalType,
    goalJob,
  );

  const campusSelect = h('select', { id: 'campus', name: 'campus' }, h('option', { value: '' }, 'Chargement des campus…'));
  const campusField = h('div', { class: 'field' }, h('label', { for: 'campus' }, 'Campus'), campusSelect);
  const deptInput = h('input', {
    id: 'departements',
    name: 'departements',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    value: params.get('departements') ?? '',
    placeholder: 'ex. 12, 46',
    'aria-describedby': 'departements-aide departements-erreur',
  });
  const deptError = h('p', { class: 'field-error', id: 'departements-erreur' });
  const deptField = h(
    'div',
    { class: 'field' },
    h('label', { for: 'departements' }, 'Départements'),
    h('p', { class: 'hint', id: 'departements-aide' }, 'Codes séparés par des virgules, par exemple 12, 46.'),
    deptInput,
    deptError,
  );
  const near = createCombobox<SitePick>({
    label: 'Commune',
    name: 'near',
    placeholder: 'ex. Figeac',
    hint: 'Communes où se trouvent des établissements, ou un code INSEE.',
    search: searchSites,
    onSelect: (opt) => {
      nearSite = opt ? opt.data : null;
    },
  });
  const radiusInput = h('input', {
    id: 'radius_km',
    name: 'radius_km',
    type: 'number',
    min: '1',
    max: '500',
    step: '1',
    value: params.get('radius_km') ?? '50',
    'aria-describedby': 'radius-erreur',
  });
  const radiusError = h('p', { class: 'field-error', id: 'radius-erreur' });
  const nearField = h(
    'div',
    { class: 'near-fields' },
    near.root,
    h('div', { class: 'field' }, h('label', { for: 'radius_km' }, 'Rayon (km)'), radiusInput, radiusError),
  );
  const zone: Zone = params.get('campus')
    ? 'campus'
    : params.get('near')
      ? 'near'
      : params.get('departements')
        ? 'departements'
        : 'all';
  const zoneFieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, 'Territoire'),
    h(
      'div',
      { class: 'radios' },
      radio('zone', 'departements', 'Départements', zone === 'departements'),
      radio('zone', 'campus', 'Un campus', zone === 'campus'),
      radio('zone', 'near', 'Autour d’une commune', zone === 'near'),
      radio('zone', 'all', 'Partout', zone === 'all'),
    ),
    deptField,
    campusField,
    nearField,
  );

  const home = createCombobox<SitePick>({
    label: "Commune de l'élève (facultatif)",
    name: 'home',
    placeholder: 'ex. Decazeville',
    hint: 'Pour compter la distance depuis le domicile jusqu’au premier établissement.',
    search: searchSites,
    onSelect: (opt) => {
      homeSite = opt ? opt.data : null;
    },
  });

  const modality = selectField(
    'modality',
    'Modalité',
    Object.entries(MODALITY_FR).map(([k, v]) => [k, v]),
    params.get('modality') ?? 'any',
  );
  const outsideId = newId('outside');
  const outside = h(
    'div',
    { class: 'check' },
    h('input', { type: 'checkbox', id: outsideId, name: 'allow_outside', checked: params.get('allow_outside') === '1' }),
    h('label', { for: outsideId }, 'Accepter des étapes hors du territoire (signalées)'),
  );
  const maxSteps = selectField(
    'max_steps',
    "Nombre maximal d'étapes",
    ['1', '2', '3', '4', '5', '6'].map((n) => [n, n]),
    params.get('max_steps') ?? '4',
  );

  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Chercher les parcours');
  const formError = h('div', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'search-form', novalidate: true, 'aria-labelledby': 'parcours-titre' },
    h('div', { class: 'form-col' }, from.root, goalFieldset),
    h('div', { class: 'form-col' }, zoneFieldset),
    h(
      'div',
      { class: 'form-col' },
      h('fieldset', { class: 'group' }, h('legend', {}, 'Conditions'), modality, home.root, maxSteps, outside),
      formError,
      h('div', { class: 'actions' }, submit),
    ),
  );

  const results = h('section', { class: 'results', 'aria-labelledby': 'resultats-titre', 'aria-live': 'polite' });
  const cards = h('div', { class: 'cards' });
  const mapEl = h('div', { id: 'carte-parcours' });
  const mapLegend = h('p', { class: 'map-caption' });
  const mapPanel = h('div', { class: 'map-panel' }, mapEl, mapLegend);
  results.append(h('h2', { id: 'resultats-titre', class: 'sr-only' }, 'Résultats'));

  el.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { id: 'parcours-titre' }, 'Trouver un parcours de formation'),
      h(
        'p',
        { class: 'lead' },
        'À partir du diplôme détenu, les parcours possibles vers un niveau, un type de diplôme ou un métier, ',
        'dans les établissements d’un territoire, avec la passerelle utilisée à chaque étape.',
      ),
    ),
    form,
    results,
  );

  // Show only the fields of the chosen goal and territory.
  const sync = (): void => {
    const g = (form.querySelector('input[name="goal"]:checked') as HTMLInputElement).value as Goal;
    goalLevel.hidden = g !== 'level';
    goalType.hidden = g !== 'type';
    goalJob.hidden = g !== 'job';
    const z = (form.querySelector('input[name="zone"]:checked') as HTMLInputElement).value as Zone;
    deptField.hidden = z !== 'departements';
    campusField.hidden = z !== 'campus';
    nearField.hidden = z !== 'near';
  };
  form.addEventListener('change', sync);
  sync();

  // Reference lists: campuses (territory) and their sectors (jobs).
  void cached<CampusSummary[]>('/campuses')
    .then(async (campuses) => {
      campusSelect.replaceChildren(
        ...campuses.map((c) => h('option', { value: c.id, selected: c.id === (params.get('campus') ?? 'mecanic-vallee') }, c.name)),
      );
      const details = await Promise.all(campuses.map((c) => cached<CampusDetail>(`/campuses/${c.id}`).catch(() => null)));
      const groups = details
        .filter((d): d is CampusDetail => Boolean(d && d.sectors.length))
        .map((d) =>
          h(
            'optgroup',
            { label: d.short_name },
            ...d.sectors
              .slice()
              .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
              .map((s) =>
                h('option', { value: s.id, selected: s.id === params.get('job') }, `${s.name}${s.rome.length ? ` (${s.rome.join(', ')})` : ''}`),
              ),
          ),
        );
      jobSelect.replaceChildren(h('option', { value: '' }, '— Choisir un métier —'), ...groups);
      if (params.get('job') && !jobSelect.value) {
        jobSelect.append(h('option', { value: params.get('job')!, selected: true }, params.get('job')!));
      }
    })
    .catch(() => {
      campusSelect.replaceChildren(h('option', { value: params.get('campus') ?? '' }, 'Liste des campus indisponible'));
      jobSelect.replaceChildren(h('option', { value: params.get('job') ?? '' }, 'Liste des métiers indisponible'));
    });

  // ---- reading and checking the form -----------------------------------------------------
  function readForm(): URLSearchParams | null {
    const p = new URLSearchParams();
    let firstInvalid: HTMLElement | null = null;
    const invalid = (elx: HTMLElement): void => {
      firstInvalid = firstInvalid ?? elx;
    };
    [from, near].forEach((c) => c.setError(''));
    for (const e of [deptError, radiusError]) e.textContent = '';
    deptInput.removeAttribute('aria-invalid');
    radiusInput.removeAttribute('aria-invalid');
    formError.textContent = '';

    const start = from.selected();
    const typed = from.text();
    if (start) p.set('from', start.value);
    else if (/^[A-Za-z0-9-]{3,40}$/.test(typed) && /\d/.test(typed)) p.set('from', typed.toUpperCase());
    else {
      from.setError(typed ? 'Choisissez un diplôme dans la liste proposée.' : 'Indiquez le diplôme de départ.');
      invalid(from.input);
    }
    const g = (form.querySelector('input[name="goal"]:checked') as HTMLInputElement).value as Goal;
    if (g === 'level') p.set('to_level', (goalLevel.querySelector('select') as HTMLSelectElement).value);
    if (g === 'type') p.set('to_type', (goalType.querySelector('select') as HTMLSelectElement).value);
    if (g === 'job') {
      if (jobSelect.value) p.set('job', jobSelect.value);
      else {
        formError.textContent = 'Choisissez un métier visé.';
        invalid(jobSelect);
      }
    }
    const z = (form.querySelector('input[name="zone"]:checked') as HTMLInputElement).value as Zone;
    if (z === 'campus' && campusSelect.value) p.set('campus', campusSelect.value);
    if (z === 'departements') {
      const codes = deptInput.value.split(/[\s,;]+/).filter(Boolean);
      if (!codes.length || !codes.every((c) => /^(\d{2,3}|2[AB])$/i.test(c))) {
        deptError.textContent = 'Indiquez des codes de départements, par exemple 12, 46.';
        deptInput.setAttribute('aria-invalid', 'true');
        invalid(deptInput);
      } else p.set('departements', codes.map((c) => c.toUpperCase()).join(','));
    }
    if (z === 'near') {
      const n = near.selected();
      if (!n) {
        near.setError('Choisissez une commune dans la liste.');
        invalid(near.input);
      } else p.set('near', n.value);
      const r = Number(radiusInput.value);
      if (!(r > 0 && r <= 500)) {
        radiusError.textContent = 'Le rayon est un nombre de kilomètres entre 1 et 500.';
        radiusInput.setAttribute('aria-invalid', 'true');
        invalid(radiusInput);
      } else p.set('radius_km', String(r));
    }
    const hm = home.selected();
    if (hm) p.set('home', hm.value);
    else if (home.text()) {
      home.setError('Choisissez une commune dans la liste, ou laissez vide.');
      invalid(home.input);
    }
    const m = (modality.querySelector('select') as HTMLSelectElement).value;
    if (m !== 'any') p.set('modality', m);
    if ((outside.querySelector('input') as HTMLInputElement).checked) p.set('allow_outside', '1');
    const ms = (maxSteps.querySelector('select') as HTMLSelectElement).value;
    if (ms !== '4') p.set('max_steps', ms);
    if (params.get('limit')) p.set('limit', params.get('limit')!);
    if (firstInvalid) {
      (firstInvalid as HTMLElement).focus();
      return null;
    }
    return p;
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = readForm();
    if (!p) return;
    selectedRank = 1;
    params = p;
    setParams('parcours', params, { push: true });
    void search(true);
  });

  // Fill the combobox labels of a shared link.
  async function fillFromParams(): Promise<void> {
    const code = params.get('from');
    if (code && from.selected()?.value !== code) {
      from.setSelected({ value: code, label: code, data: { code, name: code, type: 'other', offers: 0 } });
      try {
        const d = await cached<DiplomaDetail>(`/diplomas/${encodeURIComponent(code)}`);
        from.setSelected(diplomaOption({ code: d.code, name: d.name, type: d.type, level: d.level, offers: d.offers.length }));
      } catch {
        /* unknown code: the search below says so */
      }
    }
    for (const [combo, key] of [[near, 'near'], [home, 'home']] as const) {
      const v = params.get(key);
      if (!v) continue;
      const opts = await searchSites(v, new AbortController().signal).catch(() => []);
      const opt = opts[0] ?? { value: v, label: v, data: { insee: v, name: v } };
      combo.setSelected(opt);
      if (key === 'home') homeSite = opt.data;
      else nearSite = opt.data;
    }
  }

  // ---- search and results ----------------------------------------------------------------
  function apiParams(): Params {
    const out: Params = {};
    for (const k of QUERY_KEYS) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out;
  }

  /** `fromForm`: the user asked, so focus moves to the results; a shared link scrolls to them
   * on narrow screens, where the form fills the first screen. */
  async function search(fromForm = false): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    answer = null;
    submit.disabled = true;
    cards.replaceChildren();
    results.replaceChildren(results.firstChild!, loading('Recherche des parcours…'));
    results.setAttribute('aria-busy', 'true');
    try {
      const a = await getJSON<PathwayAnswer>('/pathways', apiParams(), { signal: ctrl.signal });
      answer = a;
      renderAnswer();
      const head = results.querySelector<HTMLElement>('.results-summary');
      if (fromForm && head) {
        head.setAttribute('tabindex', '-1');
        head.focus();
      } else if (head && selectedRank === (a.pathways[0]?.rank ?? 1) && window.matchMedia('(max-width: 60rem)').matches) {
        head.scrollIntoView({ block: 'start' });
      }
    } catch (e) {
      if (isAbort(e)) return;
      let extra: Node | undefined;
      if (e instanceof ApiError && e.suggestions.length) {
        extra = h(
          'div',
          {},
          h('p', {}, 'Diplômes proches :'),
          h(
            'ul',
            {},
            ...e.suggestions.map((s) => {
              const code = s.split(' ')[0];
              const p = new URLSearchParams(params);
              p.set('from', code);
              return h('li', {}, h('a', { href: hrefFor('parcours', p) }, s));
            }),
          ),
        );
      }
      results.replaceChildren(results.firstChild!, errorBox(e, () => void search(), extra));
    } finally {
      submit.disabled = false;
      results.removeAttribute('aria-busy');
    }
  }

  function renderAnswer(): void {
    if (!answer) return;
    const a = answer;
    const shown = a.pathways.length;
    const summary = h(
      'div',
      { class: 'results-head' },
      h(
        'p',
        { class: 'results-summary' },
        h('strong', {}, a.count ? `${fmtNum(a.count)} parcours trouvé${a.count > 1 ? 's' : ''}` : 'Aucun parcours trouvé'),
        shown < a.count ? ` (les ${shown} mieux classés sont affichés)` : '',
        ` — de ${a.start} vers ${goalText(a)}, ${territoryText(a)}.`,
      ),
    );
    const actions = h('div', { class: 'actions no-print' });
    if (shown) {
      actions.append(
        h('button', { type: 'button', class: 'btn', onclick: () => exportCsv() }, 'Exporter en CSV'),
        h('button', { type: 'button', class: 'btn', onclick: () => printPathways(null) }, 'Imprimer ou PDF'),
        h('button', { type: 'button', class: 'btn', onclick: () => void copyLink(null) }, 'Copier le lien de la recherche'),
      );
      if (shown < a.count && shown < 50) {
        actions.append(
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-ghost',
              onclick: () => {
                params.set('limit', String(Math.min(50, shown + 10)));
                setParams('parcours', params);
                void search();
              },
            },
            'Afficher 10 parcours de plus',
          ),
        );
      }
    }
    for (const notice of a.notices ?? []) {
      summary.append(h('p', { class: 'notice', role: 'note' }, notice));
    }
    summary.append(actions);
    const link = `${window.location.origin}${window.location.pathname}${hrefFor('parcours', params)}`;
    summary.append(
      h(
        'p',
        { class: 'print-only' },
        `Recherche du ${new Date().toLocaleDateString('fr-FR', { dateStyle: 'long' })}, à retrouver sur : ${link}`,
      ),
    );
    results.replaceChildren(results.firstChild!, summary);
    if (!shown) {
      results.append(
        h(
          'div',
          { class: 'state state-empty' },
          h('p', {}, h('strong', {}, 'Aucun parcours. '), a.reason ?? ''),
          h('p', {}, 'Essayez un territoire plus large, une autre modalité, ou acceptez des étapes hors du territoire.'),
        ),
      );
      return;
    }
    cards.replaceChildren(...a.pathways.map(card));
    results.append(h('div', { class: 'results-grid' }, h('div', { class: 'cards-col' }, cards), mapPanel));
    ensureMap();
    if (!a.pathways.some((p) => p.rank === selectedRank)) selectedRank = a.pathways[0].rank;
    selectRank(selectedRank, false);
    if (selectedRank !== a.pathways[0].rank) {
      cards.querySelector(`[data-rank="${selectedRank}"]`)?.scrollIntoView({ block: 'start' });
    }
    announce(`${a.count} parcours trouvés.`);
  }

  /** The goal and territory in the interface's words (the API's use ids). */
  function goalText(a: PathwayAnswer): string {
    if (params.get('to_level')) return `le ${levelFr(Number(params.get('to_level'))).toLowerCase()} ou plus`;
    if (params.get('to_type')) return `un diplôme de type « ${diplomaTypeFr(params.get('to_type'))} »`;
    if (params.get('job')) {
      const opt = jobSelect.selectedOptions[0];
      return `le métier ou la filière « ${opt && opt.value === params.get('job') ? opt.textContent : params.get('job')} »`;
    }
    return a.goal;
  }

  function territoryText(a: PathwayAnswer): string {
    if (params.get('campus')) {
      const opt = campusSelect.selectedOptions[0];
      if (opt && opt.value === params.get('campus')) return `dans le territoire du ${opt.textContent}`;
    }
    if (a.territory === 'tout le territoire') return 'sans limite de territoire';
    return a.territory;
  }

  function chosen(step: PathwayStep): PathwayOffer | undefined {
    return step.offers.find((o) => o.chosen) ?? step.offers[0];
  }

  function passerelleText(step: PathwayStep): string {
    const p = step.passerelle;
    if (!p) return '';
    const bits = [`${PASSERELLE_KIND_FR[p.kind] ?? p.kind}${p.origin ? `, ${ORIGIN_FR[p.origin] ?? p.origin}` : ''}`];
    if (p.rate != null) bits.push(`taux de passage ${fmtPct(p.rate)}`);
    if (p.entrant_share != null) bits.push(`${fmtPct(p.entrant_share)} des entrants viennent du diplôme précédent`);
    if (p.reserved_share != null) bits.push(`${fmtPct(p.reserved_share)} des places réservées`);
    if (p.modality) bits.push(`en ${modalityFr(p.modality).toLowerCase()}`);
    return bits.join(' — ');
  }

  function offerLine(o: PathwayOffer, stepIndex: number): HTMLElement {
    const where = [o.commune, o.departement ? `(${dept(o.departement)})` : ''].filter(Boolean).join(' ');
    const facts = [
      modalityFr(o.modality),
      `offre ${STATUS_FR[o.status] ?? o.status}${o.year ? ` (${o.year})` : ''}`,
      o.capacity != null ? `${o.capacity} places` : null,
      o.boarding_places ? `internat ${o.boarding_places} places` : null,
      o.distance_km != null ? `${fmtKm(o.distance_km)} depuis ${stepIndex === 1 && params.get('home') ? 'le domicile' : "l'étape précédente"}` : null,
    ].filter(Boolean);
    return h(
      'div',
      { class: 'offer' },
      h('span', { class: 'offer-name' }, o.actor_name),
      ' ',
      h('span', { class: 'muted' }, `${kindFr(o.actor_kind)}${where ? ` · ${where}` : ''}`),
      o.in_territory ? null : h('span', { class: 'badge badge-warn' }, 'hors territoire'),
      o.status === 'planned' ? h('span', { class: 'badge badge-info' }, 'en projet') : null,
      h('div', { class: 'offer-facts' }, facts.join(' · ')),
    );
  }

  function card(p: Pathway): HTMLElement {
    const titleId = `parcours-${p.rank}-titre`;
    const [start, ...steps] = p.steps;
    const last = p.steps[p.steps.length - 1];
    const stepsList = h(
      'ol',
      { class: 'steps' },
      h(
        'li',
        { class: 'step step-start' },
        h('span', { class: 'step-num', 'aria-hidden': 'true' }, '0'),
        h(
          'div',
          {},
          h('p', { class: 'step-title' }, h('span', { class: 'sr-only' }, 'Point de départ : '), start.name),
          h('p', { class: 'muted' }, `Diplôme de départ · ${diplomaTypeFr(start.type)} · ${levelFr(start.level)}`),
        ),
      ),
      ...steps.map((s) => {
        const c = chosen(s);
        const others = s.offers.filter((o) => o !== c);
        return h(
          'li',
          { class: `step${s.outside_territory ? ' step-outside' : ''}` },
          h('span', { class: 'step-num', 'aria-hidden': 'true' }, String(s.index)),
          h(
            'div',
            {},
            h('p', { class: 'step-title' }, h('span', { class: 'sr-only' }, `Étape ${s.index} : `), s.name),
            h(
              'p',
              { class: 'muted' },
              `${diplomaTypeFr(s.type)} · ${levelFr(s.level)} · code ${s.code}`,
              s.outside_territory ? h('span', { class: 'badge badge-warn' }, 'hors territoire') : null,
            ),
            s.passerelle ? h('p', { class: 'passerelle' }, h('span', { class: 'label' }, 'Passerelle : '), passerelleText(s)) : null,
            c ? offerLine(c, s.index) : h('p', { class: 'muted' }, 'Aucun établissement trouvé pour cette étape.'),
            others.length
              ? h(
                  'details',
                  { class: 'others' },
                  h('summary', {}, `${others.length} autre${others.length > 1 ? 's' : ''} possibilité${others.length > 1 ? 's' : ''} pour cette étape`),
                  ...others.map((o) => offerLine(o, s.index)),
                )
              : null,
          ),
        );
      }),
    );
    const comps = Object.entries(p.score.components).filter(([, v]) => v !== 0);
    const why = h(
      'details',
      { class: 'why' },
      h('summary', {}, 'Pourquoi ce rang ?'),
      h('ul', {}, ...p.score.explanation.map((t) => h('li', {}, t))),
      comps.length
        ? h(
            'table',
            { class: 'table table-compact' },
            h('caption', {}, `Calcul du score (100 points au départ, total ${fmtNum(p.score.total, 1)})`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Critère'), h('th', { scope: 'col', class: 'num' }, 'Points'))),
            h(
              'tbody',
              {},
              ...comps.map(([k, v]) =>
                h('tr', {}, h('th', { scope: 'row' }, SCORE_COMPONENT_FR[k] ?? k), h('td', { class: 'num' }, `${v > 0 ? '+' : ''}${fmtNum(v, 1)}`)),
              ),
            ),
          )
        : null,
    );
    const showBtn = h(
      'button',
      { type: 'button', class: 'btn btn-small', 'aria-pressed': 'false', 'data-action': 'carte', onclick: () => selectRank(p.rank, true) },
      'Voir sur la carte',
    );
    return h(
      'article',
      { class: 'card pathway', id: `parcours-${p.rank}`, 'data-rank': String(p.rank), 'aria-labelledby': titleId },
      h(
        'header',
        { class: 'card-head' },
        h('h3', { id: titleId }, `Parcours ${p.rank}`, h('span', { class: 'sr-only' }, ` : ${last.name}`)),
        h('span', { class: 'score', title: 'Score de classement' }, `score ${fmtNum(p.score.total, 1)}`),
      ),
      h(
        'p',
        { class: 'card-meta' },
        `${steps.length} étape${steps.length > 1 ? 's' : ''} · ${fmtKm(p.travel_km)} entre établissements`,
        p.outside_steps ? ` · ${p.outside_steps} étape${p.outside_steps > 1 ? 's' : ''} hors territoire` : '',
        ` · arrivée : ${diplomaTypeFr(last.type)}, ${levelFr(last.level).toLowerCase()}`,
      ),
      stepsList,
      why,
      h(
        'div',
        { class: 'actions no-print' },
        showBtn,
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => void copyLink(p.rank) }, 'Copier le lien'),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => printPathways(p.rank) }, 'Imprimer'),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => exportCsv(p.rank) }, 'CSV'),
      ),
    );
  }

  // ---- map -------------------------------------------------------------------------------
  function ensureMap(): void {
    if (cmap) {
      window.setTimeout(() => cmap?.map.invalidateSize(), 0);
      return;
    }
    cmap = createMap(mapEl, 'Carte du parcours sélectionné');
    routeLayer = L.layerGroup().addTo(cmap.map);
  }

  function selectRank(rank: number, userAction: boolean): void {
    selectedRank = rank;
    const p = answer?.pathways.find((x) => x.rank === rank);
    for (const c of cards.querySelectorAll<HTMLElement>('.pathway')) {
      const on = c.dataset.rank === String(rank);
      c.classList.toggle('is-selected', on);
      c.querySelector('[data-action="carte"]')?.setAttribute('aria-pressed', String(on));
    }
    const sp = new URLSearchParams(params);
    if (rank !== 1) sp.set('rang', String(rank));
    setParams('parcours', sp);
    if (!p || !cmap || !routeLayer) return;
    drawPathway(p);
    if (userAction) {
      announce(`Parcours ${rank} affiché sur la carte.`);
      if (window.matchMedia('(max-width: 60rem)').matches) mapEl.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }
  }

  /** The searched territory, drawn under the pathway: départements, a campus's, or a circle. */
  async function drawTerritory(): Promise<L.LatLngBounds | null> {
    if (!cmap) return null;
    const key = ['departements', 'campus', 'near', 'radius_km'].map((k) => params.get(k) ?? '').join('|');
    if (key === territoryKey) return territory && 'getBounds' in territory ? (territory as L.GeoJSON).getBounds() : null;
    territory?.remove();
    territory = null;
    territoryKey = key;
    let codes: string[] = [];
    if (params.get('departements')) codes = params.get('departements')!.split(',');
    else if (params.get('campus')) {
      const list = await cached<CampusSummary[]>('/campuses').catch(() => []);
      codes = list.find((c) => c.id === params.get('campus'))?.departements ?? [];
    }
    if (codes.length) territory = await territoryLayer(codes);
    else if (params.get('near') && nearSite?.lat != null && nearSite.lon != null) {
      territory = L.circle([nearSite.lat, nearSite.lon], {
        radius: Number(params.get('radius_km') ?? '0') * 1000,
        color: '#000091',
        weight: 2,
        dashArray: '6 4',
        fillColor: '#e3e3fd',
        fillOpacity: 0.35,
        interactive: false,
      });
    }
    if (!territory || !cmap) return null;
    territory.addTo(cmap.map);
    return (territory as L.GeoJSON).getBounds();
  }

  function drawPathway(p: Pathway): void {
    if (!cmap || !routeLayer) return;
    routeLayer.clearLayers();
    const pts: L.LatLng[] = [];
    for (const s of p.steps.slice(1)) {
      const c = chosen(s);
      for (const o of s.offers) {
        if (o === c || o.lat == null || o.lon == null) continue;
        L.circleMarker([o.lat, o.lon], { radius: 6, color: '#161616', weight: 1.5, fillColor: '#ffffff', fillOpacity: 1 })
          // An element, never a string: Leaflet renders a string tooltip as HTML (stored XSS).
          .bindTooltip(h('span', {}, `Autre possibilité pour l’étape ${s.index} : ${o.actor_name} (${o.commune ?? ''})`))
          .addTo(routeLayer);
      }
    }
    const places = new Map<string, { ll: L.LatLng; steps: number[]; offers: PathwayOffer[]; names: string[] }>();
    if (homeSite?.lat != null && homeSite.lon != null) {
      const ll = L.latLng(homeSite.lat, homeSite.lon);
      pts.push(ll);
      L.marker(ll, { icon: kindIcon('other', { text: '⌂' }), title: `Domicile : ${homeSite.name}`, alt: `Domicile : ${homeSite.name}` })
        .bindPopup(h('p', {}, h('strong', {}, 'Domicile'), h('br'), homeSite.name))
        .addTo(routeLayer);
    }
    for (const s of p.steps.slice(1)) {
      const o = chosen(s);
      if (!o || o.lat == null || o.lon == null) continue;
      const ll = L.latLng(o.lat, o.lon);
      pts.push(ll);
      const key = `${o.lat.toFixed(5)},${o.lon.toFixed(5)}`;
      const place = places.get(key) ?? { ll, steps: [], offers: [], names: [] };
      place.steps.push(s.index);
      place.offers.push(o);
      place.names.push(s.name);
      places.set(key, place);
    }
    if (pts.length > 1) {
      L.polyline(pts, { color: '#000091', weight: 4, opacity: 0.85, dashArray: '8 6' }).addTo(routeLayer);
    }
    for (const place of places.values()) {
      const label = place.steps.join(', ');
      const title = place.steps.map((n, i) => `Étape ${n} : ${place.names[i]} — ${place.offers[i].actor_name}`).join(' ; ');
      const popup = h(
        'div',
        { class: 'popup' },
        ...place.steps.map((n, i) =>
          h(
            'p',
            {},
            h('strong', {}, `Étape ${n} : `),
            place.names[i],
            h('br'),
            `${place.offers[i].actor_name} — ${place.offers[i].commune ?? ''} · ${modalityFr(place.offers[i].modality)}`,
          ),
        ),
      );
      L.marker(place.ll, {
        icon: kindIcon(place.offers[0].actor_kind, { text: label, focus: true }),
        title,
        alt: title,
        keyboard: true,
        riseOnHover: true,
      })
        .bindPopup(popup)
        .addTo(routeLayer);
    }
    mapLegend.textContent = `Parcours ${p.rank} : ${places.size ? `${p.steps.length - 1} étape(s) en ${places.size} lieu(x), numérotés dans l'ordre` : 'aucun établissement localisé'}${pts.length > 1 ? ', trajet en pointillés (à vol d’oiseau)' : ''} ; ronds blancs : autres établissements possibles ; zone bleutée : territoire choisi.`;
    cmap.whenReady(() =>
      void drawTerritory().then((tb) => {
        if (!cmap) return;
        cmap.map.invalidateSize();
        const b = tb ? L.latLngBounds(tb.getSouthWest(), tb.getNorthEast()) : null;
        for (const pt of pts) b?.extend(pt);
        if (b) cmap.map.fitBounds(b, { padding: [20, 20], maxZoom: 11, animate: false });
        else if (pts.length === 1) cmap.map.setView(pts[0], 9, { animate: false });
        else if (pts.length > 1) cmap.map.fitBounds(L.latLngBounds(pts), { padding: [40, 40], maxZoom: 11, animate: false });
      }),
    );
  }

  // ---- share, print, CSV -----------------------------------------------------------------
  async function copyLink(rank: number | null): Promise<void> {
    const sp = new URLSearchParams(params);
    if (rank && rank !== 1) sp.set('rang', String(rank));
    else sp.delete('rang');
    const url = `${window.location.origin}${window.location.pathname}${hrefFor('parcours', sp)}`;
    try {
      await navigator.clipboard.writeText(url);
      announce('Lien copié dans le presse-papiers.');
    } catch {
      window.prompt('Copiez ce lien :', url);
    }
  }

  function printPathways(rank: number | null): void {
    document.body.classList.toggle('print-one', rank !== null);
    const sp = new URLSearchParams(params);
    if (rank && rank !== 1) sp.set('rang', String(rank));
    const note = results.querySelector('.print-only');
    if (note) {
      const link = `${window.location.origin}${window.location.pathname}${hrefFor('parcours', sp)}`;
      note.textContent = `${rank ? `Parcours ${rank}, recherche` : 'Recherche'} du ${new Date().toLocaleDateString('fr-FR', { dateStyle: 'long' })}, à retrouver sur : ${link}`;
    }
    for (const c of cards.querySelectorAll<HTMLElement>('.pathway')) {
      c.classList.toggle('print-target', rank !== null && c.dataset.rank === String(rank));
      for (const d of c.querySelectorAll('details')) d.setAttribute('open', '');
    }
    const done = (): void => {
      document.body.classList.remove('print-one');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  function exportCsv(rank?: number): void {
    if (!answer) return;
    const rows: (string | number | null | undefined)[][] = [
      [
        'rang', 'score', 'etape', 'code_diplome', 'diplome', 'type', 'niveau', 'passerelle', 'type_passerelle',
        'origine_passerelle', 'taux_passage', 'part_entrants', 'part_places_reservees', 'etablissement', 'nature',
        'commune', 'departement', 'modalite', 'statut_offre', 'capacite', 'places_internat', 'distance_km',
        'hors_territoire', 'source_offre',
      ],
    ];
    for (const p of answer.pathways) {
      if (rank && p.rank !== rank) continue;
      for (const s of p.steps) {
        const o = s.index ? chosen(s) : undefined;
        const pa = s.passerelle;
        rows.push([
          p.rank, p.score.total, s.index, s.code, s.name, diplomaTypeFr(s.type), s.level, pa?.id, pa ? PASSERELLE_KIND_FR[pa.kind] ?? pa.kind : '',
          pa?.origin ? ORIGIN_FR[pa.origin] ?? pa.origin : '', pa?.rate, pa?.entrant_share, pa?.reserved_share,
          o?.actor_name, o ? kindFr(o.actor_kind) : '', o?.commune, dept(o?.departement), o ? modalityFr(o.modality) : '',
          o ? STATUS_FR[o.status] ?? o.status : '', o?.capacity, o?.boarding_places, o?.distance_km,
          s.outside_territory ? 'oui' : 'non', o?.source,
        ]);
      }
    }
    const name = `parcours-${params.get('from') ?? 'recherche'}${rank ? `-rang-${rank}` : ''}.csv`;
    downloadText(name, toCsv(rows));
    announce('Fichier CSV téléchargé.');
  }

  // ---- start -----------------------------------------------------------------------------
  void fillFromParams().then(() => {
    if (params.get('from')) void search();
  });
  if (!params.get('from')) {
    results.append(
      h(
        'div',
        { class: 'state state-empty' },
        h('p', {}, 'Choisissez un diplôme de départ et un objectif, puis lancez la recherche. Exemple : '),
        h(
          'p',
          {},
          h(
            'a',
            { href: hrefFor('parcours', { from: '40025014', to_level: '7', departements: '12,46' }) },
            'du bac pro Technicien en réalisation de produits mécaniques vers le niveau 7 en Aveyron et dans le Lot',
          ),
        ),
      ),
    );
  }

  return {
    update(next) {
      const sameQuery = QUERY_KEYS.every((k) => (next.get(k) ?? '') === (params.get(k) ?? ''));
      const rank = Number(next.get('rang') ?? '1') || 1;
      if (sameQuery && answer) {
        if (rank !== selectedRank) selectRank(rank, false);
        return;
      }
      params = new URLSearchParams(next);
      selectedRank = rank;
      // Reflect the new query in the form, then search.
      mountFormValues();
      territoryKey = '#';
      void fillFromParams().then(() => {
        if (params.get('from')) void search();
      });
    },
    destroy() {
      ctrl?.abort();
      cmap?.destroy();
      cmap = null;
    },
  };

  function mountFormValues(): void {
    const setRadio = (name: string, value: string): void => {
      const r = form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
      if (r) r.checked = true;
    };
    setRadio('goal', params.get('job') ? 'job' : params.get('to_type') ? 'type' : 'level');
    setRadio('zone', params.get('campus') ? 'campus' : params.get('near') ? 'near' : params.get('departements') ? 'departements' : 'all');
    if (params.get('to_level')) (goalLevel.querySelector('select') as HTMLSelectElement).value = params.get('to_level')!;
    if (params.get('to_type')) (goalType.querySelector('select') as HTMLSelectElement).value = params.get('to_type')!;
    if (params.get('job')) jobSelect.value = params.get('job')!;
    if (params.get('campus')) campusSelect.value = params.get('campus')!;
    if (params.get('departements')) deptInput.value = params.get('departements')!;
    if (params.get('radius_km')) radiusInput.value = params.get('radius_km')!;
    (modality.querySelector('select') as HTMLSelectElement).value = params.get('modality') ?? 'any';
    (maxSteps.querySelector('select') as HTMLSelectElement).value = params.get('max_steps') ?? '4';
    (outside.querySelector('input') as HTMLInputElement).checked = params.get('allow_outside') === '1';
    if (!params.get('home')) {
      home.setSelected(null);
      homeSite = null;
    }
    sync();
  }
}
