// The Parcours search form: start diploma, goal, territory and conditions, read from and written
// to the URL parameters the API takes.

import { cached } from '../../lib/api';
import { createCombobox } from '../../lib/combobox';
import { diplomaOption, searchDiplomas } from '../../lib/diplomas';
import { h, newId } from '../../lib/dom';
import { DIPLOMA_TYPE_FR, LEVEL_FR, MODALITY_FR } from '../../lib/labels';
import { placeOf, searchPlaces, type Place } from '../../lib/places';
import { campuses } from '../../lib/refs';
import type { CampusDetail, DiplomaDetail, DiplomaSummary } from '../../lib/types';
import { createTerritoryForm, type TerritoryForm } from '../../components/territory';

type Goal = 'level' | 'type' | 'job';

function radio(name: string, value: string, label: string, checked: boolean): HTMLElement {
  const id = newId(name);
  return h('div', { class: 'radio' }, h('input', { type: 'radio', id, name, value, checked }), h('label', { for: id }, label));
}

function selectField(id: string, label: string, options: [string, string][], value: string): { field: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { id, name: id }, ...options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
  return { field: h('div', { class: 'field' }, h('label', { for: id }, label), select), select };
}

export interface ParcoursForm {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  territory: TerritoryForm;
  /** The checked query, or null after showing what to correct (focus on the first field). */
  read(keep: URLSearchParams): URLSearchParams | null;
  /** Shows `params` in the fields and looks up the labels of the codes. */
  set(params: URLSearchParams): Promise<void>;
  /** The learner's commune, with its coordinates when known. */
  homePlace(): Place | null;
  /** The label of the chosen job (sector), if the list is loaded. */
  jobLabel(id: string): string | null;
}

export function createParcoursForm(params: URLSearchParams): ParcoursForm {
  let homePlace: Place | null = null;

  const from = createCombobox<DiplomaSummary>({
    label: 'Diplôme de départ (détenu ou en cours)',
    name: 'from',
    required: true,
    placeholder: 'ex. bac pro réalisation, BTS, 40025014',
    hint: 'Tapez au moins 2 lettres du nom ou le code du diplôme, puis choisissez dans la liste.',
    search: searchDiplomas,
  });

  const level = selectField('to_level', 'Niveau visé (ou plus)', Object.entries(LEVEL_FR), params.get('to_level') ?? '7');
  const type = selectField('to_type', 'Type de diplôme visé', Object.entries(DIPLOMA_TYPE_FR).filter(([k]) => k !== 'other'), params.get('to_type') ?? 'ingenieur');
  const jobSelect = h('select', { id: 'job', name: 'job', 'aria-describedby': 'job-aide' }, h('option', { value: '' }, 'Chargement des métiers…'));
  const goalJob = h(
    'div',
    { class: 'field' },
    h('label', { for: 'job' }, 'Métier ou famille de métiers visé'),
    h('p', { class: 'hint', id: 'job-aide' }, 'Secteurs décrits par les campus (codes ROME quand ils sont connus).'),
    jobSelect,
  );
  const goalOf = (p: URLSearchParams): Goal => (p.get('job') ? 'job' : p.get('to_type') ? 'type' : 'level');
  const goalFieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, 'Objectif'),
    h(
      'div',
      { class: 'radios', role: 'presentation' },
      radio('goal', 'level', 'Un niveau', goalOf(params) === 'level'),
      radio('goal', 'type', 'Un type de diplôme', goalOf(params) === 'type'),
      radio('goal', 'job', 'Un métier', goalOf(params) === 'job'),
    ),
    level.field,
    type.field,
    goalJob,
  );

  const territory = createTerritoryForm({ idPrefix: '', zones: ['departements', 'campus', 'near', 'all'], fallback: 'all', defaultCampus: 'mecanic-vallee' });

  const home = createCombobox<Place>({
    label: "Commune de l'élève (facultatif)",
    name: 'home',
    placeholder: 'ex. Capdenac, Saint-Céré ou 12300',
    hint: 'Pour compter la distance depuis le domicile jusqu’au premier établissement.',
    search: searchPlaces,
    onSelect: (opt) => {
      homePlace = opt ? opt.data : null;
    },
  });
  const modality = selectField('modality', 'Modalité', Object.entries(MODALITY_FR), params.get('modality') ?? 'any');
  const outsideId = newId('outside');
  const outsideBox = h('input', { type: 'checkbox', id: outsideId, name: 'allow_outside' });
  const outside = h('div', { class: 'check' }, outsideBox, h('label', { for: outsideId }, 'Accepter des étapes hors du territoire (signalées)'));
  const maxSteps = selectField('max_steps', "Nombre maximal d'étapes", ['1', '2', '3', '4', '5', '6'].map((n) => [n, n]), params.get('max_steps') ?? '4');

  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Chercher les parcours');
  const formError = h('div', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'search-form', novalidate: true, 'aria-labelledby': 'parcours-titre' },
    h('div', { class: 'form-col' }, from.root, goalFieldset),
    h('div', { class: 'form-col' }, territory.root),
    h(
      'div',
      { class: 'form-col' },
      h('fieldset', { class: 'group' }, h('legend', {}, 'Conditions'), modality.field, home.root, maxSteps.field, outside),
      formError,
      h('div', { class: 'actions' }, submit),
    ),
  );

  const goal = (): Goal => (form.querySelector('input[name="goal"]:checked') as HTMLInputElement).value as Goal;
  const sync = (): void => {
    const g = goal();
    level.field.hidden = g !== 'level';
    type.field.hidden = g !== 'type';
    goalJob.hidden = g !== 'job';
  };
  form.addEventListener('change', sync);
  sync();

  // The jobs: the sectors the campuses describe, grouped by campus.
  void campuses()
    .then(async (list) => {
      const details = await Promise.all(list.map((c) => cached<CampusDetail>(`/campuses/${c.id}`).catch(() => null)));
      const groups = details
        .filter((d): d is CampusDetail => Boolean(d && d.sectors.length))
        .map((d) =>
          h(
            'optgroup',
            { label: d.short_name },
            ...d.sectors
              .slice()
              .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
              .map((s) => h('option', { value: s.id }, `${s.name}${s.rome?.length ? ` (${s.rome.join(', ')})` : ''}`)),
          ),
        );
      const wanted = jobSelect.dataset.wanted ?? '';
      jobSelect.replaceChildren(h('option', { value: '' }, '— Choisir un métier —'), ...groups);
      jobSelect.value = wanted;
      if (wanted && !jobSelect.value) jobSelect.append(h('option', { value: wanted, selected: true }, wanted));
    })
    .catch(() => {
      jobSelect.replaceChildren(h('option', { value: jobSelect.dataset.wanted ?? '' }, 'Liste des métiers indisponible'));
    });

  function read(keep: URLSearchParams): URLSearchParams | null {
    const p = new URLSearchParams();
    let firstInvalid: HTMLElement | null = null;
    const invalid = (el: HTMLElement): void => {
      firstInvalid = firstInvalid ?? el;
    };
    from.setError('');
    home.setError('');
    formError.textContent = '';

    const start = from.selected();
    const typed = from.text();
    if (start) p.set('from', start.value);
    else if (/^[A-Za-z0-9-]{3,40}$/.test(typed) && /\d/.test(typed)) p.set('from', typed.toUpperCase());
    else {
      from.setError(typed ? 'Choisissez un diplôme dans la liste proposée.' : 'Indiquez le diplôme de départ.');
      invalid(from.input);
    }
    const g = goal();
    if (g === 'level') p.set('to_level', level.select.value);
    if (g === 'type') p.set('to_type', type.select.value);
    if (g === 'job') {
      if (jobSelect.value) p.set('job', jobSelect.value);
      else {
        formError.textContent = 'Choisissez un métier visé.';
        invalid(jobSelect);
      }
    }
    const bad = territory.read(p);
    if (bad) invalid(bad);
    const hm = home.selected();
    if (hm) p.set('home', hm.value);
    else if (home.text()) {
      home.setError('Choisissez une commune dans la liste, ou laissez vide.');
      invalid(home.input);
    }
    if (modality.select.value !== 'any') p.set('modality', modality.select.value);
    if (outsideBox.checked) p.set('allow_outside', '1');
    if (maxSteps.select.value !== '4') p.set('max_steps', maxSteps.select.value);
    if (keep.get('limit')) p.set('limit', keep.get('limit')!);
    if (firstInvalid) {
      (firstInvalid as HTMLElement).focus();
      return null;
    }
    return p;
  }

  async function set(p: URLSearchParams): Promise<void> {
    const r = form.querySelector<HTMLInputElement>(`input[name="goal"][value="${goalOf(p)}"]`);
    if (r) r.checked = true;
    if (p.get('to_level')) level.select.value = p.get('to_level')!;
    if (p.get('to_type')) type.select.value = p.get('to_type')!;
    jobSelect.dataset.wanted = p.get('job') ?? '';
    if (p.get('job')) jobSelect.value = p.get('job')!;
    modality.select.value = p.get('modality') ?? 'any';
    maxSteps.select.value = p.get('max_steps') ?? '4';
    outsideBox.checked = p.get('allow_outside') === '1';
    sync();
    const pending: Promise<void>[] = [territory.set(p)];
    const code = p.get('from');
    if (code && from.selected()?.value !== code) {
      from.setSelected({ value: code, label: code, data: { code, name: code, type: 'other', offers: 0, closed: false, replaced_by: [] } });
      pending.push(
        cached<DiplomaDetail>(`/diplomas/${encodeURIComponent(code)}`)
          .then((d) => from.setSelected(diplomaOption({ code: d.code, name: d.name, type: d.type, level: d.level, offers: d.offers.length, closed: false, replaced_by: [] })))
          .catch(() => undefined), // unknown code: the search says so
      );
    }
    const hc = p.get('home');
    if (!hc) {
      home.setSelected(null);
      homePlace = null;
    } else if (home.selected()?.value !== hc) {
      pending.push(
        placeOf(hc).then((found) => {
          const opt = found ?? { value: hc, label: hc, data: { insee: hc, name: hc } };
          home.setSelected(opt);
          homePlace = opt.data;
        }),
      );
    }
    await Promise.all(pending);
  }

  return {
    form,
    submit,
    territory,
    read,
    set,
    homePlace: () => homePlace,
    jobLabel: (id) => {
      const opt = [...jobSelect.options].find((o) => o.value === id);
      return opt ? opt.textContent : null;
    },
  };
}
