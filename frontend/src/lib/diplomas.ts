// Diploma search for the comboboxes: words in any order, accents and case ignored.

import { getJSON } from './api';
import type { ComboOption } from './combobox';
import { diplomaTypeFr, levelFr, publicCode } from './labels';
import type { DiplomaSearch, DiplomaSummary } from './types';

/** A diploma in a list: its name as people write it (the API's `name`), then what must be said
 * beside it (« fermé en 2025, remplacé par … »; only a public code is shown, never the stand-in of
 * a Parcoursup title or a seed's own code such as MV-BAC-STI2D). */
export function diplomaOption(d: DiplomaSummary): ComboOption<DiplomaSummary> {
  const code = publicCode(d.code) ? ` · code ${d.code}` : '';
  const offers = d.offers ? ` · ${d.offers} offre${d.offers > 1 ? 's' : ''}` : '';
  const note = d.note ? ` · ${d.note}` : '';
  return {
    value: d.code,
    label: d.name,
    hint: `${diplomaTypeFr(d.type, d.code)} · ${levelFr(d.level, d.type, d.code)}${code}${offers}${note}`,
    data: d,
  };
}

/** The names people use (acronyms such as MELEC or SIO, « cap usinage », words in any order,
 * typos): GET /diplomas/search; when nothing matches, its French hint names the nearest. */
export async function searchDiplomas(q: string, signal: AbortSignal): Promise<{ options: ComboOption<DiplomaSummary>[]; message?: string | null }> {
  const found = await getJSON<DiplomaSearch>('/diplomas/search', { q, limit: 30 }, { signal });
  return { options: found.items.map(diplomaOption), message: found.hint };
}
