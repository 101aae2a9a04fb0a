// The towns of the places a map shows: their names on the map (one per town, at the mean point
// of its places, by priority) and the words that describe a group of nearby places. Pure
// functions of the places, used by index.ts and clusters.ts.

import { dept } from '../../lib/dom';
import { plural } from '../../lib/labels';
import { townPriority, type TownLabel } from '../../map/names';
import { featKey, type Feat } from './points';

/** A place's town: the key of its name on the map, and the name. */
export interface Town {
  key: string;
  name: string;
}

/** How many towns a group's description names before « et N autres communes ». */
export const TOWNS_NAMED = 6;

/** `town:Name|dept` of a place's commune (the key of its name on the map), or null. */
export function townKey(f: Feat): string | null {
  return f.properties.commune ? `town:${f.properties.commune}|${dept(f.properties.departement)}` : null;
}

/** What a place weighs in its town name's priority: one, plus its offers (a lycée with forty
 * programmes names its town before a laboratory with none). */
export function placeWeight(f: Feat): number {
  return 1 + (f.properties.feature === 'actor' ? f.properties.offers : 0);
}

/** The names of the towns of `shown`: each town once, at the mean point of its places, with the
 * priority of its places' weight (townPriority), put forward when one of them is in `focus`
 * (featKey). The préfectures (`prefectures`: 'Rodez|12') are named by the basemap already.
 *
 *   townNames([figeacLycee, figeacIut, rodezLycee], new Set(), new Set(['Rodez|12']))
 *   // → [{ key: 'town:Figeac|46', name: 'Figeac', lat: …, lon: …, priority: … }]
 */
export function townNames(shown: Feat[], focus: ReadonlySet<string>, prefectures: ReadonlySet<string>): TownLabel[] {
  const by = new Map<string, { name: string; lat: number; lon: number; n: number; weight: number; focus: boolean }>();
  for (const f of shown) {
    const key = townKey(f);
    if (!key || prefectures.has(key.slice('town:'.length))) continue;
    const t = by.get(key) ?? { name: f.properties.commune!, lat: 0, lon: 0, n: 0, weight: 0, focus: false };
    t.lat += f.geometry.coordinates[1];
    t.lon += f.geometry.coordinates[0];
    t.n += 1;
    t.weight += placeWeight(f);
    t.focus ||= focus.has(featKey(f));
    by.set(key, t);
  }
  return [...by].map(([key, t]) => ({ key, name: t.name, lat: t.lat / t.n, lon: t.lon / t.n, priority: townPriority(t.weight, t.focus) }));
}

/** « 12 lieux : Nantes (8), Orvault (2), Rezé, Saint-Herblain » — the towns by their number of
 * places, then by name; places of no known commune counted, never named.
 *
 *   clusterText(3, [{ key: 'a', name: 'Rezé' }, { key: 'b', name: 'Nantes' }, { key: 'b', name: 'Nantes' }])
 *   // → '3 lieux : Nantes (2), Rezé'
 */
export function clusterText(count: number, towns: Town[]): string {
  const by = new Map<string, { name: string; n: number }>();
  for (const t of towns) {
    const e = by.get(t.key) ?? { name: t.name, n: 0 };
    e.n += 1;
    by.set(t.key, e);
  }
  const sorted = [...by.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'fr'));
  const named = sorted.slice(0, TOWNS_NAMED).map((t) => (t.n > 1 ? `${t.name} (${t.n})` : t.name));
  const rest = sorted.length - named.length;
  const list = named.join(', ') + (rest > 0 ? ` et ${plural(rest, 'autre commune', 'autres communes')}` : '');
  return `${plural(count, 'lieu', 'lieux')}${list ? ` : ${list}` : ''}`;
}
