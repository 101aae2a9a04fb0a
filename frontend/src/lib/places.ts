// Communes for the place fields (learner's town, "autour d'une commune"): any French commune by
// name, postcode or INSEE code (GET /communes); its `place` is what `home` and `near` take.

import { getJSON } from './api';
import type { components } from './api-schema';
import type { ComboOption } from './combobox';

type CommuneSearch = components['schemas']['CommuneSearch'];
type CommuneOut = components['schemas']['CommuneOut'];

export interface Place {
  insee: string;
  name: string;
  lat?: number | null;
  lon?: number | null;
}

function communeOption(c: CommuneOut): ComboOption<Place> {
  const postcodes = c.postcodes.slice(0, 3).join(', ');
  return {
    // its INSEE code, or « Aix-en-Provence (13) » when that code is a Marseille postcode
    value: c.place,
    label: c.label,
    hint: [postcodes ? `code postal ${postcodes}` : '', c.note ?? ''].filter(Boolean).join(' · ') || undefined,
    data: { insee: c.code, name: c.name, lat: c.lat, lon: c.lon },
  };
}

/** Communes matching a name, a postcode or an INSEE code, best first; `message` says, in
 * French, why there are none. */
export async function searchPlaces(q: string, signal: AbortSignal): Promise<{ options: ComboOption<Place>[]; message?: string | null }> {
  const found = await getJSON<CommuneSearch>('/communes', { q, limit: 15 }, { signal });
  return { options: found.communes.map(communeOption), message: found.message };
}

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/i;
// « insee:63113 »: a commune chosen from the list, named by its INSEE code only (the API's
// `place` when the bare code is also another town's postcode)
const EXPLICIT_INSEE = /^insee:(\d{5}|2[AB]\d{3})$/i;

/** The commune of a shared link's place: an INSEE code, or a name or postcode as the API's
 * `home` also accepts (« home=Lille »), found by the search rather than asked as a code (the
 * code route refuses a name: the page logged an error for a link it answered right). */
export async function placeOf(code: string): Promise<ComboOption<Place> | null> {
  try {
    const explicit = EXPLICIT_INSEE.exec(code.trim());
    if (explicit) {
      return communeOption(await getJSON<CommuneOut>(`/communes/${encodeURIComponent(explicit[1])}`));
    }
    if (INSEE_CODE.test(code)) {
      // a municipal arrondissement's postcode is read as it (13008: Marseille 8e, not Aurons):
      // the search lists first what the API reads
      const first = (await getJSON<CommuneSearch>('/communes', { q: code, limit: 1 })).communes[0];
      if (first && first.kind === 'arrondissement-municipal' && first.postcodes.includes(code)) {
        return communeOption(first);
      }
      return communeOption(await getJSON<CommuneOut>(`/communes/${encodeURIComponent(code)}`));
    }
    const found = await getJSON<CommuneSearch>('/communes', { q: code, limit: 1 });
    return found.communes.length ? communeOption(found.communes[0]) : null;
  } catch {
    return null;
  }
}
