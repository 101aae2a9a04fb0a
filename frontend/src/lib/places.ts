// Communes for the place fields (learner's town, "autour d'une commune"): any French commune by
// name, postcode or INSEE code (GET /communes); its `code` is what `home` and `near` take.

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
    value: c.code,
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

/** The commune of a code (for a shared link). */
export async function placeOf(code: string): Promise<ComboOption<Place> | null> {
  try {
    return communeOption(await getJSON<CommuneOut>(`/communes/${encodeURIComponent(code)}`));
  } catch {
    return null;
  }
}
