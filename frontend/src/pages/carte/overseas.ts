// The overseas places of the map, by territory: a view of metropolitan France leaves them out,
// so the page offers one button per territory that frames them.

import { inMetropole } from '../../map/basemap';
import type { Feat } from './points';

const NAMES: Record<string, string> = {
  '971': 'Guadeloupe',
  '972': 'Martinique',
  '973': 'Guyane',
  '974': 'La Réunion',
  '975': 'Saint-Pierre-et-Miquelon',
  '976': 'Mayotte',
  '977': 'Saint-Barthélemy',
  '978': 'Saint-Martin',
  // the education directory's codes for the Pacific (académies of Nouméa and Papeete)
  '983': 'Nouvelle-Calédonie',
  '984': 'Polynésie française',
  '986': 'Wallis-et-Futuna',
  '987': 'Polynésie française',
  '988': 'Nouvelle-Calédonie',
};

export interface Overseas {
  name: string;
  /** [lat, lon] of its places. */
  points: [number, number][];
}

/** The places outside metropolitan France, grouped by territory. */
export function overseasGroups(features: Feat[]): Overseas[] {
  const groups = new Map<string, Overseas>();
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    if (inMetropole(lat, lon)) continue;
    const code = f.properties.departement ?? '';
    const name = NAMES[code] ?? 'Autres lieux hors de la métropole';
    const g = groups.get(name) ?? { name, points: [] };
    g.points.push([lat, lon]);
    groups.set(name, g);
  }
  // in the order of the codes (Antilles, Guyane, océan Indien, Pacifique), the others last
  const order = Object.values(NAMES);
  const rank = (n: string): number => (order.includes(n) ? order.indexOf(n) : order.length);
  return [...groups.values()].sort((a, b) => rank(a.name) - rank(b.name));
}
