// Shared reference lists (campuses and their sectors), fetched once per page load.

import { cached } from './api';
import type { CampusDetail, CampusSummary, Region, Regions, Sector } from './types';
import { h } from './dom';

export function campuses(): Promise<CampusSummary[]> {
  return cached<CampusSummary[]>('/campuses');
}

/** The régions by their French names, with the codes `region=` takes and their départements. */
export async function regions(): Promise<Region[]> {
  return (await cached<Regions>('/regions')).regions;
}

export async function sectorsOf(campus: string | null): Promise<Sector[]> {
  const list = campus ? [campus] : (await campuses()).map((c) => c.id);
  const details = await Promise.all(list.map((id) => cached<CampusDetail>(`/campuses/${id}`).catch(() => null)));
  const seen = new Map<string, Sector>();
  for (const d of details) for (const s of d?.sectors ?? []) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Fills a <select> with the campuses; the first option is `allLabel` (value ''), if given. */
export async function fillCampusSelect(sel: HTMLSelectElement, value: string, allLabel?: string): Promise<void> {
  try {
    const list = await campuses();
    sel.replaceChildren(
      ...(allLabel ? [h('option', { value: '' }, allLabel)] : []),
      ...list.map((c) => h('option', { value: c.id, selected: c.id === value }, `${c.short_name} — ${c.region ?? ''}`.replace(/ — $/, ''))),
    );
    sel.value = value;
  } catch {
    sel.replaceChildren(h('option', { value }, 'Liste des campus indisponible'));
  }
}

const SECTOR_GROUPS: [string, string][] = [
  ['filiere', 'Filières'],
  ['job_family', 'Métiers recherchés'],
];

/** Fills a <select> with the sectors, filières then job families, each name once (a source
 * table may give two rows the same name: the first one by id is listed). */
export async function fillSectorSelect(sel: HTMLSelectElement, campus: string | null, value: string): Promise<void> {
  try {
    const list = await sectorsOf(campus);
    const byName = new Map<string, Sector>();
    for (const s of [...list].sort((a, b) => a.id.localeCompare(b.id))) {
      const key = `${s.kind}|${s.name.toLocaleLowerCase('fr')}`;
      if (!byName.has(key) || s.id === value) byName.set(key, s);
    }
    const shown = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    const option = (s: Sector): HTMLElement => h('option', { value: s.id, selected: s.id === value }, s.name);
    const known = new Set(SECTOR_GROUPS.map(([k]) => k));
    sel.replaceChildren(
      h('option', { value: '' }, 'Tous les secteurs'),
      ...SECTOR_GROUPS.flatMap(([kind, label]) => {
        const items = shown.filter((s) => s.kind === kind);
        return items.length ? [h('optgroup', { label }, ...items.map(option))] : [];
      }),
      ...shown.filter((s) => !known.has(s.kind ?? '')).map(option),
    );
    if (value && !shown.some((s) => s.id === value)) sel.append(h('option', { value, selected: true }, 'Secteur inconnu'));
    sel.value = value;
  } catch {
    sel.replaceChildren(h('option', { value: '' }, 'Secteurs indisponibles'));
  }
}
