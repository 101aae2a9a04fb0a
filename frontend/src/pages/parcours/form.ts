// The Parcours search form: start diploma, goal (a level, a type, a diploma or a job), territory and conditions, read from and written
// to the URL parameters the API takes.

import { cached } from '../../lib/api';
import { createCombobox } from '../../lib/combobox';
import { diplomaOption, searchDiplomas } from '../../lib/diplomas';
import { h, newId } from '../../lib/dom';
import { DIPLOMA_TYPE_FR, LEVEL_FR, MODALITY_FR } from '../../lib/labels';
import { placeOf, searchPlaces, type Place } from '../../lib/places';
import type { DiplomaDetail, DiplomaSummary } from '../../lib/types';
import { createTerritoryForm, type TerritoryForm } from '../../components/territory';
import { createJobPicker } from './jobs';

type Goal = 'level' | 'type' | 'diploma' | 'job';
type Start = 'diploma' | 'level';
/** The start level of a pupil at the end of 3e: no diploma; a field chooses the first programme. */
const AFTER_3E = '2';

/** A start from a level (`from_level`, with an optional `sector`), else from a diploma. */
const startOf = (p: URLSearchParams): Start => (p.get('from_level') && !p.get('from') ? 'level' : 'diploma');
/** The goal job: `job`, or the `sector` of a start diploma (the API reads it as the goal then). */
const goalJobOf = (p: URLSearchParams): string => p.get('job') ?? (startOf(p) === 'diploma' ? p.get('sector') ?? '' : '');

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
  /** The label of the chosen job (sector), if the list is loaded; null for a ROME code. */
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
  const to = createCombobox<DiplomaSummary>({
    label: 'Diplôme visé',
    name: 'to',
    required: true,
    placeholder: 'ex. BTS conception des processus, licence pro, 32025520',
    hint: 'Tapez au moins 2 lettres du nom ou le code du diplôme, puis choisissez dans la liste.',
    search: searchDiplomas,
  });

  // level 2: a pupil at the end of 3e, no diploma yet (the API's from_level=2)
  const fromLevel = selectField('from_level', 'Niveau du diplôme détenu', [[AFTER_3E, 'Fin de 3e (sans diplôme)'], ...Object.entries(LEVEL_FR).filter(([k]) => Number(k) <= 7)], params.get('from_level') ?? '3');
  const fromSector = createJobPicker({
    name: 'sector',
    legend: 'Secteur ou métier (facultatif)',
    hint: 'Pour partir des seuls diplômes de ce niveau qui y préparent (en fin de 3e : des seules formations qui y préparent).',
    required: false,
    words: false,
  });
  const startLevel = h('div', { class: 'start-level' }, fromLevel.field, fromSector.root);
  const startFieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, 'Départ : l’élève a'),
    h(
      'div',
      { class: 'radios', role: 'presentation' },
      radio('start', 'diploma', 'Un diplôme', startOf(params) === 'diploma'),
      radio('start', 'level', 'Un niveau', startOf(params) === 'level'),
    ),
    from.root,
    startLevel,
  );

  const level = selectField('to_level', 'Niveau visé (ou plus)', Object.entries(LEVEL_FR), params.get('to_level') ?? '7');
  const type = selectField('to_type', 'Type de diplôme visé', Object.entries(DIPLOMA_TYPE_FR).filter(([k]) => k !== 'other'), params.get('to_type') ?? 'ingenieur');
  const job = createJobPicker({
    name: 'job',
    legend: 'Métier ou famille de métiers visé',
    hint: 'Un secteur décrit par les campus (codes ROME quand ils sont connus), ou un métier par son nom ou son code ROME.',
    required: true,
  });
  const goalJob = job.root;
  const goalOf = (p: URLSearchParams): Goal => (goalJobOf(p) ? 'job' : p.get('to') ? 'diploma' : p.get('to_type') ? 'type' : 'level');
  const goalFieldset = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, 'Objectif'),
    h(
      'div',
      { class: 'radios', role: 'presentation' },
      radio('goal', 'level', 'Un niveau', goalOf(params) === 'level'),
      radio('goal', 'type', 'Un type de diplôme', goalOf(params) === 'type'),
      radio('goal', 'diploma', 'Un diplôme précis', goalOf(params) === 'diploma'),
      radio('goal', 'job', 'Un métier', goalOf(params) === 'job'),
    ),
    level.field,
    type.field,
    to.root,
    goalJob,
  );

  /** The sector lists follow the territory: a campus's sectors are offered in its territory. */
  const territoryChanged = (): void => {
    const p = new URLSearchParams();
    if (territory.read(p)) return;
    if (territory.zone() === 'home') {
      // the radius around the learner's home: its sectors once the home is chosen
      const hm = home.selected();
      if (hm) p.set('near', hm.value);
      else p.delete('radius_km');
    }
    job.setTerritory(p);
    fromSector.setTerritory(p);
  };
  const territory = createTerritoryForm({
    idPrefix: '',
    zones: ['departements', 'region', 'campus', 'near', 'home', 'all'],
    fallback: 'all',
    defaultCampus: 'mecanic-vallee',
    onChange: territoryChanged,
    homeHint: 'Autour de la « Commune de l’élève », à indiquer dans « Conditions ».',
  });

  const home = createCombobox<Place>({
    label: "Commune de l'élève",
    name: 'home',
    placeholder: 'Nom de la commune ou code postal',
    hint: 'Pour compter la distance depuis le domicile jusqu’au premier établissement : facultative, sauf pour un territoire « Autour du domicile ».',
    search: searchPlaces,
    onSelect: (opt) => {
      homePlace = opt ? opt.data : null;
      if (territory.zone() === 'home') territoryChanged();
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
    h('div', { class: 'form-col' }, startFieldset, goalFieldset),
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
  const start = (): Start => (form.querySelector('input[name="start"]:checked') as HTMLInputElement).value as Start;
  const sync = (): void => {
    const g = goal();
    level.field.hidden = g !== 'level';
    type.field.hidden = g !== 'type';
    to.root.hidden = g !== 'diploma';
    goalJob.hidden = g !== 'job';
    from.root.hidden = start() !== 'diploma';
    startLevel.hidden = start() !== 'level';
  };
  form.addEventListener('change', sync);
  sync();

  function read(keep: URLSearchParams): URLSearchParams | null {
    const p = new URLSearchParams();
    let firstInvalid: HTMLElement | null = null;
    const invalid = (el: HTMLElement): void => {
      firstInvalid = firstInvalid ?? el;
    };
    from.setError('');
    to.setError('');
    home.setError('');
    formError.textContent = '';

    /** The chosen diploma's code, or a code typed whole; else the field says what to do. */
    const diplomaCode = (box: typeof from, missing: string): string | null => {
      const chosen = box.selected();
      const typed = box.text();
      if (chosen) return chosen.value;
      if (/^[A-Za-z0-9-]{3,40}$/.test(typed) && /\d/.test(typed)) return typed.toUpperCase();
      box.setError(typed ? 'Choisissez un diplôme dans la liste proposée.' : missing);
      invalid(box.input);
      return null;
    };
    if (start() === 'diploma') {
      const code = diplomaCode(from, 'Indiquez le diplôme de départ.');
      if (code) p.set('from', code);
    } else {
      p.set('from_level', fromLevel.select.value);
      const sector = fromSector.value();
      if (sector === null) invalid(fromSector.focusable);
      else if (sector) p.set('sector', sector);
    }
    const g = goal();
    if (g === 'level') p.set('to_level', level.select.value);
    if (g === 'type') p.set('to_type', type.select.value);
    if (g === 'diploma') {
      const code = diplomaCode(to, 'Indiquez le diplôme visé.');
      if (code) p.set('to', code);
    }
    if (g === 'job') {
      const wanted = job.value();
      if (wanted) p.set('job', wanted);
      else invalid(job.focusable);
    }
    const bad = territory.read(p);
    if (bad) invalid(bad);
    const hm = home.selected();
    if (hm) p.set('home', hm.value);
    else if (home.text()) {
      home.setError(territory.zone() === 'home' ? 'Choisissez la commune de l’élève dans la liste : le territoire est un rayon autour de son domicile.' : 'Choisissez une commune dans la liste, ou laissez vide.');
      invalid(home.input);
    } else if (territory.zone() === 'home') {
      home.setError('Indiquez la commune de l’élève : le territoire est un rayon autour de son domicile.');
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
    const s = form.querySelector<HTMLInputElement>(`input[name="start"][value="${startOf(p)}"]`);
    if (s) s.checked = true;
    if (p.get('from_level')) fromLevel.select.value = p.get('from_level')!;
    fromSector.set(startOf(p) === 'level' ? p.get('sector') ?? '' : '');
    if (p.get('to_level')) level.select.value = p.get('to_level')!;
    if (p.get('to_type')) type.select.value = p.get('to_type')!;
    job.set(goalJobOf(p));
    modality.select.value = p.get('modality') ?? 'any';
    maxSteps.select.value = p.get('max_steps') ?? '4';
    outsideBox.checked = p.get('allow_outside') === '1';
    sync();
    const pending: Promise<void>[] = [territory.set(p), showDiploma(from, p.get('from')), showDiploma(to, p.get('to'))];
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
    territoryChanged();
  }

  /** Shows the diploma of a link in its field, by its name once the API gives it. */
  async function showDiploma(box: typeof from, code: string | null): Promise<void> {
    if (!code) {
      box.setSelected(null);
      return;
    }
    if (box.selected()?.value === code) return;
    box.setSelected({ value: code, label: code, data: { code, name: code, type: 'other', offers: 0, carried: 0, closed: false, replaced_by: [], nsf_groups: [] } });
    await cached<DiplomaDetail>(`/diplomas/${encodeURIComponent(code)}`)
      .then((d) =>
        box.setSelected(
          diplomaOption({ code: d.code, name: d.name, type: d.type, level: d.level, offers: d.offers.length, carried: 0, closed: d.closed ?? false, replaced_by: d.replaced_by ?? [], note: d.note, nsf_groups: [] }),
        ),
      )
      .catch(() => undefined); // unknown code: the search says so
  }

  return {
    form,
    submit,
    territory,
    read,
    set,
    homePlace: () => homePlace,
    jobLabel: (id) => job.label(id),
  };
}
