// Diploma search for the comboboxes: words in any order, accents and case ignored.

import { getJSON } from './api';
import type { ComboOption } from './combobox';
import { diplomaTypeFr, levelFr } from './labels';
import type { DiplomaSearch, DiplomaSummary } from './types';

export function diplomaOption(d: DiplomaSummary): ComboOption<DiplomaSummary> {
  return {
    value: d.code,
    label: d.name,
    hint: `${diplomaTypeFr(d.type)} · ${levelFr(d.level)} · code ${d.code}${d.offers ? ` · ${d.offers} offre${d.offers > 1 ? 's' : ''}` : ''}`,
    data: d,
  };
}

/** The names people use (acronyms such as MELEC or SIO, « cap usinage », words in any order,
 * typos): GET /diplomas/search; when nothing matches, its French hint names the nearest. */
export async function searchDiplomas(q: string, signal: AbortSignal): Promise<{ options: ComboOption<DiplomaSummary>[]; message?: string | null }> {
  const found = await getJSON<DiplomaSearch>('/diplomas/search', { q, limit: 30 }, { signal });
  return { options: found.items.map(diplomaOption), message: found.hint };
}
