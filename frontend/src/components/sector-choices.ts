// The « Filière » list of a territory (the gap report's, the map's): what exists for the chosen
// territory (GET /gaps/sectors), never another territory's campus filières: the filières and
// recruited jobs of its own campuses, then the fields of training of the programmes offered
// there, each with its count.

import { cached, type Params } from '../lib/api';
import { h } from '../lib/dom';
import type { GapSectorChoices } from '../lib/types';

type Choice = GapSectorChoices['sectors'][number];

const GROUPS: [Choice['kind'], string][] = [
  ['filiere', 'Filières des campus du territoire'],
  ['job_family', 'Métiers recherchés par les campus du territoire'],
  ['field', 'Domaines de formation proposés sur le territoire'],
];

const programmes = (n: number): string => (n === 0 ? 'aucune formation connue sur le territoire' : `${n} formation${n > 1 ? 's' : ''}`);

// A filière nothing in the data ties programmes to (no ROME code, no diploma a campus record
// links): none can ever be counted for it, so « aucune » would be asserted of every territory
// (Fécamp's « Éolien », beside a BTS option systèmes éoliens).
const UNTIED = "aucune formation n'est rattachée à cette filière dans les données ; à vérifier";

/** A choice as the list says it: its name, its campus when the territory has several, and how
 * many programmes it has there (or that the data ties none to it). */
export function choiceLabel(c: Choice, campuses: number): string {
  const campus = c.campus && campuses > 1 ? ` (${c.campus})` : '';
  return `${c.name}${campus} — ${!c.tied && c.offers === 0 ? UNTIED : programmes(c.offers)}`;
}

/** Fills `sel` with the territory's choices. A value the territory does not offer is kept
 * (`keep`: the report or map of a link asks for it), said to be absent from the territory; else
 * the list goes back to its first option, `allLabel` (value ''). */
export async function fillGapSectors(
  sel: HTMLSelectElement,
  territory: Params,
  value: string,
  keep = false,
  allLabel = 'Toutes les formations du territoire',
): Promise<void> {
  sel.setAttribute('aria-busy', 'true');
  try {
    const r = await cached<GapSectorChoices>('/gaps/sectors', territory);
    const campuses = new Set(r.sectors.map((c) => c.campus).filter(Boolean)).size;
    const option = (c: Choice): HTMLElement => h('option', { value: c.id, selected: c.id === value }, choiceLabel(c, campuses));
    const groups = GROUPS.flatMap(([kind, name]) => {
      const items = r.sectors.filter((c) => c.kind === kind);
      return items.length ? [h('optgroup', { label: name }, ...items.map(option))] : [];
    });
    sel.replaceChildren(h('option', { value: '' }, allLabel), ...groups);
    const known = r.sectors.some((c) => c.id === value);
    if (value && !known && keep) sel.append(h('option', { value, selected: true }, 'Filière demandée, absente de ce territoire'));
    sel.value = known || keep ? value : '';
  } catch {
    sel.replaceChildren(h('option', { value: '' }, 'Filières indisponibles'));
    sel.value = '';
  } finally {
    sel.removeAttribute('aria-busy');
  }
}
