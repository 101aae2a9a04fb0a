// Communes for the place fields (learner's town, "autour d'une commune"): by name, postcode or
// INSEE code. Reads GET /communes (every French commune) when the API has it, else falls back
// to GET /sites (the communes that host an establishment).

import { getJSON, ApiError } from './api';
import type { ComboOption } from './combobox';
import { dept } from './dom';
import type { Page, SiteOut } from './types';

export interface Place {
  insee: string;
  name: string;
  lat?: number | null;
  lon?: number | null;
}

interface CommuneOut {
  code: string;
  name: string;
  postcodes?: string[];
  departement?: string | null;
  lat?: number | null;
  lon?: number | null;
  approximate?: boolean;
}

// Until GET /communes is in the API (see api-schema.ts), the communes that host an establishment.
const communesMissing = true;

function siteOption(s: SiteOut): ComboOption<Place> {
  return { value: s.insee, label: `${s.name} (${dept(s.departement)})`, hint: `code INSEE ${s.insee}`, data: s };
}

function communeOption(c: CommuneOut): ComboOption<Place> {
  const postcodes = (c.postcodes ?? []).slice(0, 3).join(', ');
  return {
    value: c.code,
    label: `${c.name}${c.departement ? ` (${dept(c.departement)})` : ''}`,
    hint: postcodes ? `code postal ${postcodes}` : `code INSEE ${c.code}`,
    data: { insee: c.code, name: c.name, lat: c.lat, lon: c.lon },
  };
}

async function searchSites(q: string, signal: AbortSignal): Promise<ComboOption<Place>[]> {
  if (/^(\d{5}|2[AB]\d{3})$/i.test(q)) {
    const page = await getJSON<Page<SiteOut>>('/sites', { limit: 500 }, { signal });
    const hit = page.items.filter((s) => s.insee === q.toUpperCase());
    if (hit.length) return hit.map(siteOption);
    return [{ value: q, label: `Commune ${q}`, hint: 'code INSEE saisi', data: { insee: q, name: q } }];
  }
  const page = await getJSON<Page<SiteOut>>('/sites', { q, limit: 15 }, { signal });
  return page.items.map(siteOption);
}

/** Communes matching a name, a postcode or an INSEE code, best first. */
export async function searchPlaces(q: string, signal: AbortSignal): Promise<ComboOption<Place>[]> {
  if (!communesMissing) {
    try {
      const res = await getJSON<CommuneOut[] | Page<CommuneOut>>('/communes', { q, limit: 15 }, { signal });
      const items = Array.isArray(res) ? res : res.items;
      return items.map(communeOption);
    } catch (e) {
      if (!(e instanceof ApiError && (e.status === 404 || e.status === 405))) throw e;
    }
  }
  return searchSites(q, signal);
}

/** Whether the commune search covers every commune (true once /communes answered). */
export function placesCoverAllCommunes(): boolean {
  return !communesMissing;
}
