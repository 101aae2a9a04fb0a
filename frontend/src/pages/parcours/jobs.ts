// A job or sector of the Parcours form: the sectors the campuses describe (grouped by campus,
// with their ROME codes), or any ROME job typed by its name (the list GET /jobs proposes
// while typing) or its code. The API takes either as `job` (the goal) or
// `sector` (the field of a start level).

import { cached, getJSON, type Params } from '../../lib/api';
import { debounce, h, newId } from '../../lib/dom';
import { typedJob } from './job-words';
import { campuses } from '../../lib/refs';
import type { CampusDetail, GapSectorChoices, JobSearch } from '../../lib/types';

const ROME = /^[A-N]\d{4}$/;

export interface JobPicker {
  root: HTMLElement;
  /** The field to focus when the value is refused. */
  focusable: HTMLElement;
  /** The sector id or ROME code chosen, '' for none, null (after showing why) when invalid. */
  value(): string | null;
  set(value: string): void;
  /** The label of a chosen sector (its name and ROME codes), null for a ROME code typed. */
  label(value: string): string | null;
  /** Lists the sectors of this territory only (its campuses', GET /gaps/sectors): a campus's
   * sectors are facts of that campus, offered where it is. */
  setTerritory(territory: URLSearchParams): void;
}

type CampusSector = CampusDetail['sectors'][number];

/** A campus's sectors, each name and ROME codes once: a recruitment table may give two rows one
 * name (the Mecanic Vallée's two « Soudeurs », both H2913), the same goal twice in the list; the
 * first by id is kept. Each campus's group is labelled with the campus. */
function onceEach(sectors: CampusSector[]): CampusSector[] {
  const seen = new Map<string, CampusSector>();
  for (const s of [...sectors].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = `${s.name.toLocaleLowerCase('fr')}|${[...(s.rome ?? [])].sort().join(',')}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

let sectorGroups: Promise<HTMLOptGroupElement[]> | null = null;

/** The campuses' sectors as option groups (read once; each picker clones them). */
function groups(): Promise<HTMLOptGroupElement[]> {
  sectorGroups ??= campuses().then(async (list) => {
    const details = await Promise.all(list.map((c) => cached<CampusDetail>(`/campuses/${c.id}`).catch(() => null)));
    return details
      .filter((d): d is CampusDetail => Boolean(d && d.sectors.length))
      .map((d) =>
        h(
          'optgroup',
          { label: d.short_name },
          ...onceEach(d.sectors)
            .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
            .map((s) => h('option', { value: s.id }, `${s.name}${s.rome?.length ? ` (${s.rome.join(', ')})` : ''}`)),
        ),
      );
  });
  sectorGroups.catch(() => {
    sectorGroups = null; // tried again by the next form
  });
  return sectorGroups;
}

/** Whether ``id`` is the value of a sector of the campuses' list (every campus's). */
export function isListedSector(list: HTMLOptGroupElement[], id: string): boolean {
  return list.some((g) => [...g.querySelectorAll('option')].some((opt) => opt.value === id));
}

/** ``words``: the job may be sent in words (a goal, which the API reads as its ROME job);
 * otherwise (the field of a start level) a ROME code only, which the list proposes. */

export function createJobPicker(o: { name: string; legend: string; hint: string; required: boolean; words?: boolean }): JobPicker {
  const selectId = newId(o.name);
  const romeId = newId(`${o.name}-rome`);
  const hintId = `${selectId}-aide`;
  const errId = `${selectId}-erreur`;
  const none = o.required ? '— Choisir un métier —' : '— Aucun en particulier —';
  const select = h('select', { id: selectId, name: o.name, 'aria-describedby': `${hintId} ${errId}` }, h('option', { value: '' }, 'Chargement des métiers…'));
  const listId = `${romeId}-liste`;
  const rome = h('input', {
    id: romeId,
    name: `${o.name}_rome`,
    type: 'text',
    inputmode: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: 80,
    size: 24,
    list: listId,
    placeholder: 'ex. soudeur ou H2913',
    'aria-describedby': errId,
  });
  // the ROME jobs whose name holds the words typed (GET /jobs): choosing one writes its code
  const jobList = h('datalist', { id: listId });
  let searched = 0;
  const suggest = debounce((q: string) => {
    const ask = ++searched;
    getJSON<JobSearch>('/jobs', { q, limit: 15 })
      .then((r) => {
        if (ask !== searched) return;
        const items = (r.items.length ? r.items : r.suggestions) ?? [];
        // a job of the ROME reference no diploma of the data trains for is listed, said so;
        // one found by another of its names says which (« électricien » -> I1604)
        const said = (j: (typeof items)[number]): string =>
          `${j.name} (${j.code})${j.matched ? ` — appellation : ${j.matched}` : ''}` +
          `${j.note ? ' — aucune formation dans les données' : ''}`;
        jobList.replaceChildren(...items.map((j) => h('option', { value: j.code }, said(j))));
      })
      .catch(() => {
        if (ask === searched) jobList.replaceChildren();
      });
  }, 250);
  const error = h('p', { id: errId, class: 'field-error' });
  const root = h(
    'fieldset',
    { class: 'subgroup' },
    h('legend', {}, o.legend),
    h('p', { class: 'hint', id: hintId }, o.hint),
    h('div', { class: 'field' }, h('label', { for: selectId }, 'Secteur décrit par un campus'), select),
    h('div', { class: 'field' }, h('label', { for: romeId }, 'ou un métier : son nom ou son code ROME'), rome, jobList),
    error,
  );
  /** The sector the select must show: set from a link, or chosen. The list of sectors can
   * arrive after the user typed a code (a slow answer): it then fills the select only, never
   * the code field, which would lose what was typed. */
  let wantedSector = '';
  // one of the two: a sector chosen clears the code typed, and the reverse
  select.addEventListener('change', () => {
    wantedSector = select.value;
    if (select.value) rome.value = '';
  });
  rome.addEventListener('input', () => {
    const q = rome.value.trim();
    if (!q) return;
    wantedSector = '';
    select.value = '';
    if (q.length >= 3 && !ROME.test(q.toUpperCase())) suggest(q);
  });

  const showSector = (): void => {
    select.value = wantedSector;
    if (wantedSector && select.value !== wantedSector) {
      // a sector no campus lists any more (or not listed yet): kept as it was asked
      select.append(h('option', { value: wantedSector, selected: true }, 'Secteur demandé dans le lien'));
    }
  };

  /** The sector ids of the territory asked (null: every campus's, no territory known yet). */
  let allowed: Set<string> | null = null;
  let asked = 0;
  const render = (): void => {
    void groups()
      .then((list) => {
        const kept = list
          .map((g) => {
            const copy = g.cloneNode(true) as HTMLOptGroupElement;
            for (const opt of [...copy.querySelectorAll('option')]) if (allowed && !allowed.has(opt.value)) opt.remove();
            return copy;
          })
          .filter((g) => g.children.length);
        select.replaceChildren(h('option', { value: '' }, kept.length ? none : 'Aucun secteur décrit par un campus de ce territoire'), ...kept);
        // a job in words from a link (« job=soudeur »: lower-case letters, like a sector id)
        // that no campus lists as a sector belongs in the job field, as it was typed
        if (o.words !== false && wantedSector && !isListedSector(list, wantedSector)) {
          rome.value = wantedSector;
          wantedSector = '';
        }
        showSector();
      })
      .catch(() => {
        select.replaceChildren(h('option', { value: '' }, 'Liste des métiers indisponible'));
        showSector();
      });
  };
  render();

  const setError = (msg: string): void => {
    error.textContent = msg;
    rome.setAttribute('aria-invalid', String(Boolean(msg)));
  };

  return {
    root,
    get focusable() {
      return rome.value.trim() ? rome : select;
    },
    value() {
      setError('');
      if (rome.value.trim()) {
        const typed = typedJob(rome.value);
        if ('value' in typed && (o.words !== false || ROME.test(typed.value))) return typed.value;
        if ('value' in typed) {
          setError('Choisissez le métier dans la liste proposée pendant la frappe, ou tapez son code ROME (une lettre et quatre chiffres).');
          return null;
        }
        setError(typed.error);
        return null;
      }
      if (!select.value && o.required) {
        setError('Choisissez un métier dans la liste ou tapez son nom ou son code ROME.');
        return null;
      }
      return select.value;
    },
    set(value) {
      // a sector id is lower-case letters and hyphens; a ROME code or words are typed
      const isRome = ROME.test(value) || !/^[a-z0-9-]+$/.test(value);
      rome.value = isRome ? value : '';
      wantedSector = isRome ? '' : value;
      setError('');
      showSector();
    },
    setTerritory(territory) {
      const params: Params = Object.fromEntries(territory.entries());
      const ask = ++asked;
      if (!Object.keys(params).length) {
        // all of France: every campus's sectors, each under its campus's name (a sector goal
        // is its ROME codes, public links that hold everywhere)
        allowed = null;
        render();
        return;
      }
      cached<GapSectorChoices>('/gaps/sectors', params)
        .then((r) => {
          if (ask !== asked) return; // a later territory was asked meanwhile
          allowed = new Set(r.sectors.filter((c) => c.kind !== 'field').map((c) => c.id));
          render();
        })
        .catch(() => {
          if (ask !== asked) return;
          allowed = null; // the list of every campus, each in its campus's group
          render();
        });
    },
    label(value) {
      const opt = [...select.options].find((x) => x.value === value && x.parentElement instanceof HTMLOptGroupElement);
      return opt ? opt.textContent : null;
    },
  };
}
