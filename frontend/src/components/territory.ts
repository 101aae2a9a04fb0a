// The territory fieldset shared by the pages that ask for one: départements, a région, a campus,
// around a commune (with a radius), around the learner's home (Parcours: `home` + `radius_km`,
// no `near`) or anywhere. It reads and writes the same URL parameters as the API (campus,
// departements, region, near, radius_km) and checks them before any request.

import { createCombobox } from '../lib/combobox';
import { h, newId } from '../lib/dom';
import { placeOf, searchPlaces, type Place } from '../lib/places';
import { campuses, regions } from '../lib/refs';

export type Zone = 'departements' | 'region' | 'campus' | 'near' | 'home' | 'all';

const ZONE_FR: Record<Zone, string> = {
  departements: 'Départements',
  region: 'Une région',
  campus: 'Un campus',
  near: 'Autour d’une commune',
  home: 'Autour du domicile',
  all: 'Partout',
};

/** The territory keys of a page's URL and of the API. */
export const TERRITORY_KEYS = ['campus', 'departements', 'region', 'near', 'radius_km'] as const;

// The 101 département codes: 01–19, 2A, 2B, 21–95, 971–976 (a leading 0 is accepted: 012).
const DEPT_CODE = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/;

/** "12, 46 ;2a" → ['12', '46', '2A'], or null when a code is not a département's. */
export function parseDepartements(text: string): string[] | null {
  const codes = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase().replace(/^0(?=\d\d$|2[AB]$)/, ''));
  if (!codes.length || codes.length > 20 || !codes.every((c) => DEPT_CODE.test(c))) return null;
  return [...new Set(codes)];
}

/** The zone a link gives; a radius with the learner's home and no centre is drawn around the
 * home, as the pathway API reads it (« dans un rayon de 30 km autour du domicile (Figeac) »). */
export function zoneOf(params: URLSearchParams, fallback: Zone): Zone {
  if (params.get('campus')) return 'campus';
  if (params.get('near')) return 'near';
  if (params.get('home') && params.get('radius_km')) return 'home';
  if (params.get('departements')) return 'departements';
  if (params.get('region')) return 'region';
  return fallback;
}

export interface TerritoryOptions {
  /** Prefix of the element ids ('' keeps the bare names: #departements, #campus). */
  idPrefix: string;
  zones: Zone[];
  /** The zone when the URL names none. */
  fallback: Zone;
  defaultCampus?: string;
  legend?: string;
  /** Called when the territory changed and is valid (pages that filter as you go). */
  onChange?: () => void;
  /** With the zone 'home': where the learner's commune is asked, said under the radius. */
  homeHint?: string;
}

export interface TerritoryForm {
  root: HTMLFieldSetElement;
  /** The zone chosen. */
  zone(): Zone;
  /** Checks the fields; writes the territory into `out`; returns the first invalid field. */
  read(out: URLSearchParams): HTMLElement | null;
  /** Shows the territory of `params` (radios, fields; commune labels are looked up). */
  set(params: URLSearchParams): Promise<void>;
  /** The commune picked for "autour d'une commune", with its coordinates when known. */
  nearPlace(): Place | null;
  /** Whether the territory shown names a campus or a région the lists do not hold (a link's):
   * pages then say so rather than ask the API, which would answer for no such place. */
  unknownPlace(): boolean;
  /** The chosen campus's name, when the list is loaded. */
  campusName(id: string): string | null;
  /** A région's départements (COG codes: 46, 2A), once the list of régions is loaded. */
  regionDepartements(code: string): Promise<string[]>;
}

export function createTerritoryForm(o: TerritoryOptions): TerritoryForm {
  const id = (name: string): string => `${o.idPrefix}${name}`;
  let nearPlace: Place | null = null;
  const names = new Map<string, string>();

  const campusSelect = h(
    'select',
    { id: id('campus'), name: 'campus', 'aria-describedby': id('campus-erreur') },
    h('option', { value: '' }, 'Chargement des campus…'),
  );
  const campusError = h('p', { class: 'field-error', id: id('campus-erreur') });
  const campusField = h('div', { class: 'field' }, h('label', { for: id('campus') }, 'Campus'), campusSelect, campusError);
  const deptInput = h('input', {
    id: id('departements'),
    name: 'departements',
    type: 'text',
    inputmode: 'text',
    autocomplete: 'off',
    placeholder: 'ex. 12, 46',
    'aria-describedby': `${id('departements-aide')} ${id('departements-erreur')}`,
  });
  const deptError = h('p', { class: 'field-error', id: id('departements-erreur') });
  // a région by its name (GET /regions: the codes the API takes), never by its code
  const regionSelect = h(
    'select',
    { id: id('region'), name: 'region', 'aria-describedby': id('region-erreur') },
    h('option', { value: '' }, 'Chargement des régions…'),
  );
  const regionError = h('p', { class: 'field-error', id: id('region-erreur') });
  const regionField = h('div', { class: 'field' }, h('label', { for: id('region') }, 'Région'), regionSelect, regionError);
  const deptField = h(
    'div',
    { class: 'field' },
    h('label', { for: id('departements') }, 'Départements'),
    h('p', { class: 'hint', id: id('departements-aide') }, 'Codes séparés par des virgules, par exemple 12, 46.'),
    deptInput,
    deptError,
  );
  const near = createCombobox<Place>({
    label: 'Commune',
    name: 'near',
    placeholder: 'Nom de la commune ou code postal',
    hint: 'Nom, code postal ou code INSEE, puis choisissez dans la liste.',
    search: searchPlaces,
    onSelect: (opt) => {
      nearPlace = opt ? opt.data : null;
      if (opt && o.onChange && !read(new URLSearchParams())) o.onChange();
    },
  });
  const radiusInput = h('input', {
    id: id('radius_km'),
    name: 'radius_km',
    type: 'number',
    min: '1',
    max: '500',
    step: '1',
    value: '50',
    'aria-describedby': id('radius-erreur'),
  });
  const radiusError = h('p', { class: 'field-error', id: id('radius-erreur') });
  const nearField = h(
    'div',
    { class: 'near-fields' },
    near.root,
    h('div', { class: 'field' }, h('label', { for: id('radius_km') }, 'Rayon (km)'), radiusInput, radiusError),
  );
  // the radius around the learner's home: the home itself is the page's field (Parcours's
  // « Commune de l'élève »), read with the rest of the page's form
  const homeRadiusInput = h('input', {
    id: id('home_radius_km'),
    name: 'home_radius_km',
    type: 'number',
    min: '1',
    max: '500',
    step: '1',
    value: '30',
    'aria-describedby': `${id('home-radius-aide')} ${id('home-radius-erreur')}`,
  });
  const homeRadiusError = h('p', { class: 'field-error', id: id('home-radius-erreur') });
  const homeField = h(
    'div',
    { class: 'field' },
    h('label', { for: id('home_radius_km') }, 'Rayon autour du domicile (km)'),
    h('p', { class: 'hint', id: id('home-radius-aide') }, o.homeHint ?? 'Compté depuis la commune de l’élève.'),
    homeRadiusInput,
    homeRadiusError,
  );
  const radioName = `${o.idPrefix}zone`;
  const radios = o.zones.map((z) => {
    const rid = newId(radioName);
    const input = h('input', { type: 'radio', id: rid, name: radioName, value: z });
    return { z, input, el: h('div', { class: 'radio' }, input, h('label', { for: rid }, ZONE_FR[z])) };
  });
  const fields: Partial<Record<Zone, HTMLElement>> = { departements: deptField, region: regionField, campus: campusField, near: nearField, home: homeField };
  const root = h(
    'fieldset',
    { class: 'group territory' },
    h('legend', {}, o.legend ?? 'Territoire'),
    h('div', { class: 'radios' }, ...radios.map((r) => r.el)),
    ...o.zones.map((z) => fields[z] ?? null),
  );

  const zone = (): Zone => radios.find((r) => r.input.checked)?.z ?? o.fallback;
  const sync = (): void => {
    const z = zone();
    for (const [k, f] of Object.entries(fields)) f.hidden = k !== z;
  };
  root.addEventListener('change', (ev) => {
    sync();
    if (!o.onChange || ev.target === near.input) return;
    if (ev.target instanceof HTMLInputElement && ev.target.type === 'radio' && zone() !== 'all' && !ready()) return;
    if (!read(new URLSearchParams())) o.onChange();
  });
  /** Whether the chosen zone has its value (a radio alone does not filter yet). */
  const ready = (): boolean => {
    const z = zone();
    if (z === 'campus') return Boolean(campusSelect.value);
    if (z === 'departements') return Boolean(deptInput.value.trim());
    if (z === 'region') return Boolean(regionSelect.value);
    if (z === 'near') return Boolean(near.selected());
    return true; // 'home': the page's commune field
  };

  let wantedCampus = o.defaultCampus ?? '';
  // A campus of a link that the list does not hold is kept as asked and refused by read(): the
  // select would otherwise fall back to no campus, and the page answer for all of France.
  let campusList: Set<string> | null = null;
  const showCampus = (): void => {
    campusSelect.querySelector('option[data-unknown]')?.remove();
    if (!campusList) return;
    const known = campusList.has(wantedCampus);
    if (wantedCampus && !known && wantedCampus !== o.defaultCampus) {
      campusSelect.append(h('option', { value: wantedCampus, 'data-unknown': true }, 'Campus demandé dans le lien (inconnu)'));
    }
    campusSelect.value = (known || wantedCampus !== o.defaultCampus ? wantedCampus : '') || campusSelect.options[0]?.value || '';
  };
  campusSelect.addEventListener('change', () => {
    wantedCampus = campusSelect.value;
    showCampus();
  });
  const campusesShown = campuses()
    .then((list) => {
      for (const c of list) names.set(c.id, c.name);
      campusList = new Set(list.map((c) => c.id));
      campusSelect.replaceChildren(...list.map((c) => h('option', { value: c.id }, c.name)));
      showCampus();
    })
    .catch(() => {
      campusSelect.replaceChildren(h('option', { value: wantedCampus }, 'Liste des campus indisponible'));
    });

  // Asked only by the pages that offer a région; its arrival keeps the région set meanwhile.
  let wantedRegion = '';
  let regionsShown: Promise<void> = Promise.resolve();
  const showRegion = (): void => {
    regionSelect.value = wantedRegion;
    if (wantedRegion && regionSelect.value !== wantedRegion && regionSelect.options.length > 1) {
      regionSelect.append(h('option', { value: wantedRegion, selected: true, 'data-unknown': true }, 'Région demandée dans le lien (inconnue)'));
    }
  };
  if (o.zones.includes('region')) {
    regionSelect.addEventListener('change', () => {
      wantedRegion = regionSelect.value;
    });
    regionsShown = regions()
      .then((list) => {
        regionSelect.replaceChildren(h('option', { value: '' }, '— Choisir une région —'), ...list.map((r) => h('option', { value: r.code }, r.name)));
        showRegion();
      })
      .catch(() => {
        regionSelect.replaceChildren(h('option', { value: wantedRegion }, 'Liste des régions indisponible'));
      });
  }

  function read(out: URLSearchParams): HTMLElement | null {
    let first: HTMLElement | null = null;
    near.setError('');
    deptError.textContent = '';
    regionError.textContent = '';
    regionSelect.removeAttribute('aria-invalid');
    campusError.textContent = '';
    campusSelect.removeAttribute('aria-invalid');
    radiusError.textContent = '';
    homeRadiusError.textContent = '';
    deptInput.removeAttribute('aria-invalid');
    radiusInput.removeAttribute('aria-invalid');
    homeRadiusInput.removeAttribute('aria-invalid');
    const z = zone();
    if (z === 'campus' && campusList && campusSelect.value && !campusList.has(campusSelect.value)) {
      campusError.textContent = 'Ce campus n’est pas dans les données : choisissez un campus dans la liste.';
      campusSelect.setAttribute('aria-invalid', 'true');
      first = first ?? campusSelect;
    } else if (z === 'campus' && campusSelect.value) out.set('campus', campusSelect.value);
    if (z === 'departements') {
      const codes = parseDepartements(deptInput.value);
      if (!codes) {
        deptError.textContent = deptInput.value.trim()
          ? 'Ces codes ne sont pas des départements. Indiquez par exemple 12, 46 ou 2A.'
          : 'Indiquez au moins un code de département, par exemple 12, 46.';
        deptInput.setAttribute('aria-invalid', 'true');
        first = first ?? deptInput;
      } else out.set('departements', codes.join(','));
    }
    if (z === 'region') {
      if (!regionSelect.value || regionSelect.selectedOptions[0]?.hasAttribute('data-unknown')) {
        regionError.textContent = regionSelect.value ? 'Cette région n’existe pas : choisissez une région dans la liste.' : 'Choisissez une région dans la liste.';
        regionSelect.setAttribute('aria-invalid', 'true');
        first = first ?? regionSelect;
      } else out.set('region', regionSelect.value);
    }
    if (z === 'near') {
      const n = near.selected();
      if (!n) {
        near.setError('Choisissez une commune dans la liste.');
        first = first ?? near.input;
      } else out.set('near', n.value);
      const r = Number(radiusInput.value);
      if (!(r > 0 && r <= 500)) {
        radiusError.textContent = 'Le rayon est un nombre de kilomètres entre 1 et 500.';
        radiusInput.setAttribute('aria-invalid', 'true');
        first = first ?? radiusInput;
      } else out.set('radius_km', String(r));
    }
    if (z === 'home') {
      const r = Number(homeRadiusInput.value);
      if (!(r > 0 && r <= 500)) {
        homeRadiusError.textContent = 'Le rayon est un nombre de kilomètres entre 1 et 500.';
        homeRadiusInput.setAttribute('aria-invalid', 'true');
        first = first ?? homeRadiusInput;
      } else out.set('radius_km', String(r));
    }
    return first;
  }

  async function set(params: URLSearchParams): Promise<void> {
    const asked = zoneOf(params, o.fallback);
    const z = o.zones.includes(asked) ? asked : o.fallback;
    for (const r of radios) r.input.checked = r.z === z;
    wantedCampus = params.get('campus') || o.defaultCampus || '';
    showCampus();
    deptInput.value = params.get('departements') ?? '';
    wantedRegion = params.get('region') ?? '';
    showRegion();
    radiusInput.value = (z === 'near' && params.get('radius_km')) || '50';
    homeRadiusInput.value = (z === 'home' && params.get('radius_km')) || '30';
    sync();
    // a campus or a région of a link is the territory once its list is there: the page reads
    // it after set() (before, the select has no value and the page would read all of France)
    if (z === 'campus') await campusesShown;
    if (z === 'region') {
      await regionsShown;
      showRegion();
    }
    const code = params.get('near');
    if (!code) {
      near.setSelected(null);
      nearPlace = null;
      return;
    }
    if (near.selected()?.value === code) return;
    const opt = (await placeOf(code)) ?? { value: code, label: code, data: { insee: code, name: code } };
    near.setSelected(opt);
    nearPlace = opt.data;
  }

  return {
    root,
    zone,
    read,
    set,
    nearPlace: () => nearPlace,
    unknownPlace: () =>
      (zone() === 'campus' && Boolean(campusList && campusSelect.value && !campusList.has(campusSelect.value))) ||
      (zone() === 'region' && Boolean(regionSelect.selectedOptions[0]?.hasAttribute('data-unknown'))),
    campusName: (cid) => names.get(cid) ?? null,
    regionDepartements: async (code) => (await regions().catch(() => [])).find((r) => r.code === code)?.departements ?? [],
  };
}
