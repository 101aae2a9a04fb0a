// Diploma search for the comboboxes: words in any order, accents and case ignored.

import { getJSON } from './api';
import type { ComboOption } from './combobox';
import { diplomaTypeFr, levelFr } from './labels';
import { fold } from './text';
import type { DiplomaSummary, Page } from './types';

export function diplomaOption(d: DiplomaSummary): ComboOption<DiplomaSummary> {
  return {
    value: d.code,
    label: d.name,
    hint: `${diplomaTypeFr(d.type)} · ${levelFr(d.level)} · code ${d.code}${d.offers ? ` · ${d.offers} offre${d.offers > 1 ? 's' : ''}` : ''}`,
    data: d,
  };
}

/** Words in any order: the API matches one phrase, so ask for the longest word and keep the
 * diplomas whose name or code holds every word (accents and case ignored). */
export async function searchDiplomas(q: string, signal: AbortSignal): Promise<ComboOption<DiplomaSummary>[]> {
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
